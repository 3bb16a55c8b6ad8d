import { TRACK_LIMITS } from '@kindling/contracts/tracking';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/db/tenant';
import { createOwner, createTestContext, type TestContext, type TestUser } from '../../testing/test-app';
import {
  countEvents,
  createTestSite,
  postBatch,
  storedEvents,
  trackBatch,
  trackEvent,
  type TestSite,
} from './test-fixtures';
import { TokenBuckets } from './rate-limiter';
import { trackingEventDefinitions } from './schema';

let ctx: TestContext;
let owner: TestUser;
let site: TestSite;
/** Every request of a test comes from its own address, so the per-IP budget of one test never leaks into another. */
let address = 0;
const nextIp = () => `203.0.113.${(address += 1)}`;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx);
  site = await createTestSite(ctx, owner.workspaceId);
  await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
    tx.insert(trackingEventDefinitions).values({
      workspaceId: owner.workspaceId,
      kind: 'custom',
      name: 'download_whitepaper',
      label: '下载白皮书',
      properties: [
        { key: 'asset', label: '', type: 'string', required: true },
        { key: 'pages', label: '', type: 'number', required: false },
      ],
    }),
  );
});
afterAll(() => ctx.close());

/** Whatever a test sent, nothing of it may have been stored. */
afterEach(async () => {
  expect(await countEvents(ctx, owner.workspaceId)).toBe(storedOnPurpose);
});
let storedOnPurpose = 0;

const post = (body: unknown, headers: Record<string, string> = {}, contentType?: string) =>
  postBatch(ctx, body, { 'x-forwarded-for': nextIp(), ...headers }, contentType);

function expectError(res: Awaited<ReturnType<typeof post>>, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error).toMatchObject({ code, requestId: expect.any(String) });
  return res.json().error.details as { path: string; message: string }[];
}

