import type { ValueKind } from '@kindling/contracts/filter-plan';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * How the filter compiler reads a field's value in SQL, for whichever table holds it (leads, companies, …): a
 * real column, or a key of a jsonb `attributes` column. Values come back typed and NULL when empty or not of the
 * field's type (contracts/filters.ts semantics); junk data never raises. Keys and values are bound parameters.
 */

/** A built-in column: text columns treat '' as empty. */
export function columnValueSql(column: AnyColumn): SQL {
  return column.getSQLType() === 'text' ? sql`nullif(${column}, '')` : sql`${column}`;
}

/** A comparison bound for a column, cast to the column's SQL type. */
export function columnBoundSql(column: AnyColumn, kind: ValueKind, value: string | number): SQL {
  if (kind === 'number') return sql`${value}::numeric`;
  return column.getSQLType().startsWith('timestamp') ? sql`${value}::timestamptz` : sql`${value}::text`;
}

/** `attributes ->> key`, read only when the JSON type matches (guarded casts). */
export function attributeValueSql(attributes: AnyColumn, key: string, kind: ValueKind): SQL {
  const raw = sql`(${attributes} -> ${key}::text)`;
  const text = sql`(${attributes} ->> ${key}::text)`;
  switch (kind) {
    case 'number':
      return sql`(case when jsonb_typeof(${raw}) = 'number' then ${text}::numeric end)`;
    case 'boolean':
      return sql`(case when jsonb_typeof(${raw}) = 'boolean' then ${text}::boolean end)`;
    case 'multi':
      return sql`(case when jsonb_typeof(${raw}) = 'array' and jsonb_array_length(${raw}) > 0 then ${raw} end)`;
    case 'date':
    case 'datetime': {
      // Same patterns as the evaluator's DATE_SHAPE / DATETIME_SHAPE; compared as ISO strings, byte-wise.
      const shape = kind === 'date' ? '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' : '^[0-9]{4}-[0-9]{2}-[0-9]{2}T';
      return sql`(case when jsonb_typeof(${raw}) = 'string' and ${text} ~ ${shape}::text then ${text} end) collate "C"`;
    }
    default:
      return sql`(case when jsonb_typeof(${raw}) = 'string' and ${text} <> '' then ${text} end)`;
  }
}

export const attributeBoundSql = (kind: ValueKind, value: string | number): SQL =>
  kind === 'number' ? sql`${value}::numeric` : sql`${value}::text`;

/** Containment fast path for exact matches (served by a jsonb_path_ops GIN index where there is one). */
export const attributeContainmentSql = (attributes: AnyColumn, key: string, json: unknown): SQL =>
  sql`${attributes} @> ${JSON.stringify({ [key]: json })}::jsonb`;
