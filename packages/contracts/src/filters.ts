import { z } from 'zod';
import type { FieldDefinition, FieldType } from './fields';

/**
 * The one filter language (ARCHITECTURE §6): a JSON AST used by lead search, segments, dynamic tags, stage rules,
 * scoring and journeys. One SQL compiler (server: modules/segments/compile-sql.ts) and one in-memory evaluator
 * (./filter-evaluate.ts) give it meaning; a property test keeps them in agreement.
 *
 * Semantics (SQL and evaluator implement exactly this):
 * - A group is `and`/`or` over its children, optionally negated; an empty group matches every lead.
 * - A field is "empty" when its value is missing, null, '' or [] — or not of the field's type (a string in a
 *   number field is junk and counts as no value; it never raises a SQL error).
 * - Positive operators (equals, contains, gt, before, has_any, is_true, …) never match an empty value.
 * - Negative operators (not_equals, not_contains, not_in_list, has_none) are the exact complement of their positive
 *   twin, so they DO match empty values: "company is not Acme" includes leads without a company.
 * - Text comparisons (equals, in_list, contains, starts_with on text-like types) ignore ASCII letter case
 *   (A–Z ≡ a–z). Other characters compare exactly, so the result is the same on every database locale.
 * - Select, user, number and boolean comparisons are exact. Property predicates of behaviour conditions are exact,
 *   except `contains`, which ignores ASCII case like text.
 * - Dates are 'YYYY-MM-DD'; datetimes are ISO 8601 instants, or a 'YYYY-MM-DD' day read in the workspace time
 *   zone. `before D` ends at the start of day D, `after D` starts after day D ends, `between [A, B]` includes
 *   both days. `within_last_days N` is from the start of the day N days ago (workspace time zone) up to now;
 *   `more_than_days_ago N` is before that start. Custom datetime values are compared as ISO strings, so writers
 *   store `Date.toISOString()` (UTC, with milliseconds).
 * - A behaviour condition counts the lead's activities of `activityType` (matching every property predicate)
 *   from the start of the day `withinDays` ago, in the workspace time zone, up to now; `at_least N` is count ≥ N
 *   (so `at_least 0` always holds) and `at_most N` is count ≤ N (`at_most 0`: never did it).
 */

export const MAX_FILTER_DEPTH = 8;
export const MAX_FILTER_CONDITIONS = 200;
/** The structural pre-check stops walking after this many nodes, so absurd input costs little. */
const MAX_FILTER_NODES = 1_000;

export const ZFieldCondition = z
  .object({
    kind: z.literal('field'),
    field: z.string().min(1).max(100),
    operator: z.string().min(1).max(40),
    value: z.unknown().optional(),
  })
  .strict();
export type FieldCondition = z.infer<typeof ZFieldCondition>;

export const PROPERTY_OPERATORS = ['equals', 'not_equals', 'contains', 'exists'] as const;

/** A property path: dot-separated identifiers (`utm.source`). Numeric segments are refused (no array indexing). */
export const ZPropertyPath = z
  .string()
  .max(200)
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,4}$/, 'Use up to 5 dot-separated names');

export const ZPropertyPredicate = z
  .object({
    path: ZPropertyPath,
    operator: z.enum(PROPERTY_OPERATORS),
    value: z.union([z.string().max(500), z.number().finite(), z.boolean()]).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.operator === 'exists') {
      if (p.value !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'exists takes no value' });
    } else if (p.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'A value is required' });
    } else if (p.operator === 'contains' && (typeof p.value !== 'string' || p.value === '')) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'contains needs a non-empty text value' });
    }
  });
export type PropertyPredicate = z.infer<typeof ZPropertyPredicate>;

export const ZBehaviourCondition = z
  .object({
    kind: z.literal('behaviour'),
    activityType: z.string().trim().min(1).max(100),
    properties: z.array(ZPropertyPredicate).max(10).optional(),
    comparison: z.enum(['at_least', 'at_most']),
    count: z.number().int().min(0).max(100_000),
    withinDays: z.number().int().min(1).max(3650),
  })
  .strict();
export type BehaviourCondition = z.infer<typeof ZBehaviourCondition>;

export interface FilterGroup {
  kind: 'group';
  op: 'and' | 'or';
  negate?: boolean | undefined;
  children: FilterNode[];
}
export type FilterNode = FilterGroup | FieldCondition | BehaviourCondition;

export const ZFilterGroup: z.ZodType<FilterGroup> = z.lazy(() =>
  z
    .object({
      kind: z.literal('group'),
      op: z.enum(['and', 'or']),
      negate: z.boolean().optional(),
      children: z.array(ZFilterNode).max(MAX_FILTER_CONDITIONS),
    })
    .strict(),
);

