import { useState } from 'react';
import { useCompanyLeads, type CompanyLeadsQuery } from '../../api/use-companies';
import { QueryErrorResult } from '../../components/query-error-result';
import { LeadPageTable } from '../leads/lead-page-table';
import { useLeadColumns } from '../leads/use-lead-columns';

const FIRST_PAGE: CompanyLeadsQuery = { page: 1, pageSize: 10, sort: 'createdAt', order: 'desc' };

/** The company's live leads with the lead pool's default columns, sorting and paging. */
export function CompanyLeadsTable({ companyId }: { companyId: string }) {
  const [params, setParams] = useState<CompanyLeadsQuery>(FIRST_PAGE);
  const leads = useCompanyLeads(companyId, params);
  const columns = useLeadColumns({ params: { ...params, view: 'active' } });

  if (leads.isError && !leads.data) {
    return <QueryErrorResult error={leads.error} onRetry={() => void leads.refetch()} />;
  }
  return (
    <LeadPageTable
      testId="company-leads-table"
      size="small"
      columns={columns}
      page={leads.data}
      loading={leads.isFetching}
      params={params}
      pageSizeOptions={[10, 20, 50]}
      onChange={setParams}
    />
  );
}
