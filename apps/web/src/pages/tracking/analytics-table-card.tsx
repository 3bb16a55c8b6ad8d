import type { AnalyticsTable } from '@kindling/contracts/tracking';
import { Card, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTrackingExport, type DayRange } from '../../api/use-tracking';
import { ExportButton } from '../../components/export-button';
import { useNotifyError } from '../../errors/use-notify-error';

interface AnalyticsExportProps {
  siteId: string;
  range: DayRange;
  table: AnalyticsTable;
  label?: string;
}

/** Downloads one table of the analytics screen for the period (CSV or Excel), built by the server. */
export function AnalyticsExportButton({ siteId, range, table, label }: AnalyticsExportProps) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const exportFile = useTrackingExport();
  return (
    <ExportButton
      loading={exportFile.isPending}
      onExport={(format) =>
        exportFile.mutate({ what: 'analytics', siteId, range, table, format }, { onError: (e) => notifyError(e) })
      }
      data-testid={`analytics-export-${table}`}
    >
      {label ?? t('tracking.export')}
    </ExportButton>
  );
}

interface AnalyticsTableCardProps<Row> {
  title: ReactNode;
  /** The export of this table, when the server offers one. */
  exportOf?: Omit<AnalyticsExportProps, 'label'>;
  columns: TableColumnsType<Row>;
  rows: Row[] | undefined;
  rowKey: (row: Row) => string;
  loading: boolean;
  /** Above the table (a chart). */
  children?: ReactNode;
  testId: string;
}

/** One ranking of the analytics screen (top pages, referrers, …): the first 10 rows, more on the next pages. */
export function AnalyticsTableCard<Row extends object>({
  title,
  exportOf,
  columns,
  rows,
  rowKey,
  loading,
  children,
  testId,
}: AnalyticsTableCardProps<Row>) {
  const { t } = useTranslation();
  return (
    <Card
      variant="borderless"
      title={title}
      extra={exportOf && <AnalyticsExportButton {...exportOf} />}
      style={{ height: '100%' }}
      data-testid={testId}
    >
      {children}
      <Table<Row>
        size="small"
        rowKey={rowKey}
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
        locale={{ emptyText: t('tracking.analytics.noData') }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
