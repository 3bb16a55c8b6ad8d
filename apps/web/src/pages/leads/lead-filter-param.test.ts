import type { FilterGroup } from '@kindling/contracts/filters';
import { describe, expect, it } from 'vitest';
import { filterParamOf, parseFilterParam, scopedFilter } from './lead-filter-param';

const city: FilterGroup = {
  kind: 'group',
  op: 'or',
  children: [{ kind: 'field', field: 'city', operator: 'equals', value: '上海' }],
};

describe('lead filter URL parameter', () => {
  it('round-trips a filter and ignores junk', () => {
    expect(parseFilterParam(filterParamOf(city))).toEqual(city);
    expect(parseFilterParam('')).toBeNull();
    expect(parseFilterParam('{not json')).toBeNull();
    expect(parseFilterParam('{"kind":"group","op":"xor","children":[]}')).toBeNull();
    expect(parseFilterParam('{"kind":"group","op":"and","children":[]}')).toBeNull();
    expect(filterParamOf({ kind: 'group', op: 'and', children: [] })).toBe('');
  });

  it('wraps a bare condition in a group', () => {
    const raw = JSON.stringify({ kind: 'field', field: 'city', operator: 'is_empty' });
    expect(parseFilterParam(raw)).toEqual({ kind: 'group', op: 'and', children: [JSON.parse(raw)] });
  });

  it('adds the owner tab and source as conditions', () => {
    const me = '6f1c1d3e-0000-4000-8000-000000000001';
    expect(scopedFilter(city, { owner: 'all', source: undefined }, me)).toBe(city);
    expect(scopedFilter(city, { owner: 'me', source: 'event' }, me)).toEqual({
      kind: 'group',
      op: 'and',
      children: [
        city,
        { kind: 'field', field: 'ownerId', operator: 'equals', value: me },
        { kind: 'field', field: 'source', operator: 'equals', value: 'event' },
      ],
    });
    const and: FilterGroup = { ...city, op: 'and' };
    expect(scopedFilter(and, { owner: 'none', source: undefined }, me).children).toEqual([
      ...and.children,
      { kind: 'field', field: 'ownerId', operator: 'is_empty' },
    ]);
  });
});
