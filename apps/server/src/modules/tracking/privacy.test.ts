import { and, eq, inArray } from 'drizzle-orm';
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
import { purgeDeletedLeadsJob, RECYCLE_BIN_DAYS } from '../leads/purge-job';
import { leads } from '../leads/schema';
import { eraseTrackingDataOfLeads } from './privacy';
import { trackingEvents, trackingVisitors } from './schema';
import { createTestSite, insertEvents } from './test-fixtures';
import { stitchVisitor } from './stitch';

let ctx: TestContext;
let owner: TestUser;
let siteId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Privacy');
  siteId = await createSite(owner);
});
afterAll(() => ctx.close());

const createSite = async (user: TestUser) => (await createTestSite(ctx, user.workspaceId)).id;

/** A visitor with three page views, stored as the ingest stores them. */
async function browse(user: TestUser, visitorId: string, site = siteId): Promise<void> {
  await insertEvents(
    ctx,
    user.workspaceId,
    site,
    ['/', '/pricing', '/contact'].map((path, i) => ({
      visitorId,
      sessionId: 'session-0001',
      name: 'page_view',
      occurredAt: new Date(Date.now() - 3600_000 + i * 60_000),
      path,
    })),
  );
}

/** A lead whose visitor browsed and was then identified (its events are on the lead's timeline). */
async function trackedLead(name: string, visitorId: string): Promise<string> {
  const lead = await createLeadAs(ctx, owner, { name });
  await browse(owner, visitorId);
  await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
    stitchVisitor(
      tx,
      { workspaceId: owner.workspaceId, userId: null },
      { visitorId, siteId, leadId: lead.id, via: 'form' },
    ),
  );
  return lead.id;
}

/** Everything stored about these visitors and leads, read on the owner connection (as an auditor would). */
async function stored(visitorIds: string[], leadIds: string[]) {
  const db = ctx.database.db;
  return {
    events: (await db.select().from(trackingEvents).where(inArray(trackingEvents.visitorId, visitorIds))).length,
    visitors: (await db.select().from(trackingVisitors).where(inArray(trackingVisitors.id, visitorIds))).length,
    activities: (await db.select().from(activities).where(inArray(activities.leadId, leadIds))).length,
    leads: (await db.select().from(leads).where(inArray(leads.id, leadIds))).length,
  };
}

async function binnedDaysAgo(leadId: string, days: number): Promise<void> {
  expect((await callAs(ctx, owner, 'DELETE', `/api/v1/leads/${leadId}`)).statusCode).toBe(204);
  const deletedAt = new Date(Date.now() - days * 24 * 3600 * 1000);
  await ctx.database.db.update(leads).set({ deletedAt }).where(eq(leads.id, leadId));
}

describe('purging leads from the recycle bin', () => {
  it("erases a purged lead's tracked events, visitors and activities; keeps anonymous and restorable data", async () => {
    const purged = await trackedLead('Past the bin', 'visitor-purged');
    const recent = await trackedLead('Still restorable', 'visitor-recent');
    const live = await trackedLead('Alive', 'visitor-alive');
    await browse(owner, 'visitor-anonymous');
    await binnedDaysAgo(purged, RECYCLE_BIN_DAYS + 1);
    await binnedDaysAgo(recent, RECYCLE_BIN_DAYS - 1);
    expect(await stored(['visitor-purged'], [purged])).toMatchObject({ events: 3, visitors: 1, leads: 1 });

    await purgeDeletedLeadsJob.handle({ database: ctx.database, dataDir: ctx.config.dataDir }, undefined);

    expect(await stored(['visitor-purged'], [purged])).toEqual({ events: 0, visitors: 0, activities: 0, leads: 0 });
    expect(await stored(['visitor-anonymous'], [])).toMatchObject({ events: 3, visitors: 0 });
    expect(await stored(['visitor-recent'], [recent])).toMatchObject({ events: 3, visitors: 1, leads: 1 });
    expect(await stored(['visitor-alive'], [live])).toMatchObject({ events: 3, visitors: 1, leads: 1 });
    // The restored lead still has its visits.
    expect((await callAs(ctx, owner, 'POST', `/api/v1/leads/${recent}/restore`)).statusCode).toBe(200);
    const timeline = await callAs(ctx, owner, 'GET', `/api/v1/leads/${recent}/activities?types=web.page_view`);
    expect(timeline.json<{ items: unknown[] }>().items).toHaveLength(3);
  });

  it('erases only the purged leads of every workspace, nobody else’s', async () => {
    const stranger = await createOwner(ctx, 'Another workspace');
    const theirLead = await createLeadAs(ctx, stranger, { name: 'Theirs' });
    const theirSite = await createSite(stranger);
    await browse(stranger, 'visitor-theirs', theirSite);
    await withTenant(ctx.database.db, stranger.workspaceId, (tx) =>
      stitchVisitor(
        tx,
        { workspaceId: stranger.workspaceId, userId: null },
        { visitorId: 'visitor-theirs', siteId: theirSite, leadId: theirLead.id, via: 'identify' },
      ),
    );
    const ours = await trackedLead('Ours, purged', 'visitor-ours');
    await binnedDaysAgo(ours, RECYCLE_BIN_DAYS + 5);

    await purgeDeletedLeadsJob.handle({ database: ctx.database, dataDir: ctx.config.dataDir }, undefined);

    expect(await stored(['visitor-ours'], [ours])).toEqual({ events: 0, visitors: 0, activities: 0, leads: 0 });
    expect(await stored(['visitor-theirs'], [theirLead.id])).toMatchObject({ events: 3, visitors: 1, leads: 1 });
  });
});

describe('erasing the tracking data of chosen leads (an erasure request)', () => {
  it("deletes their visitors' events and visitors in the tenant's transaction, and nothing else", async () => {
    const erased = await trackedLead('Asked to be forgotten', 'visitor-forget');
    const kept = await trackedLead('Kept', 'visitor-keep');
    const count = await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
      eraseTrackingDataOfLeads(tx, { workspaceId: owner.workspaceId, leadIds: [erased] }),
    );
    expect(count).toBe(3);
    expect(await stored(['visitor-forget'], [])).toMatchObject({ events: 0, visitors: 0 });
    expect(await stored(['visitor-keep'], [kept])).toMatchObject({ events: 3, visitors: 1 });
    const [row] = await ctx.database.db
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, owner.workspaceId), eq(leads.id, erased)));
    expect(row).toBeDefined();
    expect(
      await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
        eraseTrackingDataOfLeads(tx, { workspaceId: owner.workspaceId, leadIds: [] }),
      ),
    ).toBe(0);
  });
});
