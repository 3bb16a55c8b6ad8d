import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/http/context';
import { appendActivities } from '../activities/service';
import type { ChunkApplier } from './bulk-actions';
import { leadsChanged } from './count-cache';
import { leads } from './schema';

/** Bulk delete: like deleting one lead, each goes to the recycle bin (restorable for 30 days) with a `lead_deleted`. */
export function prepareDelete(ctx: ServiceContext): ChunkApplier {
  return async (tx, ids) => {
    const deleted = await tx
      .update(leads)
      .set({ deletedAt: new Date() })
      .where(and(eq(leads.workspaceId, ctx.workspaceId), inArray(leads.id, ids), isNull(leads.deletedAt)))
      .returning({ id: leads.id });
    if (deleted.length > 0) leadsChanged(ctx.workspaceId);
    await appendActivities(
      tx,
      ctx,
      deleted.map((row) => ({ leadId: row.id, type: 'lead_deleted', source: 'console', properties: { via: 'bulk' } })),
    );
    return { deleted: deleted.length };
  };
}
