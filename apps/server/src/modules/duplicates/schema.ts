import { foreignKey, pgTable, primaryKey, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns } from '../../platform/db/columns';
import { workspaces } from '../../platform/workspaces/schema';

/**
 * Pairs a person marked "not a duplicate", so the duplicate list stops suggesting them. The pair is stored with
 * the smaller id first (`lead_a_id < lead_b_id`), so each pair has one row.
 */
export const duplicateDismissals = pgTable(
  'lead_duplicate_dismissals',
  {
    ...tenantColumns,
    leadAId: uuid('lead_a_id').notNull(),
    leadBId: uuid('lead_b_id').notNull(),
    dismissedBy: uuid('dismissed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'lead_duplicate_dismissals_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('lead_duplicate_dismissals_pair_key').on(t.workspaceId, t.leadAId, t.leadBId),
    foreignKey({
      name: 'lead_duplicate_dismissals_workspace_fk',
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete('cascade'),
  ],
);
