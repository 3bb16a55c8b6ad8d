import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns } from '../db/columns';
import { workspaces } from '../workspaces/schema';

/**
 * A user-visible long operation (export, import, bulk edit, re-score). pg-boss carries only the task id;
 * this row carries parameters, progress and the result the console's tasks drawer shows.
 */
export const tasks = pgTable(
  'tasks',
  {
    ...tenantColumns,
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull().default('queued'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    filePath: text('file_path'),
    fileName: text('file_name'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'tasks_pkey', columns: [t.workspaceId, t.id] }),
    index('tasks_workspace_created_idx').on(t.workspaceId, t.createdAt.desc()),
    foreignKey({ name: 'tasks_workspace_fk', columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete(
      'cascade',
    ),
  ],
);
