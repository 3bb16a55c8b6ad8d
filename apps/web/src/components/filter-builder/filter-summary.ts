import type { BehaviourCondition, FieldCondition, FilterNode } from '@kindling/contracts/filters';

/** The translated pieces a summary is made of (kept out of the function so it stays pure and testable). */
export interface SummaryWords {
  and: string;
  or: string;
  not: string;
  /** What an empty filter means ("all leads"). */
  everything: string;
  field: (key: string) => string;
  operator: (operator: string) => string;
  /** One value as a person reads it (an option's label, a member's name, …). */
  value: (field: string, value: unknown) => string;
  behaviour: (condition: BehaviourCondition) => string;
}

function valueText(condition: FieldCondition, words: SummaryWords): string {
  const { value } = condition;
  if (value === undefined) return '';
  const one = (v: unknown) => words.value(condition.field, v);
  if (condition.operator === 'between' && Array.isArray(value)) return ` ${value.map(one).join(' ~ ')}`;
  return ` ${Array.isArray(value) ? value.map(one).join(', ') : one(value)}`;
}

function nodeText(node: FilterNode, words: SummaryWords, nested: boolean): string {
  if (node.kind === 'field')
    return `${words.field(node.field)} ${words.operator(node.operator)}${valueText(node, words)}`;
  if (node.kind === 'behaviour') return words.behaviour(node);
  const joined =
    node.children.length === 0
      ? words.everything
      : node.children
          .map((child) => nodeText(child, words, true))
          .join(` ${node.op === 'and' ? words.and : words.or} `);
  const bracket = node.negate || (nested && node.children.length > 1);
  const text = bracket ? `(${joined})` : joined;
  return node.negate ? `${words.not} ${text}` : text;
}

/** A one-line reading of a filter, e.g. "城市 等于 上海 且 (来源 等于 会议 或 公司 为空)". */
export function summarizeFilter(filter: FilterNode, words: SummaryWords): string {
  return nodeText(filter, words, false);
}
