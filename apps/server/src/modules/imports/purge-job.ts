import { rm } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/queue';
import { leadImports } from './schema';

/** An upload nobody mapped and started within this many days is abandoned. */
export const ABANDONED_UPLOAD_DAYS = 7;

/**
 * Daily: imports still waiting for their mapping after 7 days are removed with their uploaded file (a 200 MB CSV
 * left at the mapping step would otherwise stay on disk for ever). Started imports keep their file and error
 * report. A cross-tenant system job on the owner connection, like the recycle-bin purge.
 */
export const purgeAbandonedImportsJob = defineJob({
  name: 'imports.purge-abandoned',
  schema: z.unknown(),
  cron: '37 3 * * *',
  async handle({ database, dataDir }) {
    const cutoff = new Date(Date.now() - ABANDONED_UPLOAD_DAYS * 24 * 3600 * 1000);
    const removed = await database.db
      .delete(leadImports)
      .where(and(eq(leadImports.status, 'uploaded'), lt(leadImports.createdAt, cutoff)))
      .returning({ storedPath: leadImports.storedPath });
    const root = path.resolve(dataDir);
    for (const { storedPath } of removed) {
      const file = path.resolve(root, storedPath);
      // Only files inside the data directory are ours to delete (the benchmark registers files elsewhere).
      if (file.startsWith(`${root}${path.sep}`)) await rm(file, { force: true });
    }
  },
});
