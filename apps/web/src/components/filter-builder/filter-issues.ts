import type { FieldDefinition } from '@kindling/contracts/fields';
import { validateFilter, ZFilter, type FilterIssue, type FilterNode } from '@kindling/contracts/filters';
import type { ErrorDetail } from '@kindling/contracts/errors';

/** Messages per node, keyed by the node's contract path (`filter.children.1`). */
export type IssuesByNode = ReadonlyMap<string, string[]>;

const NODE_PATH = /^filter(\.children\.\d+)*/;

/** Everything the client can check before asking the server: structure (behaviour conditions too) and catalogue. */
export function filterIssues(filter: FilterNode, catalog: readonly FieldDefinition[]): FilterIssue[] {
  const parsed = ZFilter.safeParse(filter);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({ path: ['filter', ...issue.path].join('.'), message: issue.message }));
  }
  return validateFilter(parsed.data, catalog);
}

/**
 * Groups issues under the node they belong to: `filter.children.1.value` → `filter.children.1`. Server details
 * (`body.filter.children.1.value`) are accepted too; details outside the filter are ignored.
 */
export function issuesByNode(issues: readonly (FilterIssue | ErrorDetail)[]): IssuesByNode {
  const byNode = new Map<string, string[]>();
  for (const { path, message } of issues) {
    const local = path.startsWith('body.') ? path.slice('body.'.length) : path;
    const node = NODE_PATH.exec(local)?.[0];
    if (!node) continue;
    byNode.set(node, [...(byNode.get(node) ?? []), message]);
  }
  return byNode;
}
