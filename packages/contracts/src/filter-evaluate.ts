import { companyKeyOf, isCompanyFilterKey } from './company-filter-fields';
import type { FieldDefinition } from './fields';
import {
  behaviourWindow,
  foldCase,
  planFieldCondition,
  type Bound,
  type FieldPlan,
  type PlanClock,
  type Predicate,
  type ValueKind,
} from './filter-plan';
import { catalogIndex, type BehaviourCondition, type FilterNode, type PropertyPredicate } from './filters';

/**
 * The in-memory evaluator: "does this lead match now?" for event-driven paths (dynamic tags, stage rules,
 * journeys). Implements exactly the semantics documented in ./filters.ts, which the SQL compiler also implements;
 * a property test checks that the two agree. Pure and isomorphic.
 */

export interface EvaluableLead {
  /** Built-in fields by their catalogue key (camelCase), e.g. `companyName`, `createdAt` (Date or ISO string). */
  [builtInKey: string]: unknown;
  attributes: Record<string, unknown>;
  /** The lead's company, for `company.*` conditions; absent or null = no company (every company value empty). */
  company?: EvaluableCompany | null | undefined;
}

export interface EvaluableCompany {
  /** Built-in company fields by key, e.g. `name`, `size`. */
  [builtInKey: string]: unknown;
  attributes: Record<string, unknown>;
}

