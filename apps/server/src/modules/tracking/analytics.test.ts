import type { LiveEvents, TrackingSite, WebAnalytics } from '@kindling/contracts/tracking';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/db/tenant';
import {
  addMember,
  callAs,
  createLeadAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { createSiteAs, insertEvents, type FixtureEvent } from './test-fixtures';
import { trackingVisitors } from './schema';

let ctx: TestContext;
let owner: TestUser;
let viewer: TestUser;
let site: TrackingSite;

const at = (iso: string) => new Date(iso);
const desktop = { deviceType: 'desktop', browser: 'Chrome', os: 'Windows', province: '广东', city: '深圳' };
const phone = { deviceType: 'mobile', browser: 'WeChat', os: 'iOS', province: '上海', city: '上海' };
const laptop = { deviceType: 'desktop', browser: 'Firefox', os: 'Windows', province: '广东', city: '广州' };
const XSS_TITLE = '<script>alert("x")</script>';

/**
 * A hand-built week in Asia/Shanghai (UTC+8), period 2025-03-10 … 2025-03-13:
 * - v1 (a known lead): s1 on 3/10 (home from baidu with a spring campaign, then pricing, then a click; the
 *   page_leave does not count), s2 on 3/12 (pricing, direct; a bounce)
 * - v2: s3 at 23:59:59 on 3/10 (home from WeChat; a bounce), s4 at 00:00:00 on 3/11 (blog, direct, newsletter
 *   campaign, then a custom event)
 * - v3: s5 on 3/11 (home twice from baidu, spring), s6 on 3/12 (pricing by internal navigation; a bounce)
 * - outside: a second before and a day after the period, and another site's page view inside it.
 */
function fixture(): FixtureEvent[] {
  const v1 = { visitorId: 'visitor-one', ...desktop };
  const v2 = { visitorId: 'visitor-two', ...phone };
  const v3 = { visitorId: 'visitor-three', ...laptop };
  const pv = { name: 'page_view' };
  return [
    {
      ...v1,
      ...pv,
      sessionId: 'session-1',
      occurredAt: at('2025-03-10T02:00:00Z'),
      path: '/home',
      title: 'Home',
      referrerHost: 'www.baidu.com',
      utmSource: 'baidu',
      utmMedium: 'cpc',
      utmCampaign: 'spring',
      durationMs: 10_000,
    },
    {
      ...v1,
      ...pv,
      sessionId: 'session-1',
      occurredAt: at('2025-03-10T02:01:00Z'),
      path: '/pricing',
      title: 'Pricing',
      referrerHost: null,
      durationMs: 30_000,
    },
    { ...v1, name: 'page_leave', sessionId: 'session-1', occurredAt: at('2025-03-10T02:01:30Z'), path: '/pricing' },
    { ...v1, name: 'book_demo', sessionId: 'session-1', occurredAt: at('2025-03-10T02:02:00Z'), path: '/pricing' },
    {
      ...v1,
      ...pv,
      sessionId: 'session-2',
      occurredAt: at('2025-03-12T03:00:00Z'),
      path: '/pricing',
      title: 'Pricing',
      referrerHost: '',
    },
    {
      ...v2,
      ...pv,
      sessionId: 'session-3',
      occurredAt: at('2025-03-10T15:59:59Z'),
      path: '/home',
      title: 'Home',
      referrerHost: 'weixin.qq.com',
      utmSource: 'wechat',
      durationMs: 5_000,
    },
    {
      ...v2,
      ...pv,
      sessionId: 'session-4',
      occurredAt: at('2025-03-10T16:00:00Z'),
      path: '/blog/a',
      title: XSS_TITLE,
      referrerHost: '',
      utmSource: 'newsletter',
      utmMedium: 'email',
      utmCampaign: 'march',
    },
    {
      ...v2,
      name: 'download_whitepaper',
      sessionId: 'session-4',
      occurredAt: at('2025-03-10T16:05:00Z'),
      properties: { asset: 'pricing.pdf' },
    },
    {
      ...v3,
      ...pv,
      sessionId: 'session-5',
      occurredAt: at('2025-03-11T08:00:00Z'),
      path: '/home',
      title: 'Welcome',
      referrerHost: 'www.baidu.com',
      utmSource: 'baidu',
      utmMedium: 'cpc',
      utmCampaign: 'spring',
      durationMs: 6_000,
    },
    { ...v3, ...pv, sessionId: 'session-5', occurredAt: at('2025-03-11T08:01:00Z'), path: '/home', title: 'Home' },
    {
      ...v3,
      ...pv,
      sessionId: 'session-6',
      occurredAt: at('2025-03-12T09:00:00Z'),
      path: '/pricing',
      title: 'Pricing',
      referrerHost: null,
    },
    // Outside the period: 23:59:59 on 3/9 and 00:00 on 3/14, Shanghai time.
    { visitorId: 'visitor-four', ...pv, sessionId: 'session-7', occurredAt: at('2025-03-09T15:59:59Z'), path: '/home' },
    { visitorId: 'visitor-four', ...pv, sessionId: 'session-8', occurredAt: at('2025-03-13T16:00:00Z'), path: '/home' },
  ];
}

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Analysts');
  viewer = await addMember(ctx, owner.workspaceId, 'viewer');
  site = await createSiteAs(ctx, owner, { name: 'Analysed site' });
  const other = await createSiteAs(ctx, owner, { name: 'Another site' });
  await insertEvents(ctx, owner.workspaceId, site.id, fixture());
  await insertEvents(ctx, owner.workspaceId, other.id, [
    {
      visitorId: 'visitor-other',
      sessionId: 'session-x',
      name: 'page_view',
      path: '/home',
      occurredAt: at('2025-03-11T01:00:00Z'),
    },
  ]);
  const lead = await createLeadAs(ctx, owner, { name: '王小明', email: 'wang@example.com' });
  await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
    tx
      .insert(trackingVisitors)
      .values({ workspaceId: owner.workspaceId, id: 'visitor-one', siteId: site.id, leadId: lead.id }),
  );
});
afterAll(() => ctx.close());

