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
import { COMPANY_SQL_SOURCES } from '../companies/filter-sources';
import { BUILT_IN_COLUMNS } from '../fields/builtin';
import { leads } from '../leads/schema';
import {
  attributeBoundSql,
  attributeContainmentSql,
  attributeValueSql,
  columnBoundSql,
  columnValueSql,
} from './field-value-sql';

/**
 * Compiles a filter AST (validated with `validateFilter`) into a boolean SQL expression over `leads`, with the
 * semantics documented in contracts/filters.ts (the evaluator in contracts/filter-evaluate.ts implements the same;
 * filter.property.test.ts keeps them in agreement). Every user value is a bound parameter; field keys come from
 * the catalogue and are bound too.
 *
 * NULL handling: a condition under an odd number of negations compiles to a non-null boolean (coalesce), so `not`
 * is exact. Elsewhere it is left bare: there a NULL can only ever turn the whole filter into NULL where it would
 * have been false (the filter is monotone in that condition), and WHERE treats both alike. Bare predicates keep
 * `email = $1` or `attributes @> $1` recognisable to the planner, so indexes serve them (a coalesce hides them).
 * Hence the result is a WHERE condition: wrap it in `coalesce(…, false)` to use it as a value.
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
  /**
   * The stored value itself, without the empty-value guard of `value`: exact comparisons with non-empty text can
   * use it (and an index on it), since '' or NULL never equal such a value anyway.
   */
  storedValue?(def: FieldDefinition): SQL;
  /**
   * For values that live in another table's row (the lead's company): turns the positive predicate, written over
   * that table, into a condition over `leads`. `matchesMissing`: the predicate is "is empty", which a lead without
   * such a row satisfies too. Without `relate`, values are read from the `leads` row itself.
   */
  relate?(predicate: SQL, matchesMissing: boolean, workspaceId: string): SQL;
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
  value: (def) => columnValueSql(columnOf(def)!),
  bound: (def, kind, value) => columnBoundSql(columnOf(def)!, kind, value),
  lowercased: (def) => def.type === 'email',
  storedValue: (def) => sql`${columnOf(def)!}`,
};

/** Custom fields: `leads.attributes ->> key`, read only when the JSON type matches (guarded casts). */
const attributeSource: SqlFieldSource = {
  name: 'attribute',
  handles: (def) => !def.builtIn,
  value: (def, kind) => attributeValueSql(leads.attributes, def.key, kind),
  bound: (_def, kind, value) => attributeBoundSql(kind, value),
  containment: (def, json) => attributeContainmentSql(leads.attributes, def.key, json),
};

// Company fields (`company.*`) come first: the lead attribute source would otherwise claim their custom ones.
const fieldSources: SqlFieldSource[] = [...COMPANY_SQL_SOURCES, columnSource, attributeSource];

/**
 * The field's typed value as SQL over `leads` (NULL when empty or not of the field's type, never raising), from
 * whichever source holds it; undefined when no source does. The list's sorting orders by it.
 */
export function fieldValueSql(def: FieldDefinition, kind: ValueKind): SQL | undefined {
  // Sources that relate another table (company fields) read that table's row, not the lead's: not sortable here.
  return fieldSources.find((source) => source.handles(def) && !source.relate)?.value(def, kind);
}

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

/**
 * Whether text equality with these (already case-folded) values needs no folding of the stored value: when it is
 * stored lower-cased, or when no value has an ASCII letter (folding only changes A–Z, so `fold(x) = '广东'` holds
 * exactly when `x = '广东'`). Values must be non-empty, so the empty-value guard is not needed either.
 */
function foldFree(def: FieldDefinition, values: unknown[], source: SqlFieldSource): boolean {
  if (!values.every((v) => typeof v === 'string' && v !== '')) return false;
  return source.lowercased?.(def) === true || values.every((v) => !/[A-Za-z]/.test(v as string));
}

function equalitySql(def: FieldDefinition, kind: ValueKind, values: unknown[], source: SqlFieldSource): SQL {
  const value = source.value(def, kind);
  if (kind === 'text') {
    if (!foldFree(def, values, source)) return sql`${fold(value)} in (${list(values)})`;
    // Index-friendly forms: the bare column (btree), or JSON containment of the string (GIN).
    if (source.storedValue) return sql`${source.storedValue(def)} in (${list(values)})`;
    if (source.containment) return anyOf(values.map((v) => source.containment!(def, v)));
    return sql`${value} in (${list(values)})`;
  }
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

export function compileFieldPlan(
  def: FieldDefinition,
  plan: FieldPlan,
  source: SqlFieldSource,
  workspaceId: string,
  underNegation: boolean,
): SQL {
  const predicate = predicateSql(def, plan.kind, plan.predicate, source);
  const related = source.relate ? source.relate(predicate, plan.predicate.op === 'empty', workspaceId) : predicate;
  if (plan.negate) return sql`(not coalesce(${related}, false))`;
  return underNegation ? sql`coalesce(${related}, false)` : related;
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

/** `underNegation`: the node sits under an odd number of negated groups (see the NULL note at the top). */
function compileNode(
  node: FilterNode,
  options: CompileOptions,
  fields: Map<string, FieldDefinition>,
  underNegation: boolean,
): SQL {
  if (node.kind === 'group') {
    if (node.children.length === 0) return node.negate ? sql`false` : sql`true`;
    const childrenNegated = underNegation !== (node.negate === true);
    const joined = sql.join(
      node.children.map((child) => compileNode(child, options, fields, childrenNegated)),
      node.op === 'and' ? sql` and ` : sql` or `,
    );
    return node.negate ? sql`(not (${joined}))` : sql`(${joined})`;
  }
  if (node.kind === 'field') {
    const def = fields.get(node.field);
    const source = def && fieldSources.find((s) => s.handles(def));
    if (!def || !source) return sql`false`;
    const plan = planFieldCondition(def, node, options);
    return compileFieldPlan(def, plan, source, options.workspaceId, underNegation);
  }
  const compile = conditionKinds.get(node.kind);
  return compile ? compile(node, options, fields) : sql`false`;
}

/** A WHERE condition over `leads` (use it in a query on the leads table, scoped by workspace). */
export function compileFilter(node: FilterNode, options: CompileOptions): SQL {
  return compileNode(node, options, catalogIndex(options.catalog), false);
}
