import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { LeadImport } from '@kindling/contracts/imports';
import { Button, Card, Empty, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorReportUrl, useLeadImports } from '../../../api/use-imports';
import { DateTime } from '../../../components/date-time';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorResult } from '../../../components/query-error-result';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { ImportCountsInline } from './import-counts';
import { ImportStatusTag } from './import-status-tag';

/** 潜客 → 导入记录: every import of the workspace with its outcome and error report. */
export function ImportHistoryPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('imports.history'));
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useLeadImports(page);

  const columns: TableColumnsType<LeadImport> = [
    {
      title: t('imports.list.file'),
      dataIndex: 'fileName',
      key: 'fileName',
      ellipsis: true,
      render: (fileName: string, item) => <Link to={`/leads/import?id=${item.id}`}>{fileName}</Link>,
    },
    {
      title: t('imports.list.status'),
      dataIndex: 'status',
      key: 'status',
      width: 130,
      render: (_value, item) => <ImportStatusTag status={item.status} />,
    },
    {
      title: t('imports.list.counts'),
      key: 'counts',
      width: 380,
      render: (_value, item) => (item.status === 'uploaded' ? '—' : <ImportCountsInline counts={item.counts} />),
    },
    {
      title: t('imports.list.createdBy'),
      key: 'createdBy',
      width: 120,
      ellipsis: true,
      render: (_value, item) => item.createdBy?.name ?? '—',
    },
    {
      title: t('imports.list.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 160,
      render: (value: string) => <DateTime value={value} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_value, item) => (
        <>
          <Link to={`/leads/import?id=${item.id}`}>
            <Button type="link" size="small">
              {item.status === 'uploaded' ? t('imports.list.continue') : t('imports.list.view')}
            </Button>
          </Link>
          {item.hasErrorReport && (
            <Button type="link" size="small" icon={<DownloadOutlined />} href={errorReportUrl(item.id)}>
              {t('imports.list.errorReport')}
            </Button>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('imports.history')}
        subtitle={t('imports.historySubtitle')}
        backTo="/leads"
        extra={
          <Link to="/leads/import">
            <Button type="primary" icon={<UploadOutlined />}>
              {t('imports.newImport')}
            </Button>
          </Link>
        }
      />
      <Card variant="borderless">
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<LeadImport>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching && !list.data}
            scroll={{ x: 1100 }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.list.empty')} />,
            }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: list.data?.total ?? 0,
              onChange: (next, pageSize) => setPage({ page: next, pageSize }),
            }}
            data-testid="import-history"
          />
        )}
      </Card>
    </>
  );
}
