import { ZDuplicateReason, type DuplicateLead } from '@kindling/contracts/duplicates';
import { z } from 'zod';
import { withTenant } from '../../platform/db/tenant';
import { openCsvFile } from '../../platform/export/csv';
import { exportFileName, exportFilePath } from '../../platform/export/export-file';
import { defineJob } from '../../platform/jobs/queue';
import { runTask } from '../../platform/jobs/tasks';
import { findDuplicatePairs } from './find-pairs';
import { withSummaries } from './service';

const CHUNK = 500;

export const ZExportDuplicatesParams = z.object({ reason: ZDuplicateReason.optional() });

const LEAD_COLUMNS = ['ID', 'Name', 'Email', 'Phone', 'Company', 'Owner', 'Created at'];
export const DUPLICATES_EXPORT_HEADER = [
  ...LEAD_COLUMNS.map((column) => `Lead A ${column}`),
  ...LEAD_COLUMNS.map((column) => `Lead B ${column}`),
  'Reasons',
];

const leadCells = (lead: DuplicateLead) => [
  lead.id,
  lead.name,
  lead.email,
  lead.phone,
  lead.company,
  lead.owner?.name ?? null,
  lead.createdAt,
];

/**
 * Exports the duplicate list (fresh scan, same order and limits as the console's list) to CSV: one row per pair
 * with both leads side by side and the reasons, progress reported per chunk of pairs.
 */
export const exportDuplicatesJob = defineJob({
  name: 'duplicates.export',
  schema: z.object({ workspaceId: z.uuid(), taskId: z.uuid() }),
  async handle({ database, dataDir }, { workspaceId, taskId }) {
    await runTask(database, workspaceId, taskId, async (task, progress) => {
      const { reason } = ZExportDuplicatesParams.parse(task.params);
      const ctx = { workspaceId, userId: task.createdBy };
      const { pairs } = await withTenant(database.db, workspaceId, (tx) => findDuplicatePairs(tx, ctx, { reason }));
      await progress.report(0, pairs.length);
      const filePath = exportFilePath(dataDir, workspaceId, taskId, 'csv');
      const csv = await openCsvFile(filePath, DUPLICATES_EXPORT_HEADER);
      let rows = 0;
      for (let start = 0; start < pairs.length; start += CHUNK) {
        const chunk = pairs.slice(start, start + CHUNK);
        const described = await withTenant(database.db, workspaceId, (tx) => withSummaries(tx, ctx, chunk));
        for (const pair of described) {
          await csv.write([...leadCells(pair.leads[0]), ...leadCells(pair.leads[1]), pair.reasons.join('; ')]);
        }
        rows += described.length;
        await progress.report(start + chunk.length);
      }
      await csv.close();
      return { result: { rows }, filePath, fileName: exportFileName('duplicates', 'csv') };
    });
  },
});
