import { randomBytes, randomUUID } from 'node:crypto';
import type { TrackBatch, TrackEvent, TrackingSite } from '@kindling/contracts/tracking';
import { and, asc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { withTenant } from '../../platform/db/tenant';
import { callAs, type TestContext, type TestUser } from '../../testing/test-app';
import { trackingEvents, trackingSites } from './schema';

/* Test data of the tracking tests: sites, events as the ingest stores them, and batches as the snippet sends them. */

export const WECHAT_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN';
export const DESKTOP_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

export interface TestSite {
  id: string;
  workspaceId: string;
  siteKey: string;
}

/** A tracked site row, as the management API would have created it. */
export async function createTestSite(
  ctx: TestContext,
  workspaceId: string,
  values: Partial<typeof trackingSites.$inferInsert> = {},
): Promise<TestSite> {
  const siteKey = randomBytes(16).toString('base64url');
  const [site] = await withTenant(ctx.database.db, workspaceId, (tx) =>
    tx
      .insert(trackingSites)
      .values({ workspaceId, name: 'Site', siteKey, domains: ['example.com', '*.example.org'], ...values })
      .returning({ id: trackingSites.id }),
  );
  if (!site) throw new Error('site not created');
  return { id: site.id, workspaceId, siteKey };
}

export const newVisitorId = () => `v_${randomBytes(12).toString('base64url')}`;

/** One event as the snippet sends it (a page view by default), timed now. */
export function trackEvent(event: Partial<TrackEvent> = {}): TrackEvent {
  return { id: randomUUID(), name: 'page_view', ts: Date.now(), url: 'https://example.com/', ...event };
}

export function trackBatch(site: TestSite, events: TrackEvent[], batch: Partial<TrackBatch> = {}): TrackBatch {
  return {
    site: site.siteKey,
    visitor: 'visitor_1234',
    session: 'session_1234',
    sentAt: Date.now(),
    events,
    ...batch,
  };
}

/** POST /t/e as a browser would (text/plain unless told otherwise). */
export function postBatch(
  ctx: TestContext,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'text/plain;charset=UTF-8',
) {
  return ctx.app.inject({
    method: 'POST',
    url: '/t/e',
    headers: { 'content-type': contentType, 'user-agent': DESKTOP_CHROME, ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The site's stored events, oldest first. */
export async function storedEvents(ctx: TestContext, site: TestSite) {
  return withTenant(ctx.database.db, site.workspaceId, (tx) =>
    tx
      .select()
      .from(trackingEvents)
      .where(and(eq(trackingEvents.workspaceId, site.workspaceId), eq(trackingEvents.siteId, site.id)))
      .orderBy(asc(trackingEvents.occurredAt), asc(trackingEvents.id)),
  );
}

/** Every tracking_events row of the workspace (for "nothing was stored"). */
export async function countEvents(ctx: TestContext, workspaceId: string): Promise<number> {
  const [row] = await withTenant(ctx.database.db, workspaceId, (tx) =>
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(trackingEvents)
      .where(eq(trackingEvents.workspaceId, workspaceId)),
  );
  return row?.n ?? 0;
}

/** Adds a tracked site through the API and fails the test if the server refuses. */
export async function createSiteAs(
  ctx: TestContext,
  user: TestUser,
  body: Record<string, unknown> = {},
): Promise<TrackingSite> {
  const res = await callAs(ctx, user, 'POST', '/api/v1/tracking/sites', { name: 'Site', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TrackingSite>();
}

export type FixtureEvent = Partial<typeof trackingEvents.$inferInsert> & {
  visitorId: string;
  sessionId: string;
  name: string;
  occurredAt: Date;
};

/** Stores events as the ingest would have (fixture data for the read side); returns their ids. */
export async function insertEvents(
  ctx: TestContext,
  workspaceId: string,
  siteId: string,
  events: FixtureEvent[],
): Promise<string[]> {
  const rows = events.map((event) => ({ id: randomUUID(), workspaceId, siteId, ...event }));
  await withTenant(ctx.database.db, workspaceId, (tx) => tx.insert(trackingEvents).values(rows));
  return rows.map((row) => row.id);
}
