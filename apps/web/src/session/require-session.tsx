import { Navigate, Outlet, useLocation } from 'react-router';
import { isApiError } from '../api/client';
import { useSessionQuery } from '../api/use-session';
import { FullPageSpinner } from '../components/full-page-spinner';
import { QueryErrorResult } from '../components/query-error-result';
import { SessionProvider } from './session-context';

/** Gate for the console: loads GET /auth/me; without a session, off to /login (and back afterwards). */
export function RequireSession() {
  const location = useLocation();
  const { data: session, error, isPending, refetch } = useSessionQuery();
  if (session) {
    return (
      <SessionProvider session={session}>
        <Outlet />
      </SessionProvider>
    );
  }
  if (isPending) return <FullPageSpinner />;
  if (isApiError(error) && error.status === 401) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return <QueryErrorResult error={error} onRetry={() => void refetch()} />;
}
