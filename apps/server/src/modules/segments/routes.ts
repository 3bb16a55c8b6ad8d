import { ZLeadPage } from '@kindling/contracts/leads';
import {
  ZCreateSegmentBody,
  ZExportSegmentBody,
  ZLeadCount,
  ZLeadCountBody,
  ZLeadSearchBody,
  ZSegment,
  ZSegmentLeadsQuery,
  ZSegmentList,
  ZUpdateSegmentBody,
} from '@kindling/contracts/segments';
import { ZTask } from '@kindling/contracts/tasks';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/service';
import type { Db } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import { requireAuth, serviceContext, type ServiceContext } from '../../platform/http/context';
import { commonErrors, noContent } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { createTask, getTask } from '../../platform/jobs/tasks';
import { exportSettings, requesterLocale, type ExportParams } from '../leads/export-settings';
import { exportLeadsJob } from '../leads/jobs';
import {
  countLeadsMatching,
  createSegment,
  deleteSegment,
  getSegment,
  listSegmentLeads,
  listSegments,
  searchLeads,
  segmentForExport,
  updateSegment,
  type SegmentActor,
} from './service';

const tags = ['leads'];
const segmentTags = ['segments'];
const idParams = z.object({ id: z.uuid() });

const actorOf = (request: FastifyRequest): SegmentActor => ({
  canManageWorkspace: requireAuth(request).permissions.has('workspace:manage'),
});

export function segmentsRoutes(app: App, { database, jobs }: AppDeps): void {
  const inTenant = <T>(ctx: ServiceContext, work: (tx: Db) => Promise<T>) =>
    withTenant(database.db, ctx.workspaceId, work);

  app.post(
    '/api/v1/leads/search',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: 'Search leads with a filter (the one filter language), sorted and paginated',
        body: ZLeadSearchBody,
        response: { 200: ZLeadPage, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return withTenant(database.db, ctx.workspaceId, (tx) => searchLeads(tx, ctx, request.body));
    },
  );

  app.post(
    '/api/v1/leads/count',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: 'Count the live leads matching a filter',
        body: ZLeadCountBody,
        response: { 200: ZLeadCount, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const count = await withTenant(database.db, ctx.workspaceId, (tx) =>
        countLeadsMatching(tx, ctx, request.body.filter),
      );
      return { count };
    },
  );

  app.get(
    '/api/v1/segments',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags: segmentTags,
        summary: 'Saved segments: the shared ones and my private ones, newest first, with live counts',
        response: { 200: ZSegmentList, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return { items: await inTenant(ctx, (tx) => listSegments(tx, ctx)) };
    },
  );

  app.post(
    '/api/v1/segments',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags: segmentTags,
        summary: 'Save a filter as a segment',
        body: ZCreateSegmentBody,
        response: { 201: ZSegment, 409: commonErrors[400], ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      return reply.status(201).send(await inTenant(ctx, (tx) => createSegment(tx, ctx, request.body)));
    },
  );

  app.get(
    '/api/v1/segments/:id',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags: segmentTags,
        summary: 'Get a segment with its live count',
        params: idParams,
        response: { 200: ZSegment, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => getSegment(tx, ctx, request.params.id));
    },
  );

  app.patch(
    '/api/v1/segments/:id',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags: segmentTags,
        summary: 'Change a segment (its creator, or a workspace admin)',
        params: idParams,
        body: ZUpdateSegmentBody,
        response: { 200: ZSegment, 409: commonErrors[400], ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const actor = actorOf(request);
      return inTenant(ctx, (tx) => updateSegment(tx, ctx, actor, request.params.id, request.body));
    },
  );

  app.delete(
    '/api/v1/segments/:id',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags: segmentTags,
        summary: 'Delete a segment (its creator, or a workspace admin); its leads are untouched',
        params: idParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const actor = actorOf(request);
      await inTenant(ctx, (tx) => deleteSegment(tx, ctx, actor, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/segments/:id/leads',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags: segmentTags,
        summary: "The segment's live members, sorted and paginated",
        params: idParams,
        querystring: ZSegmentLeadsQuery,
        response: { 200: ZLeadPage, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => listSegmentLeads(tx, ctx, request.params.id, request.query));
    },
  );

  app.post(
    '/api/v1/segments/:id/export',
    {
      config: { permission: 'leads:export' },
      schema: {
        tags: segmentTags,
        summary: "Export the segment's members to CSV or Excel as a background task",
        params: idParams,
        body: ZExportSegmentBody,
        response: { 202: ZTask, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const locale = await requesterLocale(database.db, ctx, request.headers['accept-language']);
      const task = await inTenant(ctx, async (tx) => {
        const segment = await segmentForExport(tx, ctx, request.params.id);
        const settings = await exportSettings(tx, ctx, request.body ?? { format: 'csv' }, locale);
        const params: ExportParams = { filter: segment.filter, ...settings };
        const row = await createTask(tx, ctx, {
          kind: 'leads.export',
          title: `Export segment: ${segment.name}`,
          params,
        });
        await recordAudit(tx, ctx, {
          action: 'leads.exported',
          targetType: 'task',
          targetId: row.id,
          details: { ...settings, segmentId: segment.id, segmentName: segment.name },
        });
        return row;
      });
      // Enqueued after the commit: the job must see the task row (and PGlite cannot nest the two).
      await jobs.send(exportLeadsJob, { workspaceId: ctx.workspaceId, taskId: task.id });
      return reply.status(202).send(await inTenant(ctx, (tx) => getTask(tx, ctx, task.id)));
    },
  );
}
