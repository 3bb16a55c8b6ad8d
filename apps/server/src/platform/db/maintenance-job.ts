import { z } from 'zod';
import { defineJob } from '../jobs/queue';

/**
 * Embedded PGlite runs PostgreSQL in single-user mode: there is no autovacuum, so planner statistics would stay
 * at "empty table" forever and every list query would sort whole tables. Refresh them regularly (PostgreSQL's
 * autovacuum does this by itself, so the job is a cheap no-op there in practice).
 */
export const analyzeDatabaseJob = defineJob({
  name: 'db.analyze',
  schema: z.unknown(),
  cron: '*/10 * * * *',
  async handle({ database }) {
    await database.executeSql('analyze', []);
  },
});
