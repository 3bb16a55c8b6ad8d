import { leadFilterCatalog } from '@kindling/contracts/company-filter-fields';
import type { FieldDefinition, FieldType } from '@kindling/contracts/fields';
import { evaluateFilter, type EvaluableActivity } from '@kindling/contracts/filter-evaluate';
import type { FilterNode } from '@kindling/contracts/filters';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import { activities } from '../activities/schema';
import { companies } from '../companies/schema';
import { BUILT_IN_FIELDS, COMPANY_BUILT_IN_FIELDS } from '../fields/builtin';
import { leads } from '../leads/schema';
import { expect } from 'vitest';
import { callAs, type TestContext, type TestUser } from '../../testing/test-app';
import { compileFilter } from './compile-sql';

/**
 * Test-only helpers shared by the filter tests: a catalogue with one custom lead field per type plus the company
 * fields (`company.*`, with a few custom ones), and a runner.
 */

const custom = (key: string, type: FieldType, options: string[] = []): FieldDefinition => ({
  key,
  label: { 'zh-CN': key, en: key },
  type,
  options: options.map((value) => ({ value, label: { 'zh-CN': value, en: value } })),
  required: false,
  unique: false,
  helpText: null,
  builtIn: false,
  archived: false,
  position: 100,
});

export const TEST_CATALOG: FieldDefinition[] = leadFilterCatalog(
  [
    ...BUILT_IN_FIELDS,
    custom('c_text', 'text'),
    custom('c_email', 'email'),
    custom('c_num', 'number'),
    custom('c_date', 'date'),
    custom('c_dt', 'datetime'),
    custom('c_sel', 'single_select', ['a', 'b', 'c']),
    custom('c_multi', 'multi_select', ['x', 'y', 'z']),
    custom('c_bool', 'boolean'),
  ],
  [
    ...COMPANY_BUILT_IN_FIELDS,
    custom('cc_text', 'text'),
    custom('cc_num', 'number'),
    custom('cc_date', 'date'),
    custom('cc_multi', 'multi_select', ['x', 'y', 'z']),
    custom('cc_bool', 'boolean'),
  ],
);

/** A lead's company; leads sharing one object share one company row. */
export interface TestCompany {
  name: string;
  domain?: string | null;
  industry?: string | null;
  size?: string | null;
  region?: string | null;
  attributes?: Record<string, unknown>;
}

export interface TestLead {
  name: string;
  email?: string | null;
  companyName?: string | null;
  jobTitle?: string | null;
  source?: string;
  ownerId?: string | null;
  createdAt?: Date;
  attributes?: Record<string, unknown>;
  activities?: EvaluableActivity[];
  company?: TestCompany | null;
}

/** Inserts the distinct companies of `rows` (by object identity); returns each one's id. */
async function seedCompanies(db: Db, workspaceId: string, rows: readonly TestLead[]) {
  const distinct = [...new Set(rows.flatMap((r) => (r.company ? [r.company] : [])))];
  const ids = new Map<TestCompany, string>();
  if (distinct.length === 0) return ids;
  const inserted = await db
    .insert(companies)
    .values(
      distinct.map((c) => ({
        workspaceId,
        name: c.name,
        domain: c.domain ?? null,
        industry: c.industry ?? null,
        size: c.size ?? null,
        region: c.region ?? null,
        attributes: c.attributes ?? {},
      })),
    )
    .returning({ id: companies.id });
  distinct.forEach((company, i) => ids.set(company, inserted[i]!.id));
  return ids;
}

/** Replaces the workspace's leads (and companies) with `rows`; returns the lead ids in order. */
export async function seedLeads(db: Db, workspaceId: string, rows: readonly TestLead[]): Promise<string[]> {
  await db.delete(leads).where(eq(leads.workspaceId, workspaceId));
  await db.delete(companies).where(eq(companies.workspaceId, workspaceId));
  if (rows.length === 0) return [];
  const companyIds = await seedCompanies(db, workspaceId, rows);
  const inserted = await db
    .insert(leads)
    .values(
      rows.map((r) => ({
        workspaceId,
        name: r.name,
        email: r.email ?? null,
        companyName: r.companyName ?? null,
        jobTitle: r.jobTitle ?? null,
        source: r.source ?? 'manual',
        ownerId: r.ownerId ?? null,
        attributes: r.attributes ?? {},
        companyId: r.company ? companyIds.get(r.company) : null,
        createdAt: r.createdAt ?? new Date('2024-06-01T00:00:00Z'),
        updatedAt: r.createdAt ?? new Date('2024-06-01T00:00:00Z'),
      })),
    )
    .returning({ id: leads.id });
  const ids = inserted.map((r) => r.id);
  const acts = rows.flatMap((r, i) =>
    (r.activities ?? []).map((a) => ({
      workspaceId,
      leadId: ids[i]!,
      type: a.type,
      source: 'test',
      occurredAt: a.occurredAt,
      properties: a.properties,
    })),
  );
  if (acts.length > 0) await db.insert(activities).values(acts);
  return ids;
}

export interface RunOptions {
  now: Date;
  timeZone: string;
  catalog?: FieldDefinition[];
}

/** Indexes of the leads the SQL compiler selects (run as the tenant role, through RLS). */
export async function sqlMatches(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  filter: FilterNode,
  options: RunOptions,
): Promise<number[]> {
  const condition = compileFilter(filter, { catalog: options.catalog ?? TEST_CATALOG, workspaceId, ...options });
  const rows = await withTenant(db, workspaceId, (tx) =>
    tx
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), isNull(leads.deletedAt), condition)),
  );
  const found = new Set(rows.map((r) => r.id));
  return ids.flatMap((id, i) => (found.has(id) ? [i] : []));
}

/** Indexes of the leads the in-memory evaluator accepts. */
export function evaluatorMatches(rows: readonly TestLead[], filter: FilterNode, options: RunOptions): number[] {
  return rows.flatMap((r, i) => {
    const lead = {
      name: r.name,
      email: r.email ?? null,
      companyName: r.companyName ?? null,
      jobTitle: r.jobTitle ?? null,
      source: r.source ?? 'manual',
      ownerId: r.ownerId ?? null,
      createdAt: r.createdAt ?? new Date('2024-06-01T00:00:00Z'),
      updatedAt: r.createdAt ?? new Date('2024-06-01T00:00:00Z'),
      attributes: r.attributes ?? {},
      company: r.company ? { ...r.company, attributes: r.company.attributes ?? {} } : null,
    };
    const context = { catalog: options.catalog ?? TEST_CATALOG, activities: r.activities ?? [], ...options };
    return evaluateFilter(filter, lead, context) ? [i] : [];
  });
}

/** The custom single-select field "tier" (gold / silver) that the segment API tests filter on. */
export async function createTierField(ctx: TestContext, user: TestUser): Promise<void> {
  const res = await callAs(ctx, user, 'POST', '/api/v1/fields', {
    key: 'tier',
    label: { 'zh-CN': '等级', en: 'Tier' },
    type: 'single_select',
    options: [
      { value: 'gold', label: { 'zh-CN': '金', en: 'Gold' } },
      { value: 'silver', label: { 'zh-CN': '银', en: 'Silver' } },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
}
