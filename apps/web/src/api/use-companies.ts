import {
  ZCompanyActivityPage,
  ZCompanyDetail,
  ZCompanyPage,
  ZEnrichmentOutcome,
  type CreateCompanyBody,
  type ExportCompaniesBody,
  type UpdateCompanyBody,
  type ZCompanyLeadsQuery,
  type ZListCompaniesQuery,
} from '@kindling/contracts/companies';
import { ZLeadPage } from '@kindling/contracts/leads';
import { ZTask } from '@kindling/contracts/tasks';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import { queryKeys } from './query-keys';

/** GET /companies parameters after defaults. */
export type CompanyListQuery = z.output<typeof ZListCompaniesQuery>;
export type CompanyLeadsQuery = z.output<typeof ZCompanyLeadsQuery>;

export function useCompanyList(params: CompanyListQuery) {
  return useQuery({
    queryKey: queryKeys.companyList(params),
    queryFn: () => api.get('/companies', ZCompanyPage, params),
    placeholderData: keepPreviousData,
  });
}

/** Companies whose name or domain contains `q` (the pickers' remote search); the first 20 by name. */
export function useCompanyOptions(q: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.companyOptions(q),
    queryFn: async () =>
      (await api.get('/companies', ZCompanyPage, { q: q || undefined, pageSize: 20, sort: 'name', order: 'asc' }))
        .items,
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useCompany(id: string) {
  return useQuery({ queryKey: queryKeys.company(id), queryFn: () => api.get(`/companies/${id}`, ZCompanyDetail) });
}

export function useCompanyLeads(id: string, params: CompanyLeadsQuery) {
  return useQuery({
    queryKey: queryKeys.companyLeads(id, params),
    queryFn: () => api.get(`/companies/${id}/leads`, ZLeadPage, params),
    placeholderData: keepPreviousData,
  });
}

/** The recent activity of the company's leads, newest first, paged backwards with the server's cursor. */
export function useCompanyActivities(id: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.companyActivities(id),
    queryFn: ({ pageParam }) =>
      api.get(`/companies/${id}/activities`, ZCompanyActivityPage, { limit: 20, before: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

/** Companies changed: lists, pickers and details are stale, and so are leads (they show their company's name). */
const companiesChanged = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.companies }),
    queryClient.invalidateQueries({ queryKey: queryKeys.leads }),
  ]);

export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCompanyBody) => api.post('/companies', ZCompanyDetail, body),
    onSuccess: () => companiesChanged(queryClient),
  });
}

export function useUpdateCompany(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCompanyBody) => api.patch(`/companies/${id}`, ZCompanyDetail, body),
    onSuccess: (company) => {
      queryClient.setQueryData(queryKeys.company(id), company);
      return companiesChanged(queryClient);
    },
  });
}

export function useDeleteCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/companies/${id}`),
    onSuccess: (_result, id) => {
      // The open detail page navigates away; refetching it now would only flash a 404.
      queryClient.removeQueries({ queryKey: queryKeys.company(id) });
      return companiesChanged(queryClient);
    },
  });
}

/** Fills registry data from the enrichment provider; a 404 means the provider knows no such company. */
export function useEnrichCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, overwrite }: { id: string; overwrite: boolean }) =>
      api.post(`/companies/${id}/enrich`, ZEnrichmentOutcome, { overwrite }),
    onSuccess: (outcome) => {
      queryClient.setQueryData(queryKeys.company(outcome.company.id), outcome.company);
      return queryClient.invalidateQueries({ queryKey: queryKeys.companyLists });
    },
  });
}

export function useExportCompanies() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (filters: Omit<ExportCompaniesBody, 'format'>) =>
      api.post('/companies/export', ZTask, { format: 'csv', ...filters }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  });
}
