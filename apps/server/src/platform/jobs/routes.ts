import { createReadStream } from 'node:fs';
import { ZTask } from '@kindling/contracts/tasks';
import { z } from 'zod';
import { withTenant } from '../db/tenant';
import { requireAuth, serviceContext } from '../http/context';
import { forbidden, notFound } from '../http/errors';
import { commonErrors } from '../http/openapi';
import type { App, AppDeps } from '../http/types';
import { getTask, getTaskRow, listTasks } from './tasks';

const tags = ['tasks'];

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const contentTypeOf = (fileName: string) =>
  CONTENT_TYPES[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

export function tasksRoutes(app: App, { database }: AppDeps): void {
  const { db } = database;

  app.get(
    '/api/v1/tasks',
    {
      config: { permission: 'tasks:read' },
      schema: {
        tags,
        summary: 'Recent background tasks with progress',
        response: { 200: z.object({ items: z.array(ZTask) }), ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return { items: await withTenant(db, ctx.workspaceId, (tx) => listTasks(tx, ctx)) };
    },
  );

  app.get(
    '/api/v1/tasks/:id',
    {
      config: { permission: 'tasks:read' },
      schema: {
        tags,
        summary: 'One task',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZTask, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return withTenant(db, ctx.workspaceId, (tx) => getTask(tx, ctx, request.params.id));
    },
  );

  app.get(
    '/api/v1/tasks/:id/file',
    {
      config: { permission: 'tasks:read' },
      schema: { tags, summary: "Download a task's file (e.g. an export)", params: z.object({ id: z.uuid() }) },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const auth = requireAuth(request);
      const task = await withTenant(db, ctx.workspaceId, (tx) => getTaskRow(tx, ctx, request.params.id));
      // Exported data is personal data: only whoever asked for it, or an admin, downloads it.
      if (task.createdBy !== auth.userId && !auth.permissions.has('workspace:manage')) throw forbidden();
      if (!task.filePath) throw notFound('File');
      const fileName = task.fileName ?? 'download';
      reply.header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
      reply.type(contentTypeOf(fileName));
      return reply.send(createReadStream(task.filePath));
    },
  );
}
