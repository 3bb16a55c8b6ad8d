import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import type { ServiceContext } from '../../platform/http/context';
import { activities } from './schema';

/** How many activities a lead's timeline holds. */
export async function countLeadActivities(tx: Db, ctx: ServiceContext, leadId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(activities)
    .where(and(eq(activities.workspaceId, ctx.workspaceId), eq(activities.leadId, leadId)));
  return row?.n ?? 0;
}

/**
 * Re-homes a lead's whole timeline onto another lead (a merge): the log stays append-only in content, only the
 * lead it belongs to changes. One UPDATE, in the caller's transaction. Returns how many moved.
 */
export async function moveLeadActivities(
  tx: Db,
  ctx: ServiceContext,
  fromLeadId: string,
  toLeadId: string,
): Promise<number> {
  // Counted in the same statement: a long timeline's ids need not travel to the server just to be counted.
  const [row] = await rawRows<{ n: number }>(
    tx,
    sql`
    with moved as (
      update ${activities} set lead_id = ${toLeadId}
      where ${activities.workspaceId} = ${ctx.workspaceId} and ${activities.leadId} = ${fromLeadId}
      returning 1
    )
    select count(*)::int as n from moved`,
  );
  return Number(row?.n ?? 0);
}
