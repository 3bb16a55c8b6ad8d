import type { Lead } from '@kindling/contracts/leads';
import { Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyLeads, type CompanyLeadsQuery } from '../../api/use-companies';
import { QueryErrorResult } from '../../components/query-error-result';
import { leadTableChange } from '../leads/lead-table-change';
import { totalWidth, useLeadColumns } from '../leads/use-lead-columns';

const FIRST_PAGE: CompanyLeadsQuery = { page: 1, pageSize: 10, sort: 'createdAt', order: 'desc' };

/** The company's live leads with the lead pool's default columns, sorting and paging. */
export function CompanyLeadsTable({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useState<CompanyLeadsQuery>(FIRST_PAGE);
  const leads = useCompanyLeads(companyId, params);
  const columns = useLeadColumns({ params: { ...params, view: 'active' } });

  if (leads.isError && !leads.data) {
    return <QueryErrorResult error={leads.error} onRetry={() => void leads.refetch()} />;
  }
  return (
    <Table<Lead>
      data-testid="company-leads-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={leads.data?.items}
      loading={leads.isFetching}
      scroll={{ x: totalWidth(columns) }}
      pagination={{
        current: params.page,
        pageSize: params.pageSize,
        total: leads.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50],
        showTotal: (total) => t('leads.list.total', { total }),
      }}
      onChange={(pagination, _filters, sorter, extra) =>
        setParams(leadTableChange(pagination, sorter, extra, params.pageSize))
      }
    />
  );
}
