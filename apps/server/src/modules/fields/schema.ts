import type { FieldOption, FieldType, LocalizedText } from '@kindling/contracts/fields';
import {
  boolean,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { tenantColumns, timestamps } from '../../platform/db/columns';
import { workspaces } from '../../platform/workspaces/schema';

/** Custom lead field definitions; values live in `leads.attributes` under `key`. Built-in fields are in code. */
export const fieldDefinitions = pgTable(
  'field_definitions',
  {
    ...tenantColumns,
    /** What the field describes: 'lead' (values in leads.attributes) or 'company' (companies.attributes). */
    entity: text('entity').$type<'lead' | 'company'>().notNull().default('lead'),
    key: text('key').notNull(),
    label: jsonb('label').$type<LocalizedText>().notNull(),
    type: text('type').$type<FieldType>().notNull(),
    options: jsonb('options').$type<FieldOption[]>().notNull().default([]),
    required: boolean('required').notNull().default(false),
    uniqueValues: boolean('unique_values').notNull().default(false),
    helpText: text('help_text'),
    position: integer('position').notNull().default(0),
    /** Archived fields keep their values but leave forms and cannot be written. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ name: 'field_definitions_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('field_definitions_workspace_entity_key_key').on(t.workspaceId, t.entity, t.key),
    foreignKey({
      name: 'field_definitions_workspace_fk',
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete('cascade'),
  ],
);
