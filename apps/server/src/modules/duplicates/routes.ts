import {
  ZDismissDuplicateBody,
  ZDuplicatePage,
  ZExportDuplicatesBody,
  ZLeadDuplicates,
  ZListDuplicatesQuery,
} from '@kindling/contracts/duplicates';
import { ZMergeLeadsBody, ZMergePreview, ZMergePreviewQuery, ZMergeResult } from '@kindling/contracts/lead-merge';
import { ZTask } from '@kindling/contracts/tasks';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/service';
import type { Db } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import { requireAuth, serviceContext, type ServiceContext } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';
import { commonErrors, noContent } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { createTask, getTask } from '../../platform/jobs/tasks';
import { dismissPair } from './dismissals';
import { exportDuplicatesJob } from './jobs';
import { mergeLeads, previewMerge } from './merge';
import { forgetDismissedPair, pairCacheForMerge } from './pair-cache';
import { listDuplicatePairs, listLeadDuplicates } from './service';

const tags = ['duplicates'];

/** Duplicate detection (查重) and merging leads (PRODUCT [beyond] smart features). */
export function duplicatesRoutes(app: App, { database, jobs }: AppDeps): void {
  const inTenant = <T>(ctx: ServiceContext, work: (tx: Db) => Promise<T>) =>
    withTenant(database.db, ctx.workspaceId, work);

  app.get(
    '/api/v1/duplicates',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: 'Likely duplicate lead pairs with their reasons, strongest and newest first',
        querystring: ZListDuplicatesQuery,
        response: { 200: ZDuplicatePage, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => listDuplicatePairs(tx, ctx, request.query));
    },
  );

  app.get(
    '/api/v1/leads/:id/duplicates',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: 'Likely duplicates of one lead',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZLeadDuplicates, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => listLeadDuplicates(tx, ctx, request.params.id));
    },
  );

  app.post(
    '/api/v1/duplicates/dismiss',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Mark two leads as not duplicates (idempotent)',
        body: ZDismissDuplicateBody,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      await inTenant(ctx, (tx) => dismissPair(tx, ctx, request.body.leadIds));
      forgetDismissedPair(ctx.workspaceId, request.body.leadIds);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/duplicates/export',
    {
      config: { permission: 'leads:export' },
      schema: {
        tags,
        summary: 'Export the duplicate pairs to CSV as a background task',
        body: ZExportDuplicatesBody,
        response: { 202: ZTask, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const { format, reason } = request.body;
      const params = reason ? { reason } : {};
      const task = await inTenant(ctx, async (tx) => {
        const row = await createTask(tx, ctx, { kind: 'duplicates.export', title: 'Export duplicates', params });
        await recordAudit(tx, ctx, {
          action: 'duplicates.exported',
          targetType: 'task',
          targetId: row.id,
          details: { format, ...params },
        });
        return row;
      });
      // Enqueued after the commit: the job must see the task row.
      await jobs.send(exportDuplicatesJob, { workspaceId: ctx.workspaceId, taskId: task.id });
      return reply.status(202).send(await inTenant(ctx, (tx) => getTask(tx, ctx, task.id)));
    },
  );

  app.get(
    '/api/v1/leads/merge/preview',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: 'What merging two leads would do: the differing fields with their default side',
        querystring: ZMergePreviewQuery,
        response: { 200: ZMergePreview, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => previewMerge(tx, ctx, request.query));
    },
  );

  app.post(
    '/api/v1/leads/merge',
    {
      // A merge edits one lead and deletes the other: it needs leads:write as well (checked below).
      config: { permission: 'leads:delete' },
      schema: {
        tags,
        summary: 'Merge the secondary lead into the primary (values, activities), then delete the secondary',
        body: ZMergeLeadsBody,
        response: { 200: ZMergeResult, ...commonErrors },
      },
    },
    async (request) => {
      if (!requireAuth(request).permissions.has('leads:write')) throw forbidden();
      const ctx = serviceContext(request);
      const mergeCommitted = pairCacheForMerge(ctx.workspaceId, request.body.secondaryId);
      const result = await inTenant(ctx, (tx) => mergeLeads(tx, ctx, request.body));
      mergeCommitted();
      return result;
    },
  );
}
