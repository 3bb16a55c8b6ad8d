import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';

/**
 * Whose tracking data to erase: some leads of one workspace (an erasure request, in a tenant transaction), or —
 * for the daily purge, on the owner connection across every workspace — the leads whose time in the recycle bin
 * ended before `deletedBefore`.
 */
export type TrackingErasure =
  { workspaceId: string; leadIds: readonly string[] } | { allWorkspaces: true; deletedBefore: Date };

/**
 * PIPL/GDPR: deleting a lead removes what was tracked of it. Its visitors' rows in `tracking_events` (the
 * analytics store, which has no foreign key to cascade along) are deleted here, and with a lead list the visitors
 * too; the lead's activities and, on the purge, its visitors go with the lead row (foreign keys, cascade), so
 * call this in the same transaction, BEFORE the leads are deleted — afterwards nothing links the events to them.
 * Events of anonymous visitors and of visitors of other leads stay. Returns how many events were erased.
 */
export async function eraseTrackingDataOfLeads(tx: Db, target: TrackingErasure): Promise<number> {
  if ('allWorkspaces' in target) {
    const [row] = await rawRows<{ n: number }>(
      tx,
      sql`
      with erased as (
        delete from tracking_events e
        using tracking_visitors v, leads l
        where l.deleted_at is not null and l.deleted_at < ${target.deletedBefore}::timestamptz
          and v.workspace_id = l.workspace_id and v.lead_id = l.id
          and e.workspace_id = v.workspace_id and e.visitor_id = v.id
        returning 1
      )
      select count(*)::int as n from erased`,
    );
    return Number(row?.n ?? 0);
  }
  if (target.leadIds.length === 0) return 0;
  const leadIds = sql`${sql.param(target.leadIds)}::uuid[]`;
  const [row] = await rawRows<{ n: number }>(
    tx,
    sql`
    with visitors as (
      delete from tracking_visitors v
      where v.workspace_id = ${target.workspaceId} and v.lead_id = any(${leadIds})
      returning v.id
    ),
    erased as (
      delete from tracking_events e
      using visitors
      where e.workspace_id = ${target.workspaceId} and e.visitor_id = visitors.id
      returning 1
    )
    select count(*)::int as n from erased`,
  );
  return Number(row?.n ?? 0);
}
