import { ZAssignmentResult } from '@kindling/contracts/assignment';
import { ZLead } from '@kindling/contracts/leads';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

/** After any change of owner: lists, details and timelines (a lead_assigned activity) are stale. */
function useInvalidateLeads() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.leads });
}

/** One owner for all chosen leads, or `ownerId: null` to return them to the public pool. */
export function useAssignLeads() {
  const invalidate = useInvalidateLeads();
  return useMutation({
    mutationFn: (body: { leadIds: string[]; ownerId: string | null }) =>
      api.post('/leads/assign', ZAssignmentResult, body),
    onSuccess: invalidate,
  });
}

export function useAssignRoundRobin() {
  const invalidate = useInvalidateLeads();
  return useMutation({
    mutationFn: (body: { leadIds: string[]; userIds: string[] }) =>
      api.post('/leads/assign/round-robin', ZAssignmentResult, body),
    onSuccess: invalidate,
  });
}

export function useClaimLead() {
  const invalidate = useInvalidateLeads();
  return useMutation({ mutationFn: (id: string) => api.post(`/leads/${id}/claim`, ZLead), onSuccess: invalidate });
}

export function useReleaseLead() {
  const invalidate = useInvalidateLeads();
  return useMutation({ mutationFn: (id: string) => api.post(`/leads/${id}/release`, ZLead), onSuccess: invalidate });
}
