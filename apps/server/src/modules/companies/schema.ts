import { sql } from 'drizzle-orm';
import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns, timestamps } from '../../platform/db/columns';
import { workspaces } from '../../platform/workspaces/schema';

/**
 * Companies (PRODUCT 2.4): the accounts leads belong to. A lead has at most one company (`leads.company_id`);
 * companies form a hierarchy through `parent_id`. Registry columns (legal name, registration id, address) are
 * filled by an enrichment provider; custom company fields live in `attributes`, defined like lead fields.
 */
export const companies = pgTable(
  'companies',
  {
    ...tenantColumns,
    name: text('name').notNull(),
    /** Lower-case host without `www.`; the key for matching leads by email domain. */
    domain: text('domain'),
    industry: text('industry'),
    /** Head-count band, e.g. '1-10', '11-50', … (contracts list the bands). */
    size: text('size'),
    region: text('region'),
    parentId: uuid('parent_id'),
    legalName: text('legal_name'),
    registrationId: text('registration_id'),
    address: text('address'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    enrichedAt: timestamp('enriched_at', { withTimezone: true }),
    enrichmentProvider: text('enrichment_provider'),
    createdBy: uuid('created_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ name: 'companies_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('companies_workspace_domain_key')
      .on(t.workspaceId, t.domain)
      .where(sql`${t.domain} is not null`),
    index('companies_workspace_name_idx').on(t.workspaceId, sql`lower(${t.name})`),
    index('companies_workspace_parent_idx').on(t.workspaceId, t.parentId),
    // The migration makes this ON DELETE SET NULL (parent_id): deleting a parent leaves its children top-level.
    // leads.company_id references companies the same way (leads_company_fk, hand-written in 0006).
    foreignKey({
      name: 'companies_parent_fk',
      columns: [t.workspaceId, t.parentId],
      foreignColumns: [t.workspaceId, t.id],
    }),
    foreignKey({ name: 'companies_workspace_fk', columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete(
      'cascade',
    ),
  ],
);
