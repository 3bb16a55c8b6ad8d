import { z } from 'zod';
import { scopeKeysSet, ZLeadIds, ZLeadListScope } from './leads';

/**
 * Bulk actions on the lead pool (PRODUCT 2.1): set a field, delete, export and assign the chosen leads, or every
 * lead matching the list's current filter ("select all N matching", as in Gmail or HubSpot). A target of at most
 * 1,000 leads is done at once, in one transaction; a larger one runs as a background task with progress.
 */

/**
 * Which live leads a bulk action works on: `{ ids }` (the chosen rows, at most 1,000) or `{ all: true, …scope }`
 * (every live lead matching the list's search, source, owner tab and filter when the action runs).
 */
export const ZBulkTarget = ZLeadListScope.extend({
  ids: ZLeadIds.optional(),
  all: z.literal(true).optional(),
})
  .strict()
  .superRefine((target, ctx) => {
    const [scoped] = scopeKeysSet(target);
    if (target.ids && target.all) {
      ctx.addIssue({ code: 'custom', path: ['all'], message: 'Send either ids or all, not both' });
    } else if (!target.ids && !target.all) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'Choose some leads (ids) or all matching (all: true)' });
    } else if (target.ids && scoped) {
      ctx.addIssue({ code: 'custom', path: [scoped], message: 'List filters do not go with ids' });
    }
  });
export type BulkTarget = z.infer<typeof ZBulkTarget>;

/** Set one field (built-in key or custom field key) to one value on every target lead; `null` clears it. */
export const ZBulkSetFieldBody = z
  .object({
    target: ZBulkTarget,
    field: z.string().min(1).max(60),
    /** Optional only so that a missing value gets the clear message below. */
    value: z.unknown().optional(),
  })
  .strict()
  .refine((body) => body.value !== undefined, {
    path: ['value'],
    message: 'A value is required (null clears the field)',
  });
export type BulkSetFieldBody = z.input<typeof ZBulkSetFieldBody>;

export const ZBulkSetFieldResult = z.object({
  /** Leads whose value changed. */
  updated: z.number().int(),
  /** Leads that already had this value. */
  unchanged: z.number().int(),
});
export type BulkSetFieldResult = z.infer<typeof ZBulkSetFieldResult>;

/** Move the target leads to the recycle bin (restorable for 30 days). */
export const ZBulkDeleteBody = z.object({ target: ZBulkTarget }).strict();
export type BulkDeleteBody = z.input<typeof ZBulkDeleteBody>;

export const ZBulkDeleteResult = z.object({ deleted: z.number().int() });
export type BulkDeleteResult = z.infer<typeof ZBulkDeleteResult>;
