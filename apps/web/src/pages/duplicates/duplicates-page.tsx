import { DownloadOutlined } from '@ant-design/icons';
import { ZDuplicateReason, type DuplicatePair } from '@kindling/contracts/duplicates';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useDismissDuplicate, useDuplicatePairs, useExportDuplicates } from '../../api/use-duplicates';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useSearchParamsState } from '../../hooks/use-search-params-state';
import { useCan } from '../../session/session-context';
import { useTasksPanel } from '../../tasks/tasks-context';
import { DuplicateLeadCell } from './duplicate-lead-cell';
import { DuplicateReasonTags } from './duplicate-reason-tags';
import { MergeLeadsModal } from './merge-leads-modal';

const ZDuplicatesParams = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(20),
  reason: ZDuplicateReason.optional().catch(undefined),
});

/** 潜客管理 → 查重: likely duplicate pairs, to merge or to dismiss as "not duplicates". */
export function DuplicatesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.items.duplicates.title'));
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const tasksPanel = useTasksPanel();
  const canDismiss = useCan('leads:write');
  const canDelete = useCan('leads:delete');
  // A merge edits one lead and deletes the other.
  const canMerge = canDismiss && canDelete;
  const canExport = useCan('leads:export');
  const [params, setParams] = useSearchParamsState(ZDuplicatesParams);
  const pairs = useDuplicatePairs(params);
  const dismiss = useDismissDuplicate();
  const exportPairs = useExportDuplicates();
  const [merging, setMerging] = useState<[string, string] | null>(null);

  const onDismiss = (pair: DuplicatePair) =>
    dismiss.mutate([pair.leads[0].id, pair.leads[1].id], {
      onSuccess: () => void message.success(t('duplicates.dismissed')),
      onError: (error) => notifyError(error),
    });

  const onExport = () =>
    exportPairs.mutate(params.reason, {
      onSuccess: () => {
        void message.success(t('duplicates.exportStarted'));
        tasksPanel.setOpen(true);
      },
      onError: (error) => notifyError(error),
    });

  const columns: TableColumnsType<DuplicatePair> = [
    {
      key: 'leadA',
      title: t('duplicates.columns.leadA'),
      width: 280,
      render: (_value, pair) => <DuplicateLeadCell lead={pair.leads[0]} />,
    },
    {
      key: 'leadB',
      title: t('duplicates.columns.leadB'),
      width: 280,
      render: (_value, pair) => <DuplicateLeadCell lead={pair.leads[1]} />,
    },
    {
      key: 'reasons',
      title: t('duplicates.columns.reasons'),
      width: 200,
      render: (_value, pair) => <DuplicateReasonTags reasons={pair.reasons} />,
    },
  ];
  if (canDismiss) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 180,
      fixed: 'right',
      render: (_value, pair) => (
        <Flex gap={4} wrap>
          {canMerge && (
            <Button
              type="link"
              size="small"
              onClick={() => setMerging([pair.leads[0].id, pair.leads[1].id])}
              data-testid="duplicate-merge"
            >
              {t('duplicates.merge')}
            </Button>
          )}
          <Popconfirm
            title={t('duplicates.dismissConfirm')}
            description={t('duplicates.dismissHint')}
            okText={t('duplicates.dismiss')}
            cancelText={t('common.cancel')}
            onConfirm={() => onDismiss(pair)}
          >
            <Button type="link" size="small" data-testid="duplicate-dismiss">
              {t('duplicates.dismiss')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });
  }

  return (
    <>
      <PageHeader
        backTo="/leads"
        title={t('nav.items.duplicates.title')}
        subtitle={t('nav.items.duplicates.description')}
        extra={
          canExport && (
            <Button icon={<DownloadOutlined />} loading={exportPairs.isPending} onClick={onExport}>
              {t('duplicates.export')}
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <Select
            allowClear
            placeholder={t('duplicates.allReasons')}
            value={params.reason}
            onChange={(reason) => setParams({ reason, page: 1 })}
            options={ZDuplicateReason.options.map((reason) => ({
              value: reason,
              label: t(`duplicates.reasons.${reason}`),
            }))}
            style={{ width: 180 }}
            data-testid="duplicates-reason"
          />
        </div>
        <Alert type="info" showIcon title={t('duplicates.hint')} style={{ marginBottom: 16 }} />
        {pairs.data?.capped && (
          <Alert type="warning" showIcon title={t('duplicates.capped')} style={{ marginBottom: 16 }} />
        )}
        {pairs.isError && !pairs.data ? (
          <QueryErrorResult error={pairs.error} onRetry={() => void pairs.refetch()} />
        ) : (
          <Table<DuplicatePair>
            data-testid="duplicates-table"
            rowKey={(pair) => `${pair.leads[0].id}+${pair.leads[1].id}`}
            size="middle"
            columns={columns}
            dataSource={pairs.data?.items}
            loading={pairs.isFetching}
            scroll={{ x: 940 }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duplicates.empty')} />,
            }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: pairs.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('duplicates.total', { total }),
              onChange: (page, pageSize) => setParams({ page: pageSize === params.pageSize ? page : 1, pageSize }),
            }}
          />
        )}
      </Card>
      <MergeLeadsModal leadIds={merging} onClose={() => setMerging(null)} />
    </>
  );
}
