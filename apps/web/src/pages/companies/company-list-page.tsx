import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { Company, CompanySortField } from '@kindling/contracts/companies';
import { App, Button, Card, Empty, Table } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCompanyList, useExportCompanies } from '../../api/use-companies';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useSearchParamsState } from '../../hooks/use-search-params-state';
import { useCan } from '../../session/session-context';
import { useTasksPanel } from '../../tasks/tasks-context';
import { LeadSearchInput } from '../leads/lead-search-input';
import { totalWidth } from '../leads/use-lead-columns';
import { CompanyFormModal } from './company-form-modal';
import { exportFiltersOf, toCompanyListQuery, ZCompanyListParams } from './company-list-params';
import { CompanySizeSelect } from './company-size-select';
import { useCompanyColumns } from './use-company-columns';

/** 潜客管理 → 公司: the workspace's companies, searchable, sortable and exportable. */
export function CompanyListPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.items.companies.title'));
  const { message } = App.useApp();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const tasksPanel = useTasksPanel();
  const canWrite = useCan('leads:write');
  const canExport = useCan('leads:export');
  const [params, setParams] = useSearchParamsState(ZCompanyListParams);
  const list = useCompanyList(toCompanyListQuery(params));
  const exportCompanies = useExportCompanies();
  const columns = useCompanyColumns(params);
  const [creating, setCreating] = useState(false);
  const filtered = Boolean(params.q || params.size);

  const onSearch = useCallback((q: string) => setParams({ q, page: 1 }, { replace: true }), [setParams]);
  const onExport = () =>
    exportCompanies.mutate(exportFiltersOf(params), {
      onSuccess: () => {
        void message.success(t('companies.export.started'));
        tasksPanel.setOpen(true);
      },
      onError: (error) => notifyError(error),
    });

  const emptyText = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={filtered ? t('companies.list.emptyFiltered') : t('companies.list.empty')}
    >
      {!filtered && canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('companies.list.new')}
        </Button>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('nav.items.companies.title')}
        subtitle={t('nav.items.companies.description')}
        extra={
          <>
            {canExport && (
              <Button
                icon={<DownloadOutlined />}
                loading={exportCompanies.isPending}
                onClick={onExport}
                data-testid="companies-export"
              >
                {t('companies.export.button')}
              </Button>
            )}
            {canWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="companies-new"
              >
                {t('companies.list.new')}
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <LeadSearchInput
            value={params.q}
            onSearch={onSearch}
            placeholder={t('companies.list.searchPlaceholder')}
            testId="companies-search"
          />
          <CompanySizeSelect
            placeholder={t('companies.list.sizeFilter')}
            value={params.size}
            onChange={(size) => setParams({ size, page: 1 })}
            style={{ width: 170 }}
          />
        </div>
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Company>
            data-testid="companies-table"
            rowKey="id"
            size="middle"
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
              showTotal: (total) => t('companies.list.total', { total }),
            }}
            onChange={(pagination, _filters, sorter, { action }) => {
              const single = Array.isArray(sorter) ? sorter[0] : sorter;
              const sort = single?.order ? (single.columnKey as CompanySortField) : undefined;
              setParams({
                page: action === 'paginate' ? (pagination.current ?? 1) : 1,
                pageSize: pagination.pageSize ?? params.pageSize,
                sort: sort ?? 'createdAt',
                order: sort ? (single?.order === 'ascend' ? 'asc' : 'desc') : 'desc',
              });
            }}
          />
        )}
      </Card>
      <CompanyFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(company) => {
          setCreating(false);
          void navigate(`/companies/${company.id}`);
        }}
      />
    </>
  );
}
