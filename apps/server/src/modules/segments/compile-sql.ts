import type { FieldDefinition } from '@kindling/contracts/fields';
import {
  behaviourWindow,
  foldCase,
  planFieldCondition,
  type Bound,
  type FieldPlan,
  type PlanClock,
  type Predicate,
  type ValueKind,
} from '@kindling/contracts/filter-plan';
import {
  catalogIndex,
  type BehaviourCondition,
  type FilterNode,
  type PropertyPredicate,
} from '@kindling/contracts/filters';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { activities } from '../activities/schema';
import { BUILT_IN_COLUMNS } from '../fields/builtin';
import { leads } from '../leads/schema';

/**
 * Compiles a filter AST (validated with `validateFilter`) into a boolean SQL expression over `leads`, with the
 * semantics documented in contracts/filters.ts (the evaluator in contracts/filter-evaluate.ts implements the same;
 * filter.property.test.ts keeps them in agreement). Every user value is a bound parameter; field keys come from
 * the catalogue and are bound too. Every condition compiles to a non-null boolean (coalesce), so `not` is exact.
 */

export interface CompileOptions extends PlanClock {
  catalog: readonly FieldDefinition[];
  workspaceId: string;
}

/** Where a field's value lives in SQL. Later modules (company columns, …) register their own source. */
export interface SqlFieldSource {
  name: string;
  handles(def: FieldDefinition): boolean;
  /** The field's typed value: NULL when empty or not of the field's type. Never raises for junk data. */
  value(def: FieldDefinition, kind: ValueKind): SQL;
  /** A comparison bound, cast to the value's SQL type. */
  bound(def: FieldDefinition, kind: ValueKind, value: string | number): SQL;
  /** Containment fast path for exact matches (served by the jsonb_path_ops GIN index). */
  containment?(def: FieldDefinition, json: unknown): SQL;
  /** Values are stored lower-cased already (built-in email), so equality needs no folding (index-friendly). */
  lowercased?(def: FieldDefinition): boolean;
}

const fold = (value: SQL) => sql`translate(${value}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
const list = (values: readonly unknown[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

const columnOf = (def: FieldDefinition): AnyColumn | undefined =>
  Object.hasOwn(BUILT_IN_COLUMNS, def.key) ? BUILT_IN_COLUMNS[def.key] : undefined;

/** Built-in fields: real `leads` columns (fields/builtin.ts maps each catalogue key to its column). */
const columnSource: SqlFieldSource = {
  name: 'column',
  handles: (def) => def.builtIn && columnOf(def) !== undefined,
  value(def) {
    const column = columnOf(def)!;
    return column.getSQLType() === 'text' ? sql`nullif(${column}, '')` : sql`${column}`;
  },
  bound(def, kind, value) {
    if (kind === 'number') return sql`${value}::numeric`;
    return columnOf(def)!.getSQLType().startsWith('timestamp') ? sql`${value}::timestamptz` : sql`${value}::text`;
  },
  lowercased: (def) => def.type === 'email',
};

/** Custom fields: `leads.attributes ->> key`, read only when the JSON type matches (guarded casts). */
const attributeSource: SqlFieldSource = {
  name: 'attribute',
  handles: (def) => !def.builtIn,
  value(def, kind) {
    const raw = sql`(${leads.attributes} -> ${def.key}::text)`;
    const text = sql`(${leads.attributes} ->> ${def.key}::text)`;
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
  },
  bound: (_def, kind, value) => (kind === 'number' ? sql`${value}::numeric` : sql`${value}::text`),
  containment: (def, json) => sql`${leads.attributes} @> ${JSON.stringify({ [def.key]: json })}::jsonb`,
};

const fieldSources: SqlFieldSource[] = [columnSource, attributeSource];

/** Registers a field source ahead of the built-in ones (mirror it with registerEvaluatorFieldSource). */
export function registerSqlFieldSource(source: SqlFieldSource): void {
  fieldSources.unshift(source);
}

function rangeSql(value: SQL, lower: Bound | undefined, upper: Bound | undefined, b: (v: string | number) => SQL) {
  const parts: SQL[] = [];
  if (lower) parts.push(lower.inclusive ? sql`${value} >= ${b(lower.value)}` : sql`${value} > ${b(lower.value)}`);
  if (upper) parts.push(upper.inclusive ? sql`${value} <= ${b(upper.value)}` : sql`${value} < ${b(upper.value)}`);
  return sql.join(parts, sql` and `);
}

function anyOf(parts: SQL[]): SQL {
  return parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` or `)})`;
}

function equalitySql(def: FieldDefinition, kind: ValueKind, values: unknown[], source: SqlFieldSource): SQL {
  const value = source.value(def, kind);
  if (kind === 'text')
    return source.lowercased?.(def) ? sql`${value} in (${list(values)})` : sql`${fold(value)} in (${list(values)})`;
  if (source.containment) return anyOf(values.map((v) => source.containment!(def, v)));
  return sql`${value} in (${list(values)})`;
}

