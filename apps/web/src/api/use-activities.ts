import { ZActivity, ZActivityPage, ZActivityTypeCatalog, ZActivityTypeCounts } from '@kindling/contracts/activities';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

const PAGE_SIZE = 30;

/** The lead's timeline, newest first, paged backwards with the server's cursor; only `types` when given. */
export function useLeadActivities(leadId: string, types: readonly string[] = []) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.leadActivities(leadId), { types }],
    queryFn: ({ pageParam }) =>
      api.get(`/leads/${leadId}/activities`, ZActivityPage, {
        limit: PAGE_SIZE,
        before: pageParam,
        types: types.length > 0 ? types.join(',') : undefined,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Switching the type filter keeps the old entries on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

/** The activity types in the lead's timeline with their counts (the timeline's filter chips). */
export function useLeadActivityTypes(leadId: string) {
  return useQuery({
    queryKey: queryKeys.leadActivityTypes(leadId),
    queryFn: async () => (await api.get(`/leads/${leadId}/activity-types`, ZActivityTypeCounts)).items,
  });
}

/** The workspace's activity types with the property paths seen recently (the filter builder's suggestions). */
export function useActivityTypeCatalog() {
  return useQuery({
    queryKey: queryKeys.activityTypes,
    queryFn: async () => (await api.get('/activity-types', ZActivityTypeCatalog)).items,
    staleTime: 5 * 60_000,
  });
}

export function useAddNote(leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.post(`/leads/${leadId}/notes`, ZActivity, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.leadActivities(leadId) }),
  });
}
