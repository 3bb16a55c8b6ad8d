import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { zonedToday } from '@kindling/contracts/filter-plan';
import { leads } from '../modules/leads/schema';
import { trackingEvents, trackingVisitors } from '../modules/tracking/schema';
import { createDefinition } from '../modules/tracking/definitions';
import { createSite } from '../modules/tracking/sites';
import { stitchVisitor } from '../modules/tracking/stitch';
import type { Db } from '../platform/db/client';
import { withTenant } from '../platform/db/tenant';
import { seededRandom } from './demo-data';

/**
 * The demo workspace's web tracking: the company site with a few event definitions and two weeks of plausible
 * traffic (page views with titles and durations, search / WeChat / direct visitors, UTM campaigns, desktops and
 * phones across Chinese cities), so the analytics screen, the live view and lead timelines have something to show.
 * A few dozen visitors are known leads: their events are on those leads' timelines, as identity stitching puts them.
 * Deterministic apart from the dates, which end today.
 */

const DAYS = 14;
const VISITORS = 1000;
const STITCHED_VISITORS = 30;

const PAGES = [
  { path: '/', title: 'Kindling 营销自动化 - 首页', weight: 10 },
  { path: '/pricing', title: '价格方案 - Kindling', weight: 6 },
  { path: '/features/lead-scoring', title: '线索评分 - Kindling', weight: 4 },
  { path: '/features/journeys', title: '营销旅程 - Kindling', weight: 4 },
  { path: '/features/wechat', title: '微信生态营销 - Kindling', weight: 3 },
  { path: '/blog/b2b-lead-nurturing', title: 'B2B 线索培育实战指南 | Kindling 博客', weight: 3 },
  { path: '/blog/pipl-compliance', title: '个人信息保护法下的营销合规 | Kindling 博客', weight: 2 },
  { path: '/customers', title: '客户案例 - Kindling', weight: 2 },
  { path: '/contact', title: '联系我们 - Kindling', weight: 1 },
] as const;

/** Where a session comes from: its landing page's referrer (host '' = direct) and UTM parameters. */
const SOURCES = [
  { referrer: 'https://www.baidu.com/link?url=demo', host: 'www.baidu.com', weight: 9 },
  {
    referrer: 'https://www.baidu.com/link?url=ad',
    host: 'www.baidu.com',
    weight: 3,
    utm: ['baidu', 'cpc', 'brand_2025'],
  },
  {
    referrer: 'https://mp.weixin.qq.com/',
    host: 'mp.weixin.qq.com',
    weight: 6,
    utm: ['wechat', 'social', 'spring_webinar'],
  },
  { referrer: '', host: '', weight: 7 },
  { referrer: '', host: '', weight: 2, utm: ['newsletter', 'email', 'monthly_digest'] },
  { referrer: 'https://www.zhihu.com/question/demo', host: 'www.zhihu.com', weight: 2 },
  { referrer: 'https://www.linkedin.com/', host: 'www.linkedin.com', weight: 1, utm: ['linkedin', 'social', 'abm_q2'] },
] as const;

const DEVICES = [
  { deviceType: 'desktop', browser: 'Chrome', os: 'Windows', weight: 8 },
  { deviceType: 'desktop', browser: 'Edge', os: 'Windows', weight: 3 },
  { deviceType: 'desktop', browser: 'Safari', os: 'macOS', weight: 2 },
  { deviceType: 'mobile', browser: 'WeChat', os: 'iOS', weight: 5 },
  { deviceType: 'mobile', browser: 'WeChat', os: 'Android', weight: 5 },
  { deviceType: 'mobile', browser: 'Mobile Safari', os: 'iOS', weight: 2 },
  { deviceType: 'tablet', browser: 'Mobile Safari', os: 'iOS', weight: 1 },
] as const;

const REGIONS = [
  { province: '上海', city: '上海市', weight: 6 },
  { province: '北京', city: '北京市', weight: 5 },
  { province: '广东省', city: '深圳市', weight: 5 },
  { province: '广东省', city: '广州市', weight: 3 },
  { province: '浙江省', city: '杭州市', weight: 4 },
  { province: '江苏省', city: '苏州市', weight: 3 },
  { province: '江苏省', city: '南京市', weight: 2 },
  { province: '四川省', city: '成都市', weight: 2 },
  { province: '湖北省', city: '武汉市', weight: 1 },
] as const;

