import type { FilterGroup } from '@kindling/contracts/filters';
import { ZLeadSortKey, ZLeadSource, type LeadListScope } from '@kindling/contracts/leads';
import { ZSortOrder } from '@kindling/contracts/pagination';
import { z } from 'zod';
import type { LeadListQuery } from '../../api/use-leads';

/** The lead pool's state as it lives in the URL; every field falls back to its default. */
export const ZLeadListParams = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(20),
  q: z.string().trim().max(200).catch(''),
  /** A built-in field key or `attr.<custom key>`; the server says 400 for a field the workspace lacks. */
  sort: ZLeadSortKey.catch('createdAt'),
  order: ZSortOrder.catch('desc'),
  source: ZLeadSource.optional().catch(undefined),
  view: z.enum(['active', 'deleted']).catch('active'),
  /** Whose leads: everyone's, mine, or the public pool (公海: nobody's). */
  owner: z.enum(['all', 'me', 'none']).catch('all'),
  /** The applied filter as JSON (see ./lead-filter-param.ts); '' = none. */
  filter: z.string().max(50_000).catch(''),
});
export type LeadListParams = z.output<typeof ZLeadListParams>;
export type LeadSortField = LeadListParams['sort'];

export function toListQuery({ owner, filter: _filter, ...params }: LeadListParams): LeadListQuery {
  return { ...params, q: params.q || undefined, ownerId: owner === 'all' ? undefined : owner };
}

/**
 * The list's scope as the server's bulk and export APIs take it ("all leads matching"): the search box, source,
 * owner tab and the applied filter. The server ANDs them, as the list does.
 */
export function listScopeOf(params: LeadListParams, applied: FilterGroup | null): LeadListScope {
  return {
    q: params.q || undefined,
    source: params.source,
    ownerId: params.owner === 'all' ? undefined : params.owner,
    filter: applied ?? undefined,
  };
}

/** Lead detail links carry the list URL so "back" returns to the same page, filters and sort. */
export interface LeadLinkState {
  listUrl: string;
}

export function listUrlFrom(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'listUrl' in state && typeof state.listUrl === 'string') {
    if (state.listUrl.startsWith('/leads') || state.listUrl.startsWith('/segments/')) return state.listUrl;
  }
  return '/leads';
}
