import type { BulkTarget } from '@kindling/contracts/bulk';
import type { Task } from '@kindling/contracts/tasks';
import { recordAudit } from '../../platform/audit/service';
import type { Database } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import type { ServiceContext } from '../../platform/http/context';
import type { JobQueue } from '../../platform/jobs/queue';
import { createTask, getTask } from '../../platform/jobs/tasks';
import { BULK_ACTIONS, prepareBulkAction, type BulkAction, type BulkCounts } from './bulk-actions';
import { bulkLeadsJob, type BulkTaskParams } from './bulk-job';
import { smallTargetIds } from './bulk-target';

export interface BulkRequest {
  target: BulkTarget;
  action: BulkAction;
  /** Where errors point: the chosen ids (`body.target.ids`) and the target's filter (`body.target.filter…`). */
  paths: { ids: string; scope: string };
}

/** Done at once (at most 1,000 leads): the counts. More: the background task doing it. */
export type BulkOutcome = { status: 200; result: BulkCounts } | { status: 202; task: Task };

/** What the audit entry says about the leads: how many were chosen, or the list scope they matched. */
function describeTarget({ ids, all: _all, ...scope }: BulkTarget) {
  return ids ? { chosen: ids.length } : { matching: scope };
}

/**
 * Runs a bulk action on a target (PRODUCT 2.1). Up to 1,000 leads: checked and applied in one transaction, one
 * audit entry, the counts returned. More: checked now (a bad field or value is a 400 before anything runs), then
 * a background task with progress does it in chunks (bulk-job.ts); the audit entry names the task.
 */
export async function runBulkAction(
  deps: { database: Database; jobs: JobQueue },
  ctx: ServiceContext,
  { target, action, paths }: BulkRequest,
): Promise<BulkOutcome> {
  const spec = BULK_ACTIONS[action.action];
  const { action: _name, ...settings } = action;
  const started = await withTenant(deps.database.db, ctx.workspaceId, async (tx) => {
    const ids = await smallTargetIds(tx, ctx, target, paths);
    const apply = await prepareBulkAction(tx, ctx, action, ids);
    if (ids) {
      const result = await apply(tx, ids, 0);
      await recordAudit(tx, ctx, {
        action: spec.auditAction,
        targetType: 'lead',
        details: { ...settings, target: describeTarget(target), result },
      });
      return { done: true as const, result };
    }
    const { ids: _none, all: _all, ...scope } = target;
    const params: BulkTaskParams = { scope, action };
    const task = await createTask(tx, ctx, { kind: spec.taskKind, title: spec.taskTitle, params });
    await recordAudit(tx, ctx, {
      action: spec.auditAction,
      targetType: 'task',
      targetId: task.id,
      details: { ...settings, target: describeTarget(target) },
    });
    return { done: false as const, taskId: task.id };
  });
  if (started.done) return { status: 200, result: started.result };
  // Enqueued after the commit: the job must see the task row (and PGlite cannot nest the two).
  await deps.jobs.send(bulkLeadsJob, { workspaceId: ctx.workspaceId, taskId: started.taskId });
  const task = await withTenant(deps.database.db, ctx.workspaceId, (tx) => getTask(tx, ctx, started.taskId));
  return { status: 202, task };
}
