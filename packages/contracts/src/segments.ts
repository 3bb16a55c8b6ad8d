import { z } from 'zod';
import { EMPTY_FILTER, ZFilter, ZFilterNode } from './filters';
import { ZExportOptions, ZLeadSortKey } from './leads';
import { ZPageQuery, ZSortOrder } from './pagination';

/** POST /api/v1/leads/search: the lead list filtered by the one filter language (plus the quick search box). */
export const ZLeadSearchBody = ZPageQuery.extend({
  filter: ZFilter.default(EMPTY_FILTER),
  q: z.string().trim().max(200).optional(),
  sort: ZLeadSortKey.default('createdAt'),
  order: ZSortOrder.default('desc'),
}).strict();
export type LeadSearchBody = z.input<typeof ZLeadSearchBody>;

/** POST /api/v1/leads/count: how many live leads match a filter (segment preview). */
export const ZLeadCountBody = z.object({ filter: ZFilter.default(EMPTY_FILTER) }).strict();
export type LeadCountBody = z.input<typeof ZLeadCountBody>;

export const ZLeadCount = z.object({ count: z.number().int() });
export type LeadCount = z.infer<typeof ZLeadCount>;

/* ------------------------------------------------------------------------------------------------------------ */
/* Saved segments (PRODUCT 2.1): a named filter; members are computed live                                      */
/* ------------------------------------------------------------------------------------------------------------ */

const ZSegmentName = z.string().trim().min(1, 'Name is required').max(100);
const ZSegmentDescription = z
  .string()
  .trim()
  .max(500)
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const ZSegment = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  filter: ZFilterNode,
  /** Shared: the whole workspace sees it. Private: only its creator. */
  shared: z.boolean(),
  createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Live leads matching the filter now (0 when the stored filter no longer fits the workspace's fields). */
  count: z.number().int(),
  /**
   * Why the stored filter no longer fits the workspace's fields (a field changed type, …), with `filter…` paths;
   * empty when it is fine. A segment with issues counts 0 and its member list answers 400 until edited.
   */
  filterIssues: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type Segment = z.infer<typeof ZSegment>;

export const ZSegmentList = z.object({ items: z.array(ZSegment) });
export type SegmentList = z.infer<typeof ZSegmentList>;

export const ZCreateSegmentBody = z
  .object({
    name: ZSegmentName,
    description: ZSegmentDescription.optional(),
    filter: ZFilter,
    shared: z.boolean().default(true),
  })
  .strict();
export type CreateSegmentBody = z.input<typeof ZCreateSegmentBody>;

export const ZUpdateSegmentBody = z
  .object({
    name: ZSegmentName.optional(),
    description: ZSegmentDescription.optional(),
    filter: ZFilter.optional(),
    shared: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Nothing to update');
export type UpdateSegmentBody = z.input<typeof ZUpdateSegmentBody>;

/** GET /api/v1/segments/:id/leads: the segment's members, sorted and paginated (plus the quick search box). */
export const ZSegmentLeadsQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  sort: ZLeadSortKey.default('createdAt'),
  order: ZSortOrder.default('desc'),
}).strict();
/** What a client sends (every key optional; numbers, not the strings a query string carries). */
export type SegmentLeadsQuery = Partial<z.output<typeof ZSegmentLeadsQuery>>;

/** POST /api/v1/segments/:id/export: the file format and columns (as for the lead list's export); no body = CSV. */
export const ZExportSegmentBody = ZExportOptions.strict().nullish();
export type ExportSegmentBody = z.input<typeof ZExportSegmentBody>;
