import { DownloadOutlined } from '@ant-design/icons';
import type { LeadImport } from '@kindling/contracts/imports';
import { Alert, Button, Flex, Progress, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorReportUrl, isImportActive, useLeadImport } from '../../../api/use-imports';
import { QueryErrorResult } from '../../../components/query-error-result';
import { ImportCountStatistics } from './import-counts';

function percentOf(item: LeadImport): number {
  const { done, total } = item.progress;
  if (!total) return 0;
  return Math.min(99, Math.round((done / total) * 100));
}

function Running({ item }: { item: LeadImport }) {
  const { t } = useTranslation();
  const { done, total } = item.progress;
  return (
    <Flex vertical gap={16} style={{ padding: '32px 0' }} data-testid="import-running">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {item.status === 'queued' ? t('imports.progress.queued') : t('imports.progress.running')}
      </Typography.Title>
      <Progress percent={percentOf(item)} status="active" />
      <Typography.Text type="secondary">
        {total ? t('imports.progress.rows', { done, total }) : t('imports.progress.rowsUnknown', { done })}
      </Typography.Text>
      <ImportCountStatistics counts={item.counts} />
    </Flex>
  );
}

/** Step 3: progress while the import runs (polled), then the four counts and the error report. */
export function ImportResult({ id, onAgain }: { id: string; onAgain: () => void }) {
  const { t } = useTranslation();
  const query = useLeadImport(id);
  if (query.isError && !query.data)
    return <QueryErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  const item = query.data;
  if (!item) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (isImportActive(item)) return <Running item={item} />;

  const failed = item.status === 'failed';
  return (
    <Result
      status={failed ? 'error' : item.counts.rejected > 0 ? 'warning' : 'success'}
      title={failed ? t('imports.result.failed') : t('imports.result.completed')}
      subTitle={failed ? item.error : t('imports.result.total', { total: item.totalRows ?? 0 })}
      extra={[
        <Link key="leads" to="/leads">
          <Button type="primary">{t('imports.result.viewLeads')}</Button>
        </Link>,
        <Button key="again" onClick={onAgain}>
          {t('imports.result.again')}
        </Button>,
      ]}
      data-testid="import-result"
    >
      <Flex vertical gap={16}>
        <ImportCountStatistics counts={item.counts} />
        {item.hasErrorReport && (
          <Alert
            type="warning"
            showIcon
            title={t('imports.result.errorsHint', { count: item.counts.rejected })}
            action={
              <Button icon={<DownloadOutlined />} href={errorReportUrl(item.id)} data-testid="import-error-report">
                {t('imports.result.downloadErrors')}
              </Button>
            }
          />
        )}
      </Flex>
    </Result>
  );
}
