import type { Role } from '@kindling/contracts/permissions';
import { ZMember } from '@kindling/contracts/workspaces';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from './client';
import { queryKeys } from './query-keys';

const ZMemberList = z.object({ items: z.array(ZMember) });

export function useMembers() {
  return useQuery({
    queryKey: queryKeys.members,
    queryFn: () => api.get('/members', ZMemberList),
    select: (data) => data.items,
  });
}

export function useUpdateMemberRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) => api.patch(`/members/${id}`, ZMember, { role }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.members }),
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/members/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.members }),
  });
}
