import type { MergePreview, MergeResult, MergeSide } from '@kindling/contracts/lead-merge';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service';
import { users } from '../../platform/auth/schema';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { AppError, invalid } from '../../platform/http/errors';
import { countLeadActivities, moveLeadActivities } from '../activities/move';
import { appendActivities } from '../activities/service';
import { companies } from '../companies/schema';
import { getFieldCatalog } from '../fields/service';
import { leadsChanged } from '../leads/count-cache';
import { leads } from '../leads/schema';
import { getLead } from '../leads/service';
import { moveDismissals } from './dismissals';
import { planMerge, type MergeLead } from './merge-plan';
import { runLeadMergeSteps, type LeadMergeIds } from './merge-steps';

/** Where the ids came from, for error paths: `body` (the merge) or `query` (its preview). */
type IdsIn = 'body' | 'query';

const missing = (idsIn: IdsIn, field: keyof LeadMergeIds, message: string) =>
  new AppError(404, 'not_found', message, [{ path: `${idsIn}.${field}`, message }]);

/**
 * Both leads of a merge, live and in this workspace; with `lock`, their rows stay locked until the transaction
 * ends, so nobody edits either lead between reading and merging them. 404 names the lead that is missing.
 */
async function loadPair(
  tx: Db,
  ctx: ServiceContext,
  ids: LeadMergeIds,
  idsIn: IdsIn,
  lock: boolean,
): Promise<{ primary: MergeLead; secondary: MergeLead }> {
  if (ids.primaryId.toLowerCase() === ids.secondaryId.toLowerCase()) {
    throw invalid([{ path: `${idsIn}.secondaryId`, message: 'Choose two different leads' }]);
  }
  const query = tx
    .select({ row: leads, ownerName: users.name, companyRecordName: companies.name })
    .from(leads)
    .leftJoin(users, eq(users.id, leads.ownerId))
    .leftJoin(companies, and(eq(companies.workspaceId, leads.workspaceId), eq(companies.id, leads.companyId)))
    .where(
      and(
        eq(leads.workspaceId, ctx.workspaceId),
        inArray(leads.id, [ids.primaryId, ids.secondaryId]),
        isNull(leads.deletedAt),
      ),
    );
  const rows = lock ? await query.for('update', { of: leads }) : await query;
  const find = (id: string) => rows.find((r) => r.row.id.toLowerCase() === id.toLowerCase());
  const primary = find(ids.primaryId);
  const secondary = find(ids.secondaryId);
  if (!primary) throw missing(idsIn, 'primaryId', 'The lead to keep does not exist or was deleted');
  if (!secondary) throw missing(idsIn, 'secondaryId', 'The lead to merge does not exist or was deleted');
  return { primary, secondary };
}

/** The workspace's custom lead field keys, in display order. */
async function customFieldKeys(tx: Db, ctx: ServiceContext): Promise<string[]> {
  return (await getFieldCatalog(tx, ctx)).filter((field) => !field.builtIn).map((field) => field.key);
}

/** What merging would do: both leads, each differing field with its default side, the activities that move. */
export async function previewMerge(tx: Db, ctx: ServiceContext, ids: LeadMergeIds): Promise<MergePreview> {
  const { primary, secondary } = await loadPair(tx, ctx, ids, 'query', false);
  const plan = planMerge(primary, secondary, await customFieldKeys(tx, ctx));
  return {
    primary: await getLead(tx, ctx, primary.row.id),
    secondary: await getLead(tx, ctx, secondary.row.id),
    fields: plan.rows,
    activitiesToMove: await countLeadActivities(tx, ctx, secondary.row.id),
  };
}

/**
 * Merges the secondary lead into the primary, in the caller's (one) transaction: the primary takes the chosen
 * values, every activity of the secondary moves to it, registered modules move their rows (merge-steps.ts),
 * and the secondary is deleted for good — its full snapshot kept in the audit entry and in a `lead.merged`
 * activity on the primary's timeline. Any failure leaves both leads as they were.
 */
export async function mergeLeads(
  tx: Db,
  ctx: ServiceContext,
  input: LeadMergeIds & { values?: Record<string, MergeSide> | undefined },
): Promise<MergeResult> {
  const { primary, secondary } = await loadPair(tx, ctx, input, 'body', true);
  const ids = { primaryId: primary.row.id, secondaryId: secondary.row.id };
  const plan = planMerge(primary, secondary, await customFieldKeys(tx, ctx), input.values);
  const snapshot = await getLead(tx, ctx, ids.secondaryId);

  const movedActivities = await moveLeadActivities(tx, ctx, ids.secondaryId, ids.primaryId);
  await moveDismissals(tx, ctx, ids.secondaryId, ids.primaryId);
  await runLeadMergeSteps(tx, ctx, ids);
  // Gone before the primary takes its values: the unique email index would refuse two live leads with one email.
  await tx.delete(leads).where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, ids.secondaryId)));
  if (Object.keys(plan.set).length > 0 || plan.attributes) {
    await tx
      .update(leads)
      .set(plan.attributes ? { ...plan.set, attributes: plan.attributes } : plan.set)
      .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, ids.primaryId)));
  }
  leadsChanged(ctx.workspaceId);

  const fieldsTaken = Object.keys(plan.taken);
  await appendActivities(tx, ctx, [
    {
      leadId: ids.primaryId,
      type: 'lead.merged',
      source: 'console',
      properties: { mergedLeadId: ids.secondaryId, mergedLeadName: snapshot.name, fields: plan.taken, movedActivities },
    },
  ]);
  await recordAudit(tx, ctx, {
    action: 'lead.merged',
    targetType: 'lead',
    targetId: ids.primaryId,
    details: { ...ids, fieldsTaken, movedActivities, snapshot },
  });
  return { lead: await getLead(tx, ctx, ids.primaryId), movedActivities, fieldsTaken };
}