/** The recursive node schema. Parse untrusted input with `ZFilter`, which bounds the size first. */
export const ZFilterNode: z.ZodType<FilterNode> = z.lazy(() =>
  z.discriminatedUnion('kind', [ZFilterGroup as never, ZFieldCondition, ZBehaviourCondition]),
) as z.ZodType<FilterNode>;

export interface FilterIssue {
  path: string;
  message: string;
}

const isGroupLike = (v: unknown): v is { children: unknown[] } =>
  typeof v === 'object' && v !== null && Array.isArray((v as { children?: unknown }).children);

/**
 * Depth and size limits, checked iteratively (no recursion), before the recursive schema runs: 1,000 nested
 * groups fail here in microseconds instead of overflowing a stack. `path` prefixes the reported paths.
 */
export function filterBoundsIssues(raw: unknown, path = 'filter'): FilterIssue[] {
  const stack: { node: unknown; depth: number; path: string }[] = [{ node: raw, depth: 1, path }];
  let nodes = 0;
  let conditions = 0;
  while (stack.length > 0) {
    const { node, depth, path: at } = stack.pop()!;
    nodes += 1;
    if (nodes > MAX_FILTER_NODES) break;
    if (!isGroupLike(node)) {
      conditions += 1;
      continue;
    }
    if (depth > MAX_FILTER_DEPTH) {
      return [{ path: at, message: `Groups can be nested at most ${MAX_FILTER_DEPTH} levels deep` }];
    }
    node.children.forEach((child, i) => stack.push({ node: child, depth: depth + 1, path: `${at}.children.${i}` }));
  }
  if (conditions > MAX_FILTER_CONDITIONS || nodes > MAX_FILTER_NODES) {
    return [{ path, message: `A filter can have at most ${MAX_FILTER_CONDITIONS} conditions` }];
  }
  return [];
}

/** A filter from untrusted input: bounded first (cheap, iterative), then parsed structurally. */
export const ZFilter: z.ZodType<FilterNode, unknown> = z
  .unknown()
  .superRefine((raw, ctx) => {
    for (const issue of filterBoundsIssues(raw, '')) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path.split('.').filter(Boolean) });
    }
  })
  .pipe(ZFilterNode);

export const EMPTY_FILTER: FilterGroup = { kind: 'group', op: 'and', children: [] };

/* ------------------------------------------------------------------------------------------------------------ */
/* Operator registry                                                                                            */
/* ------------------------------------------------------------------------------------------------------------ */

/** What an operator's `value` looks like: nothing, one scalar, a list, a [from, to] range, or a number of days. */
export type ValueShape = 'none' | 'one' | 'list' | 'range' | 'days';

export interface OperatorSpec {
  shape: ValueShape;
}

const ops = <T extends string>(spec: Record<T, ValueShape>): Record<T, OperatorSpec> =>
  Object.fromEntries(Object.entries(spec).map(([k, shape]) => [k, { shape }])) as Record<T, OperatorSpec>;

const TEXT_OPERATORS = ops({
  equals: 'one',
  not_equals: 'one',
  contains: 'one',
  not_contains: 'one',
  starts_with: 'one',
  in_list: 'list',
  is_empty: 'none',
  is_not_empty: 'none',
});
const NUMBER_OPERATORS = ops({
  equals: 'one',
  not_equals: 'one',
  gt: 'one',
  gte: 'one',
  lt: 'one',
  lte: 'one',
  between: 'range',
  is_empty: 'none',
  is_not_empty: 'none',
});
const DATE_OPERATORS = ops({
  before: 'one',
  after: 'one',
  between: 'range',
  within_last_days: 'days',
  more_than_days_ago: 'days',
  is_empty: 'none',
  is_not_empty: 'none',
});
const SELECT_OPERATORS = ops({
  equals: 'one',
  not_equals: 'one',
  in_list: 'list',
  not_in_list: 'list',
  is_empty: 'none',
  is_not_empty: 'none',
});
const MULTI_SELECT_OPERATORS = ops({
  has_any: 'list',
  has_all: 'list',
  has_none: 'list',
  is_empty: 'none',
  is_not_empty: 'none',
});
const BOOLEAN_OPERATORS = ops({ is_true: 'none', is_false: 'none', is_empty: 'none' });

