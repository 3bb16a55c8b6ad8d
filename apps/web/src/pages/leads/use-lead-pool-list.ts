import { useLeadList, useLeadSearch } from '../../api/use-leads';
import { useSession } from '../../session/session-context';
import { parseFilterParam, scopedFilter } from './lead-filter-param';
import { toListQuery, type LeadListParams } from './lead-list-params';

/**
 * The lead pool's rows: GET /leads normally; POST /leads/search while a filter is applied (the owner tab and
 * source become extra conditions). The recycle bin never uses the filter (search covers live leads only).
 */
export function useLeadPoolList(params: LeadListParams) {
  const myUserId = useSession().user.id;
  const applied = params.view === 'active' ? parseFilterParam(params.filter) : null;
  const filter = applied && scopedFilter(applied, params, myUserId);
  const list = useLeadList(toListQuery(params), filter === null);
  const search = useLeadSearch(
    filter && {
      filter,
      q: params.q || undefined,
      page: params.page,
      pageSize: params.pageSize,
      sort: params.sort,
      order: params.order,
    },
  );
  return { list: filter ? search : list, applied, filter };
}
