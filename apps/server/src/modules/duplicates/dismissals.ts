import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { invalid } from '../../platform/http/errors';
import { leads } from '../leads/schema';
import { duplicateDismissals } from './schema';

/** A pair as stored: the smaller id first (uuid order is byte order, the same as lower-case text order). */
function orderedPair(x: string, y: string): { leadAId: string; leadBId: string } {
  const [leadAId, leadBId] = [x.toLowerCase(), y.toLowerCase()].sort() as [string, string];
  return { leadAId, leadBId };
}

/** "Not duplicates": the two live leads stop being suggested as a pair. Idempotent; audited once. */
export async function dismissPair(tx: Db, ctx: ServiceContext, leadIds: [string, string]): Promise<void> {
  const pair = orderedPair(...leadIds);
  const found = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, ctx.workspaceId),
        inArray(leads.id, [pair.leadAId, pair.leadBId]),
        isNull(leads.deletedAt),
      ),
    );
  if (found.length !== 2) {
    throw invalid(
      [{ path: 'body.leadIds', message: 'Both leads must exist in this workspace and not be deleted' }],
      'Both leads must exist in this workspace and not be deleted',
    );
  }
  const inserted = await tx
    .insert(duplicateDismissals)
    .values({ workspaceId: ctx.workspaceId, ...pair, dismissedBy: ctx.userId })
    .onConflictDoNothing({
      target: [duplicateDismissals.workspaceId, duplicateDismissals.leadAId, duplicateDismissals.leadBId],
    })
    .returning({ id: duplicateDismissals.id });
  if (inserted.length === 0) return;
  await recordAudit(tx, ctx, {
    action: 'duplicates.dismissed',
    targetType: 'lead',
    targetId: pair.leadAId,
    details: { leadIds: [pair.leadAId, pair.leadBId] },
  });
}

/**
 * A merge keeps what people decided about the merged lead: "C is not the same person as the merged lead" now
 * holds for the surviving lead. The merged lead's own rows go (its id no longer exists).
 */
export async function moveDismissals(tx: Db, ctx: ServiceContext, fromLeadId: string, toLeadId: string) {
  const involving = or(eq(duplicateDismissals.leadAId, fromLeadId), eq(duplicateDismissals.leadBId, fromLeadId));
  const rows = await tx
    .delete(duplicateDismissals)
    .where(and(eq(duplicateDismissals.workspaceId, ctx.workspaceId), involving))
    .returning();
  const moved = rows
    .map((row) => ({ row, other: row.leadAId === fromLeadId ? row.leadBId : row.leadAId }))
    .filter(({ other }) => other !== toLeadId)
    .map(({ row, other }) => ({
      workspaceId: ctx.workspaceId,
      ...orderedPair(other, toLeadId),
      dismissedBy: row.dismissedBy,
      createdAt: row.createdAt,
    }));
  if (moved.length > 0) {
    await tx
      .insert(duplicateDismissals)
      .values(moved)
      .onConflictDoNothing({
        target: [duplicateDismissals.workspaceId, duplicateDismissals.leadAId, duplicateDismissals.leadBId],
      });
  }
}
