import type { Activity } from '@kindling/contracts/activities';
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
import {
  countEvents,
  createTestSite,
  DESKTOP_CHROME,
  newVisitorId,
  postBatch,
  storedEvents,
  trackBatch,
  trackEvent,
  WECHAT_IPHONE,
  type TestSite,
} from './test-fixtures';
import { signLeadToken, workspaceSigningSecret } from './lead-token';
import { trackingEventDefinitions, trackingSites, trackingVisitors } from './schema';
import { invalidateSiteCache } from './site-cache';
import { stitchVisitor } from './stitch';

let ctx: TestContext;
let owner: TestUser;
let site: TestSite;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx);
  site = await createTestSite(ctx, owner.workspaceId);
});
afterAll(() => ctx.close());

async function timeline(leadId: string): Promise<Activity[]> {
  const res = await callAs(ctx, owner, 'GET', `/api/v1/leads/${leadId}/activities?limit=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Activity[] }>().items;
}

describe('POST /t/e', () => {
  it('stores a single event with device, browser, OS and region from the request, and marks the site installed', async () => {
    const event = trackEvent({ url: 'https://example.com/pricing?plan=pro', title: '价格' });
    const res = await postBatch(ctx, trackBatch(site, [event]), {
      'user-agent': WECHAT_IPHONE,
      'x-forwarded-for': '114.114.114.114',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ stored: 1, duplicates: 0, ignored: 0 });

    const [row] = (await storedEvents(ctx, site)).filter((e) => e.id === event.id);
    expect(row).toMatchObject({
      name: 'page_view',
      visitorId: 'visitor_1234',
      sessionId: 'session_1234',
      url: 'https://example.com/pricing?plan=pro',
      path: '/pricing',
      title: '价格',
      referrerHost: '',
      deviceType: 'mobile',
      browser: 'WeChat',
      os: 'iOS',
      country: '中国',
      province: '江苏省',
      city: '南京市',
      ip: '114.114.114.114',
    });
    const [siteRow] = await withTenant(ctx.database.db, site.workspaceId, (tx) =>
      tx.select().from(trackingSites).where(eq(trackingSites.id, site.id)),
    );
    expect(siteRow?.firstEventAt).not.toBeNull();
    const [visitor] = await withTenant(ctx.database.db, site.workspaceId, (tx) =>
      tx.select().from(trackingVisitors).where(eq(trackingVisitors.id, 'visitor_1234')),
    );
    expect(visitor).toMatchObject({ siteId: site.id, leadId: null });
  });

  it('stores a batch of ten in one request, with UTM parameters, referrer hosts and corrected times', async () => {
    const visitor = newVisitorId();
    // The client's clock is an hour behind: its times are shifted by the offset between sentAt and receipt.
    const skew = -3600_000;
    const now = Date.now();
    const events = Array.from({ length: 10 }, (_, i) =>
      trackEvent({
        ts: now + skew - (10 - i) * 1000,
        url: `https://www.example.org/p/${i}?utm_source=baidu&utm_medium=cpc&utm_campaign=%E6%98%A5%E5%AD%A3&utm_term=crm&utm_content=a`,
        referrer: i === 0 ? 'https://www.baidu.com/s?wd=crm' : `https://www.example.org/p/${i - 1}`,
      }),
    );
    const res = await postBatch(ctx, trackBatch(site, events, { visitor, sentAt: now + skew }));
    expect(res.json()).toEqual({ stored: 10, duplicates: 0, ignored: 0 });

    const rows = (await storedEvents(ctx, site)).filter((e) => e.visitorId === visitor);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({
      path: '/p/0',
      utmSource: 'baidu',
      utmMedium: 'cpc',
      utmCampaign: '春季',
      utmTerm: 'crm',
      utmContent: 'a',
      referrer: 'https://www.baidu.com/s?wd=crm',
      referrerHost: 'www.baidu.com',
      deviceType: 'desktop',
      browser: 'Chrome',
      os: 'Windows',
    });
    // Navigation inside the site is not a source.
    expect(rows[1]?.referrerHost).toBeNull();
    const firstAt = rows[0]?.occurredAt.getTime() ?? 0;
    expect(Math.abs(firstAt - (now - 10_000))).toBeLessThan(5_000);
  });

  it('accepts application/json as well as the text/plain browsers send', async () => {
    const res = await postBatch(ctx, trackBatch(site, [trackEvent()]), {}, 'application/json');
    expect(res.json()).toEqual({ stored: 1, duplicates: 0, ignored: 0 });
  });

  it('answers a replayed batch with duplicates and stores nothing new', async () => {
    const batch = trackBatch(site, [trackEvent(), trackEvent({ name: 'click', props: { text: 'Go' } })]);
    expect((await postBatch(ctx, batch)).json()).toEqual({ stored: 2, duplicates: 0, ignored: 0 });
    const before = await countEvents(ctx, site.workspaceId);
    expect((await postBatch(ctx, batch)).json()).toEqual({ stored: 0, duplicates: 2, ignored: 0 });
    // Replayed in parallel, too: every copy is answered, the events are stored once.
    const replies = await Promise.all([postBatch(ctx, batch), postBatch(ctx, batch), postBatch(ctx, batch)]);
    for (const reply of replies) expect(reply.json()).toEqual({ stored: 0, duplicates: 2, ignored: 0 });
    expect(await countEvents(ctx, site.workspaceId)).toBe(before);
  });

  it("puts a page_leave's duration on its page view, in the same batch or a later one", async () => {
    const visitor = newVisitorId();
    const first = trackEvent({ url: 'https://example.com/a' });
    const second = trackEvent({ url: 'https://example.com/b' });
    const leaveFirst = trackEvent({ name: 'page_leave', props: { pageViewId: first.id, durationMs: 4200 } });
    await postBatch(ctx, trackBatch(site, [first, leaveFirst, second], { visitor }));
    const leaveSecond = trackEvent({
      name: 'page_leave',
      props: { pageViewId: second.id.toUpperCase(), durationMs: 1500 },
    });
    expect((await postBatch(ctx, trackBatch(site, [leaveSecond], { visitor }))).statusCode).toBe(200);

    const rows = (await storedEvents(ctx, site)).filter((e) => e.visitorId === visitor);
    expect(rows.find((e) => e.id === first.id)?.durationMs).toBe(4200);
    expect(rows.find((e) => e.id === second.id)?.durationMs).toBe(1500);
    // The leave itself is stored too (analytics and stitching read it).
    expect(rows.filter((e) => e.name === 'page_leave')).toHaveLength(2);
  });

  it("shows an identified visitor's events in the lead timeline as web.page_view, anonymous ones nowhere", async () => {
    const lead = await createLeadAs(ctx, owner, { name: '王芳', email: 'wang.fang@example.com' });
    const known = newVisitorId();
    const stranger = newVisitorId();
    await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
      stitchVisitor(
        tx,
        { workspaceId: owner.workspaceId, userId: null },
        {
          visitorId: known,
          siteId: site.id,
          leadId: lead.id,
          via: 'identify',
        },
      ),
    );
    const view = trackEvent({ url: 'https://example.com/pricing', title: '价格 <b>Pro</b>' });
    await postBatch(ctx, trackBatch(site, [view], { visitor: known }));
    await postBatch(ctx, trackBatch(site, [trackEvent({ url: 'https://example.com/secret' })], { visitor: stranger }));
    const leave = trackEvent({ name: 'page_leave', props: { pageViewId: view.id, durationMs: 30_000 } });
    await postBatch(ctx, trackBatch(site, [leave], { visitor: known }));

    const items = await timeline(lead.id);
    const views = items.filter((a) => a.type === 'web.page_view');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      source: 'web',
      properties: {
        siteId: site.id,
        visitorId: known,
        sessionId: 'session_1234',
        url: 'https://example.com/pricing',
        path: '/pricing',
        title: '价格 <b>Pro</b>',
        durationMs: 30_000,
      },
    });
    expect(items.some((a) => a.type === 'web.page_leave')).toBe(false);
    expect(items.some((a) => JSON.stringify(a.properties).includes('/secret'))).toBe(false);
  });

  it('answers CORS for the allowed domains only, and stores nothing from others', async () => {
    const preflight = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/t/e',
      headers: { origin: 'https://shop.example.org', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': 'https://shop.example.org',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '86400',
    });

    for (const origin of ['https://example.com', 'https://shop.example.org', 'http://example.com:8080']) {
      const res = await postBatch(ctx, trackBatch(site, [trackEvent()]), { origin });
      expect(res.statusCode, origin).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers.vary).toBe('origin');
    }
    const before = await countEvents(ctx, site.workspaceId);
    for (const origin of ['https://evil.com', 'https://example.org', 'https://notexample.com', 'null']) {
      const res = await postBatch(ctx, trackBatch(site, [trackEvent()]), { origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.code).toBe('origin_not_allowed');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(await countEvents(ctx, site.workspaceId)).toBe(before);
  });

  it('accepts a mini-program site without an Origin', async () => {
    const app = await createTestSite(ctx, owner.workspaceId, { kind: 'miniprogram', domains: [] });
    const res = await postBatch(ctx, trackBatch(app, [trackEvent()], { source: 'miniprogram' }), {
      'user-agent': WECHAT_IPHONE,
    });
    expect(res.json()).toEqual({ stored: 1, duplicates: 0, ignored: 0 });
  });

  it('honours Do-Not-Track when the site says so, and ignores robots', async () => {
    const polite = await createTestSite(ctx, owner.workspaceId, { respectDnt: true });
    const res = await postBatch(ctx, trackBatch(polite, [trackEvent(), trackEvent()]), { dnt: '1' });
    expect(res.json()).toEqual({ stored: 0, duplicates: 0, ignored: 2 });
    const bot = await postBatch(ctx, trackBatch(polite, [trackEvent()]), {
      'user-agent': 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
    });
    expect(bot.json()).toEqual({ stored: 0, duplicates: 0, ignored: 1 });
    const headless = await postBatch(ctx, trackBatch(polite, [trackEvent()]), {
      'user-agent':
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0 Safari/537.36',
    });
    expect(headless.json()).toEqual({ stored: 0, duplicates: 0, ignored: 1 });
    expect(await storedEvents(ctx, polite)).toHaveLength(0);

    const tracksAnyway = await createTestSite(ctx, owner.workspaceId, { respectDnt: false });
    const stored = await postBatch(ctx, trackBatch(tracksAnyway, [trackEvent()]), { dnt: '1' });
    expect(stored.json()).toEqual({ stored: 1, duplicates: 0, ignored: 0 });
  });

  it('stores a masked IP when the site asks for it, with the region of the full address', async () => {
    const masked = await createTestSite(ctx, owner.workspaceId, { truncateIp: true });
    await postBatch(ctx, trackBatch(masked, [trackEvent()]), { 'x-forwarded-for': '114.114.114.114' });
    await postBatch(ctx, trackBatch(masked, [trackEvent()]), { 'x-forwarded-for': '240e:3b7:1234:5678::1' });
    const rows = await storedEvents(ctx, masked);
    expect(rows.map((r) => [r.ip, r.province])).toEqual(
      expect.arrayContaining([
        ['114.114.114.0', '江苏省'],
        ['240e:3b7:1234::', '广东省'],
      ]),
    );
  });
});

