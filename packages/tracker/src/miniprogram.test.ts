// The mini-program tracker over a fake `wx`: what reaches the server, when, and what survives failures and
// restarts. The shared queue/retry/id logic (core.ts) is the browser tracker's too.
import { TRACK_LIMITS, ZTrackBatch } from '@kindling/contracts/tracking';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_EVENTS_PER_REQUEST, MAX_REQUEST_BYTES, MAX_STORED_EVENTS } from './core';
import { FakeWx } from './fake-wx';
import { createMiniProgramTracker, init, withTracking, type MiniProgramOptions, type PageOptions } from './miniprogram';

const OPTIONS: MiniProgramOptions = { endpoint: 'https://kd.example.com/', siteKey: 'mp_site_key_1' };
const MINUTE = 60_000;

let wx: FakeWx;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-03-01T08:00:00Z') });
  wx = new FakeWx();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets timers run (and the fake's asynchronous replies arrive). */
async function wait(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

/** A tracker whose config has arrived. */
async function startTracker(fake = wx) {
  const tracker = createMiniProgramTracker(fake, OPTIONS);
  await wait(0);
  return tracker;
}

describe('batching', () => {
  it('sends nothing for a second, then one request with every event, in the server wire format', async () => {
    const tracker = await startTracker();
    tracker.trackPage('pages/product/detail', '产品详情', { id: 7, from: 'share card' });
    tracker.track('download_whitepaper', { asset: 'pricing.pdf' });
    await wait(999);
    expect(wx.posts).toHaveLength(0);
    await wait(1);
    expect(wx.configRequests).toEqual(['https://kd.example.com/t/c/mp_site_key_1']);
    expect(wx.posts).toHaveLength(1);
    const [post] = wx.posts;
    expect(post!.url).toBe('https://kd.example.com/t/e');
    expect(post!.header).toEqual({ 'content-type': 'application/json' });
    const batch = ZTrackBatch.parse(post!.batch);
    expect(batch).toMatchObject({ site: 'mp_site_key_1', source: 'miniprogram', sentAt: Date.now() });
    expect(batch.events.map((e) => e.name)).toEqual(['page_view', 'download_whitepaper']);
    expect(batch.events[0]).toMatchObject({
      url: 'https://miniprogram/pages/product/detail?id=7&from=share%20card',
      title: '产品详情',
      referrer: '',
      props: { scene: 1001 },
    });
    expect(batch.events[1]!.props).toEqual({ asset: 'pricing.pdf' });
    await wait(10 * MINUTE);
    expect(wx.posts).toHaveLength(1);
  });

  it('sends at once when ten events are waiting, and splits by count and size', async () => {
    const tracker = await startTracker();
    for (let i = 0; i < 10; i++) tracker.track('tap', { i });
    await wait(0);
    expect(wx.postedNames).toEqual([Array(10).fill('tap')]);

    // 60 events of ~4 KB: the server takes at most 50 events and 64 KiB per request.
    for (let i = 0; i < 60; i++) tracker.track('big', { i, text: 'x'.repeat(990), more: '中'.repeat(990) });
    await wait(1000);
    const sizes = wx.posts.slice(1).map((post) => post.batch.events.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(60);
    for (const post of wx.posts) {
      expect(post.batch.events.length).toBeLessThanOrEqual(TRACK_LIMITS.maxEvents);
      expect(Buffer.byteLength(JSON.stringify(post.batch))).toBeLessThan(TRACK_LIMITS.maxBodyBytes);
      ZTrackBatch.parse(post.batch);
    }
  });

  it('keeps its limits within the server limits', () => {
    expect(MAX_EVENTS_PER_REQUEST).toBe(TRACK_LIMITS.maxEvents);
    expect(MAX_REQUEST_BYTES).toBeLessThan(TRACK_LIMITS.maxBodyBytes);
  });
});

describe('ids', () => {
  it('keeps the visitor and session across restarts, and starts a new session after 30 idle minutes', async () => {
    const first = await startTracker();
    first.track('opened');
    await wait(1000);
    const { visitor, session } = wx.posts[0]!.batch;
    expect(visitor).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(session).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    await wait(20 * MINUTE);
    const restarted = await startTracker();
    restarted.track('opened');
    await wait(1000);
    expect(wx.posts[1]!.batch).toMatchObject({ visitor, session });

    await wait(31 * MINUTE);
    const later = await startTracker();
    later.track('opened');
    await wait(1000);
    expect(wx.posts[2]!.batch.visitor).toBe(visitor);
    expect(wx.posts[2]!.batch.session).not.toBe(session);
    const ids = wx.posts.flatMap((post) => post.batch.events.map((e) => e.id));
    expect(new Set(ids).size).toBe(3);
    // UUIDv7: time-ordered, so the ids of later events sort after earlier ones (the server's index stays append-only).
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('failures', () => {
  it('retries a failed request with the same event ids, backing off, until the server stores it', async () => {
    const tracker = await startTracker();
    wx.postReply = 'fail';
    tracker.track('signup_started');
    tracker.identify({ email: 'li.lei@example.com' });
    await wait(1000);
    expect(wx.posts).toHaveLength(1);
    const ids = wx.posts[0]!.batch.events.map((e) => e.id);
    expect(wx.storedEventIds).toEqual(ids);

    wx.postReply = 503;
    await wait(1999);
    expect(wx.posts).toHaveLength(1);
    await wait(1);
    expect(wx.posts).toHaveLength(2);

    wx.postReply = 200;
    await wait(4000);
    expect(wx.posts.map((post) => post.batch.events.map((e) => e.id))).toEqual([ids, ids, ids]);
    expect(wx.storage.has('_kd_q')).toBe(false);
    await wait(10 * MINUTE);
    expect(wx.posts).toHaveLength(3);
  });

  it('sends what a previous run could not, after a restart, with the same ids', async () => {
    const tracker = await startTracker();
    wx.postReply = 'fail';
    tracker.trackPage('pages/index/index');
    tracker.track('download_whitepaper', { asset: 'a.pdf' });
    await wait(1000);
    const ids = wx.posts[0]!.batch.events.map((e) => e.id);

    wx.postReply = 200;
    await startTracker(); // the app was killed and opened again
    await wait(0);
    expect(wx.posts.at(-1)!.batch.events.map((e) => e.id)).toEqual(ids);
    expect(wx.storage.has('_kd_q')).toBe(false);
  });

  it('retries on 429 but drops a batch the server refuses (400)', async () => {
    const tracker = await startTracker();
    wx.postReply = 400;
    tracker.track('refused');
    await wait(1000);
    await wait(10 * MINUTE);
    expect(wx.postedNames).toEqual([['refused']]);
    expect(wx.storage.has('_kd_q')).toBe(false);

    wx.postReply = 429;
    tracker.track('throttled');
    await wait(1000);
    wx.postReply = 200;
    await wait(2000);
    expect(wx.postedNames).toEqual([['refused'], ['throttled'], ['throttled']]);
  });

  it('keeps at most 200 events while the server is unreachable, the newest ones', async () => {
    const tracker = await startTracker();
    wx.postReply = 'fail';
    for (let i = 0; i < 260; i++) tracker.track('offline_tap', { i });
    await wait(1000);
    const stored = JSON.parse(wx.storage.get('_kd_q')!) as { events: { props: { i: number } }[] }[];
    const kept = stored.flatMap((batch) => batch.events.map((e) => e.props.i));
    expect(kept.length).toBeLessThanOrEqual(MAX_STORED_EVENTS);
    expect(kept.at(-1)).toBe(259);
  });
});

describe('identify', () => {
  it('sends traits as properties, trimmed to what the server accepts', async () => {
    const tracker = await startTracker();
    tracker.identify({
      email: 'han.meimei@example.com',
      phone: '13800138000',
      name: '韩梅梅',
      company: 'x'.repeat(1500),
      'not a key': 'dropped',
      nested: { dropped: true },
      score: Number.NaN,
      vip: true,
    });
    await wait(1000);
    const batch = ZTrackBatch.parse(wx.posts[0]!.batch);
    expect(batch.events[0]!.name).toBe('identify');
    expect(batch.events[0]!.props).toEqual({
      email: 'han.meimei@example.com',
      phone: '13800138000',
      name: '韩梅梅',
      company: 'x'.repeat(1000),
      vip: true,
    });
  });

  it('refuses invalid event names', async () => {
    const tracker = await startTracker();
    expect(tracker.track('Download Whitepaper')).toBe(false);
    expect(tracker.track('download_whitepaper')).toBe(true);
    await wait(1000);
    expect(wx.postedNames).toEqual([['download_whitepaper']]);
  });
});

describe('consent and unknown sites', () => {
  it('stores and sends nothing until consent(), then sends the current page view', async () => {
    wx.config = { respectDnt: true, consentRequired: true, clicks: [] };
    const tracker = await startTracker();
    tracker.trackPage('pages/index/index', 'Home');
    tracker.track('tap_before_consent');
    await wait(5000);
    expect(wx.posts).toHaveLength(0);
    expect([...wx.storage.keys()]).toEqual([]);

    tracker.consent();
    tracker.track('tap_after_consent');
    await wait(1000);
    expect(wx.postedNames).toEqual([['page_view', 'tap_after_consent']]);
    expect(wx.storage.has('_kd_vid')).toBe(true);

    // Next run: the stored id shows consent was given; consent(false) forgets it and stops sending.
    const next = await startTracker();
    next.track('second_run');
    await wait(1000);
    expect(wx.postedNames.at(-1)).toEqual(['second_run']);
    next.consent(false);
    next.track('after_withdrawal');
    await wait(5000);
    expect(wx.posts).toHaveLength(2);
    expect([...wx.storage.keys()]).toEqual([]);
  });

  it('records nothing for an unknown site (404), and holds events while the config cannot be fetched', async () => {
    wx.configStatus = 404;
    const unknown = await startTracker();
    unknown.track('anything');
    await wait(5000);
    expect(wx.posts).toHaveLength(0);
    expect(wx.storage.size).toBe(0);

    // Config unreachable: the strictest settings apply (consent required) instead of guessing.
    wx.configStatus = 503;
    const offline = await startTracker();
    offline.track('anything');
    await wait(5000);
    expect(wx.posts).toHaveLength(0);
    expect(wx.storage.size).toBe(0);
  });

  it('keeps events recorded before the config arrived', async () => {
    const tracker = createMiniProgramTracker(wx, OPTIONS);
    tracker.track('launched');
    await wait(1000);
    expect(wx.postedNames).toEqual([['launched']]);
  });
});

describe('withTracking', () => {
  it('records a page view on onShow and the time on page on onHide, and still runs the page hooks', async () => {
    vi.stubGlobal('wx', wx);
    init(OPTIONS);
    await wait(0);
    const calls: string[] = [];
    const page = withTracking(
      {
        data: { ready: true },
        onShow() {
          calls.push(`show ${this.route}`);
        },
        onHide() {
          calls.push('hide');
        },
      },
      { title: '首页' },
    );
    expect(page.data).toEqual({ ready: true });
    const instance = { route: 'pages/index/index', options: { ref: 'poster' } };
    page.onShow!.call(instance);
    await wait(5000);
    page.onHide!.call(instance);
    await wait(0);

    const other = withTracking<PageOptions>({});
    other.onShow!.call({ route: 'pages/cart/cart' });
    await wait(2000);
    other.onUnload!.call({ route: 'pages/cart/cart' });
    await wait(0);

    expect(calls).toEqual(['show pages/index/index', 'hide']);
    const events = wx.posts.flatMap((post) => post.batch.events);
    expect(events.map((e) => e.name)).toEqual(['page_view', 'page_leave', 'page_view', 'page_leave']);
    const [home, homeLeave, cart, cartLeave] = events;
    expect(home).toMatchObject({ url: 'https://miniprogram/pages/index/index?ref=poster', title: '首页' });
    expect(homeLeave!.props).toEqual({ pageViewId: home!.id, durationMs: 5000 });
    expect(cart).toMatchObject({ url: 'https://miniprogram/pages/cart/cart', referrer: home!.url });
    expect(cartLeave!.props).toEqual({ pageViewId: cart!.id, durationMs: 2000 });
  });
});