const WHITEPAPERS = ['b2b-nurturing-guide.pdf', 'pipl-checklist.pdf', 'wechat-playbook.pdf'] as const;

function pick<T extends { weight: number }>(items: readonly T[], random: () => number): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = random() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1] as T;
}

/** An event as the JSON record the insert unpacks (column names as keys). */
interface DemoEvent {
  id: string;
  visitor_id: string;
  session_id: string;
  name: string;
  occurred_at: string;
  received_at: string;
  url: string;
  path: string;
  title: string;
  referrer: string | null;
  referrer_host: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  device_type: string;
  browser: string;
  os: string;
  province: string;
  city: string;
  duration_ms: number | null;
  properties: Record<string, unknown> | null;
}

/** Two weeks of sessions: each visitor comes back on a few days, reads 1–5 pages, sometimes clicks or downloads. */
function demoEvents(now: Date, random: () => number): DemoEvent[] {
  const events: DemoEvent[] = [];
  // Days and office hours in China (the demo workspace's time zone, UTC+8, no daylight saving).
  const todayStart = Date.parse(`${zonedToday(now, 'Asia/Shanghai')}T00:00:00+08:00`);
  // A session that began in the last hour may run past now with its later pages: those happened just now instead.
  const past = (ms: number) => new Date(Math.min(ms, now.getTime() - 1000)).toISOString();
  for (let v = 0; v < VISITORS; v += 1) {
    const visitor = {
      visitor_id: `demo-visitor-${String(v).padStart(4, '0')}`,
      ...pickTraits(random),
    };
    const sessions = 1 + Math.floor(random() * random() * 4);
    for (let s = 0; s < sessions; s += 1) {
      const session = { ...visitor, session_id: `demo-session-${String(v).padStart(4, '0')}-${s}` };
      const source = pick(SOURCES, random);
      const utm = 'utm' in source ? source.utm : null;
      // 08:00–22:00; today's sessions that would lie ahead happened in the last hour instead.
      const dayOffset = Math.floor(random() * DAYS);
      let at = todayStart - dayOffset * 86_400_000 + (8 + random() * 14) * 3_600_000;
      if (at > now.getTime() - 60_000) at = now.getTime() - (60 + random() * 3_540) * 1000;
      const pages = 1 + Math.floor(random() * random() * 5);
      for (let p = 0; p < pages; p += 1) {
        const page = p === 0 && random() < 0.5 ? PAGES[0] : pick(PAGES, random);
        const landing = p === 0;
        const last = p === pages - 1;
        // The last page's duration is unknown when the visitor closed the tab before the page_leave was sent.
        const durationMs = last && random() < 0.3 ? null : Math.round((5 + random() * random() * 240) * 1000);
        const query = landing && utm ? `?utm_source=${utm[0]}&utm_medium=${utm[1]}&utm_campaign=${utm[2]}` : '';
        const onPage = (name: string, offsetMs: number) => ({
          ...session,
          id: randomUUID(),
          name,
          occurred_at: past(at + offsetMs),
          received_at: past(at + offsetMs + 800),
          path: page.path,
          title: page.title,
        });
        events.push({
          ...onPage('page_view', 0),
          url: `https://www.kindling-demo.cn${page.path}${query}`,
          referrer: landing ? source.referrer : 'https://www.kindling-demo.cn/',
          referrer_host: landing ? source.host : null,
          utm_source: landing && utm ? utm[0] : null,
          utm_medium: landing && utm ? utm[1] : null,
          utm_campaign: landing && utm ? utm[2] : null,
          duration_ms: durationMs,
          properties: null,
        });
        const extra = (name: string, properties: Record<string, unknown> | null = null) =>
          events.push({
            ...onPage(name, 4_000),
            url: `https://www.kindling-demo.cn${page.path}`,
            referrer: null,
            referrer_host: null,
            utm_source: null,
            utm_medium: null,
            utm_campaign: null,
            duration_ms: null,
            properties,
          });
        if (page.path === '/pricing' && random() < 0.3) extra('book_demo');
        if (page.path.startsWith('/blog/') && random() < 0.35) {
          extra('download_whitepaper', { asset: WHITEPAPERS[Math.floor(random() * WHITEPAPERS.length)] });
        }
        if (page.path === '/features/journeys' && random() < 0.2) extra('watch_video', { video: 'journeys-demo' });
        at += (durationMs ?? 20_000) + 2_000;
      }
    }
  }
  return events;
}

