import type { FieldDefinition } from '@kindling/contracts/fields';
import {
  MAX_FILTER_DEPTH,
  operatorSpec,
  operatorsFor,
  type BehaviourCondition,
  type FieldCondition,
  type FilterGroup,
  type FilterNode,
} from '@kindling/contracts/filters';

/**
 * Pure, immutable edits of a filter tree. A node is addressed by its child indexes from the root group
 * (`[]` = root, `[1, 0]` = first child of the root's second child).
 */
export type NodePath = readonly number[];

/** The contract's error path of a node: `filter`, `filter.children.1.children.0`, … */
export function issuePathOf(path: NodePath): string {
  return ['filter', ...path.flatMap((i) => ['children', String(i)])].join('.');
}

export function replaceAt(root: FilterGroup, path: NodePath, node: FilterNode): FilterGroup {
  if (path.length === 0) return node.kind === 'group' ? node : root;
  const [head, ...rest] = path;
  return {
    ...root,
    children: root.children.map((child, i) => {
      if (i !== head) return child;
      if (rest.length === 0) return node;
      return child.kind === 'group' ? replaceAt(child, rest, node) : child;
    }),
  };
}

export function removeAt(root: FilterGroup, path: NodePath): FilterGroup {
  if (path.length === 0) return root;
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...root, children: root.children.filter((_c, i) => i !== head) };
  return {
    ...root,
    children: root.children.map((child, i) => (i === head && child.kind === 'group' ? removeAt(child, rest) : child)),
  };
}

/** Conditions (field and behaviour) anywhere in the tree. */
export function countConditions(node: FilterNode): number {
  return node.kind === 'group' ? node.children.reduce((sum, child) => sum + countConditions(child), 0) : 1;
}

/** A group at `path` may hold another group while the nesting stays within the contract's limit. */
export function canNestGroup(path: NodePath): boolean {
  return path.length + 1 < MAX_FILTER_DEPTH;
}

export const newGroup = (): FilterGroup => ({ kind: 'group', op: 'and', children: [] });

export const newBehaviourCondition = (): BehaviourCondition => ({
  kind: 'behaviour',
  activityType: 'page_viewed',
  comparison: 'at_least',
  count: 1,
  withinDays: 30,
});

/** A fresh condition on `field` with its type's first operator and an empty value. */
export function newFieldCondition(field: FieldDefinition): FieldCondition {
  return { kind: 'field', field: field.key, operator: operatorsFor(field.type)[0] ?? 'is_empty' };
}

/** Keeps the value when the new operator takes the same shape of value; drops it otherwise. */
export function withOperator(condition: FieldCondition, field: FieldDefinition | undefined, operator: string) {
  const before = field ? operatorSpec(field.type, condition.operator)?.shape : undefined;
  const after = field ? operatorSpec(field.type, operator)?.shape : undefined;
  const { value, ...rest } = condition;
  return before === after && after !== 'none' ? { ...rest, operator, value } : { ...rest, operator };
}
