import type { FieldDefinition } from '@kindling/contracts/fields';
import { validateFilter, type FilterNode } from '@kindling/contracts/filters';
import type { LeadPage } from '@kindling/contracts/leads';
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { invalid } from '../../platform/http/errors';
import { getWorkspace } from '../../platform/workspaces/service';
import { getFieldCatalog } from '../fields/service';
import { leads } from '../leads/schema';
import { leadColumns, leadListFilter, SORT_COLUMNS, toLead } from '../leads/service';
import { compileFilter } from './compile-sql';

export interface LeadSearchInput {
  filter: FilterNode;
  q?: string | undefined;
  page: number;
  pageSize: number;
  sort: keyof typeof SORT_COLUMNS;
  order: 'asc' | 'desc';
}

export interface FilterScope {
  catalog: FieldDefinition[];
  timeZone: string;
  now: Date;
}

/** The catalogue and clock a filter is read with in this workspace. */
export async function filterScope(tx: Db, ctx: ServiceContext, now = new Date()): Promise<FilterScope> {
  const [catalog, workspace] = await Promise.all([getFieldCatalog(tx, ctx), getWorkspace(tx, ctx)]);
  return { catalog, timeZone: workspace.timeZone, now };
}

/**
 * The filter as a SQL condition over live leads of the workspace; 400 with `body.filter…` paths when the filter
 * does not fit the workspace's fields.
 */
export async function matchingLeadsCondition(
  tx: Db,
  ctx: ServiceContext,
  filter: FilterNode,
  q?: string,
  pathPrefix = 'body.',
): Promise<SQL> {
  const scope = await filterScope(tx, ctx);
  const issues = validateFilter(filter, scope.catalog);
  if (issues.length > 0) {
    throw invalid(issues.map((issue) => ({ path: `${pathPrefix}${issue.path}`, message: issue.message })));
  }
  const compiled = compileFilter(filter, { ...scope, workspaceId: ctx.workspaceId });
  return and(leadListFilter(ctx, { view: 'active', q }), compiled) ?? sql`false`;
}

export async function countLeadsMatching(tx: Db, ctx: ServiceContext, filter: FilterNode): Promise<number> {
  const where = await matchingLeadsCondition(tx, ctx, filter);
  const [row] = await tx.select({ n: count() }).from(leads).where(where);
  return row?.n ?? 0;
}

export async function searchLeads(tx: Db, ctx: ServiceContext, input: LeadSearchInput): Promise<LeadPage> {
  const where = await matchingLeadsCondition(tx, ctx, input.filter, input.q);
  const direction = input.order === 'asc' ? asc : desc;
  // Sequential: one transaction's connection runs one query at a time anyway.
  const rows = await tx
    .select(leadColumns)
    .from(leads)
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(where)
    // id breaks ties so pages never repeat or skip rows with equal sort values.
    .orderBy(sql`${direction(SORT_COLUMNS[input.sort])} nulls last`, direction(leads.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [total] = await tx.select({ n: count() }).from(leads).where(where);
  return {
    items: rows.map(({ lead, ownerName }) => toLead(lead, ownerName)),
    total: total?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}
