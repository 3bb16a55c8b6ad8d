import { ZActivity, ZActivityPage, ZCreateNoteBody, ZListActivitiesQuery } from '@kindling/contracts/activities';
import {
  ZCreateLeadBody,
  ZExportLeadsBody,
  ZLead,
  ZLeadPage,
  ZListLeadsQuery,
  ZUpdateLeadBody,
} from '@kindling/contracts/leads';
import { ZTask } from '@kindling/contracts/tasks';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/service';
import { withTenant } from '../../platform/db/tenant';
import { serviceContext, type ServiceContext } from '../../platform/http/context';
import { commonErrors, noContent } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { createTask, getTask } from '../../platform/jobs/tasks';
import type { Db } from '../../platform/db/client';
import { listLeadActivities } from '../activities/service';
import { compileCheckedFilter, filterScope } from '../segments/service';
import { requireLiveLeads } from './bulk-target';
import { exportSettings, requesterLocale, type ExportParams } from './export-settings';
import { exportLeadsJob } from './jobs';
import { addNote, createLead, deleteLead, getLead, listLeads, restoreLead, updateLead } from './service';

const tags = ['leads'];
const idParams = z.object({ id: z.uuid() });

export function leadsRoutes(app: App, { database, jobs }: AppDeps): void {
  const inTenant = <T>(ctx: ServiceContext, work: (tx: Db) => Promise<T>) =>
    withTenant(database.db, ctx.workspaceId, work);

  app.get(
    '/api/v1/leads',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: 'List leads (search, sort, paginate)',
        querystring: ZListLeadsQuery,
        response: { 200: ZLeadPage, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => listLeads(tx, ctx, request.query));
    },
  );

  app.post(
    '/api/v1/leads',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Create a lead',
        body: ZCreateLeadBody,
        response: { 201: ZLead, 409: commonErrors[400], ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      return reply.status(201).send(await inTenant(ctx, (tx) => createLead(tx, ctx, request.body)));
    },
  );

  app.get(
    '/api/v1/leads/:id',
    {
      config: { permission: 'leads:read' },
      schema: { tags, summary: 'Get a lead', params: idParams, response: { 200: ZLead, ...commonErrors } },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => getLead(tx, ctx, request.params.id));
    },
  );

  app.patch(
    '/api/v1/leads/:id',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Update some fields of a lead',
        params: idParams,
        body: ZUpdateLeadBody,
        response: { 200: ZLead, 409: commonErrors[400], ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => updateLead(tx, ctx, request.params.id, request.body));
    },
  );

  app.delete(
    '/api/v1/leads/:id',
    {
      config: { permission: 'leads:delete' },
      schema: {
        tags,
        summary: 'Move a lead to the recycle bin (restorable for 30 days)',
        params: idParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      await inTenant(ctx, (tx) => deleteLead(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/leads/:id/restore',
    {
      config: { permission: 'leads:delete' },
      schema: {
        tags,
        summary: 'Restore a lead from the recycle bin',
        params: idParams,
        response: { 200: ZLead, 409: commonErrors[400], ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => restoreLead(tx, ctx, request.params.id));
    },
  );

  app.get(
    '/api/v1/leads/:id/activities',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: "A lead's activity timeline, newest first",
        params: idParams,
        querystring: ZListActivitiesQuery,
        response: { 200: ZActivityPage, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, async (tx) => {
        await getLead(tx, ctx, request.params.id);
        return listLeadActivities(tx, ctx, request.params.id, request.query);
      });
    },
  );

  app.post(
    '/api/v1/leads/:id/notes',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Add a note to the timeline',
        params: idParams,
        body: ZCreateNoteBody,
        response: { 201: ZActivity, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const note = await inTenant(ctx, async (tx) => {
        await addNote(tx, ctx, request.params.id, request.body.body);
        const [latest] = (await listLeadActivities(tx, ctx, request.params.id, { limit: 1 })).items;
        if (!latest) throw new Error('note was not stored');
        return latest;
      });
      return reply.status(201).send(note);
    },
  );

  app.post(
    '/api/v1/leads/export',
    {
      config: { permission: 'leads:export' },
      schema: {
        tags,
        summary: 'Export the (filtered) list, or the chosen leads, to CSV or Excel as a background task',
        body: ZExportLeadsBody,
        response: { 202: ZTask, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const { format, columns, ids, ...filter } = request.body;
      const locale = await requesterLocale(database.db, ctx, request.headers['accept-language']);
      const task = await inTenant(ctx, async (tx) => {
        // A filter that does not fit the fields is refused now (400 body.filter…), not when the job runs.
        if (filter.filter) compileCheckedFilter(ctx, filter.filter, await filterScope(tx, ctx));
        if (ids) await requireLiveLeads(tx, ctx, ids, 'body.ids');
        const settings = await exportSettings(tx, ctx, { format, columns }, locale);
        const params: ExportParams = { ...filter, ids, ...settings };
        const row = await createTask(tx, ctx, { kind: 'leads.export', title: 'Export leads', params });
        await recordAudit(tx, ctx, {
          action: 'leads.exported',
          targetType: 'task',
          targetId: row.id,
          details: { ...settings, filter, ...(ids ? { chosen: ids.length } : {}) },
        });
        return row;
      });
      // Enqueued after the commit: the job must see the task row (and PGlite cannot nest the two).
      await jobs.send(exportLeadsJob, { workspaceId: ctx.workspaceId, taskId: task.id });
      return reply.status(202).send(await inTenant(ctx, (tx) => getTask(tx, ctx, task.id)));
    },
  );
}