describe('bad input to POST /t/e', () => {
  it('refuses an oversized body with 413', async () => {
    const big = trackEvent({ props: { filler: 'x'.repeat(1000) } });
    const events = Array.from({ length: 45 }, () => ({ ...big, id: crypto.randomUUID() }));
    const body = JSON.stringify({ ...trackBatch(site, events), padding: 'x'.repeat(TRACK_LIMITS.maxBodyBytes) });
    expectError(await post(body), 413, 'payload_too_large');
    expectError(await post(body, {}, 'application/json'), 413, 'payload_too_large');
  });

  it('refuses malformed JSON with 400, as text/plain and as application/json', async () => {
    for (const body of ['{"site":', 'not json at all', '', '[1,2', '{"__proto__":{"x":1}}']) {
      for (const type of ['text/plain', 'application/json']) {
        const res = await post(body, {}, type);
        expect(res.statusCode, `${type}: ${body}`).toBe(400);
      }
    }
  });

  it('refuses other content types with 415', async () => {
    const res = await post('site=x', {}, 'application/x-www-form-urlencoded');
    expectError(res, 415, 'unsupported_media_type');
  });

  it('refuses wrong types with 400 and the paths of the problems', async () => {
    const details = expectError(
      await post({
        ...trackBatch(site, [trackEvent()]),
        visitor: 'short',
        events: [{ ...trackEvent(), ts: 'yesterday', id: 'not-a-uuid', name: 'Bad Name', url: 'javascript:alert(1)' }],
      }),
      400,
      'validation_failed',
    );
    const paths = details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.visitor',
        'body.events.0.ts',
        'body.events.0.id',
        'body.events.0.name',
        'body.events.0.url',
      ]),
    );
    expectError(await post({ ...trackBatch(site, [trackEvent()]), extra: true }), 400, 'validation_failed');
    expectError(await post({ ...trackBatch(site, []) }), 400, 'validation_failed');
    const propsTooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`p${i}`, i]));
    expectError(await post(trackBatch(site, [trackEvent({ props: propsTooMany })])), 400, 'validation_failed');
    const nested = { ...trackEvent(), props: { deep: { a: 1 } } };
    expectError(await post(trackBatch(site, [nested as never])), 400, 'validation_failed');
  });

  it(`refuses more than ${TRACK_LIMITS.maxEvents} events in one request`, async () => {
    const events = Array.from({ length: TRACK_LIMITS.maxEvents + 1 }, () => trackEvent());
    const details = expectError(await post(trackBatch(site, events)), 400, 'validation_failed');
    expect(details[0]?.path).toBe('body.events');
  });

  it('refuses an unknown or forged site key with 404', async () => {
    for (const key of ['forged-site-key-123', site.siteKey.toUpperCase(), `${site.siteKey}x`]) {
      const res = await post(trackBatch({ ...site, siteKey: key }, [trackEvent()]));
      expectError(res, 404, 'unknown_site');
    }
  });

  it('refuses an archived site with 404', async () => {
    const archived = await createTestSite(ctx, owner.workspaceId, { archivedAt: new Date() });
    expectError(await post(trackBatch(archived, [trackEvent()])), 404, 'unknown_site');
  });

  it('refuses a page on a host the site does not allow with 403', async () => {
    const res = await post(trackBatch(site, [trackEvent()]), { origin: 'https://example.com.evil.net' });
    expectError(res, 403, 'origin_not_allowed');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses the whole batch when any event is too old or from the future (clock corrected)', async () => {
    const now = Date.now();
    const ancient = trackEvent({ ts: now - TRACK_LIMITS.maxAgeMs - 60_000 });
    let details = expectError(await post(trackBatch(site, [trackEvent(), ancient])), 400, 'validation_failed');
    expect(details).toEqual([{ path: 'body.events.1.ts', message: expect.stringContaining('past') }]);
    const future = trackEvent({ ts: now + TRACK_LIMITS.maxFutureMs + 60_000 });
    details = expectError(await post(trackBatch(site, [future])), 400, 'validation_failed');
    expect(details[0]?.path).toBe('body.events.0.ts');
    // A client whose clock is a year off is fine as long as its batch is consistent: the offset corrects it…
    const yearAhead = now + 365 * 86_400_000;
    const skewed = await post(trackBatch(site, [trackEvent({ ts: yearAhead - 1000 })], { sentAt: yearAhead }));
    expect(skewed.statusCode).toBe(200);
    storedOnPurpose += 1;
    // …but a batch sent "now" holding an event stamped a year ago is not.
    expectError(await post(trackBatch(site, [trackEvent({ ts: now - 365 * 86_400_000 })])), 400, 'validation_failed');
  });

  it("checks custom events against their definition's property schema", async () => {
    const missing = trackEvent({ name: 'download_whitepaper', props: { pages: 12 } });
    let details = expectError(await post(trackBatch(site, [missing])), 400, 'validation_failed');
    expect(details).toEqual([{ path: 'body.events.0.props.asset', message: 'Required' }]);
    const wrong = trackEvent({ name: 'download_whitepaper', props: { asset: 'crm.pdf', pages: 'twelve' } });
    details = expectError(await post(trackBatch(site, [trackEvent(), wrong])), 400, 'validation_failed');
    expect(details).toEqual([{ path: 'body.events.1.props.pages', message: 'Expected a number' }]);
    const fine = trackEvent({ name: 'download_whitepaper', props: { asset: 'crm.pdf', extra: true } });
    expect((await post(trackBatch(site, [fine]))).json()).toMatchObject({ stored: 1 });
    storedOnPurpose += 1;
  });

  it('refuses a page_leave that does not say which page view it closes, or for how long', async () => {
    const leave = trackEvent({ name: 'page_leave', props: { pageViewId: 'nope', durationMs: -5 } });
    const details = expectError(await post(trackBatch(site, [leave])), 400, 'validation_failed');
    expect(details.map((d) => d.path)).toEqual(['body.events.0.props.pageViewId', 'body.events.0.props.durationMs']);
  });

  it('refuses text PostgreSQL cannot hold (NUL, broken surrogates) instead of failing the whole flush', async () => {
    const nul = trackEvent({ title: 'a\u0000b' });
    const surrogate = trackEvent({ props: { q: 'x\ud800' } });
    const details = expectError(await post(trackBatch(site, [nul, surrogate])), 400, 'validation_failed');
    expect(details.map((d) => d.path)).toEqual(['body.events.0.title', 'body.events.1.props.q']);
  });

  it('stores script payloads in URLs, titles and properties verbatim, as text', async () => {
    const payload = '<script>alert(document.cookie)</script>';
    const event = trackEvent({
      url: `https://example.com/?q=${payload}`,
      title: `${payload}"><img src=x onerror=alert(1)>`,
      referrer: `https://evil.example/${payload}`,
      props: { [`x`]: payload, "y'); drop table leads; --": 1 } as never,
    });
    const res = await post(trackBatch(site, [event]));
    expect(res.statusCode).toBe(400); // the property key is not a valid key: refused, not "cleaned"
    const clean = trackEvent({ ...event, props: { x: payload, sql: "'); drop table leads; --" } });
    expect((await post(trackBatch(site, [clean]))).json()).toMatchObject({ stored: 1 });
    storedOnPurpose += 1;
    const [row] = (await storedEvents(ctx, site)).filter((e) => e.id === clean.id);
    expect(row).toMatchObject({
      url: `https://example.com/?q=${payload}`,
      path: '/',
      title: `${payload}"><img src=x onerror=alert(1)>`,
      referrer: `https://evil.example/${payload}`,
      referrerHost: 'evil.example',
      properties: { x: payload, sql: "'); drop table leads; --" },
    });
  });

  it('answers a flood from one address with 429 and retry-after, storing nothing of the refused requests', async () => {
    const ip = nextIp();
    // The default budget is 200 requests at once, then 50 a second: 300 at once cannot all pass.
    const replies = await Promise.all(
      Array.from({ length: 300 }, () => postBatch(ctx, trackBatch(site, [trackEvent()]), { 'x-forwarded-for': ip })),
    );
    const accepted = replies.filter((r) => r.statusCode === 200);
    const refused = replies.filter((r) => r.statusCode === 429);
    expect(accepted.length + refused.length).toBe(300);
    expect(refused.length).toBeGreaterThanOrEqual(50);
    expect(refused[0]?.json().error.code).toBe('rate_limited');
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Exactly the accepted requests' events are stored (checked after the test).
    storedOnPurpose += accepted.length;
    // Another address is not affected.
    expect((await post(trackBatch(site, [trackEvent()]))).statusCode).toBe(200);
    storedOnPurpose += 1;
  });

  it('never answers 500, whatever arrives', async () => {
    const bodies: unknown[] = [
      null,
      42,
      'string',
      [],
      {},
      { site: null },
      trackBatch(site, [trackEvent({ ts: Number.MAX_SAFE_INTEGER })]),
      trackBatch(site, [trackEvent()], { sentAt: Number.MAX_SAFE_INTEGER }),
      trackBatch(site, [trackEvent({ ts: 1 })], { sentAt: 1 }),
      trackBatch(site, [{ ...trackEvent(), props: { a: Number.MAX_VALUE } }], { sentAt: 1e15 }),
      trackBatch(site, [trackEvent({ url: `https://example.com/${'a'.repeat(3000)}` })]),
      trackBatch(site, [trackEvent({ url: 'http://[::1' })]),
      trackBatch(site, [
        trackEvent({ name: 'page_leave', props: { pageViewId: crypto.randomUUID(), durationMs: 1e12 } }),
      ]),
    ];
    for (const body of bodies) {
      const res = await post(body, {}, 'application/json');
      expect(res.statusCode, JSON.stringify(body)?.slice(0, 200)).toBeLessThan(500);
      if (res.statusCode === 200) storedOnPurpose += res.json().stored;
    }
  });
});

