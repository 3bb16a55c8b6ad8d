import type { ActivityPage, ActivityTypeCatalog, ActivityTypeCounts } from '@kindling/contracts/activities';
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
import { activities } from './schema';

let ctx: TestContext;
let owner: TestUser;
let viewer: TestUser;
let leadId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Timelines');
  viewer = await addMember(ctx, owner.workspaceId, 'viewer');
  leadId = (await createLeadAs(ctx, owner, { name: 'Busy lead' })).id;
  for (const body of ['first call', 'second call', 'third call']) {
    expect((await callAs(ctx, owner, 'POST', `/api/v1/leads/${leadId}/notes`, { body })).statusCode).toBe(201);
  }
  await callAs(ctx, owner, 'PATCH', `/api/v1/leads/${leadId}`, { jobTitle: 'CTO', ownerId: owner.userId });
  // Tracked behaviour, as the website snippet and forms will record it.
  const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 9, minutes));
  await ctx.database.db.insert(activities).values([
    {
      workspaceId: owner.workspaceId,
      leadId,
      type: 'page_viewed',
      source: 'web',
      occurredAt: at(1),
      properties: { url: '/pricing', utm: { source: 'wechat', medium: 'social' }, 'bad key': 1 },
    },
    {
      workspaceId: owner.workspaceId,
      leadId,
      type: 'page_viewed',
      source: 'web',
      occurredAt: at(2),
      properties: { url: '/docs', utm: { source: 'baidu' } },
    },
    {
      workspaceId: owner.workspaceId,
      leadId,
      type: 'form_submitted',
      source: 'form',
      occurredAt: at(3),
      properties: { form_id: 'demo-request', score: 5, consent: true },
    },
  ]);
});
afterAll(() => ctx.close());

async function timeline(query: string) {
  const res = await callAs(ctx, viewer, 'GET', `/api/v1/leads/${leadId}/activities?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ActivityPage>();
}

describe("filtering a lead's timeline by type", () => {
  it('returns only the chosen types, page by page with the cursor', async () => {
    const first = await timeline('types=note_added&limit=2');
    expect(first.items.map((a) => a.properties.body)).toEqual(['third call', 'second call']);
    expect(first.nextCursor).not.toBeNull();
    const second = await timeline(`types=note_added&limit=2&before=${first.nextCursor}`);
    expect(second.items.map((a) => a.properties.body)).toEqual(['first call']);
    expect(second.nextCursor).toBeNull();

    const two = await timeline('types=note_added,lead_assigned');
    expect(two.items.map((a) => a.type).sort()).toEqual(['lead_assigned', 'note_added', 'note_added', 'note_added']);
    const all = await timeline('limit=100');
    expect(all.items).toHaveLength(9);
  });

  it('refuses an empty or oversized type list', async () => {
    expect((await callAs(ctx, viewer, 'GET', `/api/v1/leads/${leadId}/activities?types=`)).statusCode).toBe(400);
    const many = Array.from({ length: 51 }, (_, i) => `t${i}`).join(',');
    const res = await callAs(ctx, viewer, 'GET', `/api/v1/leads/${leadId}/activities?types=${many}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toMatch(/\.types$/);
  });

  it("counts the lead's activities per type for the filter chips, most frequent first", async () => {
    const res = await callAs(ctx, viewer, 'GET', `/api/v1/leads/${leadId}/activity-types`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ActivityTypeCounts>().items).toEqual([
      { type: 'note_added', count: 3 },
      { type: 'page_viewed', count: 2 },
      { type: 'form_submitted', count: 1 },
      { type: 'lead_assigned', count: 1 },
      { type: 'lead_created', count: 1 },
      { type: 'lead_updated', count: 1 },
    ]);
    const stranger = await createOwner(ctx, 'Strangers');
    expect((await callAs(ctx, stranger, 'GET', `/api/v1/leads/${leadId}/activity-types`)).statusCode).toBe(404);
  });
});

describe('the activity types of a workspace', () => {
  it('lists each type with the property paths seen in its recent activities, for the filter builder', async () => {
    const res = await callAs(ctx, viewer, 'GET', '/api/v1/activity-types');
    expect(res.statusCode, res.body).toBe(200);
    const byType = new Map(res.json<ActivityTypeCatalog>().items.map((item) => [item.type, item.properties]));
    expect([...byType.keys()]).toEqual([
      'form_submitted',
      'lead_assigned',
      'lead_created',
      'lead_updated',
      'note_added',
      'page_viewed',
    ]);
    expect(byType.get('page_viewed')).toEqual([
      { path: 'url', valueType: 'string' },
      { path: 'utm', valueType: 'object' },
      { path: 'utm.medium', valueType: 'string' },
      { path: 'utm.source', valueType: 'string' },
    ]);
    expect(byType.get('form_submitted')).toEqual([
      { path: 'consent', valueType: 'boolean' },
      { path: 'form_id', valueType: 'string' },
      { path: 'score', valueType: 'number' },
    ]);
    expect(byType.get('note_added')).toEqual([{ path: 'body', valueType: 'string' }]);

    const stranger = await createOwner(ctx, 'Empty workspace');
    expect((await callAs(ctx, stranger, 'GET', '/api/v1/activity-types')).json<ActivityTypeCatalog>().items).toEqual(
      [],
    );
  });
});
