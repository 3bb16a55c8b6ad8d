import type { BulkTarget } from '@kindling/contracts/bulk';
import { MAX_BULK_IDS, type LeadListScope } from '@kindling/contracts/leads';
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { invalid } from '../../platform/http/errors';
import { compileCheckedFilter, filterScope } from '../segments/service';
import { leads } from './schema';
import { leadListFilter } from './service';

/** Live leads of the workspace with these ids (id and owner), oldest first; ids that are not live are left out. */
export async function liveLeadRows(tx: Db, ctx: ServiceContext, leadIds: readonly string[]) {
  return tx
    .select({ id: leads.id, ownerId: leads.ownerId })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), inArray(leads.id, [...leadIds]), isNull(leads.deletedAt)))
    .orderBy(asc(leads.createdAt), asc(leads.id));
}

/** Like liveLeadRows, but any id that is not a live lead of the workspace fails the whole call (400 at `path`). */
export async function requireLiveLeads(tx: Db, ctx: ServiceContext, leadIds: readonly string[], path: string) {
  const unique = [...new Set(leadIds)];
  const rows = await liveLeadRows(tx, ctx, unique);
  if (rows.length !== unique.length) {
    const missing = unique.length - rows.length;
    throw invalid([{ path, message: `${missing} of the leads do not exist or were deleted` }]);
  }
  return rows;
}

/**
 * The live leads a list scope covers (search box, source, owner tab and filter-language AST) as a condition over
 * `leads`; 400 with `<pathPrefix>filter…` paths when the filter does not fit the workspace's fields.
 */
export async function scopeCondition(
  tx: Db,
  ctx: ServiceContext,
  scope: LeadListScope,
  pathPrefix: string,
): Promise<SQL> {
  const { filter, ...list } = scope;
  const listFilter = leadListFilter(ctx, { ...list, view: 'active' });
  if (!filter) return listFilter;
  return and(listFilter, compileCheckedFilter(ctx, filter, await filterScope(tx, ctx), pathPrefix)) ?? sql`false`;
}

/**
 * The target's lead ids when there are at most 1,000 of them (done at once), or null when there are more (a
 * background task walks them in chunks). Chosen ids must all be live leads (400 at `<path>.ids` otherwise).
 */
export async function smallTargetIds(
  tx: Db,
  ctx: ServiceContext,
  target: BulkTarget,
  path: { ids: string; scope: string },
): Promise<string[] | null> {
  if (target.ids) return (await requireLiveLeads(tx, ctx, target.ids, path.ids)).map((row) => row.id);
  const rows = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(await scopeCondition(tx, ctx, target, path.scope))
    .orderBy(asc(leads.id))
    .limit(MAX_BULK_IDS + 1);
  return rows.length > MAX_BULK_IDS ? null : rows.map((row) => row.id);
}
