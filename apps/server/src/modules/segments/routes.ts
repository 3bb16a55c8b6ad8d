import { ZLeadPage } from '@kindling/contracts/leads';
import { ZLeadCount, ZLeadCountBody, ZLeadSearchBody } from '@kindling/contracts/segments';
import { withTenant } from '../../platform/db/tenant';
import { serviceContext } from '../../platform/http/context';
import { commonErrors } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { countLeadsMatching, searchLeads } from './service';

const tags = ['leads'];

export function segmentsRoutes(app: App, { database }: AppDeps): void {
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
}
