import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/db/tenant';
import { createOwner, createTestContext, type TestContext, type TestUser } from '../../testing/test-app';
import { EventWriteFailed, EventWriter, type EventWriterOptions, type TrackedEventRow } from './event-writer';
import { countEvents, createTestSite, postBatch, trackBatch, trackEvent, type TestSite } from './test-fixtures';
import { trackingEvents } from './schema';

let ctx: TestContext;
let owner: TestUser;
let site: TestSite;
const quiet = { error: () => {}, warn: () => {} };

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx);
  site = await createTestSite(ctx, owner.workspaceId);
});
afterAll(() => ctx.close());

function writer(options: Partial<EventWriterOptions> = {}): EventWriter {
  return new EventWriter(ctx.database, null, { flushDelayMs: 20, maxRows: 1000, concurrency: 3, ...options }, quiet);
}

function row(values: Partial<TrackedEventRow> = {}): TrackedEventRow {
  return {
    id: randomUUID(),
    siteId: site.id,
    visitorId: 'visitor_writer',
    sessionId: 'session_writer',
    name: 'page_view',
    occurredAt: new Date(),
    url: 'https://example.com/',
    path: '/',
    title: null,
    referrer: null,
    referrerHost: '',
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    deviceType: null,
    browser: null,
    os: null,
    country: null,
    province: null,
    city: null,
    ip: null,
    durationMs: null,
    properties: {},
    source: 'web',
    ...values,
  };
}

async function receivedAtOf(ids: string[]): Promise<string[]> {
  const rows = await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
    tx
      .select({ receivedAt: trackingEvents.receivedAt })
      .from(trackingEvents)
      .where(
        and(
          eq(trackingEvents.workspaceId, owner.workspaceId),
          sql`${trackingEvents.id} = any(${sql.param(ids)}::uuid[])`,
        ),
      ),
  );
  return rows.map((r) => r.receivedAt.toISOString());
}

/** Makes the database refuse every write of events (as a lost disk or a broken migration would). */
const breakEventsTable = () => ctx.database.executeSql('alter table tracking_events rename to tracking_events_away');
const repairEventsTable = () => ctx.database.executeSql('alter table tracking_events_away rename to tracking_events');

describe('EventWriter (group commit)', () => {
  it('commits concurrent writes together, and tells each writer how many of its own events were new', async () => {
    const events = writer();
    const rows = Array.from({ length: 40 }, () => row());
    const results = await Promise.all(rows.map((r) => events.write(owner.workspaceId, [r])));
    expect(results.every((r) => r.stored === 1 && r.duplicates === 0)).toBe(true);
    // One transaction stamps one received_at (now() is the transaction's start): 40 requests, one or two commits.
    expect(new Set(await receivedAtOf(rows.map((r) => r.id))).size).toBeLessThanOrEqual(2);

    const [x, y, z] = [row(), row(), row()];
    const [a, b] = await Promise.all([
      events.write(owner.workspaceId, [x, y]),
      events.write(owner.workspaceId, [{ ...y }, z, { ...z }]),
    ]);
    expect(a).toEqual({ stored: 2, duplicates: 0 });
    expect(b).toEqual({ stored: 1, duplicates: 2 });
    expect(await events.write(owner.workspaceId, [x, y, z])).toEqual({ stored: 0, duplicates: 3 });
    await events.close();
  });

  it('flushes at once when a batch is full, and everything pending when closed', async () => {
    const events = writer({ flushDelayMs: 60_000, maxRows: 5 });
    const started = Date.now();
    expect(
      await events.write(
        owner.workspaceId,
        Array.from({ length: 5 }, () => row()),
      ),
    ).toEqual({
      stored: 5,
      duplicates: 0,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    const pending = events.write(owner.workspaceId, [row(), row()]);
    await events.close();
    expect(await pending).toEqual({ stored: 2, duplicates: 0 });
    await expect(events.write(owner.workspaceId, [row()])).rejects.toBeInstanceOf(EventWriteFailed);
  });

  it('rejects every waiting write when the commit fails; a retry later stores the events exactly once', async () => {
    const events = writer();
    const before = await countEvents(ctx, owner.workspaceId);
    const first = [row(), row()];
    const second = [row()];
    await breakEventsTable();
    try {
      const outcomes = await Promise.allSettled([
        events.write(owner.workspaceId, first),
        events.write(owner.workspaceId, second),
      ]);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toBeInstanceOf(EventWriteFailed);
          expect((outcome.reason as EventWriteFailed).permanent).toBe(false);
        }
      }
    } finally {
      await repairEventsTable();
    }
    expect(await countEvents(ctx, owner.workspaceId)).toBe(before);
    expect(await events.write(owner.workspaceId, first)).toEqual({ stored: 2, duplicates: 0 });
    expect(await events.write(owner.workspaceId, [...first, ...second])).toEqual({ stored: 1, duplicates: 2 });
    expect(await countEvents(ctx, owner.workspaceId)).toBe(before + 3);
    await events.close();
  });

  it('fails only the request whose data the database refuses, not the ones batched with it', async () => {
    const events = writer({ flushDelayMs: 50 });
    const good = [row(), row()];
    // Passes the writer but not PostgreSQL (not a UUID): stands for any value the validation missed.
    const bad = [row({ id: 'not-a-uuid' })];
    const [ok, refused] = await Promise.allSettled([
      events.write(owner.workspaceId, good),
      events.write(owner.workspaceId, bad),
    ]);
    expect(ok).toEqual({ status: 'fulfilled', value: { stored: 2, duplicates: 0 } });
    expect(refused.status).toBe('rejected');
    if (refused.status === 'rejected') expect((refused.reason as EventWriteFailed).permanent).toBe(true);
    await events.close();
  });
});

describe('POST /t/e when the database fails', () => {
  it('answers 503 with retry-after and stores nothing; the same batch retried later is stored once', async () => {
    const batch = trackBatch(site, [trackEvent(), trackEvent()]);
    const before = await countEvents(ctx, owner.workspaceId);
    await breakEventsTable();
    let failed;
    try {
      failed = await postBatch(ctx, batch);
    } finally {
      await repairEventsTable();
    }
    expect(failed.statusCode, failed.body).toBe(503);
    expect(failed.json().error.code).toBe('unavailable');
    expect(failed.headers['retry-after']).toBe('1');
    expect(await countEvents(ctx, owner.workspaceId)).toBe(before);

    expect((await postBatch(ctx, batch)).json()).toEqual({ stored: 2, duplicates: 0, ignored: 0 });
    expect((await postBatch(ctx, batch)).json()).toEqual({ stored: 0, duplicates: 2, ignored: 0 });
    expect(await countEvents(ctx, owner.workspaceId)).toBe(before + 2);
  });
});
