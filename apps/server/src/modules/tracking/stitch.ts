import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import type { ServiceContext } from '../../platform/http/context';
import { notFound } from '../../platform/http/errors';
import { appendActivities } from '../activities/service';
import { leads } from '../leads/schema';
import { trackingVisitors } from './schema';
// Loaded with stitching (which the ingest and the identify job import), so lead merges move visitors from startup.
import './merge-step';

/** How a visitor became known: `kindling.identify`, a form submit, a tracked email link, or a merge of two leads. */
export type StitchVia = 'identify' | 'form' | 'email_link' | 'merge';

export interface StitchInput {
  visitorId: string;
  siteId: string;
  leadId: string;
  via: StitchVia;
}

/**
 * A new activity id made by the database: a UUIDv7 (the ids' format everywhere, see platform/db/ids.ts) built from
 * a random v4 and the current millisecond, since PostgreSQL 15 has no uuidv7().
 */
export const newActivityIdSql = sql`overlay(overlay(replace(gen_random_uuid()::text, '-', '')
  placing lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') from 1 for 12)
  placing '7' from 13 for 1)::uuid`;

/** The activity type of a tracked event in SQL: `web.<name>`, as `trackedActivityType` in the contracts. */
export const trackedActivityTypeSql = (event: SQL): SQL => sql`('web.' || ${event}.name)`;

/**
 * An event's `properties` in the lead timeline (common.md): where it happened, the page visit's duration when its
 * page_leave has arrived, and the event's own properties under `props`. Top-level nulls are left out (so the
 * filter language's `exists` means "known"); `kt`, a lead token that proves who the visitor is, is never copied.
 */
export const trackedActivityPropertiesSql = (event: SQL, durationMs: SQL): SQL => sql`(
  jsonb_strip_nulls(jsonb_build_object(
    'siteId', ${event}.site_id, 'visitorId', ${event}.visitor_id, 'sessionId', ${event}.session_id,
    'url', ${event}.url, 'path', ${event}.path, 'title', ${event}.title, 'referrer', ${event}.referrer,
    'durationMs', ${durationMs}))
  || case when (${event}.properties - 'kt') = '{}'::jsonb then '{}'::jsonb
       else jsonb_build_object('props', ${event}.properties - 'kt') end)`;

/** `web:<event id>`: a tracked event's dedupe key in `activities`, shared by the live ingest and stitching. */
export const trackedActivityDedupeKeySql = (event: SQL): SQL => sql`('web:' || ${event}.id::text)`;

/**
 * The activity source of an event copied at stitch time. `tracking_events` keeps no source column, so it is
 * read back from what the ingest leaves: pixel hits carry a `px_` session (public-routes.ts makes one per hit),
 * a mini-program site's events are 'miniprogram', the rest 'web' — the same values the live ingest writes.
 */
const copiedActivitySourceSql = sql`(case when left(e.session_id, 3) = 'px_' then 'pixel'
  when s.kind = 'miniprogram' then 'miniprogram' else 'web' end)`;

/**
 * Copies every event of the visitor not yet in `activities` onto the lead's timeline, in one INSERT … SELECT: a
 * page view takes its duration from the page view row or, if the ingest has not filled it, from its page_leave
 * (which is never an activity itself). Events already copied (to this lead or, before a re-link, to another) are
 * skipped by the dedupe key, so earlier activities stay where they are. Returns how many were copied.
 */
async function copyVisitorEvents(tx: Db, ctx: ServiceContext, visitorId: string, leadId: string): Promise<number> {
  const e = sql.raw('e');
  const [row] = await rawRows<{ n: number }>(
    tx,
    sql`
    with leaves as (
      select l.properties->>'pageViewId' as page_view_id,
        max(round((l.properties->>'durationMs')::numeric)) as duration_ms
      from tracking_events l
      where l.workspace_id = ${ctx.workspaceId} and l.visitor_id = ${visitorId} and l.name = 'page_leave'
        and jsonb_typeof(l.properties->'durationMs') = 'number'
        and (l.properties->>'durationMs')::numeric between 0 and 2147483647
      group by 1
    ),
    copied as (
      insert into activities (workspace_id, id, lead_id, type, source, occurred_at, properties, dedupe_key)
      select e.workspace_id, ${newActivityIdSql}, ${leadId}::uuid, ${trackedActivityTypeSql(e)},
        ${copiedActivitySourceSql}, e.occurred_at,
        ${trackedActivityPropertiesSql(e, sql`coalesce(e.duration_ms, lv.duration_ms::int)`)},
        ${trackedActivityDedupeKeySql(e)}
      from tracking_events e
      left join tracking_sites s on s.workspace_id = e.workspace_id and s.id = e.site_id
      left join leaves lv on e.name = 'page_view' and lv.page_view_id = e.id::text
      where e.workspace_id = ${ctx.workspaceId} and e.visitor_id = ${visitorId} and e.name <> 'page_leave'
      order by e.occurred_at
      on conflict (workspace_id, dedupe_key) where dedupe_key is not null do nothing
      returning 1
    )
    select count(*)::int as n from copied`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Links a visitor (one browser or mini-program install) to a lead, in the caller's transaction: the visitor row is
 * created or re-pointed (later events go to this lead; a visitor already linked elsewhere keeps its earlier
 * activities on the other lead), all its events not yet on a timeline are copied to this lead's, and one
 * `visitor_identified` activity records it. Idempotent: stitching the same visitor to the same lead again copies
 * only events that were missing and records nothing new. 404 when the lead is not a live lead of the workspace.
 */
export async function stitchVisitor(
  tx: Db,
  ctx: ServiceContext,
  input: StitchInput,
): Promise<{ eventsLinked: number }> {
  const [lead] = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, input.leadId), isNull(leads.deletedAt)));
  if (!lead) throw notFound('Lead');
  const [before] = await tx
    .select({ leadId: trackingVisitors.leadId })
    .from(trackingVisitors)
    .where(and(eq(trackingVisitors.workspaceId, ctx.workspaceId), eq(trackingVisitors.id, input.visitorId)))
    .for('update');
  const now = new Date();
  await tx
    .insert(trackingVisitors)
    .values({
      workspaceId: ctx.workspaceId,
      id: input.visitorId,
      siteId: input.siteId,
      leadId: lead.id,
      identifiedAt: now,
      identifiedVia: input.via,
    })
    .onConflictDoUpdate({
      target: [trackingVisitors.workspaceId, trackingVisitors.id],
      set: { leadId: lead.id, identifiedAt: now, identifiedVia: input.via },
      // Already this lead's: keep when and how it was first identified.
      setWhere: sql`${trackingVisitors.leadId} is distinct from ${lead.id}::uuid`,
    });
  const eventsLinked = await copyVisitorEvents(tx, ctx, input.visitorId, lead.id);
  const previousLeadId = before?.leadId && before.leadId !== lead.id ? before.leadId : null;
  await appendActivities(tx, ctx, [
    {
      leadId: lead.id,
      type: 'visitor_identified',
      source: 'web',
      properties: {
        visitorId: input.visitorId,
        siteId: input.siteId,
        via: input.via,
        eventsLinked,
        ...(previousLeadId ? { previousLeadId } : {}),
      },
      occurredAt: now,
      // Once per visitor and lead: a redelivered job or a page that calls identify on every load adds nothing.
      dedupeKey: `visitor:${input.visitorId}:${lead.id}`,
    },
  ]);
  return { eventsLinked };
}
