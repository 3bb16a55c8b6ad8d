import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locale } from '@kindling/contracts/auth';
import { zonedWallClock } from '@kindling/contracts/filter-plan';
import {
  ANALYTICS_EXPORT_MAX_EVENTS,
  type AnalyticsTable,
  type EventDefinition,
  type TrackingSite,
  type WebAnalytics,
} from '@kindling/contracts/tracking';
import type { ExportFormat } from '@kindling/contracts/leads';
import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import { withTenant } from '../../platform/db/tenant';
import { openSheetFile, SHEET_EXTENSIONS, type SheetCell } from '../../platform/export/sheet';
import type { ServiceContext } from '../../platform/http/context';
import { periodCondition, type Period } from './analytics';
import { trackingEvents, trackingVisitors } from './schema';

/**
 * The tracking module's file downloads: the sites and definitions lists, the analytics screen's tables and the
 * period's raw events. All are small or capped (ANALYTICS_EXPORT_MAX_EVENTS), so they are written to a temporary
 * file and sent in the same request, not run as a background task. Headers and words are in the requester's
 * language, times in the workspace's time zone; formulas are neutralised by the sheet writers.
 */

type Words = Record<Locale, string>;
const w = (zh: string, en: string): Words => ({ 'zh-CN': zh, en });

const YES_NO: Record<Locale, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };
const SITE_KINDS: Record<string, Words> = { web: w('网站', 'Web site'), miniprogram: w('小程序', 'Mini-program') };
const DEFINITION_KINDS: Record<string, Words> = {
  page_view: w('页面', 'Page'),
  click: w('点击', 'Click'),
  custom: w('自定义事件', 'Custom event'),
};
const DIRECT = w('直接访问', 'Direct');
const UNKNOWN = w('未知', 'Unknown');
const ALL_SITES = w('全部站点', 'All sites');

export interface SheetContent {
  /** Download name without extension. */
  baseName: string;
  sheetName: string;
  header: string[];
  rows: AsyncIterable<SheetCell[]> | Iterable<SheetCell[]>;
}

/**
 * Writes the rows to a temporary CSV or XLSX file and streams it as the reply; the file is removed once sent.
 * The download name is read after the rows are written (an events export names its cap only when it hit it).
 */
