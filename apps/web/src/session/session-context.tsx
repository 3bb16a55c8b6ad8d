import type { SessionInfo } from '@kindling/contracts/auth';
import type { Permission } from '@kindling/contracts/permissions';
import { createContext, useContext, type ReactNode } from 'react';

const SessionContext = createContext<SessionInfo | null>(null);

export function SessionProvider({ session, children }: { session: SessionInfo; children: ReactNode }) {
  return <SessionContext value={session}>{children}</SessionContext>;
}

/** The signed-in session; only for components rendered inside the authenticated app. */
export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() used outside the authenticated app');
  return session;
}

/** The session when there is one (public pages render without it). */
export function useOptionalSession(): SessionInfo | null {
  return useContext(SessionContext);
}

export function useCan(permission: Permission): boolean {
  return useSession().permissions.includes(permission);
}
