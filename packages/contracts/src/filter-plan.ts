import type { FieldDefinition, FieldType } from './fields';
import { TEXT_LIKE_TYPES, type BehaviourCondition, type FieldCondition } from './filters';

/**
 * The meaning of a condition, computed once and shared by the SQL compiler and the in-memory evaluator, so the
 * two cannot disagree on date math, case folding or which operators are negations. Pure and isomorphic: no Node
 * APIs, time zones through Intl.
 */

/** How a field's value is read and compared. */
export type ValueKind = 'text' | 'number' | 'date' | 'datetime' | 'select' | 'multi' | 'boolean';

export function valueKind(type: FieldType): ValueKind {
  if (TEXT_LIKE_TYPES.has(type)) return 'text';
  switch (type) {
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'multi_select':
      return 'multi';
    case 'boolean':
      return 'boolean';
    default:
      return 'select';
  }
}

export type Scalar = string | number | boolean;
export interface Bound {
  value: string | number;
  inclusive: boolean;
}

/** A positive predicate on one field's typed value; never true for an empty value except `empty`. */
export type Predicate =
  | { op: 'empty' }
  | { op: 'eq'; values: Scalar[] }
  | { op: 'contains'; needle: string }
  | { op: 'starts_with'; needle: string }
  | { op: 'range'; lower?: Bound; upper?: Bound }
  | { op: 'has_any'; values: string[] }
  | { op: 'has_all'; values: string[] }
  | { op: 'bool'; value: boolean };

export interface FieldPlan {
  kind: ValueKind;
  predicate: Predicate;
  /** The condition is the exact complement of `predicate` (so it matches empty values). */
  negate: boolean;
}

export interface PlanClock {
  now: Date;
  timeZone: string;
}

/** ASCII-only case folding; SQL does the same with translate(), so both agree on every locale. */
export function foldCase(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/* ---------------------------------------------- dates ------------------------------------------------------- */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(ms: number, timeZone: string): number[] {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((k) => Number(parts[k]));
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = wallClock(ms, timeZone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant's wall-clock time in `timeZone`, as a Date whose UTC fields hold it (what a spreadsheet cell shows:
 * a local time without a zone).
 */
export function zonedWallClock(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + offsetAt(instant.getTime(), timeZone));
}

/** Today's calendar date in `timeZone`, as YYYY-MM-DD. */
export function zonedToday(now: Date, timeZone: string): string {
  const [y = 0, mo = 1, d = 1] = wallClock(now.getTime(), timeZone);
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The instant day `day` starts in `timeZone`, as an ISO string. */
export function startOfDay(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T00:00:00Z`);
  let t = guess - offsetAt(guess, timeZone);
  const corrected = guess - offsetAt(t, timeZone);
  if (corrected !== t) t = corrected;
  return new Date(t).toISOString();
}

const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const instant = (v: string): string => new Date(v).toISOString();

/** Lower bound of "in the last N days": the start of the day N days ago (a date, or an instant for datetimes). */
export function sinceDaysAgo(days: number, kind: 'date' | 'datetime', clock: PlanClock): string {
  const day = addDays(zonedToday(clock.now, clock.timeZone), -days);
  return kind === 'date' ? day : startOfDay(day, clock.timeZone);
}

function dateRange(kind: 'date' | 'datetime', operator: string, value: unknown, clock: PlanClock): Predicate {
  const tz = clock.timeZone;
  const dayStart = (v: string, plusDays = 0): string =>
    kind === 'date' ? addDays(v, plusDays) : startOfDay(addDays(v, plusDays), tz);
  const point = (v: unknown): string => (isDay(v) ? v : instant(String(v)));
  switch (operator) {
    case 'before':
      return { op: 'range', upper: { value: isDay(value) ? dayStart(value) : point(value), inclusive: false } };
    case 'after':
      if (!isDay(value)) return { op: 'range', lower: { value: point(value), inclusive: false } };
      return { op: 'range', lower: { value: dayStart(value, kind === 'date' ? 0 : 1), inclusive: kind !== 'date' } };
    case 'between': {
      const [a, b] = value as [string, string];
      return {
        op: 'range',
        lower: { value: isDay(a) ? dayStart(a) : point(a), inclusive: true },
        upper: isDay(b)
          ? { value: kind === 'date' ? b : dayStart(b, 1), inclusive: kind === 'date' }
          : { value: point(b), inclusive: true },
      };
    }
    case 'within_last_days':
      return {
        op: 'range',
        lower: { value: sinceDaysAgo(value as number, kind, clock), inclusive: true },
        upper: {
          value: kind === 'date' ? zonedToday(clock.now, tz) : clock.now.toISOString(),
          inclusive: true,
        },
      };
    default: // more_than_days_ago
      return { op: 'range', upper: { value: sinceDaysAgo(value as number, kind, clock), inclusive: false } };
  }
}

/* ---------------------------------------------- plans ------------------------------------------------------- */

const NEGATIONS: Record<string, string> = {
  not_equals: 'equals',
  not_contains: 'contains',
  not_in_list: 'in_list',
  has_none: 'has_any',
  is_not_empty: 'is_empty',
};

function positivePredicate(kind: ValueKind, operator: string, value: unknown, clock: PlanClock): Predicate {
  const text = (v: unknown) => (kind === 'text' ? foldCase(String(v)) : (v as Scalar));
  switch (operator) {
    case 'is_empty':
      return { op: 'empty' };
    case 'equals':
      return { op: 'eq', values: [text(value)] };
    case 'in_list':
      return { op: 'eq', values: (value as unknown[]).map(text) };
    case 'contains':
      return { op: 'contains', needle: foldCase(String(value)) };
    case 'starts_with':
      return { op: 'starts_with', needle: foldCase(String(value)) };
    case 'gt':
    case 'gte':
      return { op: 'range', lower: { value: value as number, inclusive: operator === 'gte' } };
    case 'lt':
    case 'lte':
      return { op: 'range', upper: { value: value as number, inclusive: operator === 'lte' } };
    case 'has_any':
    case 'has_all':
      return { op: operator, values: value as string[] };
    case 'is_true':
    case 'is_false':
      return { op: 'bool', value: operator === 'is_true' };
  }
  if (kind === 'number' && operator === 'between') {
    const [a, b] = value as [number, number];
    return { op: 'range', lower: { value: a, inclusive: true }, upper: { value: b, inclusive: true } };
  }
  if (kind === 'date' || kind === 'datetime') return dateRange(kind, operator, value, clock);
  throw new Error(`filter: no plan for operator ${operator}`);
}

/** The plan of a field condition that `validateFilter` accepted for `def`. */
export function planFieldCondition(def: FieldDefinition, node: FieldCondition, clock: PlanClock): FieldPlan {
  const kind = valueKind(def.type);
  const positive = NEGATIONS[node.operator];
  return {
    kind,
    predicate: positivePredicate(kind, positive ?? node.operator, node.value, clock),
    negate: positive !== undefined,
  };
}

/** The time window of a behaviour condition: [since, until], both inclusive ISO instants. */
export function behaviourWindow(node: BehaviourCondition, clock: PlanClock): { since: string; until: string } {
  return { since: sinceDaysAgo(node.withinDays, 'datetime', clock), until: clock.now.toISOString() };
}
