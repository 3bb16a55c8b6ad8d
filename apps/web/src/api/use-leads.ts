import {
  ZLead,
  ZLeadPage,
  type CreateLeadBody,
  type ExportLeadsBody,
  type UpdateLeadBody,
  type ZListLeadsQuery,
} from '@kindling/contracts/leads';
import type { FilterNode } from '@kindling/contracts/filters';
import { ZLeadCount, type LeadSearchBody } from '@kindling/contracts/segments';
import { ZTask } from '@kindling/contracts/tasks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import { queryKeys } from './query-keys';

/** GET /leads parameters after defaults: what the lead pool always sends. */
export type LeadListQuery = z.output<typeof ZListLeadsQuery>;

export function useLeadList(params: LeadListQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.leadList(params),
    queryFn: () => api.get('/leads', ZLeadPage, params),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** POST /leads/search: the lead list narrowed by the one filter language. `null` = not wanted (GET is used). */
export function useLeadSearch(body: LeadSearchBody | null) {
  return useQuery({
    queryKey: queryKeys.leadSearch(body ?? {}),
    queryFn: () => api.post('/leads/search', ZLeadPage, body),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });
}

/** POST /leads/count: how many live leads match. `null` = nothing to count yet (the filter is incomplete). */
export function useLeadCount(filter: FilterNode | null) {
  return useQuery({
    queryKey: queryKeys.leadCount(filter ?? {}),
    queryFn: async () => (await api.post('/leads/count', ZLeadCount, { filter })).count,
    enabled: filter !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useLead(id: string) {
  return useQuery({ queryKey: queryKeys.lead(id), queryFn: () => api.get(`/leads/${id}`, ZLead) });
}

export function useCreateLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLeadBody) => api.post('/leads', ZLead, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.leads }),
  });
}

export function useUpdateLead(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateLeadBody) => api.patch(`/leads/${id}`, ZLead, body),
    onSuccess: async (lead) => {
      queryClient.setQueryData(queryKeys.lead(id), lead);
      // Lists and the timeline (a lead_updated activity) are now stale.
      await queryClient.invalidateQueries({ queryKey: queryKeys.leads });
    },
  });
}

export function useDeleteLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/leads/${id}`),
    onSuccess: async (_result, id) => {
      // The open detail page navigates away; refetching it now would only flash a 404.
      await queryClient.invalidateQueries({ queryKey: queryKeys.lead(id), refetchType: 'none' });
      await queryClient.invalidateQueries({ queryKey: queryKeys.leadActivities(id), refetchType: 'none' });
      await queryClient.invalidateQueries({ queryKey: queryKeys.leadLists });
    },
  });
}

export function useRestoreLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/leads/${id}/restore`, ZLead),
    onSuccess: (lead) => {
      queryClient.setQueryData(queryKeys.lead(lead.id), lead);
      return queryClient.invalidateQueries({ queryKey: queryKeys.leads });
    },
  });
}

/** Exports the list's scope, or the chosen `ids`, to CSV or Excel with the given columns (a background task). */
export function useExportLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ExportLeadsBody) => api.post('/leads/export', ZTask, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  });
}
