import { and, isNotNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/queue';
import { eraseTrackingDataOfLeads } from '../tracking/privacy';
import { leads } from './schema';

export const RECYCLE_BIN_DAYS = 30;

/**
 * Daily: leads in the recycle bin for more than 30 days are erased with their activities and visitors (cascade)
 * and their tracked events (which no foreign key links to them: erased first, in the same transaction). A
 * cross-tenant system job, so it runs on the owner connection without a tenant context.
 */
export const purgeDeletedLeadsJob = defineJob({
  name: 'leads.purge-deleted',
  schema: z.unknown(),
  cron: '17 3 * * *',
  async handle({ database }) {
    const cutoff = new Date(Date.now() - RECYCLE_BIN_DAYS * 24 * 3600 * 1000);
    await database.db.transaction(async (tx) => {
      await eraseTrackingDataOfLeads(tx, { allWorkspaces: true, deletedBefore: cutoff });
      await tx.delete(leads).where(and(isNotNull(leads.deletedAt), lt(leads.deletedAt, cutoff)));
    });
  },
});
