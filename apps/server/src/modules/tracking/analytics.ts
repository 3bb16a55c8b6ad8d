import type { AnalyticsQuery, WebAnalytics } from '@kindling/contracts/tracking';
import { sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import { withTenant } from '../../platform/db/tenant';
import type { ServiceContext } from '../../platform/http/context';
import { getWorkspace } from '../../platform/workspaces/service';
import { trackingEvents, trackingVisitors } from './schema';
import { findSiteRow } from './sites';

/** Each list of the analytics screen shows its top entries only. */
export const ANALYTICS_LIST_LIMIT = 50;

/** A period of whole days (both included) in a time zone: the workspace's, so "today" means the marketer's day. */
export interface Period {
  from: string;
  to: string;
  timeZone: string;
}

/**
 * Events of the period: from the first instant of `from` to the first instant of the day after `to`, in the
 * period's time zone. Plain bounds on occurred_at, so the (workspace_id, site_id, occurred_at) index serves it.
 */
export function periodCondition(period: Period, occurredAt: SQL | Column = trackingEvents.occurredAt): SQL {
  return sql`${occurredAt} >= (${period.from}::date)::timestamp at time zone ${period.timeZone}
    and ${occurredAt} < ((${period.to}::date + 1)::timestamp at time zone ${period.timeZone})`;
}

/** One site's events in the period; page_leave only carries a duration into its page view, so it is left out. */
function siteEvents(ctx: ServiceContext, siteId: string, period: Period): SQL {
  return sql`${trackingEvents.workspaceId} = ${ctx.workspaceId} and ${trackingEvents.siteId} = ${siteId}
    and ${periodCondition(period)} and ${trackingEvents.name} <> 'page_leave'`;
}

const toInt = (value: unknown): number => Number(value ?? 0);
const toRoundedOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Math.round(Number(value));

interface CoreRow extends Record<string, unknown> {
  day: string | null;
  visitors: number;
  sessions: number;
  page_views: number;
  bounces: number | null;
  avg_duration: number | null;
  identified: number | null;
}

/**
 * Summary and daily series in one pass over the period's events: they are first folded into one row per session
 * and day (hash aggregate), which every figure is then computed from. Days without traffic come from
 * generate_series as zeros.
 */
async function summaryAndDaily(tx: Db, ctx: ServiceContext, siteId: string, period: Period) {
  const rows = await rawRows<CoreRow>(
    tx,
    sql`with session_days as (
        select ${trackingEvents.sessionId} as session_id, min(${trackingEvents.visitorId}) as visitor_id,
          (${trackingEvents.occurredAt} at time zone ${period.timeZone})::date as day,
          count(*)::int as events,
          (count(*) filter (where ${trackingEvents.name} = 'page_view'))::int as page_views,
          sum(${trackingEvents.durationMs}) filter (where ${trackingEvents.name} = 'page_view') as duration_sum,
          (count(${trackingEvents.durationMs}) filter (where ${trackingEvents.name} = 'page_view'))::int as duration_n
        from ${trackingEvents}
        where ${siteEvents(ctx, siteId, period)}
        group by 1, 3
      ),
      sessions as (
        -- The counts above are int so these sums are integer arithmetic (summing bigint counts gives numeric, slower).
        select session_id, min(visitor_id) as visitor_id, sum(events)::int as events, sum(page_views)::int as page_views
        from session_days group by session_id
      ),
      visitors as (select distinct visitor_id from sessions)
      select null as day,
        (select count(*) from visitors)::int as visitors,
        (select count(*) from sessions)::int as sessions,
        (select coalesce(sum(page_views), 0) from sessions)::int as page_views,
        (select count(*) from sessions where events = 1 and page_views = 1)::int as bounces,
        (select sum(duration_sum)::float8 / nullif(sum(duration_n), 0) from session_days) as avg_duration,
        (select count(*) from visitors v join ${trackingVisitors} tv
           on tv.workspace_id = ${ctx.workspaceId} and tv.id = v.visitor_id and tv.lead_id is not null)::int
          as identified
      union all
      select to_char(d.day, 'YYYY-MM-DD'), coalesce(x.visitors, 0)::int, coalesce(x.sessions, 0)::int,
        coalesce(x.page_views, 0)::int, null, null, null
      from generate_series(${period.from}::date::timestamp, ${period.to}::date::timestamp, interval '1 day') as d(day)
      left join (
        select day, count(distinct visitor_id) as visitors, count(*) as sessions, sum(page_views) as page_views
        from session_days group by day
      ) x on x.day = d.day::date`,
  );
  const total = rows.find((row) => row.day === null);
  const sessions = toInt(total?.sessions);
  return {
    summary: {
      visitors: toInt(total?.visitors),
      sessions,
      pageViews: toInt(total?.page_views),
      bounceRate: sessions === 0 ? 0 : toInt(total?.bounces) / sessions,
      avgDurationMs: toRoundedOrNull(total?.avg_duration),
      identifiedVisitors: toInt(total?.identified),
    },
    daily: rows
      .filter((row): row is CoreRow & { day: string } => row.day !== null)
      .sort((a, b) => a.day.localeCompare(b.day))
      .map((row) => ({
        day: row.day,
        visitors: toInt(row.visitors),
        sessions: toInt(row.sessions),
        pageViews: toInt(row.page_views),
      })),
  };
}

interface PageRow extends Record<string, unknown> {
  path: string;
  title: string | null;
  page_views: number;
  visitors: number;
  avg_duration: number | null;
}

/**
 * Top pages in one pass (a sort by path): page views, distinct visitors, mean known duration and the most frequent
 * title (ties: the alphabetically first). Measured faster than folding by (path, visitor) first with a hash.
 */
async function topPages(tx: Db, ctx: ServiceContext, siteId: string, period: Period) {
  const rows = await rawRows<PageRow>(
    tx,
    sql`select ${trackingEvents.path} as path,
        mode() within group (order by nullif(${trackingEvents.title}, '')) as title,
        count(*)::int as page_views, count(distinct ${trackingEvents.visitorId})::int as visitors,
        avg(${trackingEvents.durationMs})::float8 as avg_duration
      from ${trackingEvents}
      where ${siteEvents(ctx, siteId, period)} and ${trackingEvents.name} = 'page_view'
        and ${trackingEvents.path} is not null
      group by 1
      order by page_views desc, path
      limit ${ANALYTICS_LIST_LIMIT}`,
  );
  return rows.map((row) => ({
    path: row.path,
    title: row.title,
    pageViews: toInt(row.page_views),
    visitors: toInt(row.visitors),
    avgDurationMs: toRoundedOrNull(row.avg_duration),
  }));
}

interface SourceRow extends Record<string, unknown> {
  kind: 'referrer' | 'campaign';
  a: string;
  b: string;
  c: string;
  sessions: number;
  visitors: number;
}

/**
 * Where sessions came from, by each session's first page view (its landing): the referrer host ('' = direct;
 * internal navigation, null, is not a source) and its UTM source / medium / campaign. One pass (a sort by
 * session), both lists cut to their top entries.
 */
async function sources(tx: Db, ctx: ServiceContext, siteId: string, period: Period) {
  const rows = await rawRows<SourceRow>(
    tx,
    sql`with landings as (
        select distinct on (${trackingEvents.sessionId}) ${trackingEvents.visitorId} as visitor_id,
          ${trackingEvents.referrerHost} as host, ${trackingEvents.utmSource} as utm_source,
          ${trackingEvents.utmMedium} as utm_medium, ${trackingEvents.utmCampaign} as utm_campaign
        from ${trackingEvents}
        where ${siteEvents(ctx, siteId, period)} and ${trackingEvents.name} = 'page_view'
        order by ${trackingEvents.sessionId}, ${trackingEvents.occurredAt}, ${trackingEvents.id}
      ),
      counted as (
        select 'referrer' as kind, host as a, '' as b, '' as c, count(*) as sessions,
          count(distinct visitor_id) as visitors
        from landings where host is not null group by host
        union all
        select 'campaign', coalesce(utm_source, ''), coalesce(utm_medium, ''), coalesce(utm_campaign, ''), count(*),
          count(distinct visitor_id)
        from landings where coalesce(utm_source, utm_medium, utm_campaign) is not null group by 2, 3, 4
      )
      select kind, a, b, c, sessions::int, visitors::int from (
        select *, row_number() over (partition by kind order by sessions desc, a, b, c) as rank from counted
      ) ranked
      where rank <= ${ANALYTICS_LIST_LIMIT}
      order by kind, rank`,
  );
  return {
    referrers: rows
      .filter((row) => row.kind === 'referrer')
      .map((row) => ({ host: row.a, sessions: toInt(row.sessions), visitors: toInt(row.visitors) })),
    campaigns: rows
      .filter((row) => row.kind === 'campaign')
      .map((row) => ({
        source: row.a,
        medium: row.b,
        campaign: row.c,
        sessions: toInt(row.sessions),
        visitors: toInt(row.visitors),
      })),
  };
}

interface AudienceRow extends Record<string, unknown> {
  kind: 'device' | 'browser' | 'os' | 'region';
  a: string;
  b: string;
  visitors: number;
}

/**
 * Devices, browsers, operating systems and regions by distinct visitors, in one pass: events folded to one row
 * per visitor and trait combination (hash aggregate), then counted per trait. Unknown values are ''.
 */
async function audience(tx: Db, ctx: ServiceContext, siteId: string, period: Period) {
  const rows = await rawRows<AudienceRow>(
    tx,
    sql`with traits as (
        select ${trackingEvents.visitorId} as visitor_id, coalesce(${trackingEvents.deviceType}, '') as device,
          coalesce(${trackingEvents.browser}, '') as browser, coalesce(${trackingEvents.os}, '') as os,
          coalesce(${trackingEvents.province}, '') as province, coalesce(${trackingEvents.city}, '') as city
        from ${trackingEvents}
        where ${siteEvents(ctx, siteId, period)}
        group by 1, 2, 3, 4, 5, 6
      ),
      counted as (
        select 'device' as kind, device as a, '' as b, count(distinct visitor_id) as visitors from traits group by 2
        union all
        select 'browser', browser, '', count(distinct visitor_id) from traits group by 2
        union all
        select 'os', os, '', count(distinct visitor_id) from traits group by 2
        union all
        select 'region', province, city, count(distinct visitor_id) from traits group by 2, 3
      )
      select kind, a, b, visitors::int from (
        select *, row_number() over (partition by kind order by visitors desc, a, b) as rank from counted
      ) ranked
      where rank <= ${ANALYTICS_LIST_LIMIT}
      order by kind, rank`,
  );
  const of = (kind: AudienceRow['kind']) => rows.filter((row) => row.kind === kind);
  return {
    devices: of('device').map((row) => ({ deviceType: row.a, visitors: toInt(row.visitors) })),
    browsers: of('browser').map((row) => ({ browser: row.a, visitors: toInt(row.visitors) })),
    os: of('os').map((row) => ({ os: row.a, visitors: toInt(row.visitors) })),
    regions: of('region').map((row) => ({ province: row.a, city: row.b, visitors: toInt(row.visitors) })),
  };
}

/** The period in the workspace's time zone. */
export async function workspacePeriod(tx: Db, ctx: ServiceContext, query: AnalyticsQuery): Promise<Period> {
  const workspace = await getWorkspace(tx, ctx);
  return { from: query.from, to: query.to, timeZone: workspace.timeZone };
}

/**
 * The web analytics of one site over a period of days in the workspace's time zone: 404 for a site of another
 * workspace. Four read-only statements, each one range scan of the period on the (workspace_id, site_id,
 * occurred_at) index. They run side by side, each in its own tenant transaction: on PostgreSQL that is four
 * connections working at once (about the time of the slowest instead of the sum); PGlite runs them in turn.
 */
export async function siteAnalytics(
  db: Db,
  ctx: ServiceContext,
  siteId: string,
  query: AnalyticsQuery,
): Promise<{ analytics: WebAnalytics; period: Period }> {
  const inTenant = <T>(work: (tx: Db) => Promise<T>) => withTenant(db, ctx.workspaceId, work);
  const period = await inTenant(async (tx) => {
    await findSiteRow(tx, ctx, siteId);
    return workspacePeriod(tx, ctx, query);
  });
  const [core, pages, cameFrom, who] = await Promise.all([
    inTenant((tx) => summaryAndDaily(tx, ctx, siteId, period)),
    inTenant((tx) => topPages(tx, ctx, siteId, period)),
    inTenant((tx) => sources(tx, ctx, siteId, period)),
    inTenant((tx) => audience(tx, ctx, siteId, period)),
  ]);
  return { analytics: { ...core, topPages: pages, ...cameFrom, ...who }, period };
}
