import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router';
import { setUnauthenticatedHandler } from './api/client';
import { queryClient } from './api/query-client';
import { queryKeys } from './api/query-keys';
import { AppProviders } from './components/app-providers';
import { FullPageSpinner } from './components/full-page-spinner';
import { RequirePermission } from './components/require-permission';
import { AppLayout } from './layout/app-layout';
import { COMING_SOON_ITEMS } from './navigation/nav-config';
import { AcceptInvitePage } from './pages/auth/accept-invite-page';
import { CompanyDetailPage } from './pages/companies/company-detail-page';
import { CompanyListPage } from './pages/companies/company-list-page';
import { DuplicatesPage } from './pages/duplicates/duplicates-page';
import { LoginPage } from './pages/auth/login-page';
import { ImportHistoryPage } from './pages/leads/import/import-history-page';
import { LeadImportPage } from './pages/leads/import/lead-import-page';
import { LeadDetailPage } from './pages/leads/lead-detail-page';
import { LeadListPage } from './pages/leads/lead-list-page';
import { ComingSoonPage } from './pages/misc/coming-soon-page';
import { NotFoundPage } from './pages/misc/not-found-page';
import { RouteErrorPage } from './pages/misc/route-error-page';
import { SegmentDetailPage } from './pages/segments/segment-detail-page';
import { SegmentListPage } from './pages/segments/segment-list-page';
import { AccountPage } from './pages/settings/account-page';
import { AuditLogPage } from './pages/settings/audit-log-page';
import { CustomFieldsPage } from './pages/settings/custom-fields-page';
import { MembersPage } from './pages/settings/members-page';
import { WorkspaceSettingsPage } from './pages/settings/workspace-settings-page';
import { RequireSession } from './session/require-session';

// Tracking pages carry ECharts: loaded when first opened, not with the console.
const TrackingSiteListPage = lazy(() =>
  import('./pages/tracking/site-list-page').then((m) => ({ default: m.SiteListPage })),
);
const TrackingSiteDetailPage = lazy(() =>
  import('./pages/tracking/site-detail-page').then((m) => ({ default: m.SiteDetailPage })),
);
const lazyPage = (page: ReactNode) => <Suspense fallback={<FullPageSpinner />}>{page}</Suspense>;

const consoleRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="/leads" replace /> },
  {
    path: 'leads',
    element: (
      <RequirePermission permission="leads:read">
        <LeadListPage />
      </RequirePermission>
    ),
  },
  {
    path: 'leads/import',
    element: (
      <RequirePermission permission="leads:write">
        <LeadImportPage />
      </RequirePermission>
    ),
  },
  {
    path: 'leads/imports',
    element: (
      <RequirePermission permission="leads:write">
        <ImportHistoryPage />
      </RequirePermission>
    ),
  },
  {
    path: 'leads/duplicates',
    element: (
      <RequirePermission permission="leads:read">
        <DuplicatesPage />
      </RequirePermission>
    ),
  },
  {
    path: 'leads/:id',
    element: (
      <RequirePermission permission="leads:read">
        <LeadDetailPage />
      </RequirePermission>
    ),
  },
  {
    path: 'segments',
    element: (
      <RequirePermission permission="leads:read">
        <SegmentListPage />
      </RequirePermission>
    ),
  },
  {
    path: 'segments/:id',
    element: (
      <RequirePermission permission="leads:read">
        <SegmentDetailPage />
      </RequirePermission>
    ),
  },
  {
    path: 'companies',
    element: (
      <RequirePermission permission="leads:read">
        <CompanyListPage />
      </RequirePermission>
    ),
  },
  {
    path: 'companies/:id',
    element: (
      <RequirePermission permission="leads:read">
        <CompanyDetailPage />
      </RequirePermission>
    ),
  },
  {
    path: 'acquisition/tracking',
    element: <RequirePermission permission="tracking:read">{lazyPage(<TrackingSiteListPage />)}</RequirePermission>,
  },
  {
    path: 'acquisition/tracking/:id',
    element: <RequirePermission permission="tracking:read">{lazyPage(<TrackingSiteDetailPage />)}</RequirePermission>,
  },
  { path: 'settings', element: <Navigate to="/settings/workspace" replace /> },
  { path: 'settings/workspace', element: <WorkspaceSettingsPage /> },
  {
    path: 'settings/members',
    element: (
      <RequirePermission permission="members:read">
        <MembersPage />
      </RequirePermission>
    ),
  },
  {
    path: 'settings/fields',
    element: (
      <RequirePermission permission="leads:read">
        <CustomFieldsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'settings/audit',
    element: (
      <RequirePermission permission="audit:read">
        <AuditLogPage />
      </RequirePermission>
    ),
  },
  { path: 'settings/account', element: <AccountPage /> },
  ...COMING_SOON_ITEMS.map((item) => ({ path: item.path, element: <ComingSoonPage itemKey={item.key} /> })),
  { path: '*', element: <NotFoundPage /> },
];

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  { path: '/invite/:token', element: <AcceptInvitePage />, errorElement: <RouteErrorPage /> },
  {
    element: <RequireSession />,
    errorElement: <RouteErrorPage />,
    children: [{ element: <AppLayout />, children: [{ errorElement: <RouteErrorPage />, children: consoleRoutes }] }],
  },
]);

// A session that expired mid-work: back to the login page, then return to where the user was.
setUnauthenticatedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  queryClient.removeQueries({ queryKey: queryKeys.session });
  void router
    .navigate('/login', { replace: true, state: { from: `${pathname}${search}` } })
    .then(() => queryClient.clear());
});

export function App() {
  return (
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
