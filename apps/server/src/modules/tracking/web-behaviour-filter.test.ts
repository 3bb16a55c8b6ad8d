import type { ActivityTypeCatalog } from '@kindling/contracts/activities';
import type { FilterNode } from '@kindling/contracts/filters';
import type { LeadPage } from '@kindling/contracts/leads';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/db/tenant';
import {
  callAs,
  createLeadAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { createTestSite, insertEvents } from './test-fixtures';
import { stitchVisitor } from './stitch';

/*
 * The filter language's behaviour conditions ("did X at least N times in D days") on tracked web events: once a
 * visitor is stitched, its events are `web.<name>` activities that the lead list, segments and journeys filter on.
 */

let ctx: TestContext;
let owner: TestUser;
let siteId: string;
const ids: Record<string, string> = {};
const DAY = 24 * 3600 * 1000;

/** A lead whose visitor made these events (name, path, days ago), stitched as a form submit would. */
async function trackedLead(name: string, events: [string, string, number, Record<string, unknown>?][]) {
  const lead = await createLeadAs(ctx, owner, { name });
  const visitorId = `visitor-${randomUUID()}`;
  await insertEvents(
    ctx,
    owner.workspaceId,
    siteId,
    events.map(([event, path, daysAgo, properties]) => ({
      visitorId,
      sessionId: 'session-0001',
      name: event,
      occurredAt: new Date(Date.now() - daysAgo * DAY - 60_000),
      path,
      url: `https://www.example.com${path}`,
      title: path,
      properties: properties ?? {},
    })),
  );
  await withTenant(ctx.database.db, owner.workspaceId, async (tx) => {
    await stitchVisitor(
      tx,
      { workspaceId: owner.workspaceId, userId: null },
      { visitorId, siteId, leadId: lead.id, via: 'form' },
    );
  });
  ids[name] = lead.id;
}

async function search(filter: FilterNode) {
  return callAs(ctx, owner, 'POST', '/api/v1/leads/search', { filter, pageSize: 100 });
}

async function matching(filter: FilterNode): Promise<string[]> {
  const res = await search(filter);
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json<LeadPage>()
    .items.map((lead) => lead.name)
    .sort();
}

const pageViews = (count: number, properties?: { path: string; operator: 'equals'; value: string }[]): FilterNode => ({
  kind: 'group',
  op: 'and',
  children: [
    {
      kind: 'behaviour',
      activityType: 'web.page_view',
      comparison: 'at_least',
      count,
      withinDays: 7,
      ...(properties ? { properties } : {}),
    },
  ],
});

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Behaviour');
  siteId = (await createTestSite(ctx, owner.workspaceId)).id;
  await trackedLead('Three visits', [
    ['page_view', '/', 1],
    ['page_view', '/pricing', 2],
    ['page_view', '/docs', 3],
  ]);
  await trackedLead('One visit', [['page_view', '/pricing', 1]]);
  await trackedLead('Visits long ago', [
    ['page_view', '/', 20],
    ['page_view', '/pricing', 21],
    ['page_view', '/docs', 22],
  ]);
  await trackedLead('Downloaded', [
    ['page_view', '/blog', 1],
    ['download_whitepaper', '/blog', 1, { asset: 'guide.pdf' }],
  ]);
  await createLeadAs(ctx, owner, { name: 'Never tracked' });
});
afterAll(() => ctx.close());

describe('behaviour conditions on tracked web events', () => {
  it('"viewed a page at least 2 times in 7 days" matches the lead with 3 recent views only', async () => {
    expect(await matching(pageViews(2))).toEqual(['Three visits']);
    expect(await matching(pageViews(1))).toEqual(['Downloaded', 'One visit', 'Three visits']);
    const count = await callAs(ctx, owner, 'POST', '/api/v1/leads/count', { filter: pageViews(2) });
    expect(count.json()).toEqual({ count: 1 });
  });

  it('"never viewed a page in 7 days" includes leads that were never tracked', async () => {
    const never: FilterNode = {
      kind: 'behaviour',
      activityType: 'web.page_view',
      comparison: 'at_most',
      count: 0,
      withinDays: 7,
    };
    expect(await matching(never)).toEqual(['Never tracked', 'Visits long ago']);
  });

  it('a property predicate on the path narrows to visits of that page', async () => {
    const pricing = pageViews(1, [{ path: 'path', operator: 'equals', value: '/pricing' }]);
    expect(await matching(pricing)).toEqual(['One visit', 'Three visits']);
    const twice = pageViews(2, [{ path: 'path', operator: 'equals', value: '/pricing' }]);
    expect(await matching(twice)).toEqual([]);
  });

  it('custom events and their own properties (under props) are conditions too', async () => {
    const downloaded: FilterNode = {
      kind: 'behaviour',
      activityType: 'web.download_whitepaper',
      properties: [{ path: 'props.asset', operator: 'equals', value: 'guide.pdf' }],
      comparison: 'at_least',
      count: 1,
      withinDays: 30,
    };
    expect(await matching(downloaded)).toEqual(['Downloaded']);
  });

  it('the filter builder is offered the web activity types with their property paths', async () => {
    const res = await callAs(ctx, owner, 'GET', '/api/v1/activity-types');
    const catalog = res.json<ActivityTypeCatalog>().items;
    const pageView = catalog.find((item) => item.type === 'web.page_view');
    expect(pageView?.properties.map((p) => p.path)).toEqual(
      expect.arrayContaining(['path', 'title', 'url', 'siteId', 'visitorId', 'sessionId']),
    );
    const custom = catalog.find((item) => item.type === 'web.download_whitepaper');
    expect(custom?.properties).toEqual(expect.arrayContaining([{ path: 'props.asset', valueType: 'string' }]));
  });

  it('refuses a malformed behaviour condition with a 400 naming the problem', async () => {
    const res = await search({
      kind: 'behaviour',
      activityType: 'web.page_view',
      properties: [{ path: '1path', operator: 'equals', value: '/pricing' }],
      comparison: 'at_least',
      count: 1,
      withinDays: 7,
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('properties');
  });
});
