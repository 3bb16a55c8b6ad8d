import { ZLeadListScope } from '@kindling/contracts/leads';
import { and, asc } from 'drizzle-orm';
import { z } from 'zod';
import { withTenant } from '../../platform/db/tenant';
import { AppError } from '../../platform/http/errors';
import { defineJob } from '../../platform/jobs/queue';
import { runTask } from '../../platform/jobs/tasks';
import { addCounts, prepareBulkAction, ZBulkAction, type BulkCounts } from './bulk-actions';
import { scopeCondition } from './bulk-target';
import { walkInChunks } from './chunks';
import { leads } from './schema';

/** A bulk task's params: every lead matching the list scope when the task runs, and what to do to them. */
export const ZBulkTaskParams = z.object({ scope: ZLeadListScope, action: ZBulkAction });
export type BulkTaskParams = z.infer<typeof ZBulkTaskParams>;

/** A check that passed when the task was asked for can fail by the time it runs (a field archived, …). */
function explainRefusal(error: unknown): never {
  if (error instanceof AppError && error.details.length > 0) {
    const reasons = error.details.map((detail) => `${detail.path.replace(/^body\./, '')}: ${detail.message}`);
    throw new Error(`${error.message} (${reasons.join('; ')})`, { cause: error });
  }
  throw error;
}

/**
 * Bulk set-field, delete and assign over more than 1,000 leads: re-checks the action against the workspace, then
 * walks the matching leads in chunks of 1,000 (one transaction each, progress after each). Re-delivery after a
 * crash starts again; leads already changed count as unchanged (deleted ones no longer match).
 */
export const bulkLeadsJob = defineJob({
  name: 'leads.bulk',
  schema: z.object({ workspaceId: z.uuid(), taskId: z.uuid() }),
  async handle({ database }, { workspaceId, taskId }) {
    await runTask(database, workspaceId, taskId, async (task, progress) => {
      const { scope, action } = ZBulkTaskParams.parse(task.params);
      const ctx = { workspaceId, userId: task.createdBy };
      const { where, apply, total } = await withTenant(database.db, workspaceId, async (tx) => {
        const condition = await scopeCondition(tx, ctx, scope, '');
        return {
          where: condition,
          apply: await prepareBulkAction(tx, ctx, action, null),
          total: await tx.$count(leads, condition),
        };
      }).catch(explainRefusal);
      await progress.report(0, total);
      let result: BulkCounts = {};
      await walkInChunks(database, workspaceId, progress, {
        read: (tx, after, limit) =>
          tx.select({ id: leads.id }).from(leads).where(and(where, after)).orderBy(asc(leads.id)).limit(limit),
        idOf: (row) => row.id,
        async work(tx, rows, offset) {
          result = addCounts(
            result,
            await apply(
              tx,
              rows.map((row) => row.id),
              offset,
            ),
          );
        },
      });
      return { result };
    });
  },
});
