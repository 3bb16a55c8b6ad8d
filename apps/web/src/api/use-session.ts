import {
  ZSessionInfo,
  type ChangePasswordBody,
  type Locale,
  type LoginBody,
  type SessionInfo,
} from '@kindling/contracts/auth';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { setLanguage } from '../i18n';
import { api } from './client';
import { queryKeys } from './query-keys';

export function useSessionQuery() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: () => api.get('/auth/me', ZSessionInfo),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** After signing in (login or accepting an invite): start from a clean cache and adopt the user's language. */
export function adoptSession(queryClient: QueryClient, session: SessionInfo): void {
  queryClient.clear();
  queryClient.setQueryData(queryKeys.session, session);
  if (session.user.locale) void setLanguage(session.user.locale);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post('/auth/login', ZSessionInfo, body),
    onSuccess: (session) => adoptSession(queryClient, session),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.postVoid('/auth/logout'),
    onSettled: () => queryClient.clear(),
  });
}

/** Data of the previous workspace must never show in the new one: reset everything but the session. */
export function resetWorkspaceData(queryClient: QueryClient): Promise<void> {
  return queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
}

export function useSwitchWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workspaceId: string) => api.post('/auth/switch-workspace', ZSessionInfo, { workspaceId }),
    onSuccess: async (session) => {
      queryClient.setQueryData(queryKeys.session, session);
      await resetWorkspaceData(queryClient);
    },
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; locale?: Locale }) => api.patch('/auth/profile', ZSessionInfo, body),
    onSuccess: (session) => queryClient.setQueryData(queryKeys.session, session),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.postVoid('/auth/password', body),
  });
}
