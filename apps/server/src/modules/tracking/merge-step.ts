import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { registerLeadMergeStep, type LeadMergeIds } from '../duplicates/merge-steps';
import { trackingVisitors } from './schema';

/**
 * Merging two leads merges their visitors: the secondary's browsers and devices become the primary's, so their
 * later events land on the surviving lead (the activities already recorded move with the rest of the timeline,
 * in mergeLeads). Without this step the visitors would go with the secondary lead (foreign key, cascade) and the
 * next page view of that person would be anonymous again.
 */
export async function moveVisitorsToPrimary(tx: Db, ctx: ServiceContext, merge: LeadMergeIds): Promise<void> {
  await tx
    .update(trackingVisitors)
    .set({ leadId: merge.primaryId })
    .where(and(eq(trackingVisitors.workspaceId, ctx.workspaceId), eq(trackingVisitors.leadId, merge.secondaryId)));
}

registerLeadMergeStep(moveVisitorsToPrimary);
