import { Tabs, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useTrackingSite } from '../../api/use-tracking';
import { FullPageSpinner } from '../../components/full-page-spinner';
import { NotFoundResult } from '../../components/not-found-result';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { AnalyticsTab } from './analytics-tab';
import { DefinitionsTab } from './definitions-tab';
import { InstallTab } from './install-tab';
import { SettingsTab } from './settings-tab';
import { SITE_TABS, useSiteDetailParams, type SiteTab } from './site-detail-params';
import { SiteStatusTag } from './site-status';
import { VerifyTab } from './verify-tab';

const isSiteTab = (key: string): key is SiteTab => (SITE_TABS as readonly string[]).includes(key);

/** One tracked site: its analytics, how to install it and check it works, what it tracks, and its settings. */
export function SiteDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const site = useTrackingSite(id);
  const [params, setParams] = useSiteDetailParams();
  useDocumentTitle(site.data?.name ?? t('nav.items.tracking.title'));

  if (site.isPending) return <FullPageSpinner />;
  if (!site.data) {
    if (isApiError(site.error) && site.error.status === 404) {
      return (
        <NotFoundResult
          title={t('tracking.detail.notFound')}
          subtitle={t('tracking.detail.notFoundHint')}
          backTo="/acquisition/tracking"
          backLabel={t('tracking.detail.backToList')}
        />
      );
    }
    return <QueryErrorResult error={site.error} onRetry={() => void site.refetch()} />;
  }
  const current = site.data;
  // Until data arrives there is nothing to analyse: a new site opens on its install instructions.
  const tab: SiteTab = params.tab ?? (current.firstEventAt ? 'analytics' : 'install');
  const go = (next: SiteTab) => setParams({ tab: next });

  const panes: Record<SiteTab, ReactNode> = {
    analytics: <AnalyticsTab site={current} />,
    install: <InstallTab site={current} onGo={go} />,
    verify: <VerifyTab site={current} />,
    definitions: <DefinitionsTab site={current} />,
    settings: <SettingsTab site={current} />,
  };

  return (
    <>
      <PageHeader
        backTo="/acquisition/tracking"
        title={current.name}
        titleTestId="site-detail-name"
        tags={
          <>
            <Tag variant="filled">{t(`tracking.kinds.${current.kind}`)}</Tag>
            <SiteStatusTag site={current} />
          </>
        }
        subtitle={current.domains.join(' · ') || undefined}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => isSiteTab(key) && go(key)}
        // Only the open tab lives: the verify panel stops polling and the charts release their canvases.
        destroyOnHidden
        items={SITE_TABS.map((key) => ({ key, label: t(`tracking.tabs.${key}`), children: panes[key] }))}
        data-testid="site-tabs"
      />
    </>
  );
}
