import type { TrackingSite } from '@kindling/contracts/tracking';
import { v4 as uuidv4 } from 'uuid';
import { expect } from 'vitest';
import { withTenant } from '../../platform/db/tenant';
import { callAs, type TestContext, type TestUser } from '../../testing/test-app';
import { trackingEvents } from './schema';

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
  const rows = events.map((event) => ({ id: uuidv4(), workspaceId, siteId, ...event }));
  await withTenant(ctx.database.db, workspaceId, (tx) => tx.insert(trackingEvents).values(rows));
  return rows.map((row) => row.id);
}
