import type { FilterGroup } from '@kindling/contracts/filters';
import type { ErrorDetail } from '@kindling/contracts/errors';
import { Alert, Flex, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorResult } from '../query-error-result';
import { FilterBuilder } from './filter-builder';
import { FilterCount } from './filter-count';
import { issuesByNode } from './filter-issues';
import { useFilterCheck } from './use-filter-check';

interface FilterEditorProps {
  value: FilterGroup;
  onChange: (filter: FilterGroup) => void;
  /** Show the client-side validation messages (after the user tried to apply or save). */
  showIssues?: boolean;
  /** The server's 400 details (`body.filter…`), placed on the conditions they name. */
  serverIssues?: readonly ErrorDetail[];
}

/** The filter builder with inline validation and the live "N leads match" count. */
export function FilterEditor({ value, onChange, showIssues = false, serverIssues = [] }: FilterEditorProps) {
  const { t } = useTranslation();
  const { catalog, issues: clientIssues } = useFilterCheck(value);
  const issues = useMemo(
    () => issuesByNode([...(showIssues ? clientIssues : []), ...serverIssues]),
    [showIssues, clientIssues, serverIssues],
  );

  if (catalog.isError) return <QueryErrorResult error={catalog.error} onRetry={() => void catalog.refetch()} />;
  if (!catalog.data) return <Skeleton active />;
  return (
    <Flex vertical gap={12}>
      <FilterCount filter={clientIssues.length === 0 ? value : null} />
      {showIssues && issues.size > 0 && <Alert type="error" showIcon title={t('filters.invalid')} />}
      <FilterBuilder value={value} onChange={onChange} catalog={catalog.data} issues={issues} />
    </Flex>
  );
}
