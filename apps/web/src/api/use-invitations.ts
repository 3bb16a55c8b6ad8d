import { ZInvitePreview, ZSessionInfo } from '@kindling/contracts/auth';
import type { Role } from '@kindling/contracts/permissions';
import { ZInvitation } from '@kindling/contracts/workspaces';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from './client';
import { queryKeys } from './query-keys';
import { adoptSession } from './use-session';

const ZInvitationList = z.object({ items: z.array(ZInvitation) });

export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.invitations,
    queryFn: () => api.get('/invitations', ZInvitationList),
    select: (data) => data.items,
    enabled,
  });
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Exclude<Role, 'owner'> }) => api.post('/invitations', ZInvitation, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/invitations/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations }),
  });
}

/** Public: what the invitation link is for, before anyone signs in. */
export function useInvitePreview(token: string) {
  return useQuery({
    queryKey: queryKeys.invitePreview(token),
    queryFn: () => api.get(`/invitations/${encodeURIComponent(token)}`, ZInvitePreview),
    retry: false,
  });
}

export function useAcceptInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; name?: string; password?: string }) =>
      api.post('/invitations/accept', ZSessionInfo, body),
    onSuccess: (session) => adoptSession(queryClient, session),
  });
}
