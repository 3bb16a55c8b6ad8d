import { ZLeadPage } from '@kindling/contracts/leads';
import {
  ZSegment,
  ZSegmentList,
  type CreateSegmentBody,
  type ExportSegmentBody,
  type SegmentLeadsQuery,
  type UpdateSegmentBody,
} from '@kindling/contracts/segments';
import { ZTask } from '@kindling/contracts/tasks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export function useSegments() {
  return useQuery({
    queryKey: queryKeys.segmentList,
    queryFn: async () => (await api.get('/segments', ZSegmentList)).items,
  });
}

export function useSegment(id: string) {
  return useQuery({ queryKey: queryKeys.segment(id), queryFn: () => api.get(`/segments/${id}`, ZSegment) });
}

export function useSegmentLeads(id: string, params: SegmentLeadsQuery) {
  return useQuery({
    queryKey: queryKeys.segmentLeads(id, params),
    queryFn: () => api.get(`/segments/${id}/leads`, ZLeadPage, params),
    placeholderData: keepPreviousData,
  });
}

function useSegmentMutation<V, R>(run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.segments }),
  });
}

export const useCreateSegment = () =>
  useSegmentMutation((body: CreateSegmentBody) => api.post('/segments', ZSegment, body));

export const useUpdateSegment = () =>
  useSegmentMutation(({ id, body }: { id: string; body: UpdateSegmentBody }) =>
    api.patch(`/segments/${id}`, ZSegment, body),
  );

export function useDeleteSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/segments/${id}`),
    onSuccess: async (_result, id) => {
      // The open detail page navigates away; refetching it now would only flash a 404.
      queryClient.removeQueries({ queryKey: queryKeys.segment(id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.segmentList });
    },
  });
}

export function useExportSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: NonNullable<ExportSegmentBody> }) =>
      api.post(`/segments/${id}/export`, ZTask, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  });
}
