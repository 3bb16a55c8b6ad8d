import { LEAD_OPTIONAL_TEXT_FIELDS } from '@kindling/contracts/leads';
import type { Lead, LeadSource } from '@kindling/contracts/leads';
import { ZLeadSource } from '@kindling/contracts/leads';
import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { conflict, invalid, notFound, uniqueViolation } from '../../platform/http/errors';
import { isMember } from '../../platform/workspaces/service';
import { appendActivities } from '../activities/service';
import { validateAttributes } from '../fields/service';
import { cachedLeadCount, leadsChanged } from './count-cache';
import { leads } from './schema';

type LeadRow = typeof leads.$inferSelect;

export interface LeadInput {
  name?: string | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  companyName?: string | null | undefined;
  jobTitle?: string | null | undefined;
  source?: LeadSource | undefined;
  ownerId?: string | null | undefined;
  wechatOpenid?: string | null | undefined;
  wechatUnionid?: string | null | undefined;
  province?: string | null | undefined;
  city?: string | null | undefined;
  industry?: string | null | undefined;
  /** Custom field values by key; checked by `validateAttributes`. null clears a value. */
  attributes?: Record<string, unknown> | undefined;
}

export interface LeadListQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  sort: 'createdAt' | 'updatedAt' | 'name' | 'email' | 'companyName' | 'source';
  order: 'asc' | 'desc';
  source?: LeadSource | undefined;
  ownerId?: string | undefined;
  view: 'active' | 'deleted';
}

/** Fields whose changes are recorded in the timeline, in display order. */
const TRACKED_FIELDS = ['name', ...LEAD_OPTIONAL_TEXT_FIELDS, 'source', 'ownerId'] as const;

export const SORT_COLUMNS = {
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
  name: leads.name,
  email: leads.email,
  companyName: leads.companyName,
  source: leads.source,
};

export const leadColumns = { lead: leads, ownerName: users.name };

const KNOWN_SOURCES: ReadonlySet<string> = new Set(ZLeadSource.options);
const asLeadSource = (value: string): LeadSource => (KNOWN_SOURCES.has(value) ? (value as LeadSource) : 'other');

export function toLead(row: LeadRow, ownerName: string | null): Lead {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    companyName: row.companyName,
    jobTitle: row.jobTitle,
    source: asLeadSource(row.source),
    ownerId: row.ownerId,
    ownerName: row.ownerId ? ownerName : null,
    wechatOpenid: row.wechatOpenid,
    wechatUnionid: row.wechatUnionid,
    province: row.province,
    city: row.city,
    industry: row.industry,
    attributes: row.attributes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

/** % and _ are LIKE wildcards; a user searching "50%" means the text. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function assertOwnerIsMember(tx: Db, ctx: ServiceContext, ownerId: string | null | undefined): Promise<void> {
  if (ownerId && !(await isMember(tx, ctx.workspaceId, ownerId))) {
    throw invalid([{ path: 'body.ownerId', message: 'The owner must be a member of this workspace' }]);
  }
}

function emailTaken(error: unknown): never {
  if (uniqueViolation(error) === 'leads_workspace_email_key') {
    throw conflict('A lead with this email already exists', [
      { path: 'body.email', message: 'A lead with this email already exists' },
    ]);
  }
  throw error;
}

/** The lead with this id in the workspace, live (default) or in the recycle bin; 404 otherwise. */
async function findRow(tx: Db, ctx: ServiceContext, id: string, inRecycleBin = false) {
  const [row] = await tx
    .select(leadColumns)
    .from(leads)
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(
      and(
        eq(leads.workspaceId, ctx.workspaceId),
        eq(leads.id, id),
        inRecycleBin ? isNotNull(leads.deletedAt) : isNull(leads.deletedAt),
      ),
    );
  if (!row) throw notFound('Lead');
  return row;
}

export async function getLead(tx: Db, ctx: ServiceContext, id: string): Promise<Lead> {
  const { lead, ownerName } = await findRow(tx, ctx, id);
  return toLead(lead, ownerName);
}

export async function createLead(tx: Db, ctx: ServiceContext, input: LeadInput & { name: string }): Promise<Lead> {
  await assertOwnerIsMember(tx, ctx, input.ownerId);
  const attributes = Object.fromEntries(
    Object.entries(await validateAttributes(tx, ctx, input.attributes, { partial: false })).filter(
      ([, value]) => value !== null,
    ),
  );
  const [row] = await tx
    .insert(leads)
    .values({
      workspaceId: ctx.workspaceId,
      name: input.name,
      email: input.email ?? null,
      phone: input.phone ?? null,
      companyName: input.companyName ?? null,
      jobTitle: input.jobTitle ?? null,
      source: input.source ?? 'manual',
      ownerId: input.ownerId ?? null,
      wechatOpenid: input.wechatOpenid ?? null,
      wechatUnionid: input.wechatUnionid ?? null,
      province: input.province ?? null,
      city: input.city ?? null,
      industry: input.industry ?? null,
      attributes,
      createdBy: ctx.userId,
    })
    .returning()
    .catch(emailTaken);
  if (!row) throw new Error('lead insert returned nothing');
  leadsChanged(ctx.workspaceId);
  await appendActivities(tx, ctx, [
    { leadId: row.id, type: 'lead_created', source: 'console', properties: { name: row.name, source: row.source } },
    ...(row.ownerId
      ? [{ leadId: row.id, type: 'lead_assigned', source: 'console', properties: { from: null, to: row.ownerId } }]
      : []),
  ]);
  return getLead(tx, ctx, row.id);
}

/** Applies a partial update; records one `lead_updated` activity listing each changed field's from → to. */
export async function updateLead(tx: Db, ctx: ServiceContext, id: string, input: LeadInput): Promise<Lead> {
  const { lead: before } = await findRow(tx, ctx, id);
  await assertOwnerIsMember(tx, ctx, input.ownerId);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set: Partial<typeof leads.$inferInsert> = {};
  for (const field of TRACKED_FIELDS) {
    const value = input[field];
    if (value === undefined || value === before[field]) continue;
    if (field === 'name' && value === null) continue;
    changes[field] = { from: before[field], to: value };
    Object.assign(set, { [field]: value });
  }
  const attributes = await validateAttributes(tx, ctx, input.attributes, { partial: true, leadId: id });
  const merged: Record<string, unknown> = {};
  const cleared: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    const from = before.attributes[key] ?? null;
    if (JSON.stringify(from) === JSON.stringify(value)) continue;
    changes[`attributes.${key}`] = { from, to: value };
    if (value === null) cleared.push(key);
    else merged[key] = value;
  }
  let attributesSql: SQL | undefined;
  if (Object.keys(merged).length > 0 || cleared.length > 0) {
    // Merged in SQL (jsonb ||, then - for cleared keys) so values written concurrently to other keys survive.
    const removed =
      cleared.length > 0
        ? sql` - array[${sql.join(
            cleared.map((k) => sql`${k}`),
            sql`, `,
          )}]::text[]`
        : sql``;
    attributesSql = sql`(${leads.attributes} || ${JSON.stringify(merged)}::jsonb)${removed}`;
  }
  if (Object.keys(set).length === 0 && !attributesSql) return getLead(tx, ctx, id);
  await tx
    .update(leads)
    .set(attributesSql ? { ...set, attributes: attributesSql } : set)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)))
    .catch(emailTaken);
  leadsChanged(ctx.workspaceId);
  const { ownerId, ...fieldChanges } = changes;
  await appendActivities(tx, ctx, [
    ...(Object.keys(fieldChanges).length > 0
      ? [{ leadId: id, type: 'lead_updated', source: 'console', properties: { changes: fieldChanges } }]
      : []),
    ...(ownerId ? [{ leadId: id, type: 'lead_assigned', source: 'console', properties: ownerId }] : []),
  ]);
  return getLead(tx, ctx, id);
}

