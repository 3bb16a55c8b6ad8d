import type { FieldDefinition } from '@kindling/contracts/fields';
import type { FilterNode } from '@kindling/contracts/filters';
import { createContext, useContext } from 'react';
import type { IssuesByNode } from './filter-issues';
import type { NodePath } from './filter-tree';
import type { FilterWords } from './filter-words';

export interface FilterBuilderApi {
  catalog: readonly FieldDefinition[];
  fields: ReadonlyMap<string, FieldDefinition>;
  words: FilterWords;
  issues: IssuesByNode;
  replace: (path: NodePath, node: FilterNode) => void;
  remove: (path: NodePath) => void;
}

export const FilterBuilderContext = createContext<FilterBuilderApi | null>(null);

export function useFilterBuilder(): FilterBuilderApi {
  const api = useContext(FilterBuilderContext);
  if (!api) throw new Error('useFilterBuilder() used outside <FilterBuilder>');
  return api;
}
