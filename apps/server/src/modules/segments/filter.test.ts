import type { FilterNode } from '@kindling/contracts/filters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, createTestContext, type TestContext } from '../../testing/test-app';
import { evaluatorMatches, seedLeads, sqlMatches, type TestLead } from './test-fixtures';

/**
 * Table-driven: each filter runs through the SQL compiler (real database, tenant role) and the in-memory
 * evaluator, and both must select exactly the expected leads.
 */

let ctx: TestContext;
let workspaceId: string;
let ids: string[];

const OWNER = '0190a000-0000-7000-8000-000000000001';
const NOW = new Date('2024-06-15T04:00:00Z'); // 12:00 on 15 June in Shanghai
const TZ = 'Asia/Shanghai';
const day = (iso: string) => new Date(iso);

const LEADS: TestLead[] = [
  {
    name: 'Ann',
    email: 'ann@acme.com',
    companyName: 'Acme Corp',
    source: 'website',
    ownerId: OWNER,
    // 00:30 on 15 June in Shanghai, still 14 June in UTC.
    createdAt: day('2024-06-14T16:30:00Z'),
    attributes: {
      c_text: 'Hello World',
      c_email: 'ann@acme.com',
      c_num: 10,
      c_date: '2024-06-14',
      c_dt: '2024-06-14T15:30:00.000Z',
      c_sel: 'a',
      c_multi: ['x', 'y'],
      c_bool: true,
    },
    activities: [
      {
        type: 'page_view',
        occurredAt: day('2024-06-14T10:00:00Z'),
        properties: { url: '/pricing', utm: { source: 'WeChat' } },
      },
      { type: 'page_view', occurredAt: day('2024-06-15T01:00:00Z'), properties: { url: '/blog', n: 5 } },
      { type: 'page_view', occurredAt: day('2024-05-26T01:00:00Z'), properties: { url: '/old' } },
    ],
  },
  {
    name: 'bob',
    email: 'bob@example.com',
    companyName: 'ACME corp',
    source: 'form',
    // 23:59:59.999 on 14 June in Shanghai.
    createdAt: day('2024-06-14T15:59:59.999Z'),
    attributes: { c_text: 'hello', c_num: 2.5, c_date: '2024-05-01', c_sel: 'b', c_multi: ['z'], c_bool: false },
    activities: [{ type: 'email_open', occurredAt: day('2024-06-15T00:00:00Z'), properties: {} }],
  },
  { name: 'Cleo', createdAt: day('2024-01-01T00:00:00Z') },
  {
    name: 'Dan',
    companyName: '',
    // Junk of the wrong JSON types: counts as "no value" and never raises a SQL error.
    attributes: { c_text: '', c_num: 'abc', c_date: 'nope', c_dt: 12345, c_sel: '', c_multi: [], c_bool: 'yes' },
  },
];

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await createOwner(ctx)).workspaceId;
  ids = await seedLeads(ctx.database.db, workspaceId, LEADS);
});
afterAll(() => ctx.close());

const f = (field: string, operator: string, value?: unknown): FilterNode => ({ kind: 'field', field, operator, value });
const group = (op: 'and' | 'or', children: FilterNode[], negate?: boolean): FilterNode => ({
  kind: 'group',
  op,
  children,
  ...(negate ? { negate } : {}),
});
const did = (
  activityType: string,
  comparison: 'at_least' | 'at_most',
  count: number,
  withinDays: number,
  properties?: { path: string; operator: 'equals' | 'not_equals' | 'contains' | 'exists'; value?: string | number }[],
): FilterNode => ({
  kind: 'behaviour',
  activityType,
  comparison,
  count,
  withinDays,
  ...(properties ? { properties } : {}),
});

type Case = [string, FilterNode, number[], string?];

