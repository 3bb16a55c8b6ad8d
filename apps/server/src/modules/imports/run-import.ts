import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ZDedupeMode, type ImportCounts, type ImportFormat } from '@kindling/contracts/imports';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import type { ServiceContext } from '../../platform/http/context';
import type { TaskProgress } from '../../platform/jobs/tasks';
import { getWorkspace, listMembers } from '../../platform/workspaces/service';
import { getFieldCatalog } from '../fields/service';
import { ErrorReport } from './error-report';
import { compileImportPlan, type ImportPlan } from './import-plan';
import { normaliseRecord, type ImportRow, type RejectedRow } from './normalise-row';
import { openSheet } from './open-sheet';
import { PlannerStatistics } from './planner-statistics';
import type { BatchOptions } from './plan-batch';
import { leadImports } from './schema';
import { isBlankRow } from './sheet-source';
import { readStoredOptions } from './stored-options';
import { writeBatch, type BatchTarget } from './write-batch';

/** Rows per transaction: large enough for set-based statements to pay off, small enough to keep locks short. */
export const IMPORT_BATCH_ROWS = 2_000;
const YIELD_EVERY_ROWS = 50;

export interface ImportSummary extends ImportCounts {
  /** Data rows in the file: always created + updated + skipped + rejected. */
  rows: number;
  /** Absolute path of the error report, when any row was rejected. */
  errorReportPath: string | null;
}

type ImportRowRecord = typeof leadImports.$inferSelect;

/** Where an import's error report lives, relative to the data directory. */
export const errorReportPathOf = (workspaceId: string, importId: string) =>
  path.join('files', workspaceId, 'imports', `${importId}-errors.csv`);

/** Loads a queued import and marks it running; a re-delivered job starts again from scratch. */
async function begin(database: Database, workspaceId: string, importId: string) {
  return withTenant(database.db, workspaceId, async (tx) => {
    const where = and(eq(leadImports.workspaceId, workspaceId), eq(leadImports.id, importId));
    const [row] = await tx.select().from(leadImports).where(where);
    if (!row) throw new Error('The import no longer exists');
    if (row.status !== 'queued' && row.status !== 'running') {
      throw new Error(`The import is ${row.status}; only a started import can run`);
    }
    const ctx: ServiceContext = { workspaceId, userId: row.createdBy };
    const catalog = await getFieldCatalog(tx, ctx);
    const members = (await listMembers(tx, ctx)).map(({ userId, email, name }) => ({ userId, email, name }));
    const { timeZone } = await getWorkspace(tx, ctx);
    await tx
      .update(leadImports)
      .set({
        status: 'running',
        createdCount: 0,
        updatedCount: 0,
        skippedCount: 0,
        rejectedCount: 0,
        totalRows: null,
        errorReportPath: null,
        error: null,
      })
      .where(where);
    return { row, ctx, catalog, members, timeZone };
  });
}

async function finish(database: Database, row: ImportRowRecord, set: Partial<typeof leadImports.$inferInsert>) {
  await withTenant(database.db, row.workspaceId, (tx) =>
    tx
      .update(leadImports)
      .set(set)
      .where(and(eq(leadImports.workspaceId, row.workspaceId), eq(leadImports.id, row.id))),
  );
}

interface ReadInputs {
  filePath: string;
  format: { format: ImportFormat; encoding: string | null; delimiter: string | null; crLineBreaks: boolean };
  plan: ImportPlan;
  target: BatchTarget;
  report: ErrorReport;
  statistics: PlannerStatistics;
  progress: TaskProgress | undefined;
}

/**
 * Reads the file row by row and writes it batch by batch. The next batch is read and checked while the previous
 * one is being written (the database works on its own core meanwhile); batches are still written in order, so
 * each sees what the earlier ones created.
 */
