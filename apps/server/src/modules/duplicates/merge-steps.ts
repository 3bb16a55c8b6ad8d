import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';

export interface LeadMergeIds {
  /** The lead that survives. */
  primaryId: string;
  /** The lead being merged into it; still present while the steps run, deleted right after. */
  secondaryId: string;
}

/**
 * Moves one module's rows of the secondary lead onto the primary during a merge (tag assignments, score ledger
 * entries, list memberships, …), resolving its own conflicts (a tag both leads carry is kept once).
 */
export type LeadMergeStep = (tx: Db, ctx: ServiceContext, merge: LeadMergeIds) => Promise<void>;

const steps = new Set<LeadMergeStep>();

/**
 * How a module takes part in lead merges: call this once when the module loads (top level of its service file)
 * with a step that moves its rows. Steps run inside the merge's transaction, in registration order, before the
 * secondary lead is deleted — so rows that reference it by foreign key (ON DELETE CASCADE) must be moved by a
 * step, or they go with it. A step that throws rolls the whole merge back. Returns a function that unregisters.
 */
export function registerLeadMergeStep(step: LeadMergeStep): () => void {
  steps.add(step);
  return () => {
    steps.delete(step);
  };
}

export async function runLeadMergeSteps(tx: Db, ctx: ServiceContext, merge: LeadMergeIds): Promise<void> {
  for (const step of [...steps]) await step(tx, ctx, merge);
}
