import { DeleteOutlined, FilterOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import type { FilterGroup } from '@kindling/contracts/filters';
import type { ExportFormat, Lead } from '@kindling/contracts/leads';
import { Alert, App, Badge, Button, Card, Empty, Segmented, Table } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFieldCatalog } from '../../api/use-fields';
import { useExportLeads, useRestoreLead } from '../../api/use-leads';
import { useLeadColumnPreference } from '../../api/use-preferences';
import { countConditions } from '../../components/filter-builder/filter-tree';
import { FilterDrawer } from '../../components/filter-builder/filter-drawer';
import { ExportButton } from '../../components/export-button';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useSearchParamsState } from '../../hooks/use-search-params-state';
import { useCan } from '../../session/session-context';
import { useTasksPanel } from '../../tasks/tasks-context';
import { ImportButton } from './import/import-button';
import { LeadBulkBar } from './lead-bulk-bar';
import { LeadColumnsButton } from './lead-columns-button';
import { LeadFormModal } from './lead-form-modal';
import { SaveSegmentModal } from '../segments/save-segment-modal';
import { LeadFilterBar } from './lead-filter-bar';
import { filterParamOf } from './lead-filter-param';
import { listScopeOf, ZLeadListParams, type LeadListParams } from './lead-list-params';
import { LeadSearchInput } from './lead-search-input';
import { LeadSourceSelect } from './lead-source-select';
import { leadTableChange } from './lead-table-change';
import { useLeadPoolList } from './use-lead-pool-list';
import { rowSelectionOf, useLeadSelection } from './use-lead-selection';
import { exportColumnKeys, totalWidth, useLeadColumns } from './use-lead-columns';

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
  const canBulk = canAssign || canWrite || canExport || canRestore;

  const [params, setParams] = useSearchParamsState(ZLeadListParams);
  const { list, applied, filter } = useLeadPoolList(params);
  const [filtering, setFiltering] = useState(false);
  const [savingSegment, setSavingSegment] = useState(false);
  const exportLeads = useExportLeads();
  const restoreLead = useRestoreLead();
  const [creating, setCreating] = useState(false);

  const inRecycleBin = params.view === 'deleted';
  const filtered = Boolean(params.q || params.source || filter);
  const scope = listScopeOf(params, applied);
  const selection = useLeadSelection(scope, list.data?.total ?? 0);
  const { rowSelection, pageSelected } = rowSelectionOf(selection, list.data?.items.map((lead) => lead.id) ?? []);

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

  /** The list's scope (or the chosen `ids`), with the columns the table shows. */
  const onExport = (format: ExportFormat, ids?: string[]) =>
    exportLeads.mutate(
      { format, columns: exportColumnKeys(columnKeys, catalog.data), ...(ids ? { ids } : scope) },
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
            {!inRecycleBin && (
              <Link to="/leads/duplicates">
                <Button icon={<MergeCellsOutlined />} data-testid="leads-duplicates">
                  {t('duplicates.entry')}
                </Button>
              </Link>
            )}
            {canWrite && !inRecycleBin && <ImportButton />}
            {canExport && !inRecycleBin && (
              <ExportButton onExport={(format) => onExport(format)} loading={exportLeads.isPending}>
                {t('leads.export.button')}
              </ExportButton>
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
        {!inRecycleBin && selection.count > 0 && (
          <LeadBulkBar
            selection={selection}
            total={list.data?.total ?? 0}
            pageSelected={pageSelected}
            onExport={(format) => onExport(format, selection.all ? undefined : selection.ids)}
            exporting={exportLeads.isPending}
          />
        )}
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Lead>
            data-testid="leads-table"
            rowKey="id"
            size="middle"
            rowSelection={canBulk && !inRecycleBin ? rowSelection : undefined}
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
      <FilterDrawer open={filtering} applied={applied} onApply={applyFilter} onClose={() => setFiltering(false)} />
      {applied && <SaveSegmentModal open={savingSegment} filter={applied} onClose={() => setSavingSegment(false)} />}
      <LeadFormModal open={creating} onClose={() => setCreating(false)} onSaved={() => setCreating(false)} />
    </>
  );
}
