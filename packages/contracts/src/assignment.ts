import { z } from 'zod';

const ZLeadIds = z.array(z.uuid()).min(1).max(1000);

/** Give the chosen leads to one owner, or back to the public pool (公海) with `ownerId: null`. */
export const ZAssignLeadsBody = z.object({ leadIds: ZLeadIds, ownerId: z.uuid().nullable() }).strict();

/** Share the chosen leads out in turn among several people (lead 1 → first person, lead 2 → second, …). */
export const ZRoundRobinBody = z
  .object({ leadIds: ZLeadIds, userIds: z.array(z.uuid()).min(1).max(100) })
  .strict()
  .refine((b) => new Set(b.userIds).size === b.userIds.length, { path: ['userIds'], message: 'Each person once' });

export const ZAssignmentResult = z.object({
  /** Leads whose owner changed. */
  assigned: z.number().int(),
  /** Leads already owned by the target (nothing to do). */
  unchanged: z.number().int(),
  /** Per owner, how many leads they received in this call. */
  perOwner: z.record(z.string(), z.number().int()),
});
export type AssignmentResult = z.infer<typeof ZAssignmentResult>;
