import type { FilterNode } from '@kindling/contracts/filters';
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantColumns, timestamps } from '../../platform/db/columns';
import { workspaces } from '../../platform/workspaces/schema';

/**
 * Saved filters (PRODUCT 2.1): a named filter AST whose members are computed live, never materialised.
 * `schema_version` is the version of the filter language the AST was written in, for future migrations.
 */
export const segments = pgTable(
  'segments',
  {
    ...tenantColumns,
    name: text('name').notNull(),
    description: text('description'),
    filter: jsonb('filter').$type<FilterNode>().notNull(),
    schemaVersion: integer('schema_version').notNull().default(1),
    /** Shared segments are visible to the whole workspace; private ones only to their creator. */
    shared: boolean('shared').notNull().default(true),
    createdBy: uuid('created_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ name: 'segments_pkey', columns: [t.workspaceId, t.id] }),
    /** Names are unique per workspace, ignoring letter case ("VIP" and "vip" would confuse everyone). */
    uniqueIndex('segments_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    index('segments_workspace_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    foreignKey({ name: 'segments_workspace_fk', columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete(
      'cascade',
    ),
  ],
);