describe('GET /t/p.gif', () => {
  it('answers a 43-byte transparent GIF and stores the hit', async () => {
    const id = crypto.randomUUID();
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/t/p.gif?s=${site.siteKey}&v=visitor_pixel&n=email_open&id=${id}&u=${encodeURIComponent('https://example.com/mail?utm_campaign=weekly')}`,
      headers: { 'user-agent': DESKTOP_CHROME },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/gif');
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.rawPayload).toHaveLength(43);
    expect(res.rawPayload.subarray(0, 6).toString()).toBe('GIF89a');
    const row = (await storedEvents(ctx, site)).find((e) => e.id === id);
    expect(row).toMatchObject({ name: 'email_open', visitorId: 'visitor_pixel', utmCampaign: 'weekly' });

    // The same pixel again (a mail client re-fetching it) is stored once.
    await ctx.app.inject({ method: 'GET', url: `/t/p.gif?s=${site.siteKey}&v=visitor_pixel&n=email_open&id=${id}` });
    expect((await storedEvents(ctx, site)).filter((e) => e.id === id)).toHaveLength(1);
  });

  it("stitches the visitor of a pixel with a valid lead token to that lead's timeline", async () => {
    const lead = await createLeadAs(ctx, owner, { name: '李雷', email: 'li.lei@example.com' });
    const secret = await workspaceSigningSecret(ctx.database.db, owner.workspaceId);
    const token = signLeadToken(secret ?? '', owner.workspaceId, lead.id, new Date(Date.now() + 86_400_000));
    const pixel = (extra = '') =>
      ctx.app.inject({
        method: 'GET',
        url: `/t/p.gif?s=${site.siteKey}&n=email_open&lt=${token}${extra}`,
        headers: { 'user-agent': DESKTOP_CHROME },
      });
    expect((await pixel()).statusCode).toBe(200);
    expect((await pixel()).statusCode).toBe(200);

    const items = await timeline(lead.id);
    expect(items.filter((a) => a.type === 'web.email_open')).toHaveLength(2);
    expect(items.filter((a) => a.type === 'web.email_open').every((a) => a.source === 'pixel')).toBe(true);
    expect(items.filter((a) => a.type === 'visitor_identified')).toHaveLength(1);

    // A forged token stitches nothing (the hit is still stored, anonymously).
    const forged = signLeadToken('not-the-secret', owner.workspaceId, lead.id, new Date(Date.now() + 86_400_000));
    await ctx.app.inject({ method: 'GET', url: `/t/p.gif?s=${site.siteKey}&n=forged_open&lt=${forged}` });
    expect((await timeline(lead.id)).some((a) => a.type === 'web.forged_open')).toBe(false);
  });
});

describe('GET /t/c/:siteKey', () => {
  it("gives the snippet its site's settings and the clicks to record, cacheable for a minute", async () => {
    const configured = await createTestSite(ctx, owner.workspaceId, { respectDnt: false, consentRequired: true });
    const other = await createTestSite(ctx, owner.workspaceId);
    await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
      tx.insert(trackingEventDefinitions).values([
        {
          workspaceId: owner.workspaceId,
          siteId: configured.id,
          kind: 'click',
          name: 'book_demo',
          label: '预约',
          selector: '#book-demo',
        },
        { workspaceId: owner.workspaceId, siteId: null, kind: 'click', name: 'cta', label: 'CTA', selector: '.cta a' },
        {
          workspaceId: owner.workspaceId,
          siteId: other.id,
          kind: 'click',
          name: 'elsewhere',
          label: 'x',
          selector: '#x',
        },
        {
          workspaceId: owner.workspaceId,
          siteId: null,
          kind: 'click',
          name: 'retired',
          label: 'r',
          selector: '#r',
          archivedAt: new Date(),
        },
      ]),
    );
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/t/c/${configured.siteKey}`,
      headers: { origin: 'https://example.com' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers['access-control-allow-origin']).toBe('https://example.com');
    const body = res.json();
    expect(body).toMatchObject({ respectDnt: false, consentRequired: true });
    expect(body.clicks).toEqual(
      expect.arrayContaining([
        { name: 'book_demo', selector: '#book-demo' },
        { name: 'cta', selector: '.cta a' },
      ]),
    );
    expect(body.clicks).toHaveLength(2);

    const unknown = await ctx.app.inject({ method: 'GET', url: '/t/c/no-such-site-key' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('unknown_site');
    const foreign = await ctx.app.inject({
      method: 'GET',
      url: `/t/c/${configured.siteKey}`,
      headers: { origin: 'https://evil.com' },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('no longer serves an archived site once the management API invalidated it', async () => {
    const doomed = await createTestSite(ctx, owner.workspaceId);
    expect((await ctx.app.inject({ method: 'GET', url: `/t/c/${doomed.siteKey}` })).statusCode).toBe(200);
    await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
      tx
        .update(trackingSites)
        .set({ archivedAt: new Date() })
        .where(and(eq(trackingSites.workspaceId, owner.workspaceId), eq(trackingSites.id, doomed.id))),
    );
    invalidateSiteCache(doomed.siteKey);
    expect((await ctx.app.inject({ method: 'GET', url: `/t/c/${doomed.siteKey}` })).statusCode).toBe(404);
    expect((await postBatch(ctx, trackBatch(doomed, [trackEvent()]))).statusCode).toBe(404);
  });
});
