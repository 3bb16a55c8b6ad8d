import type { ExportFormat } from '@kindling/contracts/leads';
import { Alert, App, Card, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useExportSegment, useSegment } from '../../api/use-segments';
import { useFilterSummary } from '../../components/filter-builder/use-filter-summary';
import { DateTime } from '../../components/date-time';
import { ExportButton } from '../../components/export-button';
import { FullPageSpinner } from '../../components/full-page-spinner';
import { NotFoundResult } from '../../components/not-found-result';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useCan } from '../../session/session-context';
import { useTasksPanel } from '../../tasks/tasks-context';
import { SegmentActions } from './segment-actions';
import { SegmentEditorModal } from './segment-editor-modal';
import { SegmentLeadsTable } from './segment-leads-table';
import { SegmentVisibilityTag } from './segment-visibility-tag';

/** One segment: its filter read as a sentence, its live count and its members. */
export function SegmentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const tasksPanel = useTasksPanel();
  const canWrite = useCan('leads:write');
  const canExport = useCan('leads:export');
  const segment = useSegment(id);
  const exportSegment = useExportSegment();
  const summarize = useFilterSummary();
  const [editing, setEditing] = useState(false);
  useDocumentTitle(segment.data?.name ?? t('nav.items.segments.title'));

  if (segment.isPending) return <FullPageSpinner />;
  if (!segment.data) {
    if (isApiError(segment.error) && segment.error.status === 404) {
      return (
        <NotFoundResult
          title={t('segments.notFound')}
          subtitle={t('segments.notFoundHint')}
          backTo="/segments"
          backLabel={t('segments.backToList')}
        />
      );
    }
    return <QueryErrorResult error={segment.error} onRetry={() => void segment.refetch()} />;
  }
  const current = segment.data;

  // Columns: the requester's saved lead-list columns (the server's default).
  const onExport = (format: ExportFormat) =>
    exportSegment.mutate(
      { id: current.id, body: { format } },
      {
        onSuccess: () => {
          void message.success(t('leads.export.started'));
          tasksPanel.setOpen(true);
        },
        onError: (error) => notifyError(error),
      },
    );

  return (
    <>
      <PageHeader
        backTo="/segments"
        title={current.name}
        titleTestId="segment-detail-name"
        tags={<SegmentVisibilityTag shared={current.shared} />}
        subtitle={current.description ?? undefined}
        extra={
          <>
            {canExport && (
              <ExportButton onExport={onExport} loading={exportSegment.isPending} data-testid="segment-export">
                {t('segments.export')}
              </ExportButton>
            )}
            {canWrite && (
              <SegmentActions
                segment={current}
                size="middle"
                onEdit={() => setEditing(true)}
                onDeleted={() => void navigate('/segments')}
              />
            )}
          </>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        {current.filterIssues.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('filters.invalid')}
            description={current.filterIssues.map((issue) => issue.message).join(' · ')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('segments.fields.filter')} span={3}>
            <Typography.Text data-testid="segment-filter-summary">{summarize(current.filter)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('segments.fields.count')}>
            <span data-testid="segment-count">{current.count}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('segments.fields.creator')}>{current.createdBy?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('segments.fields.updatedAt')}>
            <DateTime value={current.updatedAt} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card variant="borderless" title={t('segments.members')}>
        <SegmentLeadsTable segmentId={current.id} />
      </Card>
      {editing && <SegmentEditorModal segment={current} onClose={() => setEditing(false)} />}
    </>
  );
}