/** Operators allowed per field type. A field type added to FIELD_TYPES must get an entry (the type checks it). */
export const OPERATORS_BY_TYPE: Record<FieldType, Readonly<Record<string, OperatorSpec>>> = {
  text: TEXT_OPERATORS,
  long_text: TEXT_OPERATORS,
  email: TEXT_OPERATORS,
  phone: TEXT_OPERATORS,
  url: TEXT_OPERATORS,
  number: NUMBER_OPERATORS,
  date: DATE_OPERATORS,
  datetime: DATE_OPERATORS,
  single_select: SELECT_OPERATORS,
  user: SELECT_OPERATORS,
  multi_select: MULTI_SELECT_OPERATORS,
  boolean: BOOLEAN_OPERATORS,
};

export function operatorsFor(type: FieldType): string[] {
  return Object.keys(OPERATORS_BY_TYPE[type]);
}

export function operatorSpec(type: FieldType, operator: string): OperatorSpec | undefined {
  const table = OPERATORS_BY_TYPE[type];
  return Object.hasOwn(table, operator) ? table[operator] : undefined;
}

export const TEXT_LIKE_TYPES: ReadonlySet<FieldType> = new Set(['text', 'long_text', 'email', 'phone', 'url']);

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
  }, 'Not a calendar date');
const ZInstant = z.iso.datetime({ offset: true });

/** The scalar a condition compares against, per field type. */
export function scalarSchema(type: FieldType): z.ZodType {
  if (TEXT_LIKE_TYPES.has(type)) return z.string().min(1, 'Enter a value').max(500);
  switch (type) {
    case 'number':
      return z.number().finite();
    case 'date':
      return ZDay;
    case 'datetime':
      return z.union([ZDay, ZInstant], { error: 'Use YYYY-MM-DD or an ISO 8601 date-time' });
    case 'user':
      return z.uuid();
    default:
      return z.string().min(1).max(100);
  }
}

/** The Zod schema of `value` for this type and operator. */
export function valueSchema(type: FieldType, operator: string): z.ZodType {
  const spec = operatorSpec(type, operator);
  const scalar = scalarSchema(type);
  switch (spec?.shape) {
    case 'one':
      return scalar;
    case 'list':
      return z.array(scalar).min(1).max(100);
    case 'range':
      return z.tuple([scalar, scalar]).refine(([a, b]) => type === 'datetime' || (a as number) <= (b as number), {
        message: 'The range starts after it ends',
      });
    case 'days':
      return z.number().int().min(0).max(3650);
    default:
      return z.undefined({ error: 'This operator takes no value' });
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Validation against a field catalogue                                                                         */
/* ------------------------------------------------------------------------------------------------------------ */

export function catalogIndex(catalog: readonly FieldDefinition[]): Map<string, FieldDefinition> {
  return new Map(catalog.map((f) => [f.key, f]));
}

function validateFieldCondition(node: FieldCondition, fields: Map<string, FieldDefinition>, at: string) {
  const def = fields.get(node.field);
  if (!def) return [{ path: `${at}.field`, message: `Unknown field "${node.field.slice(0, 100)}"` }];
  if (!operatorSpec(def.type, node.operator)) {
    return [{ path: `${at}.operator`, message: `Operator not allowed for a ${def.type} field` }];
  }
  const parsed = valueSchema(def.type, node.operator).safeParse(node.value);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({ path: [at, 'value', ...i.path].join('.'), message: i.message }));
  }
  if (def.type !== 'single_select' && def.type !== 'multi_select') return [];
  const allowed = new Set(def.options.map((o) => o.value));
  const values: unknown[] = Array.isArray(node.value) ? node.value : [node.value];
  return values.flatMap((v, i) =>
    typeof v === 'string' && !allowed.has(v)
      ? [{ path: Array.isArray(node.value) ? `${at}.value.${i}` : `${at}.value`, message: 'Not one of the options' }]
      : [],
  );
}

/**
 * Checks a parsed filter against the workspace's field catalogue: unknown fields, operators the field type does
 * not allow, values of the wrong shape or type, select values that are not options, and the size limits.
 * Archived fields stay usable (existing segments keep working). Returns [] when the filter is valid.
 */
export function validateFilter(node: FilterNode, catalog: readonly FieldDefinition[], path = 'filter'): FilterIssue[] {
  const bounds = filterBoundsIssues(node, path);
  if (bounds.length > 0) return bounds;
  const fields = catalogIndex(catalog);
  const issues: FilterIssue[] = [];
  const stack: { node: FilterNode; path: string }[] = [{ node, path }];
  while (stack.length > 0) {
    const { node: current, path: at } = stack.pop()!;
    if (current.kind === 'group') {
      current.children.forEach((child, i) => stack.push({ node: child, path: `${at}.children.${i}` }));
    } else if (current.kind === 'field') {
      issues.push(...validateFieldCondition(current, fields, at));
    }
  }
  return issues.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