async function importRows(inputs: ReadInputs): Promise<ImportCounts> {
  const { filePath, format, plan, target, report, statistics, progress } = inputs;
  const size = (await stat(filePath)).size;
  const sheet = openSheet(filePath, format);
  const totals: ImportCounts = { created: 0, updated: 0, skipped: 0, rejected: 0 };
  let rowsRead = 0;
  let rowsDone = 0;
  const estimate = () => Math.max(rowsRead, Math.round((rowsRead * size) / Math.max(sheet.bytesRead(), 1)));

  const write = async (rows: ImportRow[], unreadable: RejectedRow[]) => {
    const { counts, rejected } = await writeBatch(target, rows, unreadable);
    totals.created += counts.created;
    totals.updated += counts.updated;
    totals.skipped += counts.skipped;
    totals.rejected += counts.rejected;
    await report.write(rejected);
    await statistics.afterBatch(totals.created);
    rowsDone += rows.length + unreadable.length;
    await progress?.report(rowsDone, estimate());
  };

  let rows: ImportRow[] = [];
  let unreadable: RejectedRow[] = [];
  let writing: Promise<void> | null = null;
  let header = true;
  try {
    for await (const record of sheet.records) {
      if (header) {
        // The header row is the first non-blank one (the upload checked it).
        if ('broken' in record || !isBlankRow(record.cells)) header = false;
        continue;
      }
      const outcome = normaliseRecord(plan, record);
      if (!outcome) continue;
      rowsRead += 1;
      // Reading never blocks the event loop for long: the batch being written gets its answers right away.
      if (rowsRead % YIELD_EVERY_ROWS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (outcome.ok) rows.push(outcome.row);
      else unreadable.push(outcome.rejected);
      if (rows.length + unreadable.length >= IMPORT_BATCH_ROWS) {
        if (writing) await writing;
        writing = write(rows, unreadable);
        // Awaited before the next batch (or at the end); until then a failure must not count as unhandled.
        writing.catch(() => {});
        rows = [];
        unreadable = [];
      }
    }
    if (writing) await writing;
    if (rows.length + unreadable.length > 0) await write(rows, unreadable);
  } finally {
    sheet.close();
    // If reading failed, the batch in flight still finishes before the import is marked failed.
    await writing?.catch(() => {});
  }
  await progress?.report(rowsRead, rowsRead);
  return totals;
}

/**
 * Runs a started import to the end: every data row becomes created, updated, skipped or rejected, the counts are
 * kept on the import as batches commit, and rejected rows go to the error report. Usable without HTTP or the job
 * queue (the benchmark calls it); `progress` feeds the console's tasks drawer.
 */
export async function runLeadImport(
  database: Database,
  dataDir: string,
  workspaceId: string,
  importId: string,
  progress?: TaskProgress,
): Promise<ImportSummary> {
  const { row, ctx, catalog, members, timeZone } = await begin(database, workspaceId, importId);
  const options = readStoredOptions(row.options);
  const headers = row.headers;
  const plan = compileImportPlan({
    format: row.format === 'xlsx' ? 'xlsx' : 'csv',
    headers,
    mapping: row.mapping ?? {},
    catalog,
    members,
    timeZone,
    language: options.reportLanguage,
  });
  const emailColumn = plan.columns.find((column) => column.key === 'email');
  const batchOptions: BatchOptions = {
    mode: ZDedupeMode.catch('update_empty').parse(row.dedupeMode),
    keys: new Set(options.dedupeKeys),
    defaultOwnerId: options.ownerId,
    defaultSource: options.source,
    companies: options.companies,
    required: plan.required,
    unique: plan.unique,
    emailHeader: emailColumn?.header ?? 'Email',
  };
  const reportPath = errorReportPathOf(workspaceId, importId);
  const report = new ErrorReport(path.join(dataDir, reportPath), headers, options.reportLanguage);
  const statistics = new PlannerStatistics(database);
  try {
    const counts = await importRows({
      filePath: path.resolve(dataDir, row.storedPath),
      format: {
        format: row.format === 'xlsx' ? 'xlsx' : 'csv',
        encoding: row.encoding,
        delimiter: options.delimiter,
        crLineBreaks: options.crLineBreaks,
      },
      plan,
      target: { database, ctx, ref: { id: row.id, fileName: row.fileName }, options: batchOptions },
      report,
      statistics,
      progress,
    });
    await report.close();
    await statistics.afterImport(counts.created + counts.updated);
    const rows = counts.created + counts.updated + counts.skipped + counts.rejected;
    await finish(database, row, {
      status: 'completed',
      totalRows: rows,
      errorReportPath: report.rows > 0 ? reportPath : null,
    });
    return { ...counts, rows, errorReportPath: report.rows > 0 ? path.join(dataDir, reportPath) : null };
  } catch (error) {
    await report.close().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    await finish(database, row, { status: 'failed', error: message.slice(0, 1000) });
    throw error;
  }
}
