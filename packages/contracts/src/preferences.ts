import { z } from 'zod';

/* ------------------------------------------------------------------------------------------------------------ */
/* Per-user preferences (PRODUCT 2.1): the lead list's chosen, ordered columns                                  */
/* ------------------------------------------------------------------------------------------------------------ */

/**
 * The lead list's columns when a user has not chosen any. Column keys are field catalogue keys, as-is:
 * built-in fields by their camelCase key (`companyName`, `ownerId`), custom fields by their own key
 * (`budget_range`, never `attributes.budget_range`) — the two can never collide.
 */
export const DEFAULT_LEAD_COLUMNS: readonly string[] = [
  'name',
  'email',
  'phone',
  'companyName',
  'jobTitle',
  'source',
  'ownerId',
  'createdAt',
];

export const MAX_LEAD_COLUMNS = 30;

export const ZLeadColumns = z.object({ columns: z.array(z.string()) });
export type LeadColumns = z.infer<typeof ZLeadColumns>;

/** PUT /api/v1/preferences/lead-columns: 1–30 distinct field catalogue keys, in display order. */
export const ZLeadColumnsBody = z
  .object({
    columns: z
      .array(z.string().min(1).max(60))
      .min(1, 'Choose at least one column')
      .max(MAX_LEAD_COLUMNS, `Choose at most ${MAX_LEAD_COLUMNS} columns`)
      .superRefine((columns, ctx) => {
        const seen = new Set<string>();
        columns.forEach((key, i) => {
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `Column "${key}" is listed twice` });
          seen.add(key);
        });
      }),
  })
  .strict();
export type LeadColumnsBody = z.input<typeof ZLeadColumnsBody>;
