import { stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  DedupeKey,
  DedupeMode,
  ImportCompanies,
  ImportMapping,
  ImportStatus,
  LeadImport,
  LeadImportUpload,
} from '@kindling/contracts/imports';
import { ZDedupeMode, ZImportStatus } from '@kindling/contracts/imports';
import type { LeadSource } from '@kindling/contracts/leads';
import { and, count, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service';
import { users } from '../../platform/auth/schema';
import type { Database, Db } from '../../platform/db/client';
import { newId } from '../../platform/db/ids';
import { withTenant } from '../../platform/db/tenant';
import type { ServiceContext } from '../../platform/http/context';
import { conflict, invalid, notFound } from '../../platform/http/errors';
import { createTask } from '../../platform/jobs/tasks';
import { tasks } from '../../platform/jobs/schema';
import { isMember } from '../../platform/workspaces/service';
import { getFieldCatalog } from '../fields/service';
import { detectFileFormat, unreadableFile, type FileFormat } from './file-format';
import { headerNames } from './headers';
import { mappingProblems } from './import-plan';
import { readSheetStart } from './read-sheet-start';
import { leadImports } from './schema';
import { cellText } from './sheet-source';
import { readStoredOptions } from './stored-options';
import { suggestMapping } from './suggest-mapping';

type ImportRecord = typeof leadImports.$inferSelect;
type TaskRecord = Pick<typeof tasks.$inferSelect, 'progressDone' | 'progressTotal'>;

const PREVIEW_ROWS = 5;

function toLeadImport(row: ImportRecord, creatorName: string | null, task: TaskRecord | null): LeadImport {
  const options = readStoredOptions(row.options);
  const status = ZImportStatus.safeParse(row.status);
  const dedupeMode = ZDedupeMode.safeParse(row.dedupeMode);
  const counts = {
    created: row.createdCount,
    updated: row.updatedCount,
    skipped: row.skippedCount,
    rejected: row.rejectedCount,
  };
  const handled = counts.created + counts.updated + counts.skipped + counts.rejected;
  // The importer's choices exist once the import was started.
  const started = row.dedupeMode !== null;
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format === 'xlsx' ? 'xlsx' : 'csv',
    encoding: row.encoding,
    sizeBytes: row.sizeBytes,
    status: status.success ? status.data : 'failed',
    headers: row.headers,
    mapping: row.mapping,
    dedupeMode: dedupeMode.success ? dedupeMode.data : null,
    dedupeKeys: started ? options.dedupeKeys : [],
    ownerId: options.ownerId,
    source: started ? options.source : null,
    taskId: row.taskId,
    totalRows: row.totalRows,
    counts,
    progress: {
      done: Math.max(handled, task?.progressDone ?? 0),
      total: row.totalRows ?? task?.progressTotal ?? null,
    },
    hasErrorReport: row.errorReportPath !== null,
    error: row.error,
    createdBy: row.createdBy && creatorName !== null ? { id: row.createdBy, name: creatorName } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const importColumns = {
  row: leadImports,
  creatorName: users.name,
  progressDone: tasks.progressDone,
  progressTotal: tasks.progressTotal,
};

function selectImports(tx: Db) {
  return tx
    .select(importColumns)
    .from(leadImports)
    .leftJoin(users, eq(users.id, leadImports.createdBy))
    .leftJoin(tasks, and(eq(tasks.workspaceId, leadImports.workspaceId), eq(tasks.id, leadImports.taskId)));
}

type SelectedImport = Awaited<ReturnType<ReturnType<typeof selectImports>['execute']>>[number];

const fromSelected = ({ row, creatorName, progressDone, progressTotal }: SelectedImport): LeadImport =>
  toLeadImport(row, creatorName, progressDone === null ? null : { progressDone, progressTotal: progressTotal ?? null });

async function findImport(tx: Db, ctx: ServiceContext, id: string): Promise<ImportRecord> {
  const [row] = await tx
    .select()
    .from(leadImports)
    .where(and(eq(leadImports.workspaceId, ctx.workspaceId), eq(leadImports.id, id)));
  if (!row) throw notFound('Import');
  return row;
}

export async function getLeadImport(tx: Db, ctx: ServiceContext, id: string): Promise<LeadImport> {
  const [found] = await selectImports(tx).where(
    and(eq(leadImports.workspaceId, ctx.workspaceId), eq(leadImports.id, id)),
  );
  if (!found) throw notFound('Import');
  return fromSelected(found);
}

/** Past imports, newest first. */
export async function listLeadImports(tx: Db, ctx: ServiceContext, query: { page: number; pageSize: number }) {
  const where = eq(leadImports.workspaceId, ctx.workspaceId);
  const rows = await selectImports(tx)
    .where(where)
    .orderBy(desc(leadImports.createdAt), desc(leadImports.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const totals = await tx.select({ n: count() }).from(leadImports).where(where);
  return { items: rows.map(fromSelected), total: totals[0]?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export interface ImportFileInput {
  /** The uploaded file, already on disk. */
  path: string;
  /** The name the user's file had. */
  fileName: string;
  /** The data directory: a file inside it is recorded relative to it (the rest by absolute path). */
  dataDir?: string | undefined;
  /** The id to give the import (an upload is stored under its import's id before the row exists). */
  importId?: string | undefined;
}

function storedPathOf(input: ImportFileInput): string {
  const absolute = path.resolve(input.path);
  if (!input.dataDir) return absolute;
  const relative = path.relative(input.dataDir, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}

/**
 * Registers an uploaded file as an import waiting for its mapping: reads its format, header and first rows, and
 * suggests a mapping. Refuses (400, nothing stored) empty files, files that are not spreadsheets, and files
 * without a header row or data rows. Usable without HTTP (the benchmark calls it).
 */
export async function createImportFromFile(
  database: Database,
  ctx: ServiceContext,
  input: ImportFileInput,
): Promise<LeadImportUpload> {
  const format: FileFormat = await detectFileFormat(input.path);
  const start = await readSheetStart(input.path, format, PREVIEW_ROWS);
  const headers = headerNames(start.header, format.format === 'xlsx');
  if (start.rows.length === 0) throw unreadableFile('noDataRows');
  const preview = start.rows.map((cells) => headers.map((_, i) => cellText(cells[i])));
  const { size } = await stat(input.path);
  return withTenant(database.db, ctx.workspaceId, async (tx) => {
    const catalog = await getFieldCatalog(tx, ctx);
    const [row] = await tx
      .insert(leadImports)
      .values({
        workspaceId: ctx.workspaceId,
        id: input.importId ?? newId(),
        fileName: input.fileName,
        format: format.format,
        encoding: format.encoding,
        storedPath: storedPathOf(input),
        // The column is an integer; uploads are capped far below its limit.
        sizeBytes: Math.min(size, 2_147_483_647),
        headers,
        options: { delimiter: format.delimiter, crLineBreaks: format.crLineBreaks },
        createdBy: ctx.userId,
      })
      .returning();
    if (!row) throw new Error('import insert returned nothing');
    return {
      import: await getLeadImport(tx, ctx, row.id),
      headers,
      preview,
      suggestedMapping: suggestMapping(headers, catalog),
      encoding: format.encoding,
      format: format.format,
    };
  });
}

export interface StartImportInput {
  mapping: ImportMapping;
  dedupeMode: DedupeMode;
  dedupeKeys: DedupeKey[];
  ownerId?: string | null | undefined;
  source: LeadSource;
  reportLanguage: 'zh-CN' | 'en';
  companies?: ImportCompanies | undefined;
}

/**
 * Fixes the mapping and dedupe choice of an uploaded import and queues it (a task shows its progress). The
 * mapping is checked against the file's columns and the workspace's fields (400 with `body.mapping.<column>`);
 * an import can start once (409 after). The caller enqueues the job after the transaction commits.
 */
export async function startLeadImport(
  tx: Db,
  ctx: ServiceContext,
  id: string,
  input: StartImportInput,
): Promise<{ import: LeadImport; taskId: string }> {
  const before = await findImport(tx, ctx, id);
  if (before.status !== 'uploaded') throw conflict('This import has already been started');
  const details = mappingProblems(input.mapping, before.headers, await getFieldCatalog(tx, ctx));
  if (input.ownerId && !(await isMember(tx, ctx.workspaceId, input.ownerId))) {
    details.push({ path: 'body.ownerId', message: 'The owner must be a member of this workspace' });
  }
  if (details.length > 0) throw invalid(details, details[0]?.message);

  const task = await createTask(tx, ctx, {
    kind: 'leads.import',
    title: `Import ${before.fileName}`,
    params: { importId: id },
  });
  const options = {
    ...before.options,
    dedupeKeys: input.dedupeKeys,
    ownerId: input.ownerId ?? null,
    source: input.source,
    reportLanguage: input.reportLanguage,
    companies: input.companies ?? 'create',
  };
  const [row] = await tx
    .update(leadImports)
    .set({
      status: 'queued' satisfies ImportStatus,
      mapping: input.mapping,
      dedupeMode: input.dedupeMode,
      options,
      taskId: task.id,
    })
    .where(
      and(eq(leadImports.workspaceId, ctx.workspaceId), eq(leadImports.id, id), eq(leadImports.status, 'uploaded')),
    )
    .returning();
  // Someone else started it between our read and this write.
  if (!row) throw conflict('This import has already been started');
  await recordAudit(tx, ctx, {
    action: 'leads.imported',
    targetType: 'lead_import',
    targetId: id,
    details: {
      fileName: row.fileName,
      format: row.format,
      sizeBytes: row.sizeBytes,
      mapping: input.mapping,
      dedupeMode: input.dedupeMode,
      dedupeKeys: input.dedupeKeys,
    },
  });
  return { import: await getLeadImport(tx, ctx, id), taskId: task.id };
}

/** The error report of an import, for download: who may fetch it is the route's decision. */
export async function errorReportOf(
  tx: Db,
  ctx: ServiceContext,
  id: string,
  dataDir: string,
): Promise<{ filePath: string; fileName: string; createdBy: string | null }> {
  const row = await findImport(tx, ctx, id);
  if (!row.errorReportPath) throw notFound('Error report');
  const base = row.fileName.replace(/\.(csv|xlsx|txt)$/i, '');
  return {
    filePath: path.resolve(dataDir, row.errorReportPath),
    fileName: `${base}-errors.csv`,
    createdBy: row.createdBy,
  };
}
