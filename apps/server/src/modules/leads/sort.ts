import type { FieldDefinition } from '@kindling/contracts/fields';
import { valueKind } from '@kindling/contracts/filter-plan';
import { CUSTOM_SORT_PREFIX } from '@kindling/contracts/leads';
import { sql, type SQL } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { invalid } from '../../platform/http/errors';
import { BUILT_IN_COLUMNS, BUILT_IN_FIELDS } from '../fields/builtin';
import { getFieldCatalog } from '../fields/service';
import { fieldValueSql } from '../segments/compile-sql';
import { leads } from './schema';

/**
 * ORDER BY for the lead lists: any built-in field, or a custom field as `attr.<key>`. Values are read typed, the
 * way the filter language reads them (contracts/filters.ts): numbers numerically, dates and date-times
 * chronologically, text ignoring case, select options in their defined order. A value that is missing or not of
 * the field's type never raises; it sorts with the empty ones, last in both directions. The lead id breaks ties,
 * so pages never repeat or skip rows. Field keys reach SQL as bound parameters only.
 */

async function sortField(tx: Db, ctx: ServiceContext, sort: string): Promise<FieldDefinition | undefined> {
  if (!sort.startsWith(CUSTOM_SORT_PREFIX)) return BUILT_IN_FIELDS.find((field) => field.key === sort);
  const key = sort.slice(CUSTOM_SORT_PREFIX.length);
  // Archived fields stay sortable: their values are kept and the list may still show them.
  return (await getFieldCatalog(tx, ctx)).find((field) => !field.builtIn && field.key === key);
}

/** Options sort in the order the field defines them; a stored value that is no option sorts with the empty ones. */
function optionRank(field: FieldDefinition, value: SQL): SQL {
  const cases = field.options.map((option, rank) => sql`when ${option.value}::text then ${rank}::int`);
  return sql`(case ${value} ${sql.join(cases, sql` `)} end)`;
}

function sortValue(field: FieldDefinition): { value: SQL; neverEmpty: boolean } {
  // The owner column shows names, so it sorts by name (the lists join the owner's user row).
  if (field.builtIn && field.key === 'ownerId') return { value: sql`lower(${users.name})`, neverEmpty: false };
  const column = field.builtIn ? BUILT_IN_COLUMNS[field.key] : undefined;
  // Plain NOT NULL columns order as they are, so the (workspace, created_at desc, id desc) index serves the default.
  if (column?.notNull && column.getSQLType() !== 'text') return { value: sql`${column}`, neverEmpty: true };
  const kind = valueKind(field.type);
  const value = fieldValueSql(field, kind);
  if (!value) throw new Error(`sort: no SQL source for field ${field.key}`);
  if (kind === 'text') return { value: sql`lower(${value})`, neverEmpty: false };
  if (kind === 'select' && field.options.length > 0) return { value: optionRank(field, value), neverEmpty: false };
  return { value, neverEmpty: false };
}

/**
 * The ORDER BY terms for `sort` (built-in key or `attr.<key>`) and `order`; 400 at `path` when the workspace has
 * no such field. Use in a query over `leads` left-joined with the owner's `users` row.
 */
export async function leadOrderBy(
  tx: Db,
  ctx: ServiceContext,
  sort: string,
  order: 'asc' | 'desc',
  path: string,
): Promise<SQL[]> {
  const field = await sortField(tx, ctx, sort);
  if (!field) throw invalid([{ path, message: `Unknown field "${sort}"` }], `Cannot sort by unknown field "${sort}"`);
  const { value, neverEmpty } = sortValue(field);
  const direction = order === 'asc' ? sql`asc` : sql`desc`;
  return [
    neverEmpty ? sql`${value} ${direction}` : sql`${value} ${direction} nulls last`,
    sql`${leads.id} ${direction}`,
  ];
}
