import type { Activity, ActivityPage } from '@kindling/contracts/activities';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
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
import { activities } from '../activities/schema';
import { trackingVisitors } from './schema';
import { createTestSite, insertEvents } from './test-fixtures';
import { stitchVisitor } from './stitch';

/*
 * Tracked events are inserted as the ingest stores them (rows of tracking_events in the tenant's transaction);
 * stitching then has to put them on the lead's timeline, which the user reads through the activities API.
 */

let ctx: TestContext;
let owner: TestUser;
let siteId: string;
const T0 = Date.now() - 3 * 24 * 3600 * 1000;

interface EventSpec {
  name: string;
  minutes: number;
  path?: string;
  title?: string;
  durationMs?: number;
  properties?: Record<string, unknown>;
  id?: string;
  sessionId?: string;
}

const createSite = async (user: TestUser, kind: 'web' | 'miniprogram' = 'web') =>
  (await createTestSite(ctx, user.workspaceId, { kind })).id;

/** Stores events of one visitor as the ingest does; returns their ids in order. */
async function storeEvents(user: TestUser, site: string, visitorId: string, events: EventSpec[]): Promise<string[]> {
  return insertEvents(
    ctx,
    user.workspaceId,
    site,
    events.map((e) => ({
      id: e.id ?? randomUUID(),
      visitorId,
      sessionId: e.sessionId ?? 'session-0001',
      name: e.name,
      occurredAt: new Date(T0 + e.minutes * 60_000),
      url: e.path ? `https://www.example.com${e.path}?utm_source=baidu` : null,
      path: e.path ?? null,
      title: e.title ?? null,
      referrer: e.name === 'page_view' ? '' : null,
      durationMs: e.durationMs ?? null,
      properties: e.properties ?? {},
    })),
  );
}

const stitch = (user: TestUser, visitorId: string, leadId: string, site = siteId, via: 'identify' | 'form' = 'form') =>
  withTenant(ctx.database.db, user.workspaceId, (tx) =>
    stitchVisitor(tx, { workspaceId: user.workspaceId, userId: null }, { visitorId, siteId: site, leadId, via }),
  );