export async function sendSheet(reply: FastifyReply, format: ExportFormat, content: SheetContent): Promise<void> {
  const directory = await mkdtemp(path.join(tmpdir(), 'kindling-tracking-export-'));
  const extension = SHEET_EXTENSIONS[format];
  const filePath = path.join(directory, `export.${extension}`);
  try {
    const sheet = await openSheetFile(format, filePath, content.sheetName, content.header);
    for await (const row of content.rows) await sheet.write(row);
    await sheet.close();
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const stream = createReadStream(filePath);
  stream.on('close', () => void rm(directory, { recursive: true, force: true }));
  const fileName = `${content.baseName}.${extension}`;
  reply.header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
  reply.type(
    format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
  );
  await reply.send(stream);
}

const timeCell = (iso: string | null, timeZone: string): SheetCell =>
  iso === null ? null : { at: zonedWallClock(new Date(iso), timeZone), withTime: true };
const yesNo = (value: boolean, locale: Locale) => YES_NO[locale][value ? 0 : 1];
const dayStamp = (day: string) => day.replaceAll('-', '');

export function sitesSheet(sites: TrackingSite[], locale: Locale, timeZone: string): SheetContent {
  const headers: Words[] = [
    w('名称', 'Name'),
    w('类型', 'Kind'),
    w('站点密钥', 'Site key'),
    w('允许的域名', 'Allowed domains'),
    w('遵守“请勿追踪”', 'Honour Do-Not-Track'),
    w('需要用户同意', 'Consent required'),
    w('截断 IP', 'Truncate IP'),
    w('首个事件', 'First event'),
    w('最近事件', 'Last event'),
    w('归档时间', 'Archived at'),
    w('创建时间', 'Created at'),
  ];
  return {
    baseName: 'tracking-sites',
    sheetName: locale === 'zh-CN' ? '跟踪站点' : 'Tracked sites',
    header: headers.map((words) => words[locale]),
    rows: sites.map((site) => [
      site.name,
      SITE_KINDS[site.kind]?.[locale] ?? site.kind,
      site.siteKey,
      site.domains.join(' '),
      yesNo(site.respectDnt, locale),
      yesNo(site.consentRequired, locale),
      yesNo(site.truncateIp, locale),
      timeCell(site.firstEventAt, timeZone),
      timeCell(site.lastEventAt, timeZone),
      timeCell(site.archivedAt, timeZone),
      timeCell(site.createdAt, timeZone),
    ]),
  };
}

export function definitionsSheet(
  definitions: EventDefinition[],
  siteNames: Map<string, string>,
  locale: Locale,
  timeZone: string,
): SheetContent {
  const headers: Words[] = [
    w('事件名', 'Event name'),
    w('显示名称', 'Label'),
    w('类型', 'Kind'),
    w('站点', 'Site'),
    w('元素选择器', 'Selector'),
    w('页面路径', 'URL pattern'),
    w('属性', 'Properties'),
    w('归档时间', 'Archived at'),
    w('创建时间', 'Created at'),
  ];
  return {
    baseName: 'tracking-event-definitions',
    sheetName: locale === 'zh-CN' ? '事件定义' : 'Event definitions',
    header: headers.map((words) => words[locale]),
    rows: definitions.map((definition) => [
      definition.name,
      definition.label,
      DEFINITION_KINDS[definition.kind]?.[locale] ?? definition.kind,
      definition.siteId === null ? ALL_SITES[locale] : (siteNames.get(definition.siteId) ?? definition.siteId),
      definition.selector,
      definition.urlPattern,
      definition.properties.map((p) => `${p.key}:${p.type}${p.required ? '*' : ''}`).join(', '),
      timeCell(definition.archivedAt, timeZone),
      timeCell(definition.createdAt, timeZone),
    ]),
  };
}

const TABLE_NAMES: Record<Exclude<AnalyticsTable, 'events'>, Words> = {
  daily: w('每日趋势', 'Daily'),
  topPages: w('热门页面', 'Top pages'),
  referrers: w('来源', 'Referrers'),
  campaigns: w('推广活动', 'Campaigns'),
  devices: w('设备', 'Devices'),
  regions: w('地域', 'Regions'),
};

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

/** One table of the analytics screen as the user saw it (top entries, same figures). */
export function analyticsTableSheet(
  analytics: WebAnalytics,
  table: Exclude<AnalyticsTable, 'events'>,
  period: Period,
  locale: Locale,
): SheetContent {
  const baseName = `tracking-${table}-${dayStamp(period.from)}-${dayStamp(period.to)}`;
  const sheetName = TABLE_NAMES[table][locale];
  const visitors = w('访客数', 'Visitors')[locale];
  const sessions = w('会话数', 'Sessions')[locale];
  const pageViews = w('浏览量', 'Page views')[locale];
  const known = (value: string) => (value === '' ? UNKNOWN[locale] : value);
  switch (table) {
    case 'daily':
      return {
        baseName,
        sheetName,
        header: [w('日期', 'Day')[locale], visitors, sessions, pageViews],
        rows: analytics.daily.map((d) => [
          { at: new Date(`${d.day}T00:00:00Z`), withTime: false },
          d.visitors,
          d.sessions,
          d.pageViews,
        ]),
      };
    case 'topPages':
      return {
        baseName,
        sheetName,
        header: [
          w('页面路径', 'Path')[locale],
          w('页面标题', 'Title')[locale],
          pageViews,
          visitors,
          w('平均停留（秒）', 'Average time on page (s)')[locale],
        ],
        rows: analytics.topPages.map((p) => [p.path, p.title, p.pageViews, p.visitors, seconds(p.avgDurationMs)]),
      };
    case 'referrers':
      return {
        baseName,
        sheetName,
        header: [w('来源网站', 'Referrer')[locale], sessions, visitors],
        rows: analytics.referrers.map((r) => [r.host === '' ? DIRECT[locale] : r.host, r.sessions, r.visitors]),
      };
    case 'campaigns':
      return {
        baseName,
        sheetName,
        header: [
          w('来源 (utm_source)', 'Source (utm_source)')[locale],
          w('媒介 (utm_medium)', 'Medium (utm_medium)')[locale],
          w('活动 (utm_campaign)', 'Campaign (utm_campaign)')[locale],
          sessions,
          visitors,
        ],
        rows: analytics.campaigns.map((c) => [c.source, c.medium, c.campaign, c.sessions, c.visitors]),
      };
    case 'devices':
      return {
        baseName,
        sheetName,
        header: [w('维度', 'Dimension')[locale], w('值', 'Value')[locale], visitors],
        rows: [
          ...analytics.devices.map((d) => [w('设备类型', 'Device type')[locale], known(d.deviceType), d.visitors]),
          ...analytics.browsers.map((b) => [w('浏览器', 'Browser')[locale], known(b.browser), b.visitors]),
          ...analytics.os.map((o) => [w('操作系统', 'Operating system')[locale], known(o.os), o.visitors]),
        ],
      };
    case 'regions':
      return {
        baseName,
        sheetName,
        header: [w('省份', 'Province')[locale], w('城市', 'City')[locale], visitors],
        rows: analytics.regions.map((r) => [known(r.province), r.city, r.visitors]),
      };
  }
}

interface EventRow extends Record<string, unknown> {
  id: string;
  occurred_wall: string;
  occurred_at: string;
  name: string;
  url: string | null;
  path: string | null;
  title: string | null;
  referrer: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  device_type: string | null;
  browser: string | null;
  os: string | null;
  province: string | null;
  city: string | null;
  duration_ms: number | null;
  visitor_id: string;
  session_id: string;
  lead_id: string | null;
  properties: Record<string, unknown> | null;
}

const EVENTS_CHUNK = 5000;

/**
 * The period's raw events in time order, read 5,000 at a time by keyset (each chunk its own short transaction,
 * so a large export does not hold the embedded database), at most ANALYTICS_EXPORT_MAX_EVENTS. IP addresses are
 * left out: the file is for analysis, not for identifying people.
 */
async function* periodEvents(db: Db, ctx: ServiceContext, siteId: string, period: Period) {
  let after: { at: string; id: string } | null = null;
  let read = 0;
  while (read < ANALYTICS_EXPORT_MAX_EVENTS) {
    const limit = Math.min(EVENTS_CHUNK, ANALYTICS_EXPORT_MAX_EVENTS - read);
    const keyset = after;
    const rows: EventRow[] = await withTenant(db, ctx.workspaceId, (tx) =>
      rawRows<EventRow>(
        tx,
        sql`select e.id, e.name,
            to_char(e.occurred_at at time zone ${period.timeZone}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as occurred_wall,
            to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
            e.url, e.path, e.title, e.referrer, e.utm_source, e.utm_medium, e.utm_campaign, e.device_type,
            e.browser, e.os, e.province, e.city, e.duration_ms, e.visitor_id, e.session_id, v.lead_id, e.properties
          from ${trackingEvents} e
          left join ${trackingVisitors} v on v.workspace_id = e.workspace_id and v.id = e.visitor_id
          where e.workspace_id = ${ctx.workspaceId} and e.site_id = ${siteId} and ${periodCondition(period, sql`e.occurred_at`)}
            and e.name <> 'page_leave'
            ${keyset ? sql`and (e.occurred_at, e.id) > (${keyset.at}::timestamptz, ${keyset.id}::uuid)` : sql``}
          order by e.occurred_at, e.id
          limit ${limit}`,
      ),
    );
    yield rows;
    read += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < limit) return;
    after = { at: last.occurred_at, id: last.id };
  }
}

