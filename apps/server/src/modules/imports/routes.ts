import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import fastifyMultipart from '@fastify/multipart';
import { ZErrorResponse } from '@kindling/contracts/errors';
import {
  IMPORT_MAX_BYTES,
  ZLeadImport,
  ZLeadImportPage,
  ZLeadImportUpload,
  ZListLeadImportsQuery,
  ZStartedLeadImport,
  ZStartLeadImportBody,
} from '@kindling/contracts/imports';
import { z } from 'zod';
import type { Db } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import { requireAuth, serviceContext, type ServiceContext } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';
import { commonErrors } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { importLeadsJob } from './jobs';
import { createImportFromFile, errorReportOf, getLeadImport, listLeadImports, startLeadImport } from './service';
import { receiveUpload } from './upload';

const tags = ['lead imports'];
const idParams = z.object({ id: z.uuid() });

/** attachment; with an ASCII fallback and the real (often Chinese) name for browsers that read filename*. */
function attachment(fileName: string): string {
  const fallback = fileName.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function importsRoutes(app: App, { database, config, jobs }: AppDeps): void {
  const inTenant = <T>(ctx: ServiceContext, work: (tx: Db) => Promise<T>) =>
    withTenant(database.db, ctx.workspaceId, work);

  // Multipart parsing only where a file is expected: every other route keeps refusing non-JSON bodies.
  void app.register(async (uploads: App) => {
    await uploads.register(fastifyMultipart, {
      limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, parts: 11 },
    });
    uploads.post(
      '/api/v1/lead-imports',
      {
        config: { permission: 'leads:write' },
        schema: {
          tags,
          summary: 'Upload a CSV or XLSX of leads (multipart field "file"): headers, preview and a suggested mapping',
          consumes: ['multipart/form-data'],
          response: { 201: ZLeadImportUpload, 413: ZErrorResponse, 415: ZErrorResponse, ...commonErrors },
        },
      },
      async (request, reply) => {
        const ctx = serviceContext(request);
        const upload = await receiveUpload(request, config.dataDir, ctx.workspaceId);
        try {
          const result = await createImportFromFile(database, ctx, { ...upload, dataDir: config.dataDir });
          return reply.status(201).send(result);
        } catch (error) {
          // A refused file leaves nothing behind.
          await rm(upload.path, { force: true });
          throw error;
        }
      },
    );
  });

  app.get(
    '/api/v1/lead-imports',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Past imports, newest first',
        querystring: ZListLeadImportsQuery,
        response: { 200: ZLeadImportPage, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => listLeadImports(tx, ctx, request.query));
    },
  );

  app.get(
    '/api/v1/lead-imports/:id',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'One import: status, counts and progress',
        params: idParams,
        response: { 200: ZLeadImport, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => getLeadImport(tx, ctx, request.params.id));
    },
  );

  app.post(
    '/api/v1/lead-imports/:id/start',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Start an uploaded import with its column mapping and dedupe choice (runs as a task)',
        params: idParams,
        body: ZStartLeadImportBody,
        response: { 202: ZStartedLeadImport, 409: ZErrorResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const started = await inTenant(ctx, (tx) => startLeadImport(tx, ctx, request.params.id, request.body));
      // Enqueued after the commit: the job must see the queued import and its task.
      await jobs.send(importLeadsJob, {
        workspaceId: ctx.workspaceId,
        importId: request.params.id,
        taskId: started.taskId,
      });
      return reply.status(202).send(started);
    },
  );

  app.get(
    '/api/v1/lead-imports/:id/error-report',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Download the rejected rows with their reasons (CSV)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const auth = requireAuth(request);
      const report = await inTenant(ctx, (tx) => errorReportOf(tx, ctx, request.params.id, config.dataDir));
      // The rows are personal data from someone's file: only the importer, or an admin, downloads them.
      if (report.createdBy !== auth.userId && !auth.permissions.has('workspace:manage')) throw forbidden();
      reply.header('content-disposition', attachment(report.fileName));
      reply.type('text/csv; charset=utf-8');
      return reply.send(createReadStream(report.filePath));
    },
  );
}
