import type { FilterNode } from '@kindling/contracts/filters';
import { describe, expect, it } from 'vitest';
import { summarizeFilter, type SummaryWords } from './filter-summary';

const words: SummaryWords = {
  and: '且',
  or: '或',
  not: '非',
  everything: '全部潜客',
  field: (key) => ({ city: '城市', source: '来源', companyName: '公司', budget: '预算' })[key] ?? key,
  operator: (op) => ({ equals: '=', is_empty: '为空', in_list: '是其中之一', between: '介于' })[op] ?? op,
  value: (field, value) => (field === 'source' && value === 'event' ? '会议' : String(value)),
  behaviour: (c) => `最近 ${c.withinDays} 天内「${c.activityType}」至少 ${c.count} 次`,
};

describe('summarizeFilter', () => {
  it('reads an empty filter as every lead', () => {
    expect(summarizeFilter({ kind: 'group', op: 'and', children: [] }, words)).toBe('全部潜客');
  });

  it('joins conditions with the group operator and brackets nested groups', () => {
    const filter: FilterNode = {
      kind: 'group',
      op: 'and',
      children: [
        { kind: 'field', field: 'city', operator: 'equals', value: '上海' },
        {
          kind: 'group',
          op: 'or',
          children: [
            { kind: 'field', field: 'source', operator: 'equals', value: 'event' },
            { kind: 'field', field: 'companyName', operator: 'is_empty' },
          ],
        },
      ],
    };
    expect(summarizeFilter(filter, words)).toBe('城市 = 上海 且 (来源 = 会议 或 公司 为空)');
  });

  it('shows lists, ranges, negation and behaviour conditions', () => {
    const filter: FilterNode = {
      kind: 'group',
      op: 'or',
      negate: true,
      children: [
        { kind: 'field', field: 'source', operator: 'in_list', value: ['event', 'web'] },
        { kind: 'field', field: 'budget', operator: 'between', value: [10, 20] },
        {
          kind: 'behaviour',
          activityType: 'page_viewed',
          comparison: 'at_least',
          count: 2,
          withinDays: 30,
        },
      ],
    };
    expect(summarizeFilter(filter, words)).toBe(
      '非 (来源 是其中之一 会议, web 或 预算 介于 10 ~ 20 或 最近 30 天内「page_viewed」至少 2 次)',
    );
  });

  it('does not bracket a nested group with a single child', () => {
    const filter: FilterNode = {
      kind: 'group',
      op: 'and',
      children: [{ kind: 'group', op: 'or', children: [{ kind: 'field', field: 'city', operator: 'is_empty' }] }],
    };
    expect(summarizeFilter(filter, words)).toBe('城市 为空');
  });
});
