import type { LeadPage } from '@kindling/contracts/leads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
  callAs,
  createLeadAs,
} from '../../testing/test-app';
import { createTierField } from './test-fixtures';

let ctx: TestContext;
let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Acme');
  other = await createOwner(ctx, 'Globex');
  for (const user of [owner, other]) await createTierField(ctx, user);
  await createLead(owner, { name: 'Ann', companyName: 'Acme Corp', attributes: { tier: 'gold' } });
  await createLead(owner, { name: 'Bob', companyName: 'acme corp', attributes: { tier: 'silver' } });
  await createLead(owner, { name: 'Cleo' });
  const gone = await createLead(owner, { name: 'Gone', companyName: 'Acme Corp', attributes: { tier: 'gold' } });
  expect((await api('DELETE', `/api/v1/leads/${gone.id}`, owner)).statusCode).toBe(204);
  // Another workspace with look-alike leads: never visible from the first one.
  await createLead(other, { name: 'Ann (Globex)', companyName: 'Acme Corp', attributes: { tier: 'gold' } });
  await createLead(other, { name: 'Zed (Globex)', companyName: 'Acme Corp', attributes: { tier: 'gold' } });
});
afterAll(() => ctx.close());

const api = (method: 'GET' | 'POST' | 'DELETE', url: string, user: TestUser, payload?: unknown) =>
  callAs(ctx, user, method, url, payload);

const createLead = (user: TestUser, body: Record<string, unknown>) => createLeadAs(ctx, user, body);

const field = (name: string, operator: string, value?: unknown) => ({ kind: 'field', field: name, operator, value });

async function count(filter: unknown, user = owner): Promise<number> {
  const res = await api('POST', '/api/v1/leads/count', user, { filter });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ count: number }>().count;
}

type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };

describe('POST /api/v1/leads/search and /count', () => {
  it('finds live leads matching built-in and custom fields, sorted and paginated', async () => {
    const filter = {
      kind: 'group',
      op: 'and',
      children: [field('companyName', 'equals', 'ACME CORP'), field('tier', 'in_list', ['gold', 'silver'])],
    };
    const res = await api('POST', '/api/v1/leads/search', owner, { filter, sort: 'name', order: 'asc', pageSize: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<LeadPage>();
    expect(page.total).toBe(2);
    expect(page.items.map((l) => l.name)).toEqual(['Ann']);
    const second = await api('POST', '/api/v1/leads/search', owner, {
      filter,
      sort: 'name',
      order: 'asc',
      page: 2,
      pageSize: 1,
    });
    expect(second.json<LeadPage>().items.map((l) => l.name)).toEqual(['Bob']);
    expect(await count(filter)).toBe(2);
  });

  it('combines the filter with the quick search box and defaults to every live lead', async () => {
    const res = await api('POST', '/api/v1/leads/search', owner, { q: 'cle' });
    expect(res.json<LeadPage>().items.map((l) => l.name)).toEqual(['Cleo']);
    expect(await count({ kind: 'group', op: 'and', children: [] })).toBe(3);
    expect(await count(field('tier', 'not_equals', 'gold'))).toBe(2); // Bob and Cleo (no tier)
  });

  it("never counts or returns another workspace's leads", async () => {
    expect(await count(field('tier', 'equals', 'gold'))).toBe(1);
    expect(await count(field('tier', 'equals', 'gold'), other)).toBe(2);
    const res = await api('POST', '/api/v1/leads/search', other, { filter: field('name', 'contains', 'ann') });
    expect(res.json<LeadPage>().items.map((l) => l.name)).toEqual(['Ann (Globex)']);
  });

  it('counts behaviour from the activity log (lead_created is an activity)', async () => {
    const did = (n: number) => ({
      kind: 'behaviour',
      activityType: 'lead_created',
      comparison: 'at_least',
      count: n,
      withinDays: 1,
    });
    expect(await count(did(1))).toBe(3);
    expect(await count(did(2))).toBe(0);
  });
});

describe('bad filters', () => {
  async function rejected(filter: unknown, route = '/api/v1/leads/count') {
    const res = await api('POST', route, owner, { filter });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe('validation_failed');
    expect(JSON.stringify(body)).not.toMatch(/syntax error|relation "|postgres|pglite|drizzle/i);
    return body.error.details;
  }

  it('names the offending part: unknown field, operator for the type, value type, option', async () => {
    const details = await rejected({
      kind: 'group',
      op: 'or',
      children: [
        field('favouriteColour', 'equals', 'red'),
        field('tier', 'gt', 3),
        field('createdAt', 'before', 'last tuesday'),
        field('tier', 'equals', 'platinum'),
        field('companyName', 'in_list', 'Acme'),
      ],
    });
    expect(details.map((d) => d.path)).toEqual([
      'body.filter.children.0.field',
      'body.filter.children.1.operator',
      'body.filter.children.2.value',
      'body.filter.children.3.value',
      'body.filter.children.4.value',
    ]);
  });

  it('refuses malformed structure with paths', async () => {
    const details = await rejected(
      { kind: 'group', op: 'xor', children: [{ kind: 'tag', tag: 'vip' }] },
      '/api/v1/leads/search',
    );
    expect(details.map((d) => d.path)).toEqual(expect.arrayContaining(['body.filter.op']));
    const behaviour = await rejected({
      kind: 'behaviour',
      activityType: 'x',
      comparison: 'at_least',
      count: -1,
      withinDays: 0,
    });
    expect(behaviour.map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.filter.count', 'body.filter.withinDays']),
    );
  });

  it('refuses 1,000 nested groups and too many conditions with clear messages', async () => {
    let deep: unknown = field('name', 'equals', 'x');
    for (let i = 0; i < 1000; i++) deep = { kind: 'group', op: 'and', children: [deep] };
    const details = await rejected(deep);
    expect(details[0]?.message).toMatch(/nested at most 8/);
    const wide = { kind: 'group', op: 'or', children: Array.from({ length: 201 }, () => field('name', 'equals', 'x')) };
    expect((await rejected(wide))[0]?.message).toMatch(/at most 200 conditions/);
  });

  it('treats SQL-looking text as inert values and refuses it as a field name or property path', async () => {
    const evil = "x' or 1=1; drop table leads; --";
    expect(await count(field('companyName', 'equals', evil))).toBe(0);
    expect(await count(field('companyName', 'not_contains', evil))).toBe(3);
    expect(
      await count({ kind: 'behaviour', activityType: evil, comparison: 'at_most', count: 0, withinDays: 30 }),
    ).toBe(3);
    expect((await rejected(field("name') or true --", 'equals', 'x')))[0]?.path).toBe('body.filter.field');
    const path = await rejected({
      kind: 'behaviour',
      activityType: 'page_view',
      properties: [{ path: "url') or true --", operator: 'exists' }],
      comparison: 'at_least',
      count: 1,
      withinDays: 7,
    });
    expect(path[0]?.path).toBe('body.filter.properties.0.path');
    expect(await count({ kind: 'group', op: 'and', children: [] })).toBe(3);
  });

  it('needs leads:read', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/leads/count',
      payload: { filter: { kind: 'group', op: 'and', children: [] } },
    });
    expect(res.statusCode).toBe(401);
  });
});
