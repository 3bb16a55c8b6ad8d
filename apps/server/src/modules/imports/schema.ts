import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns, timestamps } from '../../platform/db/columns';
import { workspaces } from '../../platform/workspaces/schema';

/**
 * Lead imports (PRODUCT 2.1): an uploaded CSV/XLSX file, its column mapping and dedupe choice, and the outcome.
 * Every data row ends as created, updated, skipped or rejected, so the four counts add up to `total_rows`.
 * Rejected rows (with the reason) are written to a downloadable error report next to the upload.
 */
export const leadImports = pgTable(
  'lead_imports',
  {
    ...tenantColumns,
    fileName: text('file_name').notNull(),
    /** 'csv' | 'xlsx' */
    format: text('format').notNull(),
    /** Detected text encoding of a CSV ('UTF-8', 'GB18030', …); null for XLSX. */
    encoding: text('encoding'),
    /** Where the upload is stored, relative to the data directory. */
    storedPath: text('stored_path').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** 'uploaded' (waiting for the mapping) | 'queued' | 'running' | 'completed' | 'failed' */
    status: text('status').notNull().default('uploaded'),
    headers: jsonb('headers').$type<string[]>().notNull().default([]),
    /** Column index → field key (built-in or custom); unmapped columns are ignored. */
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    /** 'skip' | 'update_empty' | 'overwrite' */
    dedupeMode: text('dedupe_mode'),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    taskId: uuid('task_id'),
    totalRows: integer('total_rows'),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    errorReportPath: text('error_report_path'),
    error: text('error'),
    createdBy: uuid('created_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ name: 'lead_imports_pkey', columns: [t.workspaceId, t.id] }),
    index('lead_imports_workspace_created_idx').on(t.workspaceId, t.createdAt.desc()),
    foreignKey({
      name: 'lead_imports_workspace_fk',
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete('cascade'),
  ],
);
