import type { LiveEvent, LiveEvents } from '@kindling/contracts/tracking';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import type { ServiceContext } from '../../platform/http/context';
import { invalid } from '../../platform/http/errors';
import { leads } from '../leads/schema';
import { trackingEvents, trackingVisitors } from './schema';
import { findSiteRow } from './sites';

/** How many events the "verify installation" view shows. */
export const LIVE_EVENTS_LIMIT = 20;

/**
 * The live view looks at events that occurred in the last hour: occurred_at is what the site index orders, so a
 * poll every 2 s reads an hour of the site's events at most, never its whole history. Events queued longer than
 * that on a device are stored as usual; they just do not show up as "live".
 */
const LIVE_WINDOW = sql`interval '1 hour'`;

/** The cursor is the newest shown receipt time in microseconds since the epoch (exact, unlike a float). */
const CURSOR = /^\d{1,19}$/;

interface LiveRow extends Record<string, unknown> {
  id: string;
  name: string;
  occurred_at: string;
  received_at: string;
  received_micros: string;
  url: string | null;
  title: string | null;
  visitor_id: string;
  lead_id: string | null;
  lead_name: string | null;
  browser: string | null;
  os: string | null;
  device_type: string | null;
  province: string | null;
  city: string | null;
  properties: Record<string, unknown> | null;
}

function selectLive(ctx: ServiceContext, siteId: string, where: SQL, order: SQL): SQL {
  return sql`select e.id, e.name,
      to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
      to_char(e.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as received_at,
      (extract(epoch from e.received_at) * 1000000)::bigint::text as received_micros,
      e.url, e.title, e.visitor_id, v.lead_id, l.name as lead_name, e.browser, e.os, e.device_type, e.province,
      e.city, e.properties
    from ${trackingEvents} e
    left join ${trackingVisitors} v on v.workspace_id = e.workspace_id and v.id = e.visitor_id
    left join ${leads} l on l.workspace_id = v.workspace_id and l.id = v.lead_id and l.deleted_at is null
    where e.workspace_id = ${ctx.workspaceId} and e.site_id = ${siteId} and e.name <> 'page_leave' and ${where}
    order by ${order}
    limit ${LIVE_EVENTS_LIMIT}`;
}

function newestReceiptFirst(a: LiveRow, b: LiveRow): number {
  const difference = BigInt(b.received_micros) - BigInt(a.received_micros);
  if (difference === 0n) return b.id.localeCompare(a.id);
  return difference > 0n ? 1 : -1;
}

function toLiveEvent(row: LiveRow): LiveEvent {
  return {
    id: row.id,
    name: row.name,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    url: row.url,
    title: row.title,
    visitorId: row.visitor_id,
    leadId: row.lead_name === null ? null : row.lead_id,
    leadName: row.lead_name,
    browser: row.browser,
    os: row.os,
    deviceType: row.device_type,
    province: row.province,
    city: row.city,
    properties: row.properties ?? {},
  };
}

/**
 * The newest events of a site, newest received first, with the lead's name when the visitor is known; with
 * `after` (the cursor of the previous answer) only the events received since. Without a cursor and nothing in
 * the last hour, the site's latest events by occurrence are shown, so an idle site still shows what it last sent.
 * Text comes back exactly as stored (a `<script>` in a title is just text; the console renders it inert).
 */
export async function liveEvents(
  tx: Db,
  ctx: ServiceContext,
  siteId: string,
  query: { after?: string | undefined },
): Promise<LiveEvents> {
  await findSiteRow(tx, ctx, siteId);
  if (query.after !== undefined && !CURSOR.test(query.after)) {
    throw invalid([{ path: 'querystring.after', message: 'Pass back the cursor of the previous answer' }]);
  }
  const recent = sql`e.occurred_at > now() - ${LIVE_WINDOW}`;
  const newestReceived = sql`e.received_at desc, e.id desc`;
  let rows = await rawRows<LiveRow>(
    tx,
    selectLive(
      ctx,
      siteId,
      query.after === undefined
        ? recent
        : sql`${recent} and e.received_at > 'epoch'::timestamptz + ${query.after}::bigint * interval '1 microsecond'`,
      newestReceived,
    ),
  );
  if (rows.length === 0 && query.after === undefined) {
    rows = await rawRows<LiveRow>(tx, selectLive(ctx, siteId, sql`true`, sql`e.occurred_at desc, e.id desc`));
    rows.sort(newestReceiptFirst);
  }
  // Rows come newest first: the first one's receipt time is where the next poll starts.
  return { items: rows.map(toLiveEvent), cursor: rows[0]?.received_micros ?? query.after ?? null };
}
