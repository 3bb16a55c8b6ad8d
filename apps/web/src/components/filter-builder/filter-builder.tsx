import type { FieldDefinition } from '@kindling/contracts/fields';
import { catalogIndex, type FilterGroup } from '@kindling/contracts/filters';
import { useMemo } from 'react';
import { FilterBuilderContext, type FilterBuilderApi } from './filter-builder-context';
import type { IssuesByNode } from './filter-issues';
import { removeAt, replaceAt } from './filter-tree';
import { useFilterWords } from './filter-words';
import { GroupEditor } from './group-editor';

interface FilterBuilderProps {
  value: FilterGroup;
  onChange: (filter: FilterGroup) => void;
  catalog: readonly FieldDefinition[];
  /** Messages to show beside the nodes they belong to. */
  issues?: IssuesByNode;
}

const NO_ISSUES: IssuesByNode = new Map();

/** Edits a filter (the one filter language): nested and/or groups of field and behaviour conditions. */
export function FilterBuilder({ value, onChange, catalog, issues = NO_ISSUES }: FilterBuilderProps) {
  const words = useFilterWords(catalog);
  const api = useMemo<FilterBuilderApi>(
    () => ({
      catalog,
      fields: catalogIndex(catalog),
      words,
      issues,
      replace: (path, node) => onChange(replaceAt(value, path, node)),
      remove: (path) => onChange(removeAt(value, path)),
    }),
    [catalog, words, issues, value, onChange],
  );
  return (
    <FilterBuilderContext value={api}>
      <GroupEditor group={value} path={[]} />
    </FilterBuilderContext>
  );
}
