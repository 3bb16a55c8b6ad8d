import { z } from 'zod';

export const ZSortOrder = z.enum(['asc', 'desc']);

/** Offset pagination: the console's tables jump to page N, so we keep page/pageSize semantics. */
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
