import {
  ZLead,
  ZLeadPage,
  type CreateLeadBody,
  type LeadSource,
  type ListLeadsQuery,
  type UpdateLeadBody,
} from '@kindling/contracts/leads';
import { ZTask } from '@kindling/contracts/tasks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export function useLeadList(params: ListLeadsQuery) {
  return useQuery({
    queryKey: queryKeys.leadList(params),
    queryFn: () => api.get('/leads', ZLeadPage, params),
    placeholderData: keepPreviousData,
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
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.lead(id) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.leads });
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

export function useExportLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (filters: { q?: string; source?: LeadSource }) =>
      api.post('/leads/export', ZTask, { format: 'csv', ...filters }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  });
}