/**
 * The period's raw events as a sheet, produced while the file is written. When the cap cut the period short, the
 * download name says so (`…-first-100000.csv`).
 */
export function eventsSheet(db: Db, ctx: ServiceContext, siteId: string, period: Period, locale: Locale): SheetContent {
  let written = 0;
  const headers: Words[] = [
    w('时间', 'Time'),
    w('事件', 'Event'),
    w('网址', 'URL'),
    w('页面路径', 'Path'),
    w('页面标题', 'Title'),
    w('来源网址', 'Referrer'),
    w('utm_source', 'utm_source'),
    w('utm_medium', 'utm_medium'),
    w('utm_campaign', 'utm_campaign'),
    w('设备类型', 'Device type'),
    w('浏览器', 'Browser'),
    w('操作系统', 'Operating system'),
    w('省份', 'Province'),
    w('城市', 'City'),
    w('停留（毫秒）', 'Duration (ms)'),
    w('访客 ID', 'Visitor ID'),
    w('会话 ID', 'Session ID'),
    w('潜客 ID', 'Lead ID'),
    w('属性', 'Properties'),
    w('事件 ID', 'Event ID'),
  ];
  async function* rows(): AsyncIterable<SheetCell[]> {
    for await (const chunk of periodEvents(db, ctx, siteId, period)) {
      for (const e of chunk) {
        written += 1;
        yield [
          { at: new Date(e.occurred_wall), withTime: true },
          e.name,
          e.url,
          e.path,
          e.title,
          e.referrer,
          e.utm_source,
          e.utm_medium,
          e.utm_campaign,
          e.device_type,
          e.browser,
          e.os,
          e.province,
          e.city,
          e.duration_ms,
          e.visitor_id,
          e.session_id,
          e.lead_id,
          e.properties && Object.keys(e.properties).length > 0 ? JSON.stringify(e.properties) : null,
          e.id,
        ];
      }
    }
  }
  const baseName = `tracking-events-${dayStamp(period.from)}-${dayStamp(period.to)}`;
  return {
    get baseName() {
      return written >= ANALYTICS_EXPORT_MAX_EVENTS ? `${baseName}-first-${ANALYTICS_EXPORT_MAX_EVENTS}` : baseName;
    },
    sheetName: locale === 'zh-CN' ? '事件明细' : 'Events',
    header: headers.map((words) => words[locale]),
    rows: rows(),
  };
}
