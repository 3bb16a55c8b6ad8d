import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../platform/auth/schema';
import { withTenant } from '../../platform/db/tenant';
import { openSheetFile, SHEET_EXTENSIONS } from '../../platform/export/sheet';
import { AppError } from '../../platform/http/errors';
import { exportFileName, exportFilePath } from '../../platform/export/export-file';
import { defineJob } from '../../platform/jobs/queue';
import { runTask } from '../../platform/jobs/tasks';
import { getWorkspace } from '../../platform/workspaces/service';
import { getFieldCatalog } from '../fields/service';
import { scopeCondition } from './bulk-target';
import { walkInChunks } from './chunks';
import { exportColumns } from './export-columns';
import { ZExportParams } from './export-settings';
import { leads } from './schema';
import { leadListFilter } from './service';

const SHEET_NAMES = { 'zh-CN': '潜客', en: 'Leads' } as const;

/**
 * Exports leads to CSV or XLSX: the chosen ones, or those matching the list's scope (search, source, owner tab and
 * a filter-language AST, e.g. a segment's). Columns and language were settled when the export was asked for
 * (export-settings.ts). Rows are read 1,000 at a time by keyset on id, with progress after each chunk, and
 * streamed to the file, so memory stays flat however large the export.
 */
export const exportLeadsJob = defineJob({
  name: 'leads.export',
  schema: z.object({ workspaceId: z.uuid(), taskId: z.uuid() }),
  async handle({ database, dataDir }, { workspaceId, taskId }) {
    await runTask(database, workspaceId, taskId, async (task, progress) => {
      const { ids, format, columns: keys, locale, ...scope } = ZExportParams.parse(task.params);
      const ctx = { workspaceId, userId: task.createdBy };
      const { where, total, columns } = await withTenant(database.db, workspaceId, async (tx) => {
        // Checked again here: the fields may have changed since the export was asked for.
        const condition = ids
          ? and(leadListFilter(ctx, { view: 'active' }), inArray(leads.id, ids))
          : await scopeCondition(tx, ctx, scope, '');
        const catalog = await getFieldCatalog(tx, ctx);
        const workspace = await getWorkspace(tx, ctx);
        return {
          where: condition,
          total: await tx.$count(leads, condition),
          columns: exportColumns(catalog, keys, { locale, timeZone: workspace.timeZone }),
        };
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'validation_failed') {
          throw new Error('The filter no longer fits the lead fields; edit it and export again', { cause: error });
        }
        throw error;
      });
      await progress.report(0, total);
      const extension = SHEET_EXTENSIONS[format];
      const filePath = exportFilePath(dataDir, workspaceId, taskId, extension);
      const sheet = await openSheetFile(
        format,
        filePath,
        SHEET_NAMES[locale],
        columns.map((column) => column.header),
      );
      const rows = await walkInChunks(database, workspaceId, progress, {
        read: (tx, after, limit) =>
          tx
            .select({ lead: leads, ownerName: users.name })
            .from(leads)
            .leftJoin(users, eq(users.id, leads.ownerId))
            .where(and(where, after))
            .orderBy(asc(leads.id))
            .limit(limit),
        idOf: (row) => row.lead.id,
        async work(_tx, chunk) {
          for (const row of chunk) await sheet.write(columns.map((column) => column.cell(row)));
        },
      });
      await sheet.close();
      return { result: { rows }, filePath, fileName: exportFileName('leads', extension) };
    });
  },
});