/** Soft delete: the lead leaves every list but stays restorable for 30 days. */
export async function deleteLead(tx: Db, ctx: ServiceContext, id: string): Promise<void> {
  await findRow(tx, ctx, id);
  await tx
    .update(leads)
    .set({ deletedAt: new Date() })
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)));
  leadsChanged(ctx.workspaceId);
  await appendActivities(tx, ctx, [{ leadId: id, type: 'lead_deleted', source: 'console' }]);
}

export async function restoreLead(tx: Db, ctx: ServiceContext, id: string): Promise<Lead> {
  await findRow(tx, ctx, id, true);
  await tx
    .update(leads)
    .set({ deletedAt: null })
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)))
    .catch(emailTaken);
  leadsChanged(ctx.workspaceId);
  await appendActivities(tx, ctx, [{ leadId: id, type: 'lead_restored', source: 'console' }]);
  return getLead(tx, ctx, id);
}

function ownerCondition(ctx: ServiceContext, ownerId: string | undefined): SQL | undefined {
  if (!ownerId) return undefined;
  if (ownerId === 'none') return isNull(leads.ownerId);
  if (ownerId === 'me') return ctx.userId ? eq(leads.ownerId, ctx.userId) : sql`false`;
  return eq(leads.ownerId, ownerId);
}

export function leadListFilter(
  ctx: ServiceContext,
  query: Omit<LeadListQuery, 'page' | 'pageSize' | 'sort' | 'order'>,
): SQL {
  const conditions: (SQL | undefined)[] = [
    eq(leads.workspaceId, ctx.workspaceId),
    query.view === 'deleted' ? isNotNull(leads.deletedAt) : isNull(leads.deletedAt),
    query.source ? eq(leads.source, query.source) : undefined,
    ownerCondition(ctx, query.ownerId),
  ];
  if (query.q) {
    const pattern = likePattern(query.q);
    conditions.push(
      or(
        ilike(leads.name, pattern),
        ilike(leads.email, pattern),
        ilike(leads.phone, pattern),
        ilike(leads.companyName, pattern),
      ),
    );
  }
  return and(...conditions) ?? sql`true`;
}

export async function listLeads(tx: Db, ctx: ServiceContext, query: LeadListQuery) {
  const where = leadListFilter(ctx, query);
  const column = SORT_COLUMNS[query.sort];
  const direction = query.order === 'asc' ? asc : desc;
  const filterKey = JSON.stringify([query.view, query.q ?? '', query.source ?? '', query.ownerId ?? '']);
  const [rows, total] = await Promise.all([
    tx
      .select(leadColumns)
      .from(leads)
      .leftJoin(users, eq(users.id, leads.ownerId))
      .where(where)
      // id breaks ties so pages never repeat or skip rows with equal sort values.
      .orderBy(sql`${direction(column)} nulls last`, direction(leads.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    cachedLeadCount(
      ctx.workspaceId,
      filterKey,
      async () => (await tx.select({ n: count() }).from(leads).where(where))[0]?.n ?? 0,
    ),
  ]);
  return {
    items: rows.map(({ lead, ownerName }) => toLead(lead, ownerName)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function addNote(tx: Db, ctx: ServiceContext, leadId: string, body: string) {
  await findRow(tx, ctx, leadId);
  await appendActivities(tx, ctx, [{ leadId, type: 'note_added', source: 'console', properties: { body } }]);
}
