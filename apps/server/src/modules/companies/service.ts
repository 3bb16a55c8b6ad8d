import {
  COMPANY_SIZES,
  ZCompanySize,
  type Company,
  type CompanyDetail,
  type CompanyPage,
  type CompanyRef,
  type CompanySize,
  type CompanySortField,
} from '@kindling/contracts/companies';
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../platform/audit/service';
import type { Db } from '../../platform/db/client';
import { containsPattern } from '../../platform/db/like-pattern';
import type { ServiceContext } from '../../platform/http/context';
import { conflict, invalid, notFound, uniqueViolation } from '../../platform/http/errors';
import { appendActivities } from '../activities/service';
import { mergeAttributesSql } from '../fields/merge-attributes';
import { validateAttributes } from '../fields/service';
import { leadsChanged } from '../leads/count-cache';
import { leads } from '../leads/schema';
import { assertParentAllowed } from './hierarchy';
import { companies } from './schema';

type CompanyRow = typeof companies.$inferSelect;

/** What a person can write; `undefined` leaves a field as it is, null clears it. */
export interface CompanyInput {
  name?: string | undefined;
  domain?: string | null | undefined;
  industry?: string | null | undefined;
  size?: CompanySize | null | undefined;
  region?: string | null | undefined;
  parentId?: string | null | undefined;
  legalName?: string | null | undefined;
  registrationId?: string | null | undefined;
  address?: string | null | undefined;
  /** Custom company field values by key; checked by `validateAttributes`. null clears a value. */
  attributes?: Record<string, unknown> | undefined;
}

export interface CompanyListFilters {
  q?: string | undefined;
  industry?: string | undefined;
  size?: CompanySize | undefined;
  parentId?: string | undefined;
}

export interface CompanyListQuery extends CompanyListFilters {
  page: number;
  pageSize: number;
  sort: CompanySortField;
  order: 'asc' | 'desc';
}

/** Plain columns a write may change, in the order changes are reported. */
const WRITABLE_COLUMNS = [
  'name',
  'domain',
  'industry',
  'size',
  'region',
  'parentId',
  'legalName',
  'registrationId',
  'address',
] as const;

const parent = alias(companies, 'parent_company');

/** Live leads of the company (the recycle bin not counted); served by leads_workspace_company_idx. */
export const leadCountSql = sql<number>`(select count(*)::int from ${leads}
  where ${leads.workspaceId} = ${companies.workspaceId} and ${leads.companyId} = ${companies.id}
    and ${leads.deletedAt} is null)`;

/** Companies with their parent's name and their lead count (add where / order / limit). */
export function selectCompanies(tx: Db) {
  return tx
    .select({ company: companies, parentName: parent.name, leadCount: leadCountSql })
    .from(companies)
    .leftJoin(parent, and(eq(parent.workspaceId, companies.workspaceId), eq(parent.id, companies.parentId)));
}

const asSize = (value: string | null): CompanySize | null => {
  const parsed = ZCompanySize.safeParse(value);
  return parsed.success ? parsed.data : null;
};

export function toCompany(row: CompanyRow, parentName: string | null, leadCount: number): Company {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    industry: row.industry,
    size: asSize(row.size),
    region: row.region,
    parentId: row.parentId,
    parent: row.parentId && parentName !== null ? { id: row.parentId, name: parentName } : null,
    legalName: row.legalName,
    registrationId: row.registrationId,
    address: row.address,
    attributes: row.attributes,
    enrichedAt: row.enrichedAt?.toISOString() ?? null,
    enrichmentProvider: row.enrichmentProvider,
    leadCount: Number(leadCount),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function domainTaken(error: unknown): never {
  if (uniqueViolation(error) === 'companies_workspace_domain_key') {
    throw conflict('A company with this domain already exists', [
      { path: 'body.domain', message: 'A company with this domain already exists' },
    ]);
  }
  throw error;
}

const byId = (ctx: ServiceContext, id: string) => and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, id));

/** The company's row; 404 when the workspace has no such company. */
export async function findCompanyRow(tx: Db, ctx: ServiceContext, id: string): Promise<CompanyRow> {
  const [row] = await tx.select().from(companies).where(byId(ctx, id));
  if (!row) throw notFound('Company');
  return row;
}

/**
 * {id, name} of a company of this workspace, for links from leads; 400 at `path` when there is none (a company of
 * another workspace is "none" too: no existence leak).
 */
export async function findCompanyRef(tx: Db, ctx: ServiceContext, id: string, path: string): Promise<CompanyRef> {
  const [row] = await tx.select({ id: companies.id, name: companies.name }).from(companies).where(byId(ctx, id));
  if (!row) throw invalid([{ path, message: 'Choose a company of this workspace' }]);
  return row;
}

export async function getCompany(tx: Db, ctx: ServiceContext, id: string): Promise<CompanyDetail> {
  const [row] = await selectCompanies(tx).where(byId(ctx, id));
  if (!row) throw notFound('Company');
  const children = await tx
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.parentId, id)))
    .orderBy(asc(companies.name), asc(companies.id));
  return { ...toCompany(row.company, row.parentName, row.leadCount), children };
}

/** The list's WHERE: the workspace, the search box (name or domain) and the filters. */
export function companyListFilter(ctx: ServiceContext, filters: CompanyListFilters): SQL {
  const pattern = filters.q ? containsPattern(filters.q) : null;
  return (
    and(
      eq(companies.workspaceId, ctx.workspaceId),
      pattern ? or(ilike(companies.name, pattern), ilike(companies.domain, pattern)) : undefined,
      filters.industry ? sql`lower(${companies.industry}) = lower(${filters.industry})` : undefined,
      filters.size ? eq(companies.size, filters.size) : undefined,
      filters.parentId ? eq(companies.parentId, filters.parentId) : undefined,
    ) ?? sql`false`
  );
}

