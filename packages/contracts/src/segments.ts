import { z } from 'zod';
import { EMPTY_FILTER, ZFilter } from './filters';
import { LEAD_SORT_FIELDS } from './leads';
import { ZPageQuery, ZSortOrder } from './pagination';

/** POST /api/v1/leads/search: the lead list filtered by the one filter language (plus the quick search box). */
export const ZLeadSearchBody = ZPageQuery.extend({
  filter: ZFilter.default(EMPTY_FILTER),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(LEAD_SORT_FIELDS).default('createdAt'),
  order: ZSortOrder.default('desc'),
}).strict();
export type LeadSearchBody = z.input<typeof ZLeadSearchBody>;

/** POST /api/v1/leads/count: how many live leads match a filter (segment preview). */
export const ZLeadCountBody = z.object({ filter: ZFilter.default(EMPTY_FILTER) }).strict();
export type LeadCountBody = z.input<typeof ZLeadCountBody>;

export const ZLeadCount = z.object({ count: z.number().int() });
export type LeadCount = z.infer<typeof ZLeadCount>;
