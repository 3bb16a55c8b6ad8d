import { useCallback } from 'react';
import { useSegmentLeads } from '../../api/use-segments';
import { QueryErrorResult } from '../../components/query-error-result';
import { useSearchParamsState } from '../../hooks/use-search-params-state';
import { LeadSearchInput } from '../leads/lead-search-input';
import { LeadPageTable } from '../leads/lead-page-table';
import { useLeadColumns } from '../leads/use-lead-columns';
import { ZSegmentLeadsParams } from './segment-leads-params';

/** The segment's current members, with the lead pool's columns, search, sorting and paging. */
export function SegmentLeadsTable({ segmentId }: { segmentId: string }) {
  const [params, setParams] = useSearchParamsState(ZSegmentLeadsParams);
  const leads = useSegmentLeads(segmentId, { ...params, q: params.q || undefined });
  const columns = useLeadColumns({ params: { ...params, view: 'active' } });
  const onSearch = useCallback((q: string) => setParams({ q, page: 1 }, { replace: true }), [setParams]);

  return (
    <>
      <div className="toolbar">
        <LeadSearchInput value={params.q} onSearch={onSearch} />
      </div>
      {leads.isError && !leads.data ? (
        <QueryErrorResult error={leads.error} onRetry={() => void leads.refetch()} />
      ) : (
        <LeadPageTable
          testId="segment-leads-table"
          size="middle"
          columns={columns}
          page={leads.data}
          loading={leads.isFetching}
          params={params}
          pageSizeOptions={[10, 20, 50, 100]}
          onChange={setParams}
        />
      )}
    </>
  );
}