const CASES: Case[] = [
  ['text equals ignores case', f('companyName', 'equals', 'acme CORP'), [0, 1]],
  ['text not_equals includes blanks', f('companyName', 'not_equals', 'acme corp'), [2, 3]],
  ['text contains', f('companyName', 'contains', 'CME'), [0, 1]],
  ['text not_contains includes blanks', f('companyName', 'not_contains', 'corp'), [2, 3]],
  ['text starts_with', f('companyName', 'starts_with', 'acme c'), [0, 1]],
  ['text in_list', f('companyName', 'in_list', ['Other', 'acme corp']), [0, 1]],
  ['text is_empty: null and empty string', f('companyName', 'is_empty'), [2, 3]],
  ['text is_not_empty', f('companyName', 'is_not_empty'), [0, 1]],
  ['built-in email equals', f('email', 'equals', 'ANN@acme.com'), [0]],
  ['custom email equals', f('c_email', 'equals', 'Ann@Acme.com'), [0]],
  ['custom text equals', f('c_text', 'equals', 'HELLO'), [1]],
  ['custom text contains', f('c_text', 'contains', 'hello'), [0, 1]],
  ['custom text is_empty', f('c_text', 'is_empty'), [2, 3]],
  ['number gt', f('c_num', 'gt', 2.5), [0]],
  ['number gte', f('c_num', 'gte', 2.5), [0, 1]],
  ['number lt', f('c_num', 'lt', 10), [1]],
  ['number lte', f('c_num', 'lte', 10), [0, 1]],
  ['number between', f('c_num', 'between', [2, 10]), [0, 1]],
  ['number equals (containment)', f('c_num', 'equals', 10), [0]],
  ['number not_equals includes blanks and junk', f('c_num', 'not_equals', 10), [1, 2, 3]],
  ['number is_empty: missing and junk', f('c_num', 'is_empty'), [2, 3]],
  ['date before', f('c_date', 'before', '2024-06-14'), [1]],
  ['date after', f('c_date', 'after', '2024-05-01'), [0]],
  ['date between includes both days', f('c_date', 'between', ['2024-05-01', '2024-06-14']), [0, 1]],
  ['date within_last_days', f('c_date', 'within_last_days', 1), [0]],
  ['date more_than_days_ago', f('c_date', 'more_than_days_ago', 30), [1]],
  ['date is_empty', f('c_date', 'is_empty'), [2, 3]],
  ['datetime today in the workspace zone', f('createdAt', 'within_last_days', 0), [0]],
  ['datetime before a day (zone)', f('createdAt', 'before', '2024-06-15'), [1, 2, 3]],
  ['datetime after a day (zone)', f('createdAt', 'after', '2024-06-14'), [0]],
  ['datetime between one day (zone)', f('createdAt', 'between', ['2024-06-14', '2024-06-14']), [1]],
  ['datetime between one day (UTC)', f('createdAt', 'between', ['2024-06-14', '2024-06-14']), [0, 1], 'UTC'],
  ['datetime more_than_days_ago', f('createdAt', 'more_than_days_ago', 30), [2]],
  ['custom datetime after an instant', f('c_dt', 'after', '2024-06-14T23:00:00+08:00'), [0]],
  ['custom datetime is_empty (junk)', f('c_dt', 'is_empty'), [1, 2, 3]],
  ['select equals', f('source', 'equals', 'website'), [0]],
  ['select in_list', f('source', 'in_list', ['website', 'form']), [0, 1]],
  ['select not_in_list', f('source', 'not_in_list', ['website', 'form']), [2, 3]],
  ['custom select equals', f('c_sel', 'equals', 'a'), [0]],
  ['custom select not_equals includes blanks', f('c_sel', 'not_equals', 'a'), [1, 2, 3]],
  ['custom select in_list', f('c_sel', 'in_list', ['a', 'b']), [0, 1]],
  ['custom select is_empty', f('c_sel', 'is_empty'), [2, 3]],
  ['user equals', f('ownerId', 'equals', OWNER), [0]],
  ['user not_equals includes unassigned', f('ownerId', 'not_equals', OWNER), [1, 2, 3]],
  ['user is_empty', f('ownerId', 'is_empty'), [1, 2, 3]],
  ['multi has_any', f('c_multi', 'has_any', ['y', 'z']), [0, 1]],
  ['multi has_all', f('c_multi', 'has_all', ['x', 'y']), [0]],
  ['multi has_none includes blanks', f('c_multi', 'has_none', ['x']), [1, 2, 3]],
  ['multi is_empty: missing and []', f('c_multi', 'is_empty'), [2, 3]],
  ['boolean is_true', f('c_bool', 'is_true'), [0]],
  ['boolean is_false', f('c_bool', 'is_false'), [1]],
  ['boolean is_empty (junk)', f('c_bool', 'is_empty'), [2, 3]],
  ['or group', group('or', [f('c_sel', 'equals', 'a'), f('c_num', 'lt', 5)]), [0, 1]],
  ['and group', group('and', [f('companyName', 'contains', 'acme'), f('c_bool', 'is_false')]), [1]],
  ['negated group', group('and', [f('companyName', 'contains', 'acme')], true), [2, 3]],
  ['empty group matches everyone', group('and', []), [0, 1, 2, 3]],
  ['empty negated group matches no one', group('or', [], true), []],
  ['did at least 2 times in 3 days', did('page_view', 'at_least', 2, 3), [0]],
  ['did at least 3 times in 30 days', did('page_view', 'at_least', 3, 30), [0]],
  ['at least 0 always holds', did('page_view', 'at_least', 0, 1), [0, 1, 2, 3]],
  ['at most 0: never did it', did('page_view', 'at_most', 0, 30), [1, 2, 3]],
  ['at most 1 in 1 day', did('page_view', 'at_most', 1, 1), [1, 2, 3]],
  ['window starts at the start of the day', did('email_open', 'at_least', 1, 1), [1]],
  [
    'property contains ignores case',
    did('page_view', 'at_least', 1, 7, [{ path: 'utm.source', operator: 'contains', value: 'wechat' }]),
    [0],
  ],
  ['property equals', did('page_view', 'at_least', 1, 7, [{ path: 'url', operator: 'equals', value: '/blog' }]), [0]],
  ['property equals a number', did('page_view', 'at_least', 1, 7, [{ path: 'n', operator: 'equals', value: 5 }]), [0]],
  ['property exists', did('page_view', 'at_least', 2, 30, [{ path: 'utm.source', operator: 'exists' }]), []],
  [
    'property not_equals',
    did('page_view', 'at_least', 2, 30, [{ path: 'url', operator: 'not_equals', value: '/pricing' }]),
    [0],
  ],
  ['behaviour in a negated group', group('or', [did('page_view', 'at_least', 1, 30)], true), [1, 2, 3]],
];

describe('filter compiler and evaluator', () => {
  it.each(CASES)('%s', async (_name, filter, expected, timeZone = TZ) => {
    const options = { now: NOW, timeZone };
    expect(await sqlMatches(ctx.database.db, workspaceId, ids, filter, options), 'SQL').toEqual(expected);
    expect(evaluatorMatches(LEADS, filter, options), 'evaluator').toEqual(expected);
  });
});
