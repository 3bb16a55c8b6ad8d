import type { Lead } from '@kindling/contracts/leads';
import { Table } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSegmentLeads } from '../../api/use-segments';
import { QueryErrorResult } from '../../components/query-error-result';
import { useSearchParamsState } from '../../hooks/use-search-params-state';
import { LeadSearchInput } from '../leads/lead-search-input';
import { leadTableChange } from '../leads/lead-table-change';
import { totalWidth, useLeadColumns } from '../leads/use-lead-columns';
import { ZSegmentLeadsParams } from './segment-leads-params';

/** The segment's current members, with the lead pool's columns, search, sorting and paging. */
export function SegmentLeadsTable({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation();
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
        <Table<Lead>
          data-testid="segment-leads-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={leads.data?.items}
          loading={leads.isFetching}
          scroll={{ x: totalWidth(columns) }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: leads.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('leads.list.total', { total }),
          }}
          onChange={(pagination, _filters, sorter, extra) =>
            setParams(leadTableChange(pagination, sorter, extra, params.pageSize))
          }
        />
      )}
    </>
  );
}
