import type { FieldCondition, FilterGroup } from '@kindling/contracts/filters';
import { ZFilter } from '@kindling/contracts/filters';
import type { LeadListParams } from './lead-list-params';

/** The `filter` URL parameter as a group the builder can edit; null when absent, empty, not JSON or not valid. */
export function parseFilterParam(raw: string): FilterGroup | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = ZFilter.safeParse(json);
  if (!parsed.success) return null;
  const node = parsed.data;
  const group: FilterGroup = node.kind === 'group' ? node : { kind: 'group', op: 'and', children: [node] };
  return group.children.length > 0 ? group : null;
}

export function filterParamOf(filter: FilterGroup | null): string {
  return filter && filter.children.length > 0 ? JSON.stringify(filter) : '';
}

/**
 * The filter narrowed by the pool's owner tab and source picker, which are fields of the catalogue (`ownerId`,
 * a user field; `source`, a select): "mine" = ownerId equals me, "public pool" = ownerId is empty.
 */
export function scopedFilter(
  filter: FilterGroup,
  { owner, source }: Pick<LeadListParams, 'owner' | 'source'>,
  myUserId: string,
): FilterGroup {
  const extra: FieldCondition[] = [];
  if (owner === 'me') extra.push({ kind: 'field', field: 'ownerId', operator: 'equals', value: myUserId });
  if (owner === 'none') extra.push({ kind: 'field', field: 'ownerId', operator: 'is_empty' });
  if (source) extra.push({ kind: 'field', field: 'source', operator: 'equals', value: source });
  if (extra.length === 0) return filter;
  if (filter.op === 'and' && !filter.negate) return { ...filter, children: [...filter.children, ...extra] };
  return { kind: 'group', op: 'and', children: [filter, ...extra] };
}