async function timeline(user: TestUser, leadId: string): Promise<Activity[]> {
  const res = await callAs(ctx, user, 'GET', `/api/v1/leads/${leadId}/activities?limit=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ActivityPage>().items;
}

const webOnly = (items: Activity[]) => items.filter((a) => a.type.startsWith('web.'));

async function visitorRow(user: TestUser, visitorId: string) {
  const [row] = await ctx.database.db
    .select()
    .from(trackingVisitors)
    .where(and(eq(trackingVisitors.workspaceId, user.workspaceId), eq(trackingVisitors.id, visitorId)));
  return row;
}

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Stitchers');
  siteId = await createSite(owner);
});
afterAll(() => ctx.close());

describe('stitching a visitor to a lead', () => {
  it("puts every earlier anonymous event on the lead's timeline, page visits with titles and durations", async () => {
    const lead = await createLeadAs(ctx, owner, { name: 'Li Lei' });
    const [, pricing] = await storeEvents(owner, siteId, 'visitor-li-lei', [
      { name: 'page_view', minutes: 0, path: '/', title: 'Home', durationMs: 12_000 },
      { name: 'page_view', minutes: 1, path: '/pricing', title: '价格 <b>Pricing</b>' },
      { name: 'click', minutes: 2, path: '/pricing', properties: { text: 'Book a demo', tag: 'button' } },
      { name: 'download_whitepaper', minutes: 3, path: '/pricing', properties: { asset: 'guide.pdf' } },
    ]);
    // The page_leave of /pricing arrived but its duration is not on the page view row yet.
    await storeEvents(owner, siteId, 'visitor-li-lei', [
      { name: 'page_leave', minutes: 4, properties: { pageViewId: pricing!, durationMs: 83_000 } },
    ]);
    const other = await storeEvents(owner, siteId, 'visitor-somebody-else', [
      { name: 'page_view', minutes: 0, path: '/' },
    ]);

    expect(await stitch(owner, 'visitor-li-lei', lead.id)).toEqual({ eventsLinked: 4 });

    const items = await timeline(owner, lead.id);
    const web = webOnly(items);
    expect(web.map((a) => a.type)).toEqual(['web.download_whitepaper', 'web.click', 'web.page_view', 'web.page_view']);
    expect(web.every((a) => a.source === 'web')).toBe(true);
    const [custom, click, pricingView, homeView] = web;
    expect(homeView).toMatchObject({
      occurredAt: new Date(T0).toISOString(),
      properties: {
        siteId,
        visitorId: 'visitor-li-lei',
        sessionId: 'session-0001',
        url: 'https://www.example.com/?utm_source=baidu',
        path: '/',
        title: 'Home',
        referrer: '',
        durationMs: 12_000,
      },
    });
    expect(pricingView?.properties).toMatchObject({ title: '价格 <b>Pricing</b>', durationMs: 83_000 });
    expect(click?.properties).toMatchObject({ path: '/pricing', props: { text: 'Book a demo', tag: 'button' } });
    expect(click?.properties).not.toHaveProperty('durationMs');
    expect(custom?.properties.props).toEqual({ asset: 'guide.pdf' });
    expect(items.find((a) => a.type === 'visitor_identified')?.properties).toEqual({
      visitorId: 'visitor-li-lei',
      siteId,
      via: 'form',
      eventsLinked: 4,
    });
    // Somebody else's events stay anonymous.
    const stored = await ctx.database.db
      .select()
      .from(activities)
      .where(eq(activities.dedupeKey, `web:${other[0]}`));
    expect(stored).toEqual([]);
    expect(await visitorRow(owner, 'visitor-li-lei')).toMatchObject({
      leadId: lead.id,
      siteId,
      identifiedVia: 'form',
    });
  });

  it('changes nothing when repeated (a redelivered job, a page that identifies on every load)', async () => {
    const lead = await createLeadAs(ctx, owner, { name: 'Han Meimei' });
    await storeEvents(owner, siteId, 'visitor-han', [
      { name: 'page_view', minutes: 0, path: '/a' },
      { name: 'page_view', minutes: 1, path: '/b' },
    ]);
    await stitch(owner, 'visitor-han', lead.id);
    const first = await visitorRow(owner, 'visitor-han');
    const before = await timeline(owner, lead.id);

    expect(await stitch(owner, 'visitor-han', lead.id, siteId, 'identify')).toEqual({ eventsLinked: 0 });
    expect(await timeline(owner, lead.id)).toEqual(before);
    // When and how it was first identified are kept.
    expect(await visitorRow(owner, 'visitor-han')).toEqual(first);

    // An event the live ingest missed (it raced the stitch) is picked up by the next one.
    await storeEvents(owner, siteId, 'visitor-han', [{ name: 'page_view', minutes: 2, path: '/c' }]);
    expect(await stitch(owner, 'visitor-han', lead.id)).toEqual({ eventsLinked: 1 });
    expect(webOnly(await timeline(owner, lead.id))).toHaveLength(3);
  });

  it('one lead can have several visitors (devices)', async () => {
    const lead = await createLeadAs(ctx, owner, { name: 'Two devices' });
    await storeEvents(owner, siteId, 'visitor-laptop', [{ name: 'page_view', minutes: 0, path: '/laptop' }]);
    await storeEvents(owner, siteId, 'visitor-phone', [{ name: 'page_view', minutes: 5, path: '/phone' }]);
    await stitch(owner, 'visitor-laptop', lead.id);
    await stitch(owner, 'visitor-phone', lead.id);
    const web = webOnly(await timeline(owner, lead.id));
    expect(web.map((a) => a.properties.path)).toEqual(['/phone', '/laptop']);
    expect((await visitorRow(owner, 'visitor-phone'))?.leadId).toBe(lead.id);
    expect((await visitorRow(owner, 'visitor-laptop'))?.leadId).toBe(lead.id);
  });

  it('re-linking a visitor sends its later events to the new lead; earlier ones stay where they are', async () => {
    const first = await createLeadAs(ctx, owner, { name: 'Shared computer A' });
    const second = await createLeadAs(ctx, owner, { name: 'Shared computer B' });
    await storeEvents(owner, siteId, 'visitor-shared', [{ name: 'page_view', minutes: 0, path: '/by-a' }]);
    await stitch(owner, 'visitor-shared', first.id);
    await storeEvents(owner, siteId, 'visitor-shared', [{ name: 'page_view', minutes: 9, path: '/by-b' }]);

    expect(await stitch(owner, 'visitor-shared', second.id, siteId, 'identify')).toEqual({ eventsLinked: 1 });
    expect(webOnly(await timeline(owner, first.id)).map((a) => a.properties.path)).toEqual(['/by-a']);
    const secondTimeline = await timeline(owner, second.id);
    expect(webOnly(secondTimeline).map((a) => a.properties.path)).toEqual(['/by-b']);
    expect(secondTimeline.find((a) => a.type === 'visitor_identified')?.properties).toMatchObject({
      via: 'identify',
      eventsLinked: 1,
      previousLeadId: first.id,
    });
    expect(await visitorRow(owner, 'visitor-shared')).toMatchObject({ leadId: second.id, identifiedVia: 'identify' });
  });

  it('records the source (mini-program, pixel) and never copies a lead token into the timeline', async () => {
    const mini = await createSite(owner, 'miniprogram');
    const lead = await createLeadAs(ctx, owner, { name: 'Mini user' });
    await storeEvents(owner, mini, 'visitor-mini', [
      { name: 'identify', minutes: 0, properties: { email: 'mini@example.com', kt: 'secret-token' } },
    ]);
    await stitch(owner, 'visitor-mini', lead.id, mini);
    const [identify] = webOnly(await timeline(owner, lead.id));
    expect(identify).toMatchObject({ type: 'web.identify', source: 'miniprogram' });
    expect(identify?.properties.props).toEqual({ email: 'mini@example.com' });

    // A hit of the e-mail pixel (the ingest gives each one a px_ session).
    await storeEvents(owner, siteId, 'visitor-mail', [{ name: 'email_open', minutes: 0, sessionId: 'px_0123456789' }]);
    await stitch(owner, 'visitor-mail', lead.id);
    expect(webOnly(await timeline(owner, lead.id))[0]).toMatchObject({ type: 'web.email_open', source: 'pixel' });
  });

  it('refuses a lead in the recycle bin or of another workspace, and stores nothing', async () => {
    const lead = await createLeadAs(ctx, owner, { name: 'Binned' });
    expect((await callAs(ctx, owner, 'DELETE', `/api/v1/leads/${lead.id}`)).statusCode).toBe(204);
    await storeEvents(owner, siteId, 'visitor-binned', [{ name: 'page_view', minutes: 0, path: '/' }]);
    await expect(stitch(owner, 'visitor-binned', lead.id)).rejects.toMatchObject({ statusCode: 404 });

    const stranger = await createOwner(ctx, 'Strangers');
    const theirs = await createLeadAs(ctx, stranger, { name: 'Not yours' });
    await expect(stitch(owner, 'visitor-binned', theirs.id)).rejects.toMatchObject({ statusCode: 404 });
    expect(await visitorRow(owner, 'visitor-binned')).toBeUndefined();
    expect(await timeline(stranger, theirs.id)).toHaveLength(1); // lead_created only
  });
});

describe('merging two leads', () => {
  it("moves the secondary's visitors to the surviving lead with its web activities", async () => {
    const primary = await createLeadAs(ctx, owner, { name: 'Wang Wu', email: 'wangwu@example.com' });
    const secondary = await createLeadAs(ctx, owner, { name: '王五', phone: '13800138000' });
    await storeEvents(owner, siteId, 'visitor-wang-office', [{ name: 'page_view', minutes: 0, path: '/office' }]);
    await storeEvents(owner, siteId, 'visitor-wang-home', [{ name: 'page_view', minutes: 1, path: '/home' }]);
    await stitch(owner, 'visitor-wang-office', primary.id);
    await stitch(owner, 'visitor-wang-home', secondary.id);

    const res = await callAs(ctx, owner, 'POST', '/api/v1/leads/merge', {
      primaryId: primary.id,
      secondaryId: secondary.id,
    });
    expect(res.statusCode, res.body).toBe(200);

    expect((await visitorRow(owner, 'visitor-wang-home'))?.leadId).toBe(primary.id);
    expect((await visitorRow(owner, 'visitor-wang-office'))?.leadId).toBe(primary.id);
    expect(
      webOnly(await timeline(owner, primary.id))
        .map((a) => a.properties.path)
        .sort(),
    ).toEqual(['/home', '/office']);
  });
});
