import type { FilterNode } from '@kindling/contracts/filters';
import { Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLeadCount } from '../../api/use-leads';
import { useDebouncedValue } from '../../hooks/use-debounced-value';

/** "N leads match", counted by the server 400 ms after the last edit. `null` = the filter is not complete yet. */
export function FilterCount({ filter }: { filter: FilterNode | null }) {
  const { t } = useTranslation();
  const debounced = useDebouncedValue(filter, 400);
  const count = useLeadCount(debounced);
  const settling = debounced !== filter || count.isFetching;

  let text: string;
  if (filter === null) text = t('filters.countPending');
  else if (count.isError) text = t('filters.countFailed');
  else if (count.data === undefined) text = '';
  else text = t('filters.count', { count: count.data });

  return (
    <Typography.Text type={count.isError ? 'danger' : undefined} data-testid="filter-count">
      {text} {filter !== null && settling && <Spin size="small" />}
    </Typography.Text>
  );
}
