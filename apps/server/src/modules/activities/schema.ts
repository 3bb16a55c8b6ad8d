import { sql } from 'drizzle-orm';
import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns } from '../../platform/db/columns';
import { leads } from '../leads/schema';

/**
 * The spine (ARCHITECTURE §5): everything that happens to a lead, append-only. Writers that have a natural
 * idempotency key (provider message id, client event id) pass it as dedupe_key so replays change nothing.
 */
export const activities = pgTable(
  'activities',
  {
    ...tenantColumns,
    leadId: uuid('lead_id').notNull(),
    type: text('type').notNull(),
    source: text('source').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'activities_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('activities_dedupe_key')
      .on(t.workspaceId, t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null`),
    index('activities_lead_time_idx').on(t.workspaceId, t.leadId, t.occurredAt.desc(), t.id.desc()),
    index('activities_workspace_type_time_idx').on(t.workspaceId, t.type, t.occurredAt),
    foreignKey({
      name: 'activities_lead_fk',
      columns: [t.workspaceId, t.leadId],
      foreignColumns: [leads.workspaceId, leads.id],
    }).onDelete('cascade'),
  ],
);
