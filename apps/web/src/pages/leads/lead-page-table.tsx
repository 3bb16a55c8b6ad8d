import type { Lead, LeadPage } from '@kindling/contracts/leads';
import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { leadTableChange } from './lead-table-change';
import { totalWidth } from './use-lead-columns';

type PageChange = ReturnType<typeof leadTableChange>;

/**
 * One server-paged, server-sorted page of leads with the lead pool's columns: what segment members and a company's
 * leads show. The caller owns the query and its page/sort parameters.
 */
export function LeadPageTable(props: {
  testId: string;
  size: 'small' | 'middle';
  columns: TableColumnsType<Lead>;
  page: LeadPage | undefined;
  loading: boolean;
  params: { page: number; pageSize: number };
  pageSizeOptions: number[];
  onChange: (change: PageChange) => void;
}) {
  const { t } = useTranslation();
  const { params } = props;
  return (
    <Table<Lead>
      data-testid={props.testId}
      rowKey="id"
      size={props.size}
      columns={props.columns}
      dataSource={props.page?.items}
      loading={props.loading}
      scroll={{ x: totalWidth(props.columns) }}
      pagination={{
        current: params.page,
        pageSize: params.pageSize,
        total: props.page?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: props.pageSizeOptions,
        showTotal: (total) => t('leads.list.total', { total }),
      }}
      onChange={(pagination, _filters, sorter, extra) =>
        props.onChange(leadTableChange(pagination, sorter, extra, params.pageSize))
      }
    />
  );
}
