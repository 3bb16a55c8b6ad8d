// The one aggregator drizzle-kit reads: every module's tables, re-exported.
export * from '../auth/schema';
export * from '../workspaces/schema';
export * from '../audit/schema';
export * from '../jobs/schema';
export * from '../../modules/leads/schema';
export * from '../../modules/activities/schema';
export * from '../../modules/fields/schema';
export * from '../../modules/segments/schema';
export * from '../../modules/preferences/schema';
export * from '../../modules/companies/schema';
export * from '../../modules/imports/schema';
export * from '../../modules/duplicates/schema';
export * from '../../modules/tracking/schema';
