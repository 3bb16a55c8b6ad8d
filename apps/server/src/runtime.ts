import type { AppConfig } from './config';
import { openDatabase, type Database } from './platform/db/client';
import { runMigrations } from './platform/db/migrate';
import { JobQueue, type JobQueueOptions } from './platform/jobs/queue';
import { ALL_JOBS } from './platform/jobs/registry';

export interface Runtime {
  database: Database;
  jobs: JobQueue;
  close(): Promise<void>;
}

/** Opens and migrates the database and starts the job queue: what every process role needs. */
export async function startRuntime(config: AppConfig, jobOptions: JobQueueOptions): Promise<Runtime> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(database);
  const jobs = new JobQueue({ database, dataDir: config.dataDir }, ALL_JOBS, jobOptions);
  await jobs.start();
  return {
    database,
    jobs,
    async close() {
      await jobs.stop();
      await database.close();
    },
  };
}
