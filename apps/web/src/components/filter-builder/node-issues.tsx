import { Typography } from 'antd';
import { useFilterBuilder } from './filter-builder-context';
import { issuePathOf, type NodePath } from './filter-tree';

/** The messages for one node, if any. */
export function useNodeIssues(path: NodePath): string[] {
  return useFilterBuilder().issues.get(issuePathOf(path)) ?? [];
}

export function NodeIssues({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Typography.Text type="danger" style={{ fontSize: 12 }} role="alert">
      {[...new Set(messages)].join(' · ')}
    </Typography.Text>
  );
}
