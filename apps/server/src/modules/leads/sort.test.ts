import type { LeadPage } from '@kindling/contracts/leads';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  callAs,
  createLeadAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { createTierField } from '../segments/test-fixtures';
import { leads } from './schema';

let ctx: TestContext;
let owner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Sorters');
  await createTierField(ctx, owner);
  for (const [key, type] of [
    ['score', 'number'],
    ['nickname', 'text'],
    ['renewal', 'date'],
  ] as const) {
    const res = await callAs(ctx, owner, 'POST', '/api/v1/fields', { key, label: { 'zh-CN': key, en: key }, type });
    expect(res.statusCode, res.body).toBe(201);
  }
  const rows: [string, Record<string, unknown>][] = [
    ['S-hundred', { score: 100, nickname: 'cherry', renewal: '2025-01-10', tier: 'silver' }],
    ['S-five', { score: 5, nickname: 'Apple', renewal: '2024-12-31', tier: 'gold' }],
    ['S-empty', {}],
    ['S-thirty', { score: 30, nickname: 'banana', renewal: '2025-06-01' }],
    ['S-junk', {}],
  ];
  for (const [name, attributes] of rows) await createLeadAs(ctx, owner, { name, attributes });
  // A value the API would refuse, as old data or a direct write might leave it: it must sort, not fail.
  await ctx.database.db
    .update(leads)
    .set({ attributes: { score: 'lots', renewal: 'someday' } })
    .where(eq(leads.name, 'S-junk'));
});
afterAll(() => ctx.close());

async function names(query: string, user: TestUser = owner): Promise<string[]> {
  const res = await callAs(ctx, user, 'GET', `/api/v1/leads?q=S-&pageSize=50&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LeadPage>().items.map((lead) => lead.name);
}

/** Leads without a usable value come last in both directions, in id order (creation order here). */
const emptyLast = (order: 'asc' | 'desc') => (order === 'asc' ? ['S-empty', 'S-junk'] : ['S-junk', 'S-empty']);

describe('sorting the lead list by any column', () => {
  it('orders a custom number field numerically, junk and empty values last in both directions', async () => {
    expect(await names('sort=attr.score&order=asc')).toEqual(['S-five', 'S-thirty', 'S-hundred', ...emptyLast('asc')]);
    expect(await names('sort=attr.score&order=desc')).toEqual([
      'S-hundred',
      'S-thirty',
      'S-five',
      ...emptyLast('desc'),
    ]);
  });

  it('orders text ignoring case, dates chronologically and options in their defined order', async () => {
    expect(await names('sort=attr.nickname&order=asc')).toEqual([
      'S-five',
      'S-thirty',
      'S-hundred',
      ...emptyLast('asc'),
    ]);
    expect(await names('sort=attr.renewal&order=desc')).toEqual([
      'S-thirty',
      'S-hundred',
      'S-five',
      ...emptyLast('desc'),
    ]);
    // tier options: gold, then silver.
    const byTier = await names('sort=attr.tier&order=asc');
    expect(byTier.slice(0, 2)).toEqual(['S-five', 'S-hundred']);
  });

  it('sorts built-in columns too, the owner by name', async () => {
    const zed = await addMember(ctx, owner.workspaceId, 'sales');
    await callAs(ctx, owner, 'POST', '/api/v1/leads/assign', {
      leadIds: [(await createLeadAs(ctx, owner, { name: 'S-owned-by-sales' })).id],
      ownerId: zed.userId,
    });
    await callAs(ctx, owner, 'POST', '/api/v1/leads/assign', {
      leadIds: [(await createLeadAs(ctx, owner, { name: 'S-owned-by-owner' })).id],
      ownerId: owner.userId,
    });
    // "Owner N" sorts before "sales N".
    expect((await names('sort=ownerId&order=asc')).slice(0, 2)).toEqual(['S-owned-by-owner', 'S-owned-by-sales']);
    expect((await names('sort=name&order=asc')).slice(0, 3)).toEqual(['S-empty', 'S-five', 'S-hundred']);
  });

  it('sorts filtered searches and segment members the same way', async () => {
    const search = await callAs(ctx, owner, 'POST', '/api/v1/leads/search', {
      q: 'S-',
      sort: 'attr.score',
      order: 'desc',
      filter: { kind: 'group', op: 'and', children: [] },
    });
    expect(search.statusCode, search.body).toBe(200);
    expect(
      search
        .json<LeadPage>()
        .items.slice(0, 3)
        .map((l) => l.name),
    ).toEqual(['S-hundred', 'S-thirty', 'S-five']);
    const segment = await callAs(ctx, owner, 'POST', '/api/v1/segments', {
      name: 'Scored',
      filter: { kind: 'group', op: 'and', children: [{ kind: 'field', field: 'score', operator: 'gt', value: 0 }] },
    });
    expect(segment.statusCode, segment.body).toBe(201);
    const members = await callAs(
      ctx,
      owner,
      'GET',
      `/api/v1/segments/${segment.json().id}/leads?sort=attr.score&order=asc`,
    );
    expect(members.json<LeadPage>().items.map((l) => l.name)).toEqual(['S-five', 'S-thirty', 'S-hundred']);
  });

  it('answers 400 for a field the workspace does not have', async () => {
    for (const sort of ['attr.shoe_size', 'shoeSize', 'attributes.score', 'attr.Score']) {
      const res = await callAs(ctx, owner, 'GET', `/api/v1/leads?sort=${sort}`);
      expect(res.statusCode, sort).toBe(400);
      // Malformed keys fail the query schema (querystring.sort); well-formed unknown ones the catalogue check.
      expect(res.json().error.details[0].path).toMatch(/^query(string)?\.sort$/);
    }
    const search = await callAs(ctx, owner, 'POST', '/api/v1/leads/search', { sort: 'attr.shoe_size' });
    expect(search.statusCode).toBe(400);
    expect(search.json().error.details[0]).toEqual({ path: 'body.sort', message: 'Unknown field "attr.shoe_size"' });
  });
});
