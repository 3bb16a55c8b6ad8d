import { leadFilterCatalog } from '@kindling/contracts/company-filter-fields';
import type { FieldDefinition } from '@kindling/contracts/fields';
import { validateFilter, type FilterNode } from '@kindling/contracts/filters';
import type { LeadPage } from '@kindling/contracts/leads';
import type { Segment } from '@kindling/contracts/segments';
import { and, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service';
import { users } from '../../platform/auth/schema';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { conflict, forbidden, invalid, notFound, uniqueViolation } from '../../platform/http/errors';
import { getWorkspace } from '../../platform/workspaces/service';
import { getFieldCatalog } from '../fields/service';
import { leads } from '../leads/schema';
import { leadColumns, leadListFilter, toLead } from '../leads/service';
import { leadOrderBy } from '../leads/sort';
import { compileFilter } from './compile-sql';
import { segments } from './schema';

export interface LeadSearchInput {
  filter: FilterNode;
  q?: string | undefined;
  page: number;
  pageSize: number;
  /** A built-in field key or `attr.<custom key>` (see leads/sort.ts). */
  sort: string;
  order: 'asc' | 'desc';
}

export interface FilterScope {
  catalog: FieldDefinition[];
  timeZone: string;
  now: Date;
}

/** The catalogue (lead fields and the lead's company's fields) and clock a filter is read with in this workspace. */
export async function filterScope(tx: Db, ctx: ServiceContext, now = new Date()): Promise<FilterScope> {
  // One after the other: a transaction's connection runs one query at a time anyway (pg 9 will refuse overlap).
  const leadFields = await getFieldCatalog(tx, ctx);
  const companyFields = await getFieldCatalog(tx, ctx, 'company');
  const workspace = await getWorkspace(tx, ctx);
  return { catalog: leadFilterCatalog(leadFields, companyFields), timeZone: workspace.timeZone, now };
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
  scope?: FilterScope,
): Promise<SQL> {
  const compiled = compileCheckedFilter(ctx, filter, scope ?? (await filterScope(tx, ctx)), pathPrefix);
  return and(leadListFilter(ctx, { view: 'active', q }), compiled) ?? sql`false`;
}

/** The filter alone as SQL over `leads` (no workspace or deleted-lead conditions); 400 when it does not fit. */
export function compileCheckedFilter(
  ctx: ServiceContext,
  filter: FilterNode,
  scope: FilterScope,
  pathPrefix = 'body.',
) {
  const issues = validateFilter(filter, scope.catalog);
  if (issues.length > 0) {
    throw invalid(issues.map((issue) => ({ path: `${pathPrefix}${issue.path}`, message: issue.message })));
  }
  return compileFilter(filter, { ...scope, workspaceId: ctx.workspaceId });
}

export async function countLeadsMatching(
  tx: Db,
  ctx: ServiceContext,
  filter: FilterNode,
  scope?: FilterScope,
): Promise<number> {
  const where = await matchingLeadsCondition(tx, ctx, filter, undefined, 'body.', scope);
  const [row] = await tx.select({ n: count() }).from(leads).where(where);
  return row?.n ?? 0;
}

export async function searchLeads(
  tx: Db,
  ctx: ServiceContext,
  input: LeadSearchInput,
  pathPrefix = 'body.',
  sortPath = `${pathPrefix}sort`,
): Promise<LeadPage> {
  const where = await matchingLeadsCondition(tx, ctx, input.filter, input.q, pathPrefix);
  const orderBy = await leadOrderBy(tx, ctx, input.sort, input.order, sortPath);
  // Sequential: one transaction's connection runs one query at a time anyway.
  const rows = await tx
    .select(leadColumns)
    .from(leads)
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(where)
    .orderBy(...orderBy)
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [total] = await tx.select({ n: count() }).from(leads).where(where);
  return {
    items: rows.map(({ lead, ownerName, linkedCompanyName }) => toLead(lead, ownerName, linkedCompanyName)),
    total: total?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Saved segments                                                                                               */
/* ------------------------------------------------------------------------------------------------------------ */

type SegmentRow = typeof segments.$inferSelect;

/** Who asks: only a segment's creator, or someone who manages the workspace, may change or delete it. */
export interface SegmentActor {
  canManageWorkspace: boolean;
}

export interface CreateSegmentInput {
  name: string;
  description?: string | null | undefined;
  filter: FilterNode;
  shared: boolean;
}

export interface UpdateSegmentInput {
  name?: string | undefined;
  description?: string | null | undefined;
  filter?: FilterNode | undefined;
  shared?: boolean | undefined;
}

const NAME_TAKEN = 'A segment with this name already exists';

const segmentColumns = { segment: segments, creatorName: users.name };

/** Shared segments, and the caller's own private ones. */
const visibleTo = (ctx: ServiceContext) =>
  and(
    eq(segments.workspaceId, ctx.workspaceId),
    ctx.userId ? or(eq(segments.shared, true), eq(segments.createdBy, ctx.userId)) : eq(segments.shared, true),
  );

async function toSegment(
  tx: Db,
  ctx: ServiceContext,
  { segment, creatorName }: { segment: SegmentRow; creatorName: string | null },
  scope: FilterScope,
): Promise<Segment> {
  // A stored filter can stop fitting the fields (an option removed, a type changed): report it, count nothing.
  const filterIssues = validateFilter(segment.filter, scope.catalog);
  const count = filterIssues.length === 0 ? await countLeadsMatching(tx, ctx, segment.filter, scope) : 0;
  return {
    id: segment.id,
    name: segment.name,
    description: segment.description,
    filter: segment.filter,
    shared: segment.shared,
    createdBy: segment.createdBy && creatorName !== null ? { id: segment.createdBy, name: creatorName } : null,
    createdAt: segment.createdAt.toISOString(),
    updatedAt: segment.updatedAt.toISOString(),
    count,
    filterIssues,
  };
}

async function findVisible(tx: Db, ctx: ServiceContext, id: string) {
  const [row] = await tx
    .select(segmentColumns)
    .from(segments)
    .leftJoin(users, eq(users.id, segments.createdBy))
    .where(and(visibleTo(ctx), eq(segments.id, id)));
  if (!row) throw notFound('Segment');
  return row;
}

async function findChangeable(tx: Db, ctx: ServiceContext, actor: SegmentActor, id: string) {
  const row = await findVisible(tx, ctx, id);
  if (!actor.canManageWorkspace && row.segment.createdBy !== ctx.userId) {
    throw forbidden('Only the creator of this segment or a workspace admin can change it');
  }
  return row;
}

function rethrowNameTaken(error: unknown): never {
  if (uniqueViolation(error) === 'segments_workspace_name_key') {
    throw conflict(NAME_TAKEN, [{ path: 'body.name', message: NAME_TAKEN }]);
  }
  throw error;
}

/** Shared segments and the caller's private ones, newest first, each with its live count. */
export async function listSegments(tx: Db, ctx: ServiceContext): Promise<Segment[]> {
  const rows = await tx
    .select(segmentColumns)
    .from(segments)
    .leftJoin(users, eq(users.id, segments.createdBy))
    .where(visibleTo(ctx))
    .orderBy(desc(segments.createdAt), desc(segments.id));
  const scope = await filterScope(tx, ctx);
  const items: Segment[] = [];
  // Sequential: one transaction's connection runs one query at a time anyway.
  for (const row of rows) items.push(await toSegment(tx, ctx, row, scope));
  return items;
}

export async function getSegment(tx: Db, ctx: ServiceContext, id: string): Promise<Segment> {
  return toSegment(tx, ctx, await findVisible(tx, ctx, id), await filterScope(tx, ctx));
}

export async function createSegment(tx: Db, ctx: ServiceContext, input: CreateSegmentInput): Promise<Segment> {
  const scope = await filterScope(tx, ctx);
  compileCheckedFilter(ctx, input.filter, scope);
  const [row] = await tx
    .insert(segments)
    .values({
      workspaceId: ctx.workspaceId,
      name: input.name,
      description: input.description ?? null,
      filter: input.filter,
      shared: input.shared,
      createdBy: ctx.userId,
    })
    .returning()
    .catch(rethrowNameTaken);
  if (!row) throw new Error('segment insert returned nothing');
  await recordAudit(tx, ctx, {
    action: 'segments.created',
    targetType: 'segment',
    targetId: row.id,
    details: { name: row.name, shared: row.shared },
  });
  return getSegment(tx, ctx, row.id);
}

export async function updateSegment(
  tx: Db,
  ctx: ServiceContext,
  actor: SegmentActor,
  id: string,
  input: UpdateSegmentInput,
): Promise<Segment> {
  const { segment } = await findChangeable(tx, ctx, actor, id);
  if (input.filter !== undefined) compileCheckedFilter(ctx, input.filter, await filterScope(tx, ctx));
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  await tx
    .update(segments)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, id)))
    .catch(rethrowNameTaken);
  await recordAudit(tx, ctx, {
    action: 'segments.updated',
    targetType: 'segment',
    targetId: id,
    details: { name: input.name ?? segment.name, changed: Object.keys(changes).sort() },
  });
  return getSegment(tx, ctx, id);
}

export async function deleteSegment(tx: Db, ctx: ServiceContext, actor: SegmentActor, id: string): Promise<void> {
  const { segment } = await findChangeable(tx, ctx, actor, id);
  await tx.delete(segments).where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, id)));
  await recordAudit(tx, ctx, {
    action: 'segments.deleted',
    targetType: 'segment',
    targetId: id,
    details: { name: segment.name },
  });
}

/** The segment's live members, like /leads/search with the segment's filter. */
export async function listSegmentLeads(
  tx: Db,
  ctx: ServiceContext,
  id: string,
  query: Omit<LeadSearchInput, 'filter'>,
): Promise<LeadPage> {
  const { segment } = await findVisible(tx, ctx, id);
  // A stored filter that stopped fitting the fields answers 400 with `filter…` paths (it is not in the request).
  return searchLeads(tx, ctx, { ...query, filter: segment.filter }, '', 'query.sort');
}

/** The segment's row for an export (visibility checked) and its filter, checked against the current fields. */
export async function segmentForExport(tx: Db, ctx: ServiceContext, id: string): Promise<SegmentRow> {
  const { segment } = await findVisible(tx, ctx, id);
  compileCheckedFilter(ctx, segment.filter, await filterScope(tx, ctx), '');
  return segment;
}