/** Bands sort by head count, not alphabetically ("11-50" after "1-10", not after "10000+"). */
const sizeRank = sql`array_position(array[${sql.join(
  COMPANY_SIZES.map((size) => sql`${size}`),
  sql`, `,
)}]::text[], ${companies.size})`;

const SORT_VALUES: Record<CompanySortField, SQL> = {
  name: sql`lower(${companies.name})`,
  domain: sql`${companies.domain}`,
  industry: sql`lower(${companies.industry})`,
  size: sizeRank,
  region: sql`lower(${companies.region})`,
  leadCount: leadCountSql,
  createdAt: sql`${companies.createdAt}`,
};

export async function listCompanies(tx: Db, ctx: ServiceContext, query: CompanyListQuery): Promise<CompanyPage> {
  const where = companyListFilter(ctx, query);
  const direction = query.order === 'asc' ? sql`asc` : sql`desc`;
  const rows = await selectCompanies(tx)
    .where(where)
    // Empty values last in both directions; id breaks ties so pages never repeat or skip rows.
    .orderBy(
      sql`${SORT_VALUES[query.sort]} ${direction} nulls last`,
      query.order === 'asc' ? asc(companies.id) : desc(companies.id),
    )
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await tx.select({ n: count() }).from(companies).where(where);
  return {
    items: rows.map((row) => toCompany(row.company, row.parentName, row.leadCount)),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function createCompany(
  tx: Db,
  ctx: ServiceContext,
  input: CompanyInput & { name: string },
): Promise<CompanyDetail> {
  if (input.parentId) await assertParentAllowed(tx, ctx, null, input.parentId);
  const attributes = Object.fromEntries(
    Object.entries(await validateAttributes(tx, ctx, input.attributes, { partial: false, entity: 'company' })).filter(
      ([, value]) => value !== null,
    ),
  );
  const [row] = await tx
    .insert(companies)
    .values({
      workspaceId: ctx.workspaceId,
      name: input.name,
      domain: input.domain ?? null,
      industry: input.industry ?? null,
      size: input.size ?? null,
      region: input.region ?? null,
      parentId: input.parentId ?? null,
      legalName: input.legalName ?? null,
      registrationId: input.registrationId ?? null,
      address: input.address ?? null,
      attributes,
      createdBy: ctx.userId,
    })
    .returning({ id: companies.id })
    .catch(domainTaken);
  if (!row) throw new Error('company insert returned nothing');
  return getCompany(tx, ctx, row.id);
}

/** Applies a partial update; a new parent is checked (same workspace, no cycle). */
export async function updateCompany(
  tx: Db,
  ctx: ServiceContext,
  id: string,
  input: CompanyInput,
): Promise<CompanyDetail> {
  const before = await findCompanyRow(tx, ctx, id);
  const set: Partial<typeof companies.$inferInsert> = {};
  for (const column of WRITABLE_COLUMNS) {
    const value = input[column];
    if (value === undefined || value === before[column]) continue;
    if (column === 'name' && value === null) continue;
    Object.assign(set, { [column]: value });
  }
  if (set.parentId) await assertParentAllowed(tx, ctx, id, set.parentId);
  const validated = await validateAttributes(tx, ctx, input.attributes, {
    partial: true,
    entity: 'company',
    companyId: id,
  });
  const changed = Object.fromEntries(
    Object.entries(validated).filter(
      ([key, value]) => JSON.stringify(before.attributes[key] ?? null) !== JSON.stringify(value),
    ),
  );
  const attributesSql = mergeAttributesSql(companies.attributes, changed);
  if (Object.keys(set).length === 0 && !attributesSql) return getCompany(tx, ctx, id);
  await tx
    .update(companies)
    .set(attributesSql ? { ...set, attributes: attributesSql } : set)
    .where(byId(ctx, id))
    .catch(domainTaken);
  return getCompany(tx, ctx, id);
}

const TIMELINE_CHUNK = 1000;

/**
 * Deletes a company. Its leads keep the company name as typed and lose the link (the foreign key clears
 * company_id); each gets a timeline entry saying so. Its divisions become top-level companies. Audited.
 */
export async function deleteCompany(tx: Db, ctx: ServiceContext, id: string): Promise<void> {
  const row = await findCompanyRow(tx, ctx, id);
  const linked = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.companyId, id)));
  const [children] = await tx
    .select({ n: count() })
    .from(companies)
    .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.parentId, id)));
  await tx.delete(companies).where(byId(ctx, id));
  const from = { id: row.id, name: row.name };
  for (let i = 0; i < linked.length; i += TIMELINE_CHUNK) {
    await appendActivities(
      tx,
      ctx,
      linked.slice(i, i + TIMELINE_CHUNK).map((lead) => ({
        leadId: lead.id,
        type: 'lead_updated',
        source: 'console',
        properties: { changes: { companyId: { from, to: null } }, reason: 'company_deleted' },
      })),
    );
  }
  if (linked.length > 0) leadsChanged(ctx.workspaceId);
  await recordAudit(tx, ctx, {
    action: 'companies.deleted',
    targetType: 'company',
    targetId: id,
    details: { name: row.name, domain: row.domain, unlinkedLeads: linked.length, detachedChildren: children?.n ?? 0 },
  });
}
