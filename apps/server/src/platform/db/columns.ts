import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from './ids';

/** Columns every tenant table starts with; primary key is (workspace_id, id). */
export const tenantColumns = {
  workspaceId: uuid('workspace_id').notNull(),
  id: uuid('id').notNull().$defaultFn(newId),
};

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};