export interface EvaluableActivity {
  type: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

export interface EvaluationContext extends PlanClock {
  catalog: readonly FieldDefinition[];
  /** This lead's activities (at least those in the windows the filter looks at). */
  activities: readonly EvaluableActivity[];
}

/**
 * Where a field's raw value comes from. Later modules (company fields, …) register a source for the definitions
 * they own; the first source whose `handles` accepts a definition reads it.
 */
export interface EvaluatorFieldSource {
  name: string;
  handles(def: FieldDefinition): boolean;
  read(lead: EvaluableLead, def: FieldDefinition): unknown;
}

const own = (record: unknown, key: string): unknown =>
  typeof record === 'object' && record !== null && !Array.isArray(record) && Object.hasOwn(record, key)
    ? (record as Record<string, unknown>)[key]
    : undefined;

/** `company.<key>`: the lead's company's column or custom value (read as empty when it has no company). */
const companySource: EvaluatorFieldSource = {
  name: 'company',
  handles: (def) => isCompanyFilterKey(def.key),
  read: (lead, def) => {
    const key = companyKeyOf(def.key);
    return def.builtIn ? own(lead.company, key) : own(lead.company?.attributes, key);
  },
};

const fieldSources: EvaluatorFieldSource[] = [
  companySource,
  { name: 'column', handles: (def) => def.builtIn, read: (lead, def) => own(lead, def.key) },
  { name: 'attribute', handles: (def) => !def.builtIn, read: (lead, def) => own(lead.attributes, def.key) },
];

/** Registers a field source ahead of the built-in ones. */
export function registerEvaluatorFieldSource(source: EvaluatorFieldSource): void {
  fieldSources.unshift(source);
}

/** Dates must look like dates to count as a value (the SQL compiler uses the same patterns). */
export const DATE_SHAPE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
export const DATETIME_SHAPE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T/;

/** The value as the field's kind sees it, or null when it is empty or not of the field's type. */
export function typedValue(kind: ValueKind, raw: unknown): string | number | boolean | unknown[] | null {
  switch (kind) {
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'multi':
      return Array.isArray(raw) && raw.length > 0 ? raw : null;
    case 'date':
      return typeof raw === 'string' && DATE_SHAPE.test(raw) ? raw : null;
    case 'datetime':
      if (raw instanceof Date) return raw.toISOString();
      return typeof raw === 'string' && DATETIME_SHAPE.test(raw) ? raw : null;
    default:
      return typeof raw === 'string' && raw !== '' ? raw : null;
  }
}

function withinBound(x: string | number, bound: Bound | undefined, side: 'lower' | 'upper'): boolean {
  if (!bound) return true;
  if (typeof x !== typeof bound.value) return false;
  if (x === bound.value) return bound.inclusive;
  return side === 'lower' ? x > bound.value : x < bound.value;
}

function holds(predicate: Predicate, kind: ValueKind, x: ReturnType<typeof typedValue>): boolean {
  if (predicate.op === 'empty') return x === null;
  if (x === null) return false;
  switch (predicate.op) {
    case 'eq':
      return predicate.values.some((v) => (kind === 'text' ? foldCase(String(x)) === v : x === v));
    case 'contains':
      return foldCase(String(x)).includes(predicate.needle);
    case 'starts_with':
      return foldCase(String(x)).startsWith(predicate.needle);
    case 'range':
      if (typeof x !== 'string' && typeof x !== 'number') return false;
      return withinBound(x, predicate.lower, 'lower') && withinBound(x, predicate.upper, 'upper');
    case 'has_any':
      return predicate.values.some((v) => (x as unknown[]).includes(v));
    case 'has_all':
      return predicate.values.every((v) => (x as unknown[]).includes(v));
    case 'bool':
      return x === predicate.value;
  }
}

export function evaluatePlan(plan: FieldPlan, raw: unknown): boolean {
  const result = holds(plan.predicate, plan.kind, typedValue(plan.kind, raw));
  return plan.negate ? !result : result;
}

/** Reads a dot path through nested objects (never into arrays, never through the prototype). */
export function propertyAt(properties: unknown, path: string): unknown {
  let current: unknown = properties;
  for (const key of path.split('.')) {
    current = own(current, key);
    if (current === undefined) return undefined;
  }
  return current;
}

function propertyHolds(p: PropertyPredicate, properties: Record<string, unknown>): boolean {
  const v = propertyAt(properties, p.path);
  switch (p.operator) {
    case 'exists':
      return v !== undefined && v !== null;
    case 'equals':
      return v === p.value;
    case 'not_equals':
      return v !== p.value;
    case 'contains':
      return typeof v === 'string' && foldCase(v).includes(foldCase(String(p.value)));
  }
}

function behaviourHolds(node: BehaviourCondition, context: EvaluationContext): boolean {
  const { since, until } = behaviourWindow(node, context);
  const [from, to] = [Date.parse(since), Date.parse(until)];
  let count = 0;
  for (const a of context.activities) {
    const t = a.occurredAt.getTime();
    if (a.type !== node.activityType || t < from || t > to) continue;
    if ((node.properties ?? []).every((p) => propertyHolds(p, a.properties))) count += 1;
  }
  return node.comparison === 'at_least' ? count >= node.count : count <= node.count;
}

/** Condition kinds beyond fields and groups register here (the SQL compiler has the matching registry). */
export type ConditionEvaluator = (
  node: FilterNode,
  lead: EvaluableLead,
  context: EvaluationContext,
  fields: Map<string, FieldDefinition>,
) => boolean;

const conditionKinds = new Map<string, ConditionEvaluator>([
  ['behaviour', (node, _lead, context) => behaviourHolds(node as BehaviourCondition, context)],
]);

export function registerConditionEvaluator(kind: string, evaluate: ConditionEvaluator): void {
  conditionKinds.set(kind, evaluate);
}

function evaluateNode(
  node: FilterNode,
  lead: EvaluableLead,
  context: EvaluationContext,
  fields: Map<string, FieldDefinition>,
): boolean {
  if (node.kind === 'group') {
    const each = (child: FilterNode) => evaluateNode(child, lead, context, fields);
    const result =
      node.children.length === 0 || (node.op === 'and' ? node.children.every(each) : node.children.some(each));
    return node.negate ? !result : result;
  }
  if (node.kind === 'field') {
    const def = fields.get(node.field);
    const source = def && fieldSources.find((s) => s.handles(def));
    if (!def || !source) return false;
    return evaluatePlan(planFieldCondition(def, node, context), source.read(lead, def));
  }
  const evaluate = conditionKinds.get(node.kind);
  return evaluate ? evaluate(node, lead, context, fields) : false;
}

/** Does `lead` match `node` now? `node` must have passed `validateFilter` against `context.catalog`. */
export function evaluateFilter(node: FilterNode, lead: EvaluableLead, context: EvaluationContext): boolean {
  return evaluateNode(node, lead, context, catalogIndex(context.catalog));
}
