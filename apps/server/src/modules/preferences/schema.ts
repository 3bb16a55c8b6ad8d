import { foreignKey, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema';
import { tenantColumns, timestamps } from '../../platform/db/columns';
import { workspaces } from '../../platform/workspaces/schema';

/** One user's settings in one workspace, by key (e.g. `lead-columns`); the value's shape belongs to the key. */
export const userPreferences = pgTable(
  'user_preferences',
  {
    ...tenantColumns,
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ name: 'user_preferences_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('user_preferences_workspace_user_key_key').on(t.workspaceId, t.userId, t.key),
    foreignKey({
      name: 'user_preferences_workspace_fk',
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete('cascade'),
  ],
);
