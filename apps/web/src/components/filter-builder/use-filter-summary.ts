import type { FilterNode } from '@kindling/contracts/filters';
import { useCallback } from 'react';
import { useFilterCatalog } from '../../api/use-fields';
import { summarizeFilter } from './filter-summary';
import { useFilterWords } from './filter-words';

/** Reads a filter as one line in the current language ("城市 等于 上海 且 (…)"). */
export function useFilterSummary(): (filter: FilterNode) => string {
  const catalog = useFilterCatalog();
  const words = useFilterWords(catalog.data ?? []);
  return useCallback((filter: FilterNode) => summarizeFilter(filter, words), [words]);
}
