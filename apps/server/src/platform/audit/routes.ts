import { ZAuditPage, ZListAuditQuery } from '@kindling/contracts/audit';
import { withTenant } from '../db/tenant';
import { serviceContext } from '../http/context';
import { commonErrors } from '../http/openapi';
import type { App, AppDeps } from '../http/types';
import { listAudit } from './service';

export function auditRoutes(app: App, { database }: AppDeps): void {
  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Audit log of security-relevant actions',
        querystring: ZListAuditQuery,
        response: { 200: ZAuditPage, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return withTenant(database.db, ctx.workspaceId, (tx) => listAudit(tx, ctx, request.query));
    },
  );
}
