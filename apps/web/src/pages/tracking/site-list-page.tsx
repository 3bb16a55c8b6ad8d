import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { TrackingSite } from '@kindling/contracts/tracking';
import { Button, Card, Empty, Flex, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useTrackingExport, useTrackingSites } from '../../api/use-tracking';
import { DateTime } from '../../components/date-time';
import { ExportButton } from '../../components/export-button';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useCan } from '../../session/session-context';
import { SiteFormModal } from './site-form-modal';
import { SiteArchiveButton, SiteStatusTag } from './site-status';

/** 潜客获取 → 埋点追踪: the workspace's tracked web sites and mini-programs. */
export function SiteListPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.items.tracking.title'));
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const canManage = useCan('tracking:manage');
  const [showArchived, setShowArchived] = useState(false);
  const sites = useTrackingSites(showArchived);
  const exportFile = useTrackingExport();
  // undefined = closed, null = new site.
  const [editing, setEditing] = useState<TrackingSite | null | undefined>(undefined);

  const columns: TableColumnsType<TrackingSite> = [
    {
      title: t('tracking.site.name'),
      dataIndex: 'name',
      key: 'name',
      width: 220,
      ellipsis: true,
      render: (_v, site) => <Link to={`/acquisition/tracking/${site.id}`}>{site.name}</Link>,
    },
    {
      title: t('tracking.site.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 100,
      render: (kind: TrackingSite['kind']) => <Tag variant="filled">{t(`tracking.kinds.${kind}`)}</Tag>,
    },
    {
      title: t('tracking.site.domains'),
      dataIndex: 'domains',
      key: 'domains',
      render: (domains: string[], site) => {
        if (domains.length > 0) {
          return (
            <Flex wrap gap={4}>
              {domains.map((domain) => (
                <Tag key={domain} className="mono">
                  {domain}
                </Tag>
              ))}
            </Flex>
          );
        }
        // A web site without domains refuses every browser (CORS); a mini-program needs none.
        return site.kind === 'web' ? (
          <Typography.Text type="warning">{t('tracking.site.noDomains')}</Typography.Text>
        ) : (
          '—'
        );
      },
    },
    {
      title: t('tracking.site.status'),
      key: 'status',
      width: 100,
      render: (_v, site) => <SiteStatusTag site={site} />,
    },
    {
      title: t('tracking.site.lastEventAt'),
      dataIndex: 'lastEventAt',
      key: 'lastEventAt',
      width: 140,
      render: (value: string | null) => <DateTime value={value} relative />,
    },
    {
      title: t('tracking.site.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      render: (value: string) => <DateTime value={value} />,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_v, site) => (
        <>
          {!site.archivedAt && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(site)}>
              {t('common.edit')}
            </Button>
          )}
          <SiteArchiveButton site={site} />
        </>
      ),
    });
  }

  const emptyText = showArchived ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tracking.list.emptyArchived')} />
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={4} align="center">
          <Typography.Text strong>{t('tracking.list.emptyTitle')}</Typography.Text>
          <Typography.Text type="secondary" style={{ maxWidth: 560 }}>
            {t('tracking.list.emptyHint')}
          </Typography.Text>
        </Flex>
      }
    >
      {canManage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t('tracking.list.new')}
        </Button>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('nav.items.tracking.title')}
        subtitle={t('nav.items.tracking.description')}
        extra={
          <>
            <ExportButton
              loading={exportFile.isPending}
              onExport={(format) => exportFile.mutate({ what: 'sites', format }, { onError: (e) => notifyError(e) })}
              data-testid="sites-export"
            >
              {t('tracking.export')}
            </ExportButton>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="site-new">
                {t('tracking.list.new')}
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <div className="toolbar-spacer" />
          <Flex component="label" gap={8} align="center">
            <Switch size="small" checked={showArchived} onChange={setShowArchived} data-testid="sites-show-archived" />
            <Typography.Text>{t('tracking.list.showArchived')}</Typography.Text>
          </Flex>
        </div>
        {sites.isError && !sites.data ? (
          <QueryErrorResult error={sites.error} onRetry={() => void sites.refetch()} />
        ) : (
          <Table<TrackingSite>
            data-testid="sites-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={sites.data}
            loading={sites.isFetching}
            scroll={{ x: 1000 }}
            pagination={false}
            locale={{ emptyText }}
          />
        )}
      </Card>
      <SiteFormModal
        open={editing !== undefined}
        site={editing ?? undefined}
        onClose={() => setEditing(undefined)}
        onSaved={(site) => {
          const created = editing === null;
          setEditing(undefined);
          // A new site's next step is installing the snippet.
          if (created) void navigate(`/acquisition/tracking/${site.id}?tab=install`);
        }}
      />
    </>
  );
}
