import { LEAD_OPTIONAL_TEXT_FIELDS } from '@kindling/contracts/leads';
import type { Lead, LeadSource } from '@kindling/contracts/leads';
import { ZLeadSource } from '@kindling/contracts/leads';
import { and, count, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import type { Db } from '../../platform/db/client';
import { containsPattern } from '../../platform/db/like-pattern';
import type { ServiceContext } from '../../platform/http/context';
import { conflict, invalid, notFound, uniqueViolation } from '../../platform/http/errors';
import { isMember } from '../../platform/workspaces/service';
import { appendActivities } from '../activities/service';
import { matchCompaniesForLeads } from '../companies/matching';
import { companies } from '../companies/schema';
import { findCompanyRef } from '../companies/service';
import { mergeAttributesSql } from '../fields/merge-attributes';
import { validateAttributes } from '../fields/service';
import { cachedLeadCount, leadsChanged } from './count-cache';
import { leads } from './schema';
import { leadOrderBy } from './sort';

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
  /** The company record; must be a company of the workspace. null unlinks. */
  companyId?: string | null | undefined;
  /** Custom field values by key; checked by `validateAttributes`. null clears a value. */
  attributes?: Record<string, unknown> | undefined;
}

export interface LeadListQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  /** A built-in field key or `attr.<custom key>` (see ./sort.ts). */
  sort: string;
  order: 'asc' | 'desc';
  source?: LeadSource | undefined;
  ownerId?: string | undefined;
  /** Leads linked to this company. */
  companyId?: string | undefined;
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

/**
 * What the lead queries select: the row, the owner's name (left-joined `users`) and the linked company's name
 * (a primary-key lookup per returned row, so no query needs to join `companies`).
 */
export const leadColumns = {
  lead: leads,
  ownerName: users.name,
  linkedCompanyName: sql<string | null>`(select ${companies.name} from ${companies}
    where ${companies.workspaceId} = ${leads.workspaceId} and ${companies.id} = ${leads.companyId})`,
};

const KNOWN_SOURCES: ReadonlySet<string> = new Set(ZLeadSource.options);
const asLeadSource = (value: string): LeadSource => (KNOWN_SOURCES.has(value) ? (value as LeadSource) : 'other');

export function toLead(row: LeadRow, ownerName: string | null, linkedCompanyName: string | null): Lead {
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
    companyId: row.companyId,
    company: row.companyId && linkedCompanyName !== null ? { id: row.companyId, name: linkedCompanyName } : null,
    attributes: row.attributes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
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
  const { lead, ownerName, linkedCompanyName } = await findRow(tx, ctx, id);
  return toLead(lead, ownerName, linkedCompanyName);
}

/**
 * Creates a lead. With `companyId` it is linked to that company (and takes its name when `companyName` is empty);
 * without, a company matching its email domain or company name is linked if there is one (none is created).
 */
export async function createLead(tx: Db, ctx: ServiceContext, input: LeadInput & { name: string }): Promise<Lead> {
  await assertOwnerIsMember(tx, ctx, input.ownerId);
  const company = input.companyId ? await findCompanyRef(tx, ctx, input.companyId, 'body.companyId') : null;
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
      companyName: input.companyName || company?.name || null,
      companyId: company?.id ?? null,
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
  if (!company) {
    const match = { leadId: row.id, companyName: row.companyName, email: row.email };
    await matchCompaniesForLeads(tx, ctx, [match], { createMissing: false });
  }
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
  const { lead: before, linkedCompanyName } = await findRow(tx, ctx, id);
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
  if (input.companyId !== undefined && input.companyId !== before.companyId) {
    const company = input.companyId ? await findCompanyRef(tx, ctx, input.companyId, 'body.companyId') : null;
    // Recorded as {id, name} so the timeline can name (and link) the companies, even after one is deleted.
    const from = before.companyId ? { id: before.companyId, name: linkedCompanyName } : null;
    changes.companyId = { from, to: company };
    set.companyId = company?.id ?? null;
    const nameAfter = input.companyName === undefined ? before.companyName : input.companyName;
    if (company && !nameAfter) {
      changes.companyName = { from: before.companyName, to: company.name };
      set.companyName = company.name;
    }
  }
  const attributes = await validateAttributes(tx, ctx, input.attributes, { partial: true, leadId: id });
  const changedAttributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const from = before.attributes[key] ?? null;
    if (JSON.stringify(from) === JSON.stringify(value)) continue;
    changes[`attributes.${key}`] = { from, to: value };
    changedAttributes[key] = value;
  }
  const attributesSql = mergeAttributesSql(leads.attributes, changedAttributes);
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
    query.companyId ? eq(leads.companyId, query.companyId) : undefined,
  ];
  if (query.q) {
    const pattern = containsPattern(query.q);
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
  const orderBy = await leadOrderBy(tx, ctx, query.sort, query.order, 'query.sort');
  const filterKey = JSON.stringify([
    query.view,
    query.q ?? '',
    query.source ?? '',
    query.ownerId ?? '',
    query.companyId ?? '',
  ]);
  // Sequential: a transaction's connection runs one query at a time anyway (pg 9 will refuse overlap).
  const rows = await tx
    .select(leadColumns)
    .from(leads)
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(where)
    .orderBy(...orderBy)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const total = await cachedLeadCount(
    ctx.workspaceId,
    filterKey,
    async () => (await tx.select({ n: count() }).from(leads).where(where))[0]?.n ?? 0,
  );
  return {
    items: rows.map(({ lead, ownerName, linkedCompanyName }) => toLead(lead, ownerName, linkedCompanyName)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function addNote(tx: Db, ctx: ServiceContext, leadId: string, body: string) {
  await findRow(tx, ctx, leadId);
  await appendActivities(tx, ctx, [{ leadId, type: 'note_added', source: 'console', properties: { body } }]);
}
