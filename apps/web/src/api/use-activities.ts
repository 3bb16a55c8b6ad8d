import { ZActivity, ZActivityPage } from '@kindling/contracts/activities';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

const PAGE_SIZE = 30;

/** The lead's timeline, newest first, paged backwards with the server's cursor. */
export function useLeadActivities(leadId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.leadActivities(leadId),
    queryFn: ({ pageParam }) =>
      api.get(`/leads/${leadId}/activities`, ZActivityPage, { limit: PAGE_SIZE, before: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function useAddNote(leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.post(`/leads/${leadId}/notes`, ZActivity, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.leadActivities(leadId) }),
  });
}
