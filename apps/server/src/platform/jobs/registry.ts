import { exportLeadsJob } from '../../modules/leads/jobs';
import { purgeDeletedLeadsJob } from '../../modules/leads/purge-job';
import { analyzeDatabaseJob } from '../db/maintenance-job';
import type { JobDefinition } from './queue';

/** Every job the product runs; the queue creates their queues and (in worker roles) their workers. */
export const ALL_JOBS: JobDefinition<never>[] = [
  exportLeadsJob,
  purgeDeletedLeadsJob,
  analyzeDatabaseJob,
] as JobDefinition<never>[];
