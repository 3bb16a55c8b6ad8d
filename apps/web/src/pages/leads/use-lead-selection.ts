import type { BulkTarget } from '@kindling/contracts/bulk';
import type { LeadListScope } from '@kindling/contracts/leads';
import { useState, type Key } from 'react';

interface SelectionState {
  scopeKey: string;
  ids: string[];
  all: boolean;
}

export interface LeadSelection {
  /** Rows ticked (kept across pages). */
  ids: string[];
  /** "All N matching" the list's scope, not just the ticked rows. */
  all: boolean;
  /** How many leads a bulk action would touch. */
  count: number;
  target: BulkTarget;
  setIds: (ids: string[]) => void;
  selectAll: () => void;
  clear: () => void;
}

/**
 * The leads chosen in the pool: some rows, or "all N matching" the list's scope (Gmail's "select all
 * conversations that match this search"). A selection belongs to one scope: change the search, owner tab or
 * filter and it starts empty again.
 */
export function useLeadSelection(scope: LeadListScope, total: number): LeadSelection {
  const scopeKey = JSON.stringify(scope);
  const [state, setState] = useState<SelectionState>({ scopeKey, ids: [], all: false });
  const current = state.scopeKey === scopeKey ? state : { scopeKey, ids: [], all: false };
  return {
    ids: current.ids,
    all: current.all,
    count: current.all ? total : current.ids.length,
    target: current.all ? { all: true, ...scope } : { ids: current.ids },
    setIds: (ids) => setState({ scopeKey, ids, all: false }),
    selectAll: () => setState({ scopeKey, ids: current.ids, all: true }),
    clear: () => setState({ scopeKey, ids: [], all: false }),
  };
}

/** The table's row selection for a selection: with "all matching", every row on the page shows ticked. */
export function rowSelectionOf(selection: LeadSelection, pageIds: readonly string[]) {
  const ticked = selection.all ? pageIds : selection.ids;
  const tickedSet = new Set(ticked);
  return {
    rowSelection: {
      selectedRowKeys: [...ticked],
      onChange: (keys: Key[]) => selection.setIds(keys.map(String)),
      preserveSelectedRowKeys: true,
    },
    /** Every row of the page is ticked: the moment to offer "select all N matching". */
    pageSelected: pageIds.length > 0 && pageIds.every((id) => tickedSet.has(id)),
  };
}