const PERIOD = 'from=2025-03-10&to=2025-03-13';

describe('web analytics', () => {
  it('computes every figure of the period in the workspace time zone', async () => {
    const res = await callAs(ctx, viewer, 'GET', `/api/v1/tracking/sites/${site.id}/analytics?${PERIOD}`);
    expect(res.statusCode, res.body).toBe(200);
    const analytics = res.json<WebAnalytics>();
    expect(analytics.summary).toEqual({
      visitors: 3,
      sessions: 6,
      pageViews: 8,
      bounceRate: 0.5,
      avgDurationMs: 12_750,
      identifiedVisitors: 1,
    });
    expect(analytics.daily).toEqual([
      { day: '2025-03-10', visitors: 2, sessions: 2, pageViews: 3 },
      { day: '2025-03-11', visitors: 2, sessions: 2, pageViews: 3 },
      { day: '2025-03-12', visitors: 2, sessions: 2, pageViews: 2 },
      { day: '2025-03-13', visitors: 0, sessions: 0, pageViews: 0 },
    ]);
    expect(analytics.topPages).toEqual([
      { path: '/home', title: 'Home', pageViews: 4, visitors: 3, avgDurationMs: 7_000 },
      { path: '/pricing', title: 'Pricing', pageViews: 3, visitors: 2, avgDurationMs: 30_000 },
      { path: '/blog/a', title: XSS_TITLE, pageViews: 1, visitors: 1, avgDurationMs: null },
    ]);
    expect(analytics.referrers).toEqual([
      { host: '', sessions: 2, visitors: 2 },
      { host: 'www.baidu.com', sessions: 2, visitors: 2 },
      { host: 'weixin.qq.com', sessions: 1, visitors: 1 },
    ]);
    expect(analytics.campaigns).toEqual([
      { source: 'baidu', medium: 'cpc', campaign: 'spring', sessions: 2, visitors: 2 },
      { source: 'newsletter', medium: 'email', campaign: 'march', sessions: 1, visitors: 1 },
      { source: 'wechat', medium: '', campaign: '', sessions: 1, visitors: 1 },
    ]);
    expect(analytics.devices).toEqual([
      { deviceType: 'desktop', visitors: 2 },
      { deviceType: 'mobile', visitors: 1 },
    ]);
    expect(analytics.browsers).toEqual([
      { browser: 'Chrome', visitors: 1 },
      { browser: 'Firefox', visitors: 1 },
      { browser: 'WeChat', visitors: 1 },
    ]);
    expect(analytics.os).toEqual([
      { os: 'Windows', visitors: 2 },
      { os: 'iOS', visitors: 1 },
    ]);
    const byPlace = (a: { province: string; city: string }, b: { province: string; city: string }) =>
      `${a.province}${a.city}`.localeCompare(`${b.province}${b.city}`);
    expect([...analytics.regions].sort(byPlace)).toEqual(
      [
        { province: '广东', city: '深圳', visitors: 1 },
        { province: '上海', city: '上海', visitors: 1 },
        { province: '广东', city: '广州', visitors: 1 },
      ].sort(byPlace),
    );
  });

  it('moves events across the day boundary with the workspace time zone', async () => {
    const res = await callAs(
      ctx,
      owner,
      'GET',
      `/api/v1/tracking/sites/${site.id}/analytics?from=2025-03-10&to=2025-03-10`,
    );
    const day = res.json<WebAnalytics>();
    // 23:59:59 Shanghai time is still the 10th; 00:00:00 is the 11th (both are the 10th in UTC).
    expect(day.summary).toMatchObject({ visitors: 2, sessions: 2, pageViews: 3 });
    expect(day.daily).toEqual([{ day: '2025-03-10', visitors: 2, sessions: 2, pageViews: 3 }]);

    const empty = (
      await callAs(ctx, owner, 'GET', `/api/v1/tracking/sites/${site.id}/analytics?from=2024-01-01&to=2024-01-02`)
    ).json<WebAnalytics>();
    expect(empty.summary).toEqual({
      visitors: 0,
      sessions: 0,
      pageViews: 0,
      bounceRate: 0,
      avgDurationMs: null,
      identifiedVisitors: 0,
    });
    expect(empty.daily.map((d) => d.pageViews)).toEqual([0, 0]);
    expect(empty.topPages).toEqual([]);
  });

  it('refuses malformed periods with the field that is wrong', async () => {
    for (const [query, path] of [
      ['from=2025-03-10', 'querystring.to'],
      ['from=2025-03-12&to=2025-03-10', 'querystring.to'],
      ['from=2024-01-01&to=2025-03-10', 'querystring.to'],
      ['from=10/03/2025&to=2025-03-10', 'querystring.from'],
      [`${PERIOD}&extra=1`, 'querystring'],
    ]) {
      const res = await callAs(ctx, owner, 'GET', `/api/v1/tracking/sites/${site.id}/analytics?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(
        res.json().error.details.map((d: { path: string }) => d.path),
        query,
      ).toContain(path);
    }
  });
});

describe('analytics exports', () => {
  const download = (url: string, language: string) =>
    ctx.app.inject({ method: 'GET', url, headers: { cookie: owner.cookie, 'accept-language': language } });

  it('exports the daily table as CSV with Chinese headers, zero days included', async () => {
    const res = await download(`/api/v1/tracking/sites/${site.id}/analytics/export?${PERIOD}&table=daily`, 'zh-CN');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="tracking-daily-20250310-20250313.csv"');
    expect(
      res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/),
    ).toEqual([
      '日期,访客数,会话数,浏览量',
      '2025-03-10,2,2,3',
      '2025-03-11,2,2,3',
      '2025-03-12,2,2,2',
      '2025-03-13,0,0,0',
    ]);
  });

  it('exports top pages, referrers and devices as Excel with English headers', async () => {
    const pages = await download(
      `/api/v1/tracking/sites/${site.id}/analytics/export?${PERIOD}&table=topPages&format=xlsx`,
      'en-US,en;q=0.9',
    );
    expect(pages.statusCode).toBe(200);
    expect(pages.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(pages.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Top pages');
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'Path',
      'Title',
      'Page views',
      'Visitors',
      'Average time on page (s)',
    ]);
    expect(sheet?.getRow(2).values).toEqual([undefined, '/home', 'Home', 4, 3, 7]);
    expect(sheet?.getRow(4).getCell(2).value).toBe(XSS_TITLE);

    const referrers = await download(
      `/api/v1/tracking/sites/${site.id}/analytics/export?${PERIOD}&table=referrers`,
      'en',
    );
    expect(
      referrers.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/),
    ).toEqual(['Referrer,Sessions,Visitors', 'Direct,2,2', 'www.baidu.com,2,2', 'weixin.qq.com,1,1']);
    const devices = await download(
      `/api/v1/tracking/sites/${site.id}/analytics/export?${PERIOD}&table=devices`,
      'zh-CN',
    );
    const lines = devices.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('维度,值,访客数');
    expect(lines).toContain('设备类型,desktop,2');
    expect(lines).toContain('浏览器,WeChat,1');
    expect(lines).toContain('操作系统,iOS,1');
    const campaigns = await download(
      `/api/v1/tracking/sites/${site.id}/analytics/export?${PERIOD}&table=campaigns`,
      'en',
    );
    expect(campaigns.body).toContain('baidu,cpc,spring,2,2');
    const regions = await download(
      `/api/v1/tracking/sites/${site.id}/analytics/export?${PERIOD}&table=regions`,
      'zh-CN',
    );
    expect(regions.body).toContain('广东,深圳,1');
  });

  it('exports the raw events of the period in workspace time, page leaves left out, and records it', async () => {
    const res = await download(`/api/v1/tracking/sites/${site.id}/analytics/export?${PERIOD}&table=events`, 'en');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="tracking-events-20250310-20250313.csv"');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^Time,Event,URL,Path,Title,Referrer,utm_source,/);
    expect(lines).toHaveLength(1 + 10);
    expect(lines[1]).toMatch(
      /^2025-03-10 10:00:00,page_view,,\/home,Home,,baidu,cpc,spring,desktop,Chrome,Windows,广东,深圳,10000,visitor-one,session-1,[0-9a-f-]{36},,/,
    );
    expect(lines.some((line) => line.startsWith('2025-03-10 23:59:59,page_view,'))).toBe(true);
    expect(lines.some((line) => line.startsWith('2025-03-11 00:05:00,download_whitepaper,'))).toBe(true);
    expect(res.body).toContain('"{""asset"":""pricing.pdf""}"');
    expect(res.body).not.toContain('page_leave');
    const audit = (await callAs(ctx, owner, 'GET', '/api/v1/audit?action=tracking.events_exported')).json();
    expect(audit.items[0]).toMatchObject({ targetId: site.id, details: { from: '2025-03-10', to: '2025-03-13' } });
  });

  it('refuses unknown tables and bad periods, and other workspaces’ sites', async () => {
    const bad = await download(`/api/v1/tracking/sites/${site.id}/analytics/export?${PERIOD}&table=secrets`, 'en');
    expect(bad.statusCode).toBe(400);
    const reversed = await download(
      `/api/v1/tracking/sites/${site.id}/analytics/export?from=2025-03-13&to=2025-03-10&table=daily`,
      'en',
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details[0].path).toBe('querystring.to');
    const stranger = await createOwner(ctx, 'Curious');
    for (const table of ['daily', 'events']) {
      const res = await callAs(
        ctx,
        stranger,
        'GET',
        `/api/v1/tracking/sites/${site.id}/analytics/export?${PERIOD}&table=${table}`,
      );
      expect(res.statusCode).toBe(404);
    }
  });
});

describe('live events', () => {
  it('shows the newest events with the lead’s name, then only what arrived after the cursor', async () => {
    const live = await createSiteAs(ctx, owner, { name: 'Being installed' });
    const now = Date.now();
    const recently = (seconds: number) => new Date(now - seconds * 1000);
    const lead = await createLeadAs(ctx, owner, { name: '李雷', email: 'lilei@example.com' });
    await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
      tx
        .insert(trackingVisitors)
        .values({ workspaceId: owner.workspaceId, id: 'visitor-known', siteId: live.id, leadId: lead.id }),
    );
    const [first, second] = await insertEvents(ctx, owner.workspaceId, live.id, [
      {
        visitorId: 'visitor-anon',
        sessionId: 'session-a',
        name: 'page_view',
        occurredAt: recently(30),
        receivedAt: recently(29),
        url: 'https://site.example/?q=<script>',
        title: XSS_TITLE,
        ...phone,
      },
      {
        visitorId: 'visitor-known',
        sessionId: 'session-k',
        name: 'signup',
        occurredAt: recently(20),
        receivedAt: recently(19),
        properties: { note: '<img src=x onerror=alert(1)>' },
      },
      {
        visitorId: 'visitor-known',
        sessionId: 'session-k',
        name: 'page_leave',
        occurredAt: recently(18),
        receivedAt: recently(17),
      },
    ]);
    const res = await callAs(ctx, viewer, 'GET', `/api/v1/tracking/sites/${live.id}/live`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<LiveEvents>();
    expect(page.items.map((e) => e.id)).toEqual([second, first]);
    expect(page.items[0]).toMatchObject({
      name: 'signup',
      leadId: lead.id,
      leadName: '李雷',
      visitorId: 'visitor-known',
    });
    expect(page.items[0]?.properties).toEqual({ note: '<img src=x onerror=alert(1)>' });
    expect(page.items[1]).toMatchObject({
      title: XSS_TITLE,
      url: 'https://site.example/?q=<script>',
      leadId: null,
      leadName: null,
      browser: 'WeChat',
      province: '上海',
    });
    // Verbatim text in JSON: the console is the one that renders it inert.
    expect(res.body).toContain('"title":"<script>alert(\\"x\\")</script>"');
    expect(page.cursor).toMatch(/^\d+$/);

    const nothingNew = (
      await callAs(ctx, owner, 'GET', `/api/v1/tracking/sites/${live.id}/live?after=${page.cursor}`)
    ).json<LiveEvents>();
    expect(nothingNew).toEqual({ items: [], cursor: page.cursor });

    const [third] = await insertEvents(ctx, owner.workspaceId, live.id, [
      {
        visitorId: 'visitor-anon',
        sessionId: 'session-a',
        name: 'click',
        occurredAt: recently(2),
        receivedAt: new Date(),
      },
    ]);
    const newer = (
      await callAs(ctx, owner, 'GET', `/api/v1/tracking/sites/${live.id}/live?after=${page.cursor}`)
    ).json<LiveEvents>();
    expect(newer.items.map((e) => e.id)).toEqual([third]);
    expect(BigInt(newer.cursor ?? '0')).toBeGreaterThan(BigInt(page.cursor ?? '0'));

    const badCursor = await callAs(ctx, owner, 'GET', `/api/v1/tracking/sites/${live.id}/live?after=yesterday`);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.details[0].path).toBe('querystring.after');
  });

  it('shows at most 20, and an idle site’s last events', async () => {
    const busy = await createSiteAs(ctx, owner, { name: 'Busy' });
    const now = Date.now();
    await insertEvents(
      ctx,
      owner.workspaceId,
      busy.id,
      Array.from({ length: 25 }, (_, i) => ({
        visitorId: 'visitor-busy',
        sessionId: 'session-busy',
        name: 'page_view',
        path: `/p${i}`,
        occurredAt: new Date(now - (60 - i) * 1000),
        receivedAt: new Date(now - (60 - i) * 1000),
      })),
    );
    const page = (await callAs(ctx, owner, 'GET', `/api/v1/tracking/sites/${busy.id}/live`)).json<LiveEvents>();
    expect(page.items).toHaveLength(20);

    const idle = await createSiteAs(ctx, owner, { name: 'Idle' });
    const [old] = await insertEvents(ctx, owner.workspaceId, idle.id, [
      {
        visitorId: 'visitor-idle',
        sessionId: 'session-idle',
        name: 'page_view',
        occurredAt: new Date(now - 2 * 86_400_000),
        receivedAt: new Date(now - 2 * 86_400_000),
      },
    ]);
    const quiet = (await callAs(ctx, owner, 'GET', `/api/v1/tracking/sites/${idle.id}/live`)).json<LiveEvents>();
    expect(quiet.items.map((e) => e.id)).toEqual([old]);
  });
});
