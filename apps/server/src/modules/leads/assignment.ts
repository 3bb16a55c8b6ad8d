import type { AssignmentResult } from '@kindling/contracts/assignment';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors';
import { isMember } from '../../platform/workspaces/service';
import { appendActivities } from '../activities/service';
import type { ChunkApplier } from './bulk-actions';
import { liveLeadRows, requireLiveLeads } from './bulk-target';
import { leadsChanged } from './count-cache';
import { leads } from './schema';

type AssignmentVia = 'manual' | 'round_robin' | 'claim' | 'release';

async function assertMembers(tx: Db, ctx: ServiceContext, userIds: string[], path: string): Promise<void> {
  for (const userId of userIds) {
    if (!(await isMember(tx, ctx.workspaceId, userId))) {
      throw invalid([{ path, message: 'Owners must be members of this workspace' }]);
    }
  }
}

/** Writes the plan (lead → new owner): one UPDATE per owner and one `lead_assigned` activity per changed lead. */
async function applyPlan(
  tx: Db,
  ctx: ServiceContext,
  plan: { id: string; from: string | null; to: string | null }[],
  via: AssignmentVia,
): Promise<AssignmentResult> {
  const changed = plan.filter((p) => p.from !== p.to);
  const byOwner = new Map<string | null, string[]>();
  for (const p of changed) byOwner.set(p.to, [...(byOwner.get(p.to) ?? []), p.id]);
  for (const [ownerId, ids] of byOwner) {
    await tx
      .update(leads)
      .set({ ownerId })
      .where(and(eq(leads.workspaceId, ctx.workspaceId), inArray(leads.id, ids)));
  }
  await appendActivities(
    tx,
    ctx,
    changed.map((p) => ({
      leadId: p.id,
      type: 'lead_assigned',
      source: 'console',
      properties: { from: p.from, to: p.to, via },
    })),
  );
  if (changed.length > 0) leadsChanged(ctx.workspaceId);
  const perOwner: Record<string, number> = {};
  for (const p of changed) perOwner[p.to ?? 'public_pool'] = (perOwner[p.to ?? 'public_pool'] ?? 0) + 1;
  return { assigned: changed.length, unchanged: plan.length - changed.length, perOwner };
}

/** Bulk assign: checks the owner now, then gives each chunk of leads to them (or to the public pool with null). */
export async function prepareAssign(tx: Db, ctx: ServiceContext, ownerId: string | null): Promise<ChunkApplier> {
  if (ownerId) await assertMembers(tx, ctx, [ownerId], 'body.ownerId');
  return async (chunkTx, ids) => {
    const rows = await liveLeadRows(chunkTx, ctx, ids);
    const plan = rows.map((r) => ({ id: r.id, from: r.ownerId, to: ownerId }));
    return applyPlan(chunkTx, ctx, plan, ownerId ? 'manual' : 'release');
  };
}

/**
 * Bulk round-robin: shares the leads out in turn (oldest lead first within each chunk) among the given people;
 * the turn carries on from one chunk to the next.
 */
export async function prepareRoundRobin(tx: Db, ctx: ServiceContext, userIds: string[]): Promise<ChunkApplier> {
  await assertMembers(tx, ctx, userIds, 'body.userIds');
  return async (chunkTx, ids, offset) => {
    const rows = await liveLeadRows(chunkTx, ctx, ids);
    const plan = rows.map((r, i) => ({
      id: r.id,
      from: r.ownerId,
      to: userIds[(offset + i) % userIds.length] ?? null,
    }));
    return applyPlan(chunkTx, ctx, plan, 'round_robin');
  };
}

/** Takes an unowned lead from the public pool. Two people claiming at once: exactly one wins, the other gets 409. */
export async function claimLead(tx: Db, ctx: ServiceContext, leadId: string): Promise<void> {
  if (!ctx.userId) throw forbidden();
  const [lead] = await requireLiveLeads(tx, ctx, [leadId], 'params.id').catch(() => {
    throw notFound('Lead');
  });
  if (lead?.ownerId === ctx.userId) return;
  const claimed = await tx
    .update(leads)
    .set({ ownerId: ctx.userId })
    .where(
      and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, leadId), isNull(leads.ownerId), isNull(leads.deletedAt)),
    )
    .returning({ id: leads.id });
  if (claimed.length === 0) {
    const [owner] = await tx
      .select({ name: users.name })
      .from(leads)
      .innerJoin(users, eq(users.id, leads.ownerId))
      .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, leadId)));
    throw conflict(`This lead already belongs to ${owner?.name ?? 'someone else'}`);
  }
  await appendActivities(tx, ctx, [
    { leadId, type: 'lead_assigned', source: 'console', properties: { from: null, to: ctx.userId, via: 'claim' } },
  ]);
  leadsChanged(ctx.workspaceId);
}

/** Gives one's own lead back to the public pool; releasing someone else's lead needs `mayReleaseOthers`. */
export async function releaseLead(
  tx: Db,
  ctx: ServiceContext,
  leadId: string,
  mayReleaseOthers: boolean,
): Promise<void> {
  const [lead] = await requireLiveLeads(tx, ctx, [leadId], 'params.id').catch(() => {
    throw notFound('Lead');
  });
  if (!lead?.ownerId) return;
  if (lead.ownerId !== ctx.userId && !mayReleaseOthers) throw forbidden('Only the owner can release this lead');
  await applyPlan(tx, ctx, [{ id: leadId, from: lead.ownerId, to: null }], 'release');
}
