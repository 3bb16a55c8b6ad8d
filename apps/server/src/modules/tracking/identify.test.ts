import type { Activity, ActivityPage } from '@kindling/contracts/activities';
import type { Lead, LeadPage } from '@kindling/contracts/leads';
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
import { enqueueIdentify, processIdentifyEvents } from './identify';
import { createTestSite, insertEvents, newVisitorId, postBatch, trackBatch, trackEvent } from './test-fixtures';
import { signLeadToken, workspaceSigningSecret } from './lead-token';
import { trackingEvents, trackingVisitors } from './schema';

/*
 * Identify events are stored as the ingest stores them (tracking_events rows), then processed as the
 * `tracking.identify` job does; what the user sees is the lead list, the lead and its timeline.
 */

let ctx: TestContext;
let owner: TestUser;
let siteId: string;
let minute = 0;

const createSite = async (user: TestUser) => (await createTestSite(ctx, user.workspaceId)).id;

/** Stores one event of the visitor, a minute after the previous one; returns its id. */
async function storeEvent(
  user: TestUser,
  site: string,
  visitorId: string,
  name: string,
  properties: Record<string, unknown> = {},
  path: string | null = null,
): Promise<string> {
  minute += 1;
  const [id] = await insertEvents(ctx, user.workspaceId, site, [
    {
      visitorId,
      sessionId: 'session-0001',
      name,
      occurredAt: new Date(Date.now() - 24 * 3600 * 1000 + minute * 60_000),
      path,
      url: path ? `https://www.example.com${path}` : null,
      properties,
    },
  ]);
  return id!;
}

/** A visitor that browsed anonymously, then identified itself with these traits: the identify event's id. */
async function browseThenIdentify(visitorId: string, traits: Record<string, unknown>, user = owner, site = siteId) {
  await storeEvent(user, site, visitorId, 'page_view', {}, '/');
  await storeEvent(user, site, visitorId, 'page_view', {}, '/pricing');
  return storeEvent(user, site, visitorId, 'identify', traits);
}

const identify = (eventIds: string[], user = owner) => processIdentifyEvents(ctx.database, user.workspaceId, eventIds);

