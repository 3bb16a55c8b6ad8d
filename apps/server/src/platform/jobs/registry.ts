import { bulkLeadsJob } from '../../modules/leads/bulk-job';
import { exportDuplicatesJob } from '../../modules/duplicates/jobs';
import { exportCompaniesJob } from '../../modules/companies/jobs';
import { importLeadsJob } from '../../modules/imports/jobs';
import { purgeAbandonedImportsJob } from '../../modules/imports/purge-job';
import { exportLeadsJob } from '../../modules/leads/jobs';
import { purgeDeletedLeadsJob } from '../../modules/leads/purge-job';
import { identifyEventsJob } from '../../modules/tracking/jobs';
import { analyzeDatabaseJob } from '../db/maintenance-job';
import type { JobDefinition } from './queue';

/** Every job the product runs; the queue creates their queues and (in worker roles) their workers. */
export const ALL_JOBS: JobDefinition<never>[] = [
  exportLeadsJob,
  importLeadsJob,
  exportCompaniesJob,
  exportDuplicatesJob,
  bulkLeadsJob,
  purgeDeletedLeadsJob,
  purgeAbandonedImportsJob,
  analyzeDatabaseJob,
  identifyEventsJob,
] as JobDefinition<never>[];
