import { z } from 'zod';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { prepareAssign, prepareRoundRobin } from './assignment';
import { prepareDelete } from './bulk-delete';
import { prepareSetField } from './bulk-set-field';

/** What a bulk action does, as a background task stores it (and re-reads it when it runs). */
export const ZBulkAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('set-field'), field: z.string(), value: z.unknown() }),
  z.object({ action: z.literal('delete') }),
  z.object({ action: z.literal('assign'), ownerId: z.uuid().nullable() }),
  z.object({ action: z.literal('round-robin'), userIds: z.array(z.uuid()).min(1) }),
]);
export type BulkAction = z.infer<typeof ZBulkAction>;

/** Counts a chunk reports (leads updated, unchanged, per owner, …); the chunks' counts are added up. */
export type BulkCounts = Record<string, number | Record<string, number>>;

/** Applies the action to some live leads in the caller's transaction; `offset` = leads handled before these. */
export type ChunkApplier = (tx: Db, ids: string[], offset: number) => Promise<BulkCounts>;

interface ActionSpec {
  /** The background task's kind (the console names it) and English title. */
  taskKind: string;
  taskTitle: string;
  /** The audit log's action. */
  auditAction: string;
}

export const BULK_ACTIONS: Record<BulkAction['action'], ActionSpec> = {
  'set-field': { taskKind: 'leads.bulk-set-field', taskTitle: 'Set a field', auditAction: 'leads.bulk_updated' },
  delete: { taskKind: 'leads.bulk-delete', taskTitle: 'Delete leads', auditAction: 'leads.bulk_deleted' },
  assign: { taskKind: 'leads.bulk-assign', taskTitle: 'Assign leads', auditAction: 'leads.bulk_assigned' },
  'round-robin': { taskKind: 'leads.bulk-assign', taskTitle: 'Assign leads', auditAction: 'leads.bulk_assigned' },
};

/**
 * Checks the action against the workspace (fields, values, owners: 400 with body paths) before anything changes,
 * and returns how to apply it to a chunk. `targetIds` are the leads when there are at most 1,000 of them, null
 * when a background task will walk more.
 */
export async function prepareBulkAction(
  tx: Db,
  ctx: ServiceContext,
  action: BulkAction,
  targetIds: string[] | null,
): Promise<ChunkApplier> {
  switch (action.action) {
    case 'set-field':
      return prepareSetField(tx, ctx, action, targetIds);
    case 'delete':
      return prepareDelete(ctx);
    case 'assign':
      return prepareAssign(tx, ctx, action.ownerId);
    case 'round-robin':
      return prepareRoundRobin(tx, ctx, action.userIds);
  }
}

/** Adds a chunk's counts to the running total (numbers add up; per-key maps such as perOwner add per key). */
export function addCounts(total: BulkCounts, chunk: BulkCounts): BulkCounts {
  const sum: BulkCounts = { ...total };
  for (const [key, value] of Object.entries(chunk)) {
    const before = sum[key];
    if (typeof value === 'number') {
      sum[key] = (typeof before === 'number' ? before : 0) + value;
    } else {
      const map: Record<string, number> = { ...(typeof before === 'object' ? before : {}) };
      for (const [inner, n] of Object.entries(value)) map[inner] = (map[inner] ?? 0) + n;
      sum[key] = map;
    }
  }
  return sum;
}
