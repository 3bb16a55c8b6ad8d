import type { Lead } from '@kindling/contracts/leads';
import type { TableProps } from 'antd';
import type { LeadSortField } from './lead-list-params';

type OnChange = NonNullable<TableProps<Lead>['onChange']>;

/** A lead table's paging or sorting change as the page/sort parameters it keeps in the URL. */
export function leadTableChange(
  pagination: Parameters<OnChange>[0],
  sorter: Parameters<OnChange>[2],
  { action }: Parameters<OnChange>[3],
  currentPageSize: number,
): { page: number; pageSize: number; sort: LeadSortField; order: 'asc' | 'desc' } {
  const single = Array.isArray(sorter) ? sorter[0] : sorter;
  const sort: LeadSortField | undefined = single?.order && single.columnKey ? String(single.columnKey) : undefined;
  return {
    page: action === 'paginate' ? (pagination.current ?? 1) : 1,
    pageSize: pagination.pageSize ?? currentPageSize,
    sort: sort ?? 'createdAt',
    order: sort ? (single?.order === 'ascend' ? 'asc' : 'desc') : 'desc',
  };
}
