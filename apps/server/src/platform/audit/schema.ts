import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns } from '../db/columns';
import { workspaces } from '../workspaces/schema';

/** Security-relevant actions: who did what, when, from where. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    ...tenantColumns,
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'audit_log_pkey', columns: [t.workspaceId, t.id] }),
    index('audit_log_workspace_created_idx').on(t.workspaceId, t.createdAt.desc()),
    foreignKey({ name: 'audit_log_workspace_fk', columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete(
      'cascade',
    ),
  ],
);
