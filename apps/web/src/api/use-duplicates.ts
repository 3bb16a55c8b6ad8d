import {
  ZDuplicatePage,
  ZLeadDuplicates,
  type DuplicateReason,
  type ExportDuplicatesBody,
  type ZListDuplicatesQuery,
} from '@kindling/contracts/duplicates';
import { ZMergePreview, ZMergeResult, type MergeLeadsBody } from '@kindling/contracts/lead-merge';
import { ZTask } from '@kindling/contracts/tasks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import { queryKeys } from './query-keys';

/** GET /duplicates parameters after defaults. */
export type DuplicatePairsQuery = z.output<typeof ZListDuplicatesQuery>;

/** The workspace's likely duplicate pairs, one page at a time. */
export function useDuplicatePairs(params: DuplicatePairsQuery) {
  return useQuery({
    queryKey: queryKeys.duplicatePairs(params),
    queryFn: () => api.get('/duplicates', ZDuplicatePage, params),
    placeholderData: keepPreviousData,
  });
}

/** The likely duplicates of one lead (its page's alert). */
export function useLeadDuplicates(leadId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.leadDuplicates(leadId),
    queryFn: async () => (await api.get(`/leads/${leadId}/duplicates`, ZLeadDuplicates)).items,
    enabled,
  });
}

/** What merging would do; null ids = the modal is closed. */
export function useMergePreview(ids: { primaryId: string; secondaryId: string } | null) {
  return useQuery({
    queryKey: queryKeys.mergePreview(ids?.primaryId ?? '', ids?.secondaryId ?? ''),
    queryFn: () => api.get('/leads/merge/preview', ZMergePreview, ids ?? {}),
    enabled: ids !== null,
    // Swapping which lead is kept shows the last answer until the new one arrives, instead of a blank table.
    placeholderData: keepPreviousData,
    // A merge changes both leads: always ask again when the modal opens.
    gcTime: 0,
  });
}

export function useMergeLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MergeLeadsBody) => api.post('/leads/merge', ZMergeResult, body),
    onSuccess: async (result, body) => {
      queryClient.setQueryData(queryKeys.lead(result.lead.id), result.lead);
      // The merged lead is gone: refetching its page now would only flash a 404.
      queryClient.removeQueries({ queryKey: queryKeys.lead(body.secondaryId) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.leads }),
        queryClient.invalidateQueries({ queryKey: queryKeys.duplicates }),
      ]);
    },
  });
}

export function useDismissDuplicate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (leadIds: [string, string]) => api.postVoid('/duplicates/dismiss', { leadIds }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.duplicates }),
        queryClient.invalidateQueries({ queryKey: queryKeys.leadDuplicateLists }),
      ]),
  });
}

export function useExportDuplicates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: DuplicateReason | undefined) =>
      api.post('/duplicates/export', ZTask, { format: 'csv', reason } satisfies ExportDuplicatesBody),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  });
}