describe('bad input to GET /t/p.gif and /t/c', () => {
  it('answers invalid pixel parameters with 400 JSON and stores nothing', async () => {
    const urls = [
      '/t/p.gif',
      `/t/p.gif?s=${site.siteKey}&n=Bad-Name`,
      `/t/p.gif?s=${site.siteKey}&id=not-a-uuid`,
      `/t/p.gif?s=${site.siteKey}&u=javascript:alert(1)`,
      `/t/p.gif?s=${site.siteKey}&v=${'x'.repeat(100)}`,
      `/t/p.gif?s=${site.siteKey}&n=download_whitepaper`,
    ];
    for (const url of urls) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': nextIp() } });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/json');
    }
    const unknown = await ctx.app.inject({ method: 'GET', url: '/t/p.gif?s=unknown-site-key' });
    expectError(unknown, 404, 'unknown_site');
  });

  it('answers a malformed config key with 400 and an unknown one with 404', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/t/c/%3Cscript%3E' })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/t/c/unknown-site-key' })).statusCode).toBe(404);
  });
});

describe('token buckets', () => {
  it('allow a burst, then the sustained rate, and say how long to wait', () => {
    let now = 0;
    const buckets = new TokenBuckets({ ratePerSecond: 10, burst: 20, maxKeys: 2, now: () => now });
    for (let i = 0; i < 20; i++) expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
    now += 500; // five tokens back
    expect(buckets.take('a', 5)).toBe(0);
    expect(buckets.take('a', 5)).toBe(1);
    expect(buckets.take('a', 100)).toBe(2); // more than the bucket: allowed only from a full bucket
    // Memory stays bounded: the idle key is forgotten (and starts full again).
    buckets.take('b');
    buckets.take('c');
    expect(buckets.take('a', 20)).toBe(0);
  });
});
