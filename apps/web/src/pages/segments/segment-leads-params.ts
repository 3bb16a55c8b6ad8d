import { ZLeadSortKey } from '@kindling/contracts/leads';
import { ZSortOrder } from '@kindling/contracts/pagination';
import { z } from 'zod';

/** A segment's member list state as it lives in the URL. */
export const ZSegmentLeadsParams = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(20),
  q: z.string().trim().max(200).catch(''),
  /** A built-in field key or `attr.<custom key>`; the server says 400 for a field the workspace lacks. */
  sort: ZLeadSortKey.catch('createdAt'),
  order: ZSortOrder.catch('desc'),
});
