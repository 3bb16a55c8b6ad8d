import path from 'node:path';
import { ZFilterNode } from '@kindling/contracts/filters';
import { ZLeadSource, ZOwnerFilter } from '@kindling/contracts/leads';
import { and, asc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../platform/auth/schema';
import { withTenant } from '../../platform/db/tenant';
import { openCsvFile } from '../../platform/export/csv';
import { AppError } from '../../platform/http/errors';
import { defineJob } from '../../platform/jobs/queue';
import { runTask } from '../../platform/jobs/tasks';
import { compileCheckedFilter, filterScope } from '../segments/service';
import { leads } from './schema';
import { leadListFilter } from './service';

const CHUNK = 1000;

export const ZExportParams = z.object({
  q: z.string().optional(),
  source: ZLeadSource.optional(),
  ownerId: ZOwnerFilter.optional(),
  /** A filter-language AST ANDed with the list filter (a segment, or "everything matching the filter"). */
  filter: ZFilterNode.optional(),
});

export const EXPORT_HEADER = [
  'ID',
  'Name',
  'Email',
  'Phone',
  'Company',
  'Job title',
  'Source',
  'Owner',
  'Created at',
  'Industry',
  'Province',
  'City',
  'WeChat OpenID',
  'WeChat UnionID',
];

/**
 * Exports the leads matching the list's filter (and the filter-language `filter`, if any) to CSV, 1,000 rows per read, reporting progress per chunk.
 * Keyset pagination by id keeps each read cheap however deep the export goes.
 */
export const exportLeadsJob = defineJob({
  name: 'leads.export',
  schema: z.object({ workspaceId: z.uuid(), taskId: z.uuid() }),
  async handle({ database, dataDir }, { workspaceId, taskId }) {
    await runTask(database, workspaceId, taskId, async (task, progress) => {
      const params = ZExportParams.parse(task.params);
      const ctx = { workspaceId, userId: task.createdBy };
      const { filter, total } = await withTenant(database.db, workspaceId, async (tx) => {
        const { filter: ast, ...list } = params;
        const listFilter = leadListFilter(ctx, { ...list, view: 'active' });
        // Checked again here: the fields may have changed since the export was asked for.
        const where = ast
          ? and(listFilter, compileCheckedFilter(ctx, ast, await filterScope(tx, ctx), ''))
          : listFilter;
        return { filter: where, total: await tx.$count(leads, where) };
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'validation_failed') {
          throw new Error('The filter no longer fits the lead fields; edit it and export again', { cause: error });
        }
        throw error;
      });
      await progress.report(0, total);
      const filePath = path.join(dataDir, 'files', workspaceId, 'exports', `${taskId}.csv`);
      const csv = await openCsvFile(filePath, EXPORT_HEADER);
      let after: string | null = null;
      let done = 0;
      for (;;) {
        const rows = await withTenant(database.db, workspaceId, (tx) =>
          tx
            .select({ lead: leads, ownerName: users.name })
            .from(leads)
            .leftJoin(users, eq(users.id, leads.ownerId))
            .where(and(filter, after ? gt(leads.id, after) : undefined))
            .orderBy(asc(leads.id))
            .limit(CHUNK),
        );
        for (const { lead, ownerName } of rows) {
          await csv.write([
            lead.id,
            lead.name,
            lead.email,
            lead.phone,
            lead.companyName,
            lead.jobTitle,
            lead.source,
            ownerName,
            lead.createdAt.toISOString(),
            lead.industry,
            lead.province,
            lead.city,
            lead.wechatOpenid,
            lead.wechatUnionid,
          ]);
        }
        done += rows.length;
        await progress.report(done);
        const last = rows.at(-1);
        if (!last || rows.length < CHUNK) break;
        after = last.lead.id;
      }
      await csv.close();
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
      return { result: { rows: done }, filePath, fileName: `leads-${stamp}.csv` };
    });
  },
});
