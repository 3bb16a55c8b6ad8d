import { z } from 'zod';
import { ZBulkTarget } from './bulk';
import { ZLeadIds } from './leads';

/**
 * Which leads: `leadIds` (the chosen ones, as always) or a bulk `target` — the chosen ones again, or every lead
 * matching the list's filter (more than 1,000 of them run as a background task). Exactly one of the two.
 */
const ZAssignmentLeads = z.object({ leadIds: ZLeadIds.optional(), target: ZBulkTarget.optional() });

const oneKindOfLeads = (body: z.infer<typeof ZAssignmentLeads>, ctx: z.RefinementCtx) => {
  if ((body.leadIds === undefined) === (body.target === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['leadIds'], message: 'Send either leadIds or target' });
  }
};

/** Give the chosen leads to one owner, or back to the public pool (公海) with `ownerId: null`. */
export const ZAssignLeadsBody = ZAssignmentLeads.extend({ ownerId: z.uuid().nullable() })
  .strict()
  .superRefine(oneKindOfLeads);
export type AssignLeadsBody = z.input<typeof ZAssignLeadsBody>;

/** Share the chosen leads out in turn among several people (lead 1 → first person, lead 2 → second, …). */
export const ZRoundRobinBody = ZAssignmentLeads.extend({ userIds: z.array(z.uuid()).min(1).max(100) })
  .strict()
  .superRefine(oneKindOfLeads)
  .refine((b) => new Set(b.userIds).size === b.userIds.length, { path: ['userIds'], message: 'Each person once' });
export type RoundRobinBody = z.input<typeof ZRoundRobinBody>;

export const ZAssignmentResult = z.object({
  /** Leads whose owner changed. */
  assigned: z.number().int(),
  /** Leads already owned by the target (nothing to do). */
  unchanged: z.number().int(),
  /** Per owner, how many leads they received in this call. */
  perOwner: z.record(z.string(), z.number().int()),
});
export type AssignmentResult = z.infer<typeof ZAssignmentResult>;
