import {
  ZCompanyActivityPage,
  ZCompanyDetail,
  ZCompanyLeadsQuery,
  ZCompanyPage,
  ZCreateCompanyBody,
  ZEnrichCompanyBody,
  ZEnrichmentOutcome,
  ZExportCompaniesBody,
  ZListCompaniesQuery,
  ZUpdateCompanyBody,
} from '@kindling/contracts/companies';
import { ZListActivitiesQuery } from '@kindling/contracts/activities';
import { ZLeadPage } from '@kindling/contracts/leads';
import { ZTask } from '@kindling/contracts/tasks';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/service';
import type { Db } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import { serviceContext, type ServiceContext } from '../../platform/http/context';
import { commonErrors, noContent } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { createTask, getTask } from '../../platform/jobs/tasks';
import { listCompanyActivities } from '../activities/service';
import { listLeads } from '../leads/service';
import { enrichCompany } from './enrichment/enrich';
import { enrichmentProviderFor } from './enrichment/registry';
import { exportCompaniesJob } from './jobs';
import { createCompany, deleteCompany, findCompanyRow, getCompany, listCompanies, updateCompany } from './service';

const tags = ['companies'];
const idParams = z.object({ id: z.uuid() });
const withConflict = { 409: commonErrors[400], ...commonErrors };

export function companiesRoutes(app: App, { database, jobs, config }: AppDeps): void {
  const inTenant = <T>(ctx: ServiceContext, work: (tx: Db) => Promise<T>) =>
    withTenant(database.db, ctx.workspaceId, work);
  // Resolved once at start-up: an unknown ENRICHMENT_PROVIDER stops the server with the list of known ones.
  const enrichmentProvider = enrichmentProviderFor(config.enrichmentProvider);

  app.get(
    '/api/v1/companies',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: 'List companies (search name or domain, filter, sort, paginate)',
        querystring: ZListCompaniesQuery,
        response: { 200: ZCompanyPage, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => listCompanies(tx, ctx, request.query));
    },
  );

  app.post(
    '/api/v1/companies',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Create a company (domain normalised and unique per workspace)',
        body: ZCreateCompanyBody,
        response: { 201: ZCompanyDetail, ...withConflict },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      return reply.status(201).send(await inTenant(ctx, (tx) => createCompany(tx, ctx, request.body)));
    },
  );

  app.post(
    '/api/v1/companies/export',
    {
      config: { permission: 'leads:export' },
      schema: {
        tags,
        summary: 'Export the (filtered) company list to CSV as a background task',
        body: ZExportCompaniesBody,
        response: { 202: ZTask, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const { format, ...filters } = request.body;
      const task = await inTenant(ctx, async (tx) => {
        const row = await createTask(tx, ctx, { kind: 'companies.export', title: 'Export companies', params: filters });
        await recordAudit(tx, ctx, {
          action: 'companies.exported',
          targetType: 'task',
          targetId: row.id,
          details: { format, filters },
        });
        return row;
      });
      // Enqueued after the commit: the job must see the task row (and PGlite cannot nest the two).
      await jobs.send(exportCompaniesJob, { workspaceId: ctx.workspaceId, taskId: task.id });
      return reply.status(202).send(await inTenant(ctx, (tx) => getTask(tx, ctx, task.id)));
    },
  );

  app.get(
    '/api/v1/companies/:id',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: 'Get a company with its parent, divisions and lead count',
        params: idParams,
        response: { 200: ZCompanyDetail, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => getCompany(tx, ctx, request.params.id));
    },
  );

  app.patch(
    '/api/v1/companies/:id',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Update some fields of a company (a new parent may not create a cycle)',
        params: idParams,
        body: ZUpdateCompanyBody,
        response: { 200: ZCompanyDetail, ...withConflict },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => updateCompany(tx, ctx, request.params.id, request.body));
    },
  );

  app.delete(
    '/api/v1/companies/:id',
    {
      config: { permission: 'leads:delete' },
      schema: {
        tags,
        summary: 'Delete a company: its leads keep the name but lose the link; its divisions become top-level',
        params: idParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      await inTenant(ctx, (tx) => deleteCompany(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/companies/:id/leads',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: "The company's live leads, sorted and paginated",
        params: idParams,
        querystring: ZCompanyLeadsQuery,
        response: { 200: ZLeadPage, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, async (tx) => {
        await findCompanyRow(tx, ctx, request.params.id);
        return listLeads(tx, ctx, { ...request.query, companyId: request.params.id, view: 'active' });
      });
    },
  );

  app.get(
    '/api/v1/companies/:id/activities',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: "Recent activity of the company's leads, newest first (cursor-paginated)",
        params: idParams,
        querystring: ZListActivitiesQuery,
        response: { 200: ZCompanyActivityPage, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, async (tx) => {
        await findCompanyRow(tx, ctx, request.params.id);
        return listCompanyActivities(tx, ctx, request.params.id, request.query);
      });
    },
  );

  app.post(
    '/api/v1/companies/:id/enrich',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Fill registry (工商) data from the enrichment provider; 404 when the provider has none',
        params: idParams,
        body: ZEnrichCompanyBody,
        response: { 200: ZEnrichmentOutcome, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return enrichCompany(database.db, ctx, request.params.id, enrichmentProvider, request.body);
    },
  );
}