function predicateSql(def: FieldDefinition, kind: ValueKind, p: Predicate, source: SqlFieldSource): SQL {
  const value = () => source.value(def, kind);
  switch (p.op) {
    case 'empty':
      return sql`${value()} is null`;
    case 'eq':
      return equalitySql(def, kind, p.values, source);
    case 'contains':
      return sql`strpos(${fold(value())}, ${p.needle}::text) > 0`;
    case 'starts_with':
      return sql`starts_with(${fold(value())}, ${p.needle}::text)`;
    case 'range':
      return rangeSql(value(), p.lower, p.upper, (v) => source.bound(def, kind, v));
    case 'bool':
      return source.containment ? source.containment(def, p.value) : sql`${value()} = ${p.value}`;
    case 'has_any':
    case 'has_all':
      if (!source.containment) throw new Error(`filter: ${source.name} fields do not support ${p.op}`);
      return p.op === 'has_all'
        ? source.containment(def, p.values)
        : anyOf(p.values.map((v) => source.containment!(def, [v])));
  }
}

export function compileFieldPlan(def: FieldDefinition, plan: FieldPlan, source: SqlFieldSource): SQL {
  const positive = sql`coalesce(${predicateSql(def, plan.kind, plan.predicate, source)}, false)`;
  return plan.negate ? sql`(not ${positive})` : positive;
}

function propertySql(p: PropertyPredicate): SQL {
  const keys = sql.join(
    p.path.split('.').map((k) => sql`${k}::text`),
    sql`, `,
  );
  const at = sql`jsonb_extract_path(a.properties, ${keys})`;
  switch (p.operator) {
    case 'exists':
      return sql`coalesce(jsonb_typeof(${at}) <> 'null', false)`;
    case 'equals':
      return sql`coalesce(${at} = ${JSON.stringify(p.value)}::jsonb, false)`;
    case 'not_equals':
      return sql`(not coalesce(${at} = ${JSON.stringify(p.value)}::jsonb, false))`;
    case 'contains':
      return sql`coalesce(jsonb_typeof(${at}) = 'string' and strpos(${fold(sql`(${at} #>> '{}')`)}, ${foldCase(String(p.value))}::text) > 0, false)`;
  }
}

/** "Did activity T (with these properties) at least / at most N times in the window": a correlated count. */
export function compileBehaviour(node: BehaviourCondition, clock: PlanClock): SQL {
  if (node.comparison === 'at_least' && node.count === 0) return sql`true`;
  const { since, until } = behaviourWindow(node, clock);
  const predicates = (node.properties ?? []).map((p) => sql` and ${propertySql(p)}`);
  const count = sql`(select count(*) from ${activities} a
    where a.workspace_id = ${leads.workspaceId} and a.lead_id = ${leads.id} and a.type = ${node.activityType}::text
      and a.occurred_at >= ${since}::timestamptz and a.occurred_at <= ${until}::timestamptz${sql.join(predicates)})`;
  return node.comparison === 'at_least' ? sql`(${count} >= ${node.count}::int)` : sql`(${count} <= ${node.count}::int)`;
}

/** Condition kinds beyond fields and groups (tags, stage, score, …) register a compiler here. */
export type SqlConditionCompiler = (
  node: FilterNode,
  options: CompileOptions,
  fields: Map<string, FieldDefinition>,
) => SQL;

const conditionKinds = new Map<string, SqlConditionCompiler>([
  ['behaviour', (node, options) => compileBehaviour(node as BehaviourCondition, options)],
]);

export function registerSqlCondition(kind: string, compile: SqlConditionCompiler): void {
  conditionKinds.set(kind, compile);
}

function compileNode(node: FilterNode, options: CompileOptions, fields: Map<string, FieldDefinition>): SQL {
  if (node.kind === 'group') {
    if (node.children.length === 0) return node.negate ? sql`false` : sql`true`;
    const joined = sql.join(
      node.children.map((child) => compileNode(child, options, fields)),
      node.op === 'and' ? sql` and ` : sql` or `,
    );
    return node.negate ? sql`(not (${joined}))` : sql`(${joined})`;
  }
  if (node.kind === 'field') {
    const def = fields.get(node.field);
    const source = def && fieldSources.find((s) => s.handles(def));
    if (!def || !source) return sql`false`;
    return compileFieldPlan(def, planFieldCondition(def, node, options), source);
  }
  const compile = conditionKinds.get(node.kind);
  return compile ? compile(node, options, fields) : sql`false`;
}

/** A boolean SQL expression over `leads` (use it in a query on the leads table, scoped by workspace). */
export function compileFilter(node: FilterNode, options: CompileOptions): SQL {
  return compileNode(node, options, catalogIndex(options.catalog));
}
