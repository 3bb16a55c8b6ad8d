import type { FilterNode } from '@kindling/contracts/filters';
import { useMemo } from 'react';
import { useFilterCatalog } from '../../api/use-fields';
import { filterIssues } from './filter-issues';

/**
 * The filter catalogue (lead fields and the lead's company's fields) and what is wrong with `filter` against it
 * ([] = valid; also [] until it has loaded).
 */
export function useFilterCheck(filter: FilterNode) {
  const catalog = useFilterCatalog();
  const issues = useMemo(() => (catalog.data ? filterIssues(filter, catalog.data) : []), [filter, catalog.data]);
  return { catalog, issues, ready: catalog.data !== undefined };
}
