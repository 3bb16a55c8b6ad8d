import { ZCompanySize } from '@kindling/contracts/companies';
import { and, asc, gt } from 'drizzle-orm';
import { z } from 'zod';
import { withTenant } from '../../platform/db/tenant';
import { openCsvFile } from '../../platform/export/csv';
import { exportFileName, exportFilePath } from '../../platform/export/export-file';
import { defineJob } from '../../platform/jobs/queue';
import { runTask } from '../../platform/jobs/tasks';
import { companies } from './schema';
import { companyListFilter, selectCompanies } from './service';

const CHUNK = 1000;

/** What the export task stores as its params: the list's filters at the time of the request. */
export const ZCompanyExportParams = z.object({
  q: z.string().optional(),
  industry: z.string().optional(),
  size: ZCompanySize.optional(),
  parentId: z.uuid().optional(),
});

export const COMPANY_EXPORT_HEADER = [
  'ID',
  'Name',
  'Domain',
  'Industry',
  'Size',
  'Region',
  'Parent company',
  'Legal name',
  'Registration ID',
  'Address',
  'Leads',
  'Created at',
];

/**
 * Exports the companies matching the list's filters to CSV, 1,000 rows per read (keyset by id, so deep pages stay
 * cheap), reporting progress per chunk. Formulas are neutralised by the CSV writer.
 */
export const exportCompaniesJob = defineJob({
  name: 'companies.export',
  schema: z.object({ workspaceId: z.uuid(), taskId: z.uuid() }),
  async handle({ database, dataDir }, { workspaceId, taskId }) {
    await runTask(database, workspaceId, taskId, async (task, progress) => {
      const ctx = { workspaceId, userId: task.createdBy };
      const where = companyListFilter(ctx, ZCompanyExportParams.parse(task.params));
      const total = await withTenant(database.db, workspaceId, (tx) => tx.$count(companies, where));
      await progress.report(0, total);
      const filePath = exportFilePath(dataDir, workspaceId, taskId, 'csv');
      const csv = await openCsvFile(filePath, COMPANY_EXPORT_HEADER);
      let after: string | null = null;
      let done = 0;
      for (;;) {
        const rows = await withTenant(database.db, workspaceId, (tx) =>
          selectCompanies(tx)
            .where(and(where, after ? gt(companies.id, after) : undefined))
            .orderBy(asc(companies.id))
            .limit(CHUNK),
        );
        for (const { company, parentName, leadCount } of rows) {
          await csv.write([
            company.id,
            company.name,
            company.domain,
            company.industry,
            company.size,
            company.region,
            parentName,
            company.legalName,
            company.registrationId,
            company.address,
            Number(leadCount),
            company.createdAt.toISOString(),
          ]);
        }
        done += rows.length;
        await progress.report(done);
        const last = rows.at(-1);
        if (!last || rows.length < CHUNK) break;
        after = last.company.id;
      }
      await csv.close();
      return { result: { rows: done }, filePath, fileName: exportFileName('companies', 'csv') };
    });
  },
});
