import { z } from 'zod';
import { defineJob } from '../../platform/jobs/queue';
import { runTask } from '../../platform/jobs/tasks';
import { runLeadImport } from './run-import';

/** Runs a started import as a task: the tasks drawer shows its progress and offers the error report. */
export const importLeadsJob = defineJob({
  name: 'leads.import',
  schema: z.object({ workspaceId: z.uuid(), importId: z.uuid(), taskId: z.uuid() }),
  async handle({ database, dataDir }, { workspaceId, importId, taskId }) {
    await runTask(database, workspaceId, taskId, async (_task, progress) => {
      const { errorReportPath, ...counts } = await runLeadImport(database, dataDir, workspaceId, importId, progress);
      return {
        result: counts,
        ...(errorReportPath ? { filePath: errorReportPath, fileName: 'import-errors.csv' } : {}),
      };
    });
  },
});
