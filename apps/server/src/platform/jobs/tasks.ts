import type { Task, TaskStatus } from '@kindling/contracts/tasks';
import { and, desc, eq } from 'drizzle-orm';
import { users } from '../auth/schema';
import type { Database, Db } from '../db/client';
import { withTenant } from '../db/tenant';
import type { ServiceContext } from '../http/context';
import { notFound } from '../http/errors';
import { tasks } from './schema';

type TaskRow = typeof tasks.$inferSelect;

function toTask(row: TaskRow, createdBy: string | null): Task {
  const status: TaskStatus =
    row.status === 'running' || row.status === 'succeeded' || row.status === 'failed' ? row.status : 'queued';
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status,
    progressDone: row.progressDone,
    progressTotal: row.progressTotal,
    result: row.result ?? null,
    error: row.error,
    hasFile: Boolean(row.filePath),
    createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function createTask(
  tx: Db,
  ctx: ServiceContext,
  input: { kind: string; title: string; params: Record<string, unknown> },
): Promise<TaskRow> {
  const [row] = await tx
    .insert(tasks)
    .values({
      workspaceId: ctx.workspaceId,
      kind: input.kind,
      title: input.title,
      params: input.params,
      createdBy: ctx.userId,
    })
    .returning();
  if (!row) throw new Error('task insert returned nothing');
  return row;
}

export async function listTasks(tx: Db, ctx: ServiceContext, limit = 50): Promise<Task[]> {
  const rows = await tx
    .select({ t: tasks, createdBy: users.name })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.createdBy))
    .where(eq(tasks.workspaceId, ctx.workspaceId))
    .orderBy(desc(tasks.createdAt))
    .limit(limit);
  return rows.map(({ t, createdBy }) => toTask(t, createdBy));
}

export async function getTaskRow(tx: Db, ctx: ServiceContext, id: string): Promise<TaskRow> {
  const [row] = await tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.id, id)));
  if (!row) throw notFound('Task');
  return row;
}

export async function getTask(tx: Db, ctx: ServiceContext, id: string): Promise<Task> {
  const row = await getTaskRow(tx, ctx, id);
  const [creator] = row.createdBy
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, row.createdBy))
    : [];
  return toTask(row, creator?.name ?? null);
}

export interface TaskProgress {
  /** Report progress; written in its own short transaction so the console sees it while the work goes on. */
  report(done: number, total?: number | null): Promise<void>;
}

/**
 * Runs a task's work with status bookkeeping: running → succeeded (with result and file) or failed (with the
 * reason). Re-delivery after a crash starts the work again from scratch, so `work` must be idempotent.
 */
export async function runTask(
  database: Database,
  workspaceId: string,
  taskId: string,
  work: (
    task: TaskRow,
    progress: TaskProgress,
  ) => Promise<{ result: Record<string, unknown>; filePath?: string; fileName?: string }>,
): Promise<void> {
  const { db } = database;
  const where = and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, taskId));
  const task = await withTenant(db, workspaceId, async (tx) => {
    const [row] = await tx
      .update(tasks)
      .set({ status: 'running', startedAt: new Date(), error: null })
      .where(where)
      .returning();
    return row;
  });
  if (!task) return; // deleted workspace or task: nothing to do
  const progress: TaskProgress = {
    report: (done, total) =>
      withTenant(db, workspaceId, async (tx) => {
        await tx
          .update(tasks)
          .set({ progressDone: done, ...(total === undefined ? {} : { progressTotal: total }) })
          .where(where);
      }),
  };
  try {
    const outcome = await work(task, progress);
    await withTenant(db, workspaceId, (tx) =>
      tx
        .update(tasks)
        .set({
          status: 'succeeded',
          result: outcome.result,
          filePath: outcome.filePath ?? null,
          fileName: outcome.fileName ?? null,
          finishedAt: new Date(),
        })
        .where(where),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await withTenant(db, workspaceId, (tx) =>
      tx
        .update(tasks)
        .set({ status: 'failed', error: message.slice(0, 1000), finishedAt: new Date() })
        .where(where),
    );
  }
}
