import { ZAssignmentResult, type AssignLeadsBody, type RoundRobinBody } from '@kindling/contracts/assignment';
import { ZLead } from '@kindling/contracts/leads';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { postBulk, useInvalidateAfterBulk } from './use-bulk';
import { queryKeys } from './query-keys';

/** After any change of owner: lists, details and timelines (a lead_assigned activity) are stale. */
function useInvalidateLeads() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.leads });
}

/**
 * One owner for the chosen leads (or all matching the list's filter), or `ownerId: null` to return them to the
 * public pool. More than 1,000 leads run as a background task.
 */
export function useAssignLeads() {
  const invalidate = useInvalidateAfterBulk();
  return useMutation({
    mutationFn: (body: AssignLeadsBody) => postBulk('/leads/assign', body, ZAssignmentResult),
    onSuccess: invalidate,
  });
}

export function useAssignRoundRobin() {
  const invalidate = useInvalidateAfterBulk();
  return useMutation({
    mutationFn: (body: RoundRobinBody) => postBulk('/leads/assign/round-robin', body, ZAssignmentResult),
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
