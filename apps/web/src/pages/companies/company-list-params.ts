import { COMPANY_SORT_FIELDS, ZCompanySize } from '@kindling/contracts/companies';
import { ZSortOrder } from '@kindling/contracts/pagination';
import { z } from 'zod';
import type { CompanyListQuery } from '../../api/use-companies';

/** The company list's state as it lives in the URL; every field falls back to its default. */
export const ZCompanyListParams = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(20),
  q: z.string().trim().max(200).catch(''),
  sort: z.enum(COMPANY_SORT_FIELDS).catch('createdAt'),
  order: ZSortOrder.catch('desc'),
  size: ZCompanySize.optional().catch(undefined),
});
export type CompanyListParams = z.output<typeof ZCompanyListParams>;

export const toCompanyListQuery = (params: CompanyListParams): CompanyListQuery => ({
  ...params,
  q: params.q || undefined,
});

/** The list's filters, as the export takes them. */
export const exportFiltersOf = (params: CompanyListParams) => ({ q: params.q || undefined, size: params.size });
