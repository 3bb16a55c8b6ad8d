import { DeleteOutlined, DownloadOutlined, FilterOutlined, PlusOutlined } from '@ant-design/icons';
import type { FilterGroup } from '@kindling/contracts/filters';
import type { Lead } from '@kindling/contracts/leads';
import { Alert, App, Badge, Button, Card, Empty, Segmented, Table } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldCatalog } from '../../api/use-fields';
import { useExportLeads, useRestoreLead } from '../../api/use-leads';
import { useLeadColumnPreference } from '../../api/use-preferences';
import { countConditions } from '../../components/filter-builder/filter-tree';
import { FilterDrawer } from '../../components/filter-builder/filter-drawer';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useSearchParamsState } from '../../hooks/use-search-params-state';
import { useCan } from '../../session/session-context';
import { useTasksPanel } from '../../tasks/tasks-context';
import { AssignLeadsModal } from './assign-leads-modal';
import { LeadColumnsButton } from './lead-columns-button';
import { LeadFormModal } from './lead-form-modal';
import { SaveSegmentModal } from '../segments/save-segment-modal';
import { LeadFilterBar } from './lead-filter-bar';
import { filterParamOf } from './lead-filter-param';
import { ZLeadListParams, type LeadListParams } from './lead-list-params';
import { LeadSearchInput } from './lead-search-input';
import { LeadSourceSelect } from './lead-source-select';
import { leadTableChange } from './lead-table-change';
import { useLeadPoolList } from './use-lead-pool-list';
import { totalWidth, useLeadColumns } from './use-lead-columns';

export function LeadListPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.items.leads.title'));
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const tasksPanel = useTasksPanel();
  const canWrite = useCan('leads:write');
  const canExport = useCan('leads:export');
  const canRestore = useCan('leads:delete');
  const canAssign = useCan('leads:assign');
  const [selected, setSelected] = useState<string[]>([]);
  const [assigning, setAssigning] = useState(false);

  const [params, setParams] = useSearchParamsState(ZLeadListParams);
  const { list, applied, filter } = useLeadPoolList(params);
  const [filtering, setFiltering] = useState(false);
  const [savingSegment, setSavingSegment] = useState(false);
  const exportLeads = useExportLeads();
  const restoreLead = useRestoreLead();
  const [creating, setCreating] = useState(false);

  const inRecycleBin = params.view === 'deleted';
  const filtered = Boolean(params.q || params.source || filter);

  const onSearch = useCallback((q: string) => setParams({ q, page: 1 }, { replace: true }), [setParams]);
  const applyFilter = (next: FilterGroup | null) => {
    setParams({ filter: filterParamOf(next), page: 1 });
    setFiltering(false);
  };

  const onRestore = (lead: Lead) =>
    restoreLead.mutate(lead.id, {
      onSuccess: (restored) => void message.success(t('leads.recycleBin.restored', { name: restored.name })),
      onError: (error) => notifyError(error),
    });

  const onExport = () =>
    exportLeads.mutate(
      filter ? { q: params.q || undefined, filter } : { q: params.q || undefined, source: params.source },
      {
        onSuccess: () => {
          void message.success(t('leads.export.started'));
          tasksPanel.setOpen(true);
        },
        onError: (error) => notifyError(error),
      },
    );

  const catalog = useFieldCatalog();
  const columnKeys = useLeadColumnPreference();
  const columns = useLeadColumns({
    params,
    columnKeys,
    fields: catalog.data,
    onRestore: canRestore ? onRestore : undefined,
    restoringId: restoreLead.isPending ? restoreLead.variables : null,
  });

  const emptyText = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        filtered ? t('leads.list.emptyFiltered') : inRecycleBin ? t('leads.recycleBin.empty') : t('leads.list.empty')
      }
    >
      {!filtered && !inRecycleBin && canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('leads.list.new')}
        </Button>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('nav.items.leads.title')}
        subtitle={t('nav.items.leads.description')}
        extra={
          <>
            {canAssign && !inRecycleBin && (
              <Button disabled={selected.length === 0} onClick={() => setAssigning(true)} data-testid="leads-assign">
                {t('leads.assign.bulk', { count: selected.length })}
              </Button>
            )}
            {canExport && !inRecycleBin && (
              <Button icon={<DownloadOutlined />} loading={exportLeads.isPending} onClick={onExport}>
                {t('leads.export.button')}
              </Button>
            )}
            {canWrite && !inRecycleBin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="leads-new">
                {t('leads.list.new')}
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <Segmented<LeadListParams['view']>
            value={params.view}
            onChange={(view) => setParams({ view, page: 1 })}
            options={[
              { value: 'active', label: t('leads.list.viewActive') },
              { value: 'deleted', label: t('leads.list.viewDeleted'), icon: <DeleteOutlined /> },
            ]}
          />
          {!inRecycleBin && (
            <Segmented<LeadListParams['owner']>
              value={params.owner}
              onChange={(owner) => setParams({ owner, page: 1 })}
              options={[
                { value: 'all', label: t('leads.pool.all') },
                { value: 'me', label: t('leads.pool.mine') },
                { value: 'none', label: t('leads.pool.public') },
              ]}
              data-testid="leads-owner-view"
            />
          )}
          <LeadSearchInput value={params.q} onSearch={onSearch} />
          <Badge count={applied ? countConditions(applied) : 0} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setFiltering(true)} data-testid="filter-open">
              {t('filters.open')}
            </Button>
          </Badge>
          <LeadSourceSelect
            allowClear
            placeholder={t('leads.list.sourceFilter')}
            value={params.source}
            onChange={(source) => setParams({ source, page: 1 })}
            style={{ width: 160 }}
          />
          <LeadColumnsButton columns={columnKeys} fields={catalog.data} />
        </div>
        {applied && (
          <LeadFilterBar
            filter={applied}
            inRecycleBin={inRecycleBin}
            onEdit={() => setFiltering(true)}
            onClear={() => applyFilter(null)}
            onSaveAsSegment={canWrite ? () => setSavingSegment(true) : undefined}
          />
        )}
        {inRecycleBin && <Alert type="info" showIcon title={t('leads.recycleBin.hint')} style={{ marginBottom: 16 }} />}
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Lead>
            data-testid="leads-table"
            rowKey="id"
            size="middle"
            rowSelection={
              canAssign && !inRecycleBin
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys.map(String)),
                    preserveSelectedRowKeys: true,
                  }
                : undefined
            }
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: totalWidth(columns) }}
            locale={{ emptyText }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('leads.list.total', { total }),
            }}
            onChange={(pagination, _filters, sorter, extra) =>
              setParams(leadTableChange(pagination, sorter, extra, params.pageSize))
            }
          />
        )}
      </Card>
      <AssignLeadsModal
        leadIds={selected}
        open={assigning}
        onClose={(done) => {
          setAssigning(false);
          if (done) setSelected([]);
        }}
      />
      <FilterDrawer open={filtering} applied={applied} onApply={applyFilter} onClose={() => setFiltering(false)} />
      {applied && <SaveSegmentModal open={savingSegment} filter={applied} onClose={() => setSavingSegment(false)} />}
      <LeadFormModal open={creating} onClose={() => setCreating(false)} onSaved={() => setCreating(false)} />
    </>
  );
}
