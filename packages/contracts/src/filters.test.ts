import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from './fields';
import { evaluateFilter } from './filter-evaluate';
import { startOfDay, zonedToday } from './filter-plan';
import { validateFilter, ZFilter, type FilterNode } from './filters';

const def = (key: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label: { 'zh-CN': key, en: key },
  type,
  options: [],
  required: false,
  unique: false,
  helpText: null,
  builtIn: false,
  archived: false,
  position: 0,
  ...extra,
});
const CATALOG = [
  def('score', 'number'),
  def('old', 'text', { archived: true }),
  def('tier', 'single_select', { options: [{ value: 'gold', label: { 'zh-CN': '金', en: 'Gold' } }] }),
];

function nested(depth: number): unknown {
  let node: unknown = { kind: 'field', field: 'score', operator: 'gt', value: 1 };
  for (let i = 0; i < depth; i++) node = { kind: 'group', op: 'and', children: [node] };
  return node;
}

describe('ZFilter', () => {
  // 100,000 levels would overflow the stack of a recursive parser: getting an answer at all proves it does not recurse.
  it('refuses absurd nesting with a clear message, without recursing', () => {
    for (const depth of [1_000, 100_000]) {
      const result = ZFilter.safeParse(nested(depth));
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/nested at most 8 levels/);
    }
  });

  it('accepts 8 levels and refuses 9', () => {
    expect(ZFilter.safeParse(nested(8)).success).toBe(true);
    expect(ZFilter.safeParse(nested(9)).success).toBe(false);
  });

  it('refuses unknown kinds and extra keys', () => {
    expect(ZFilter.safeParse({ kind: 'tag', tag: 'vip' }).success).toBe(false);
    expect(ZFilter.safeParse({ kind: 'field', field: 'a', operator: 'equals', value: 1, sql: 'x' }).success).toBe(
      false,
    );
  });
});

describe('validateFilter', () => {
  it('reports paths for each problem and allows archived fields', () => {
    const filter: FilterNode = {
      kind: 'group',
      op: 'and',
      children: [
        { kind: 'field', field: 'old', operator: 'contains', value: 'x' },
        { kind: 'field', field: 'score', operator: 'between', value: [5, 1] },
        { kind: 'field', field: 'score', operator: 'is_empty', value: 3 },
        { kind: 'field', field: 'tier', operator: 'in_list', value: ['gold', 'lead'] },
        { kind: 'field', field: 'nope', operator: 'equals', value: 1 },
      ],
    };
    expect(validateFilter(filter, CATALOG).map((i) => i.path)).toEqual([
      'filter.children.1.value',
      'filter.children.2.value',
      'filter.children.3.value.1',
      'filter.children.4.field',
    ]);
  });
});

describe('time zones', () => {
  it('finds day starts across daylight-saving changes', () => {
    expect(startOfDay('2024-03-10', 'America/New_York')).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfDay('2024-03-11', 'America/New_York')).toBe('2024-03-11T04:00:00.000Z');
    expect(startOfDay('2024-06-15', 'Asia/Shanghai')).toBe('2024-06-14T16:00:00.000Z');
    expect(zonedToday(new Date('2024-06-14T16:30:00Z'), 'Asia/Shanghai')).toBe('2024-06-15');
  });

  it('evaluates "today" in the workspace zone', () => {
    const filter: FilterNode = { kind: 'field', field: 'createdAt', operator: 'within_last_days', value: 0 };
    const catalog = [def('createdAt', 'datetime', { builtIn: true })];
    const lead = { createdAt: new Date('2024-06-14T16:30:00Z'), attributes: {} };
    const now = new Date('2024-06-15T04:00:00Z');
    expect(evaluateFilter(filter, lead, { catalog, activities: [], now, timeZone: 'Asia/Shanghai' })).toBe(true);
    expect(evaluateFilter(filter, lead, { catalog, activities: [], now, timeZone: 'America/New_York' })).toBe(false);
  });
});
