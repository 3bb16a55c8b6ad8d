import type { FieldDefinition, FieldType } from '@kindling/contracts/fields';
import { evaluateFilter, type EvaluableActivity } from '@kindling/contracts/filter-evaluate';
import type { FilterNode } from '@kindling/contracts/filters';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import { activities } from '../activities/schema';
import { BUILT_IN_FIELDS } from '../fields/builtin';
import { leads } from '../leads/schema';
import { expect } from 'vitest';
import { callAs, type TestContext, type TestUser } from '../../testing/test-app';
import { compileFilter } from './compile-sql';

/** Test-only helpers shared by the filter tests: a catalogue with one custom field per type, and a runner. */

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

export const TEST_CATALOG: FieldDefinition[] = [
  ...BUILT_IN_FIELDS,
  custom('c_text', 'text'),
  custom('c_email', 'email'),
  custom('c_num', 'number'),
  custom('c_date', 'date'),
  custom('c_dt', 'datetime'),
  custom('c_sel', 'single_select', ['a', 'b', 'c']),
  custom('c_multi', 'multi_select', ['x', 'y', 'z']),
  custom('c_bool', 'boolean'),
];

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
}

/** Replaces the workspace's leads with `rows`; returns their ids in order. */
export async function seedLeads(db: Db, workspaceId: string, rows: readonly TestLead[]): Promise<string[]> {
  await db.delete(leads).where(eq(leads.workspaceId, workspaceId));
  if (rows.length === 0) return [];
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
