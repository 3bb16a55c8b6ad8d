import type { FilterNode } from '@kindling/contracts/filters';
import { useMemo } from 'react';
import { useFieldCatalog } from '../../api/use-fields';
import { filterIssues } from './filter-issues';

/** The field catalogue and what is wrong with `filter` against it ([] = valid; also [] until it has loaded). */
export function useFilterCheck(filter: FilterNode) {
  const catalog = useFieldCatalog();
  const issues = useMemo(() => (catalog.data ? filterIssues(filter, catalog.data) : []), [filter, catalog.data]);
  return { catalog, issues, ready: catalog.data !== undefined };
}