/** A visitor's device and place. */
function pickTraits(random: () => number) {
  const device = pick(DEVICES, random);
  const region = pick(REGIONS, random);
  return {
    device_type: device.deviceType,
    browser: device.browser,
    os: device.os,
    province: region.province,
    city: region.city,
  };
}

/**
 * Adds the tracked site, its definitions and its traffic to the demo workspace, and links the first visitors to
 * the workspace's first leads (their page visits then show on those leads' timelines). One tenant transaction.
 */
export async function insertDemoTracking(db: Db, workspaceId: string, now = new Date(), seed = 2025): Promise<void> {
  const random = seededRandom(seed);
  await withTenant(db, workspaceId, async (tx) => {
    const ctx = { workspaceId, userId: null };
    const site = await createSite(tx, ctx, {
      name: '官网 www.kindling-demo.cn',
      domains: ['kindling-demo.cn', '*.kindling-demo.cn', 'localhost:3000'],
    });
    await createDefinition(tx, ctx, {
      kind: 'page_view',
      name: 'pricing_page',
      label: '价格页',
      urlPattern: '/pricing',
    });
    await createDefinition(tx, ctx, {
      kind: 'click',
      name: 'book_demo',
      label: '预约演示按钮',
      selector: '#book-demo',
      siteId: site.id,
    });
    await createDefinition(tx, ctx, {
      kind: 'custom',
      name: 'download_whitepaper',
      label: '下载白皮书',
      properties: [{ key: 'asset', label: '资料名称', type: 'string', required: true }],
    });

    const events = demoEvents(now, random);
    // One statement unpacking a JSON array: a multi-row VALUES of thousands of rows × 24 parameters is several
    // times slower to bind, on PGlite especially.
    await tx.execute(sql`
      insert into ${trackingEvents} (workspace_id, id, site_id, visitor_id, session_id, name, occurred_at, received_at,
        url, path, title, referrer, referrer_host, utm_source, utm_medium, utm_campaign, device_type, browser, os,
        country, province, city, duration_ms, properties)
      select ${workspaceId}::uuid, e.id, ${site.id}::uuid, e.visitor_id, e.session_id, e.name, e.occurred_at,
        e.received_at, e.url, e.path, e.title, e.referrer, e.referrer_host, e.utm_source, e.utm_medium,
        e.utm_campaign, e.device_type, e.browser, e.os, '中国', e.province, e.city, e.duration_ms,
        coalesce(e.properties, '{}'::jsonb)
      from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as e(id uuid, visitor_id text, session_id text,
        name text, occurred_at timestamptz, received_at timestamptz, url text, path text, title text, referrer text,
        referrer_host text, utm_source text, utm_medium text, utm_campaign text, device_type text, browser text,
        os text, province text, city text, duration_ms integer, properties jsonb)`);
    // Every visitor as the ingest records it (first and last seen), before some of them become known leads.
    await tx.execute(sql`
      insert into ${trackingVisitors} (workspace_id, id, site_id, first_seen_at, last_seen_at)
      select workspace_id, visitor_id, site_id, min(occurred_at), max(occurred_at)
      from ${trackingEvents} where workspace_id = ${workspaceId} and site_id = ${site.id}
      group by workspace_id, visitor_id, site_id`);
    await tx.execute(sql`
      update tracking_sites set first_event_at = (select min(occurred_at) from ${trackingEvents}
          where workspace_id = ${workspaceId} and site_id = ${site.id}),
        last_event_at = (select max(received_at) from ${trackingEvents}
          where workspace_id = ${workspaceId} and site_id = ${site.id})
      where workspace_id = ${workspaceId} and id = ${site.id}`);

    const known = await tx
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), isNull(leads.deletedAt)))
      .orderBy(asc(leads.createdAt), asc(leads.email))
      .limit(STITCHED_VISITORS);
    for (const [i, lead] of known.entries()) {
      const visitorId = `demo-visitor-${String(i).padStart(4, '0')}`;
      await stitchVisitor(tx, ctx, {
        visitorId,
        siteId: site.id,
        leadId: lead.id,
        via: i % 3 === 0 ? 'identify' : 'form',
      });
    }
  });
  await db.execute(sql`analyze tracking_events`);
}