async function leadsMatching(q: string, user = owner): Promise<Lead[]> {
  const res = await callAs(ctx, user, 'GET', `/api/v1/leads?q=${encodeURIComponent(q)}&pageSize=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LeadPage>().items;
}

async function allLeads(user = owner): Promise<Lead[]> {
  return leadsMatching('', user);
}

async function getLead(id: string, user = owner): Promise<Lead> {
  const res = await callAs(ctx, user, 'GET', `/api/v1/leads/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Lead>();
}

async function timeline(leadId: string, user = owner): Promise<Activity[]> {
  const res = await callAs(ctx, user, 'GET', `/api/v1/leads/${leadId}/activities?limit=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ActivityPage>().items;
}

async function leadOfVisitor(visitorId: string, user = owner): Promise<string | null | undefined> {
  const [row] = await ctx.database.db
    .select({ leadId: trackingVisitors.leadId })
    .from(trackingVisitors)
    .where(and(eq(trackingVisitors.workspaceId, user.workspaceId), eq(trackingVisitors.id, visitorId)));
  return row?.leadId;
}

async function tokenFor(user: TestUser, leadId: string, expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000)) {
  const secret = await workspaceSigningSecret(ctx.database.db, user.workspaceId);
  return signLeadToken(secret!, user.workspaceId, leadId, expiresAt);
}

beforeAll(async () => {
  ctx = await createTestContext({ workers: true });
  owner = await createOwner(ctx, 'Identifiers');
  siteId = await createSite(owner);
});
afterAll(() => ctx.close());

describe('identify creates or finds the lead', () => {
  it('creates a new lead from the traits, with the anonymous history on its timeline', async () => {
    const eventId = await browseThenIdentify('visitor-new-person', {
      email: '  New.Person@Example.COM ',
      phone: '138 0013 8001',
      name: 'New Person',
      company: 'Acme 科技',
    });
    await identify([eventId]);

    const [lead] = await leadsMatching('new.person@example.com');
    expect(lead).toMatchObject({
      name: 'New Person',
      email: 'new.person@example.com',
      phone: '+8613800138001',
      companyName: 'Acme 科技',
      source: 'website',
    });
    const items = await timeline(lead!.id);
    expect(items.map((a) => a.type).sort()).toEqual([
      'lead_created',
      'visitor_identified',
      'web.identify',
      'web.page_view',
      'web.page_view',
    ]);
    expect(items.find((a) => a.type === 'visitor_identified')?.properties).toMatchObject({
      via: 'identify',
      eventsLinked: 3,
    });
    expect(await leadOfVisitor('visitor-new-person')).toBe(lead!.id);
  });

  it("names a lead without a name trait after the email's local part", async () => {
    await identify([await browseThenIdentify('visitor-no-name', { email: 'chen.jing@example.cn' })]);
    expect((await leadsMatching('chen.jing@example.cn'))[0]).toMatchObject({ name: 'chen.jing', phone: null });
  });

  it('links an existing lead by email (any case and spacing), filling only its empty fields', async () => {
    const existing = await createLeadAs(ctx, owner, {
      name: 'Zhao Liu',
      email: 'zhao.liu@example.com',
      companyName: 'Keep Co',
    });
    const before = (await allLeads()).length;
    await identify([
      await browseThenIdentify('visitor-zhao', {
        email: ' ZHAO.Liu@Example.com',
        phone: '13900139000',
        name: 'Somebody Else',
        company: 'Overwrite Co',
      }),
    ]);
    expect((await allLeads()).length).toBe(before);
    expect(await getLead(existing.id)).toMatchObject({
      name: 'Zhao Liu',
      email: 'zhao.liu@example.com',
      companyName: 'Keep Co',
      phone: '+8613900139000',
    });
    const items = await timeline(existing.id);
    expect(items.find((a) => a.type === 'lead_updated')?.properties).toEqual({
      changes: { phone: { from: null, to: '+8613900139000' } },
    });
    expect(items.filter((a) => a.type === 'web.page_view')).toHaveLength(2);
    expect(await leadOfVisitor('visitor-zhao')).toBe(existing.id);
  });

  it('links an existing lead by phone, written any way', async () => {
    const existing = await createLeadAs(ctx, owner, { name: 'Sun Qi', phone: '13700137000' });
    await identify([
      await browseThenIdentify('visitor-sun', { phone: '+86 137-0013-7000', email: 'sun.qi@example.com' }),
    ]);
    expect(await leadOfVisitor('visitor-sun')).toBe(existing.id);
    // The email nobody held fills the lead's empty email.
    expect(await getLead(existing.id)).toMatchObject({ email: 'sun.qi@example.com', phone: '+8613700137000' });
  });

  it('joins two visitors (devices) of one person on one lead', async () => {
    await identify([await browseThenIdentify('visitor-zhou-laptop', { email: 'zhou@example.com' })]);
    await identify([await browseThenIdentify('visitor-zhou-phone', { email: 'ZHOU@example.com' })]);
    const [lead, ...more] = await leadsMatching('zhou@example.com');
    expect(more).toEqual([]);
    expect(await leadOfVisitor('visitor-zhou-laptop')).toBe(lead!.id);
    expect(await leadOfVisitor('visitor-zhou-phone')).toBe(lead!.id);
    expect((await timeline(lead!.id)).filter((a) => a.type === 'web.page_view')).toHaveLength(4);
  });

  it('changes nothing more when the same events are processed again', async () => {
    const eventIds = [
      await browseThenIdentify('visitor-twice', { email: 'twice@example.com', name: 'Twice' }),
      await browseThenIdentify('visitor-twice-b', { email: 'twice@example.com', phone: '13600136000' }),
    ];
    await identify(eventIds);
    const leadsBefore = await allLeads();
    const [lead] = await leadsMatching('twice@example.com');
    const timelineBefore = await timeline(lead!.id);
    await identify(eventIds);
    await identify(eventIds.slice(1));
    expect(await allLeads()).toEqual(leadsBefore);
    expect(await timeline(lead!.id)).toEqual(timelineBefore);
  });
});

describe('tracked email links (lead tokens)', () => {
  it('a valid token decides the lead, even when the email belongs to another lead', async () => {
    const clicked = await createLeadAs(ctx, owner, { name: 'Clicked the email' });
    const other = await createLeadAs(ctx, owner, { name: 'Holds the email', email: 'typed@example.com' });
    const kt = await tokenFor(owner, clicked.id);
    await identify([await browseThenIdentify('visitor-link', { kt, email: 'typed@example.com', company: 'Link Co' })]);
    expect(await leadOfVisitor('visitor-link')).toBe(clicked.id);
    // Empty fields are filled, but not with an email another lead holds (emails are unique).
    expect(await getLead(clicked.id)).toMatchObject({ email: null, companyName: 'Link Co' });
    expect((await timeline(clicked.id)).find((a) => a.type === 'visitor_identified')?.properties).toMatchObject({
      via: 'email_link',
    });
    expect((await timeline(other.id)).some((a) => a.type.startsWith('web.'))).toBe(false);
  });

  it('a token alone (the landing page of a tracked link) is enough', async () => {
    const clicked = await createLeadAs(ctx, owner, { name: 'Token only' });
    await identify([await browseThenIdentify('visitor-token-only', { kt: await tokenFor(owner, clicked.id) })]);
    expect(await leadOfVisitor('visitor-token-only')).toBe(clicked.id);
    // The token is a capability: once used it is gone from the raw event (the live view and exports show those).
    const stored = await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
      tx
        .select({ properties: trackingEvents.properties })
        .from(trackingEvents)
        .where(
          and(eq(trackingEvents.workspaceId, owner.workspaceId), eq(trackingEvents.visitorId, 'visitor-token-only')),
        ),
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((row) => !('kt' in row.properties))).toBe(true);
  });

  it('ignores an expired or forged token and falls back to the email', async () => {
    const target = await createLeadAs(ctx, owner, { name: 'Token target' });
    const expired = await tokenFor(owner, target.id, new Date(Date.now() - 1000));
    const forged = signLeadToken('not-the-secret', owner.workspaceId, target.id, new Date(Date.now() + 3600_000));
    await identify([await browseThenIdentify('visitor-expired', { kt: expired, email: 'expired@example.com' })]);
    await identify([await browseThenIdentify('visitor-forged', { kt: forged })]);
    const [byEmail] = await leadsMatching('expired@example.com');
    expect(await leadOfVisitor('visitor-expired')).toBe(byEmail!.id);
    expect(await leadOfVisitor('visitor-forged')).toBeUndefined();
    expect((await timeline(target.id)).some((a) => a.type.startsWith('web.'))).toBe(false);
  });

  it("a token of workspace A does nothing in workspace B, and B's traits never touch A's lead", async () => {
    const other = await createOwner(ctx, 'Other tenant');
    const otherSite = await createSite(other);
    const theirs = await createLeadAs(ctx, owner, { name: 'Lead of A' });
    const kt = await tokenFor(owner, theirs.id);
    const leadsOfB = (await allLeads(other)).length;
    await identify([await browseThenIdentify('visitor-cross', { kt, company: 'Sneaky' }, other, otherSite)], other);
    expect(await leadOfVisitor('visitor-cross', other)).toBeUndefined();
    expect((await allLeads(other)).length).toBe(leadsOfB);
    expect(await getLead(theirs.id)).toMatchObject({ companyName: null });
    expect(await timeline(theirs.id)).toHaveLength(1); // lead_created

    // The same identify event id processed in A's name finds nothing: events are read within the workspace.
    const eventOfB = await browseThenIdentify('visitor-cross-2', { email: 'b-only@example.com' }, other, otherSite);
    await identify([eventOfB], owner);
    expect(await leadsMatching('b-only@example.com')).toEqual([]);
    await identify([eventOfB], other);
    expect(await leadsMatching('b-only@example.com', other)).toHaveLength(1);
  });
});

describe('bad traits', () => {
  it('ignores an invalid email or phone, keeps the valid traits, and never fails the job', async () => {
    const before = (await allLeads()).length;
    await identify([
      await browseThenIdentify('visitor-bad-email', {
        email: 'not-an-email',
        phone: '13500135000',
        name: 'Phone only',
      }),
      await browseThenIdentify('visitor-junk', {
        email: 'x@',
        phone: '12345',
        name: 'x'.repeat(500),
        company: true,
        kt: 'junk',
      }),
      await browseThenIdentify('visitor-name-only', { name: 'Just a name' }),
    ]);
    const after = await allLeads();
    expect(after.length).toBe(before + 1);
    expect(after.find((l) => l.name === 'Phone only')).toMatchObject({ email: null, phone: '+8613500135000' });
    expect(await leadOfVisitor('visitor-junk')).toBeUndefined();
    expect(await leadOfVisitor('visitor-name-only')).toBeUndefined();
  });

  it("fills the empty fields of the visitor's own lead from traits without an email or phone", async () => {
    await identify([await browseThenIdentify('visitor-known', { email: 'known@example.com' })]);
    const [lead] = await leadsMatching('known@example.com');
    await identify([await storeEvent(owner, siteId, 'visitor-known', 'identify', { company: 'Found Later Ltd' })]);
    expect(await getLead(lead!.id)).toMatchObject({ companyName: 'Found Later Ltd' });
  });

  it('skips ids that are not identify events of the workspace', async () => {
    const pageView = await storeEvent(owner, siteId, 'visitor-page-only', 'page_view', { email: 'p@example.com' }, '/');
    await identify([pageView, randomUUID()]);
    expect(await leadsMatching('p@example.com')).toEqual([]);
  });
});

describe('the tracking.identify job', () => {
  it('runs in the background after the ingest enqueued it', async () => {
    const eventId = await browseThenIdentify('visitor-job', { email: 'from-the-job@example.com' });
    await enqueueIdentify(ctx.jobs, owner.workspaceId, [eventId]);
    let found: Lead[] = [];
    for (let i = 0; i < 100 && found.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      found = await leadsMatching('from-the-job@example.com');
    }
    expect(found).toHaveLength(1);
    expect(await leadOfVisitor('visitor-job')).toBe(found[0]!.id);
  });
});

describe('end to end through POST /t/e', () => {
  /** Polls until `read` returns something (the identify job runs in the background). */
  async function eventually<T>(read: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const value = await read();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('timed out waiting for the identify job');
  }

  const leadByEmail = (email: string) => eventually(async () => (await leadsMatching(email))[0]);

  it('identify turns the anonymous visitor into a lead, with its visits and durations; later visits follow live', async () => {
    const site = await createTestSite(ctx, owner.workspaceId);
    const visitor = newVisitorId();
    const view = trackEvent({
      url: 'https://example.com/pricing?utm_source=baidu',
      title: '价格',
      ts: Date.now() - 9000,
    });
    const leave = trackEvent({
      name: 'page_leave',
      ts: Date.now() - 1000,
      props: { pageViewId: view.id, durationMs: 8000 },
    });
    const anonymous = await postBatch(ctx, trackBatch(site, [view, leave], { visitor }));
    expect(anonymous.json()).toEqual({ stored: 2, duplicates: 0, ignored: 0 });

    const hello = trackEvent({ name: 'identify', props: { email: 'E2E-Visitor@Example.com', name: 'E2E Visitor' } });
    expect((await postBatch(ctx, trackBatch(site, [hello], { visitor }))).statusCode).toBe(200);
    const lead = await leadByEmail('e2e-visitor@example.com');
    expect(lead).toMatchObject({ name: 'E2E Visitor', email: 'e2e-visitor@example.com', source: 'website' });

    let items = await timeline(lead.id);
    expect(items.find((a) => a.type === 'web.page_view')).toMatchObject({
      source: 'web',
      properties: { title: '价格', path: '/pricing', durationMs: 8000, visitorId: visitor },
    });
    expect(items.some((a) => a.type === 'web.page_leave')).toBe(false);
    expect(items.find((a) => a.type === 'visitor_identified')?.properties).toMatchObject({
      via: 'identify',
      eventsLinked: 2,
    });

    // The next page view goes straight onto the lead's timeline.
    const next = trackEvent({ url: 'https://example.com/docs', title: 'Docs' });
    expect((await postBatch(ctx, trackBatch(site, [next], { visitor }))).statusCode).toBe(200);
    items = await timeline(lead.id);
    expect(items.filter((a) => a.type === 'web.page_view').map((a) => a.properties.path)).toEqual([
      '/docs',
      '/pricing',
    ]);
  });

  it('the landing page of a tracked email link (props.kt) identifies the visitor without a form', async () => {
    const site = await createTestSite(ctx, owner.workspaceId);
    const recipient = await createLeadAs(ctx, owner, { name: 'Email recipient' });
    const visitor = newVisitorId();
    const landing = trackEvent({ url: 'https://example.com/offer' });
    const kt = await tokenFor(owner, recipient.id);
    const res = await postBatch(
      ctx,
      trackBatch(site, [landing, trackEvent({ name: 'identify', props: { kt } })], { visitor }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const items = await eventually(async () => {
      const found = await timeline(recipient.id);
      return found.some((a) => a.type === 'visitor_identified') ? found : undefined;
    });
    expect(items.find((a) => a.type === 'visitor_identified')?.properties).toMatchObject({ via: 'email_link' });
    expect(items.find((a) => a.type === 'web.page_view')?.properties.path).toBe('/offer');
    expect(items.find((a) => a.type === 'web.identify')?.properties).not.toHaveProperty('props');
  });

  it("after a merge, the merged lead's devices keep tracking onto the surviving lead", async () => {
    const site = await createTestSite(ctx, owner.workspaceId);
    const [laptop, phone] = [newVisitorId(), newVisitorId()];
    const identifyAs = (visitor: string, email: string) =>
      postBatch(ctx, trackBatch(site, [trackEvent({ name: 'identify', props: { email } })], { visitor }));
    await identifyAs(laptop, 'merge-keep@example.com');
    await identifyAs(phone, 'merge-gone@example.com');
    const keep = await leadByEmail('merge-keep@example.com');
    const gone = await leadByEmail('merge-gone@example.com');

    const merged = await callAs(ctx, owner, 'POST', '/api/v1/leads/merge', {
      primaryId: keep.id,
      secondaryId: gone.id,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const visit = trackEvent({ url: 'https://example.com/after-merge' });
    expect((await postBatch(ctx, trackBatch(site, [visit], { visitor: phone }))).statusCode).toBe(200);
    const paths = (await timeline(keep.id)).filter((a) => a.type === 'web.page_view').map((a) => a.properties.path);
    expect(paths).toEqual(['/after-merge']);
    expect(await leadOfVisitor(phone)).toBe(keep.id);
  });
});
