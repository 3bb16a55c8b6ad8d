import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import type { TrackedEventRow } from './event-writer';
import {
  newActivityIdSql,
  trackedActivityDedupeKeySql,
  trackedActivityPropertiesSql,
  trackedActivityTypeSql,
} from './stitch';

/* The statements of one group-commit flush (event-writer.ts), each one round trip whatever the number of rows. */

export interface VisitorRow {
  id: string;
  siteId: string;
}

export interface PageDuration {
  pageViewId: string;
  visitorId: string;
  durationMs: number;
}

const array = (values: readonly unknown[]) => sql.param(values);
const dialect = new PgDialect();

/**
 * Runs a statement whose text depends only on `name`, as a named prepared statement on PostgreSQL: a flush runs
 * it hundreds of times a second, and planning the CTE would cost more than executing it for a small batch.
 * (PGlite answers through drizzle as usual.)
 */
async function preparedRows<T extends Record<string, unknown>>(tx: Db, name: string, query: SQL): Promise<T[]> {
  const client: unknown = '$client' in tx ? tx.$client : null;
  if (!(client instanceof pg.Client)) return rawRows<T>(tx, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  const result = await client.query<T>({ name, text, values: params });
  return result.rows;
}

/** The rows as one array parameter per column, in `unnest` order (see EVENT_COLUMNS). */
function eventColumns(rows: readonly TrackedEventRow[]): SQL {
  const text = (pick: (row: TrackedEventRow) => string | null) => sql`${array(rows.map(pick))}::text[]`;
  return sql.join(
    [
      sql`${array(rows.map((r) => r.id))}::uuid[]`,
      sql`${array(rows.map((r) => r.siteId))}::uuid[]`,
      text((r) => r.visitorId),
      text((r) => r.sessionId),
      text((r) => r.name),
      sql`${array(rows.map((r) => r.occurredAt.toISOString()))}::timestamptz[]`,
      text((r) => r.url),
      text((r) => r.path),
      text((r) => r.title),
      text((r) => r.referrer),
      text((r) => r.referrerHost),
      text((r) => r.utmSource),
      text((r) => r.utmMedium),
      text((r) => r.utmCampaign),
      text((r) => r.utmTerm),
      text((r) => r.utmContent),
      text((r) => r.deviceType),
      text((r) => r.browser),
      text((r) => r.os),
      text((r) => r.country),
      text((r) => r.province),
      text((r) => r.city),
      text((r) => r.ip),
      sql`${array(rows.map((r) => r.durationMs))}::integer[]`,
      sql`${array(rows.map((r) => JSON.stringify(r.properties)))}::jsonb[]`,
      text((r) => r.source),
    ],
    sql`, `,
  );
}

const EVENT_COLUMNS = sql.raw(`id, site_id, visitor_id, session_id, name, occurred_at, url, path, title, referrer,
  referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content, device_type, browser, os, country,
  province, city, ip, duration_ms, properties`);

/**
 * New visitors are created; known ones (not written by this process for a minute) get their last_seen_at moved.
 * Sorted by id, so concurrent flushes lock visitor rows in one order.
 */
function upsertVisitorsSql(workspaceId: string, visitors: readonly VisitorRow[]): SQL {
  if (visitors.length === 0) return sql``;
  return sql`, seen as (
      insert into tracking_visitors (workspace_id, id, site_id)
      select ${workspaceId}::uuid, v.id, v.site_id
      from unnest(${array(visitors.map((v) => v.id))}::text[], ${array(visitors.map((v) => v.siteId))}::uuid[])
        as v(id, site_id)
      order by v.id
      on conflict (workspace_id, id) do update set last_seen_at = greatest(tracking_visitors.last_seen_at, now())
    )`;
}

/**
 * One statement per flush: the visitors, the events (one array parameter per column, unpacked by unnest: no
 * parameter-count limit, and arrays cost PostgreSQL a fraction of parsing a JSON document of the same rows; ids
 * already stored are skipped), and the lead-timeline activities of events whose visitor is stitched to a lead
 * (page_leave never: it only closes its page view). The stitched visitors are found by primary key for the
 * batch's visitors only; a visitor created by this very statement has no lead yet, so reading the statement's
 * snapshot is right. Returns the ids that were new.
 */
export async function insertEvents(
  tx: Db,
  workspaceId: string,
  rows: TrackedEventRow[],
  newVisitors: readonly VisitorRow[],
): Promise<Set<string>> {
  const r = sql.raw('r');
  const visitorIds = [...new Set(rows.map((row) => row.visitorId))];
  const inserted = await preparedRows<{ id: string }>(
    tx,
    newVisitors.length > 0 ? 'tracking_insert_events_visitors' : 'tracking_insert_events',
    sql`
    with input as materialized (
      select * from unnest(${eventColumns(rows)}) as r(${EVENT_COLUMNS}, source)
    )${upsertVisitorsSql(workspaceId, newVisitors)}, known as (
      -- One primary-key probe per visitor of the batch, whatever the number of stitched visitors.
      select b.id, v.lead_id from unnest(${array(visitorIds)}::text[]) as b(id)
      cross join lateral (
        select t.lead_id from tracking_visitors t
        where t.workspace_id = ${workspaceId}::uuid and t.id = b.id and t.lead_id is not null
        limit 1 -- keeps the planner from flattening this into a scan of every stitched visitor
      ) v
    ), e as (
      insert into tracking_events (workspace_id, ${EVENT_COLUMNS})
      select ${workspaceId}::uuid, ${EVENT_COLUMNS} from input
      on conflict (workspace_id, id) do nothing
      returning id
    ), logged as (
      insert into activities (workspace_id, id, lead_id, type, source, occurred_at, properties, dedupe_key)
      select ${workspaceId}::uuid, ${newActivityIdSql}, k.lead_id, ${trackedActivityTypeSql(r)}, r.source,
        r.occurred_at, ${trackedActivityPropertiesSql(r, sql`r.duration_ms`)}, ${trackedActivityDedupeKeySql(r)}
      from e
      join input r on r.id = e.id
      join known k on k.id = r.visitor_id
      where r.name <> 'page_leave'
      on conflict (workspace_id, dedupe_key) where dedupe_key is not null do nothing
    )
    select id from e`,
  );
  return new Set(inserted.map((row) => row.id));
}

/** Durations of page views stored by earlier flushes, on the event row and on its timeline activity if any. */
export async function applyPageDurations(tx: Db, workspaceId: string, closes: PageDuration[]): Promise<void> {
  const viewed = sql.raw('viewed');
  await tx.execute(sql`
    with closes as (
      select * from unnest(${array(closes.map((c) => c.pageViewId))}::uuid[],
        ${array(closes.map((c) => c.visitorId))}::text[], ${array(closes.map((c) => c.durationMs))}::integer[])
        as c(page_view_id, visitor_id, duration_ms)
    ), viewed as (
      update tracking_events t set duration_ms = c.duration_ms
      from closes c
      where t.workspace_id = ${workspaceId}::uuid and t.id = c.page_view_id and t.visitor_id = c.visitor_id
        and t.name = 'page_view'
      returning t.id, t.duration_ms
    )
    update activities a set properties = a.properties || jsonb_build_object('durationMs', viewed.duration_ms)
    from viewed
    where a.workspace_id = ${workspaceId}::uuid and a.dedupe_key = ${trackedActivityDedupeKeySql(viewed)}`);
}

/** "Installed?" and "last event" of the sites; throttled by the caller, so never once per row. */
export async function touchSites(tx: Db, workspaceId: string, siteIds: string[]): Promise<void> {
  await tx.execute(sql`
    update tracking_sites set first_event_at = coalesce(first_event_at, now()), last_event_at = now()
    where workspace_id = ${workspaceId}::uuid and id = any(${sql.param(siteIds)}::uuid[])`);
}
