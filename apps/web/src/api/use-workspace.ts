import { ZWorkspace, type UpdateWorkspaceBody } from '@kindling/contracts/workspaces';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export function useWorkspace() {
  return useQuery({ queryKey: queryKeys.workspace, queryFn: () => api.get('/workspace', ZWorkspace) });
}

export function useUpdateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWorkspaceBody) => api.patch('/workspace', ZWorkspace, body),
    onSuccess: async (workspace) => {
      queryClient.setQueryData(queryKeys.workspace, workspace);
      // The session carries the workspace's name, zone and logo (header, date formatting).
      await queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}

export function useCreateWorkspace() {
  return useMutation({
    mutationFn: (body: { name: string; timeZone: string }) => api.post('/workspaces', ZWorkspace, body),
  });
}
