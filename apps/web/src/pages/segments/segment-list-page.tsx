import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import type { Segment } from '@kindling/contracts/segments';
import { Button, Card, Empty, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSegments } from '../../api/use-segments';
import { useFilterSummary } from '../../components/filter-builder/use-filter-summary';
import { DateTime } from '../../components/date-time';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useCan } from '../../session/session-context';
import { SegmentActions } from './segment-actions';
import { SegmentEditorModal } from './segment-editor-modal';
import { SegmentVisibilityTag } from './segment-visibility-tag';

/** 潜客管理 → 分群: saved filters with their live counts. */
export function SegmentListPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.items.segments.title'));
  const canWrite = useCan('leads:write');
  const segments = useSegments();
  const summarize = useFilterSummary();
  // undefined = closed, null = new segment.
  const [editing, setEditing] = useState<Segment | null | undefined>(undefined);

  const columns: TableColumnsType<Segment> = [
    {
      title: t('segments.fields.name'),
      dataIndex: 'name',
      key: 'name',
      width: 200,
      ellipsis: true,
      render: (_v, segment) => <Link to={`/segments/${segment.id}`}>{segment.name}</Link>,
    },
    {
      title: t('segments.fields.filter'),
      key: 'filter',
      ellipsis: true,
      render: (_v, segment) => (
        <Typography.Text type="secondary" ellipsis={{ tooltip: true }}>
          {summarize(segment.filter)}
        </Typography.Text>
      ),
    },
    {
      title: t('segments.fields.description'),
      dataIndex: 'description',
      key: 'description',
      width: 200,
      ellipsis: true,
      render: (value: string | null) => value ?? '—',
    },
    {
      title: t('segments.fields.count'),
      dataIndex: 'count',
      key: 'count',
      width: 100,
      align: 'right',
      render: (count: number, segment) =>
        segment.filterIssues.length > 0 ? (
          <Tooltip title={segment.filterIssues.map((i) => i.message).join(' · ')}>
            <Typography.Text type="warning">
              <WarningOutlined /> {count}
            </Typography.Text>
          </Tooltip>
        ) : (
          count
        ),
    },
    {
      title: t('segments.fields.shared'),
      dataIndex: 'shared',
      key: 'shared',
      width: 110,
      render: (shared: boolean) => <SegmentVisibilityTag shared={shared} />,
    },
    {
      title: t('segments.fields.creator'),
      key: 'creator',
      width: 110,
      ellipsis: true,
      render: (_v, segment) => segment.createdBy?.name ?? '—',
    },
    {
      title: t('segments.fields.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 150,
      render: (value: string) => <DateTime value={value} />,
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_v, segment) => <SegmentActions segment={segment} onEdit={() => setEditing(segment)} />,
    });
  }

  return (
    <>
      <PageHeader
        title={t('nav.items.segments.title')}
        subtitle={t('nav.items.segments.description')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="segment-new">
              {t('segments.new')}
            </Button>
          )
        }
      />
      <Card variant="borderless">
        {segments.isError && !segments.data ? (
          <QueryErrorResult error={segments.error} onRetry={() => void segments.refetch()} />
        ) : (
          <Table<Segment>
            data-testid="segments-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={segments.data}
            loading={segments.isFetching}
            scroll={{ x: 1100 }}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segments.empty')} /> }}
          />
        )}
      </Card>
      {editing !== undefined && (
        <SegmentEditorModal segment={editing ?? undefined} onClose={() => setEditing(undefined)} />
      )}
    </>
  );
}
