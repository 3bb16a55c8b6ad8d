import { LEAD_SORT_FIELDS } from '@kindling/contracts/leads';
import { ZSortOrder } from '@kindling/contracts/pagination';
import { z } from 'zod';

/** A segment's member list state as it lives in the URL. */
export const ZSegmentLeadsParams = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(20),
  q: z.string().trim().max(200).catch(''),
  sort: z.enum(LEAD_SORT_FIELDS).catch('createdAt'),
  order: ZSortOrder.catch('desc'),
});
