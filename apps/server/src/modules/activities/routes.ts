import { ZActivityTypeCatalog, ZActivityTypeCounts } from '@kindling/contracts/activities';
import { z } from 'zod';
import { withTenant } from '../../platform/db/tenant';
import { serviceContext } from '../../platform/http/context';
import { commonErrors } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { getLead } from '../leads/service';
import { activityTypeCatalog, leadActivityTypeCounts } from './types';

const idParams = z.object({ id: z.uuid() });

/** What kinds of activity there are: per lead (the timeline's type filter) and per workspace (the filter builder). */
export function activityRoutes(app: App, { database }: AppDeps): void {
  app.get(
    '/api/v1/leads/:id/activity-types',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags: ['leads'],
        summary: "The activity types in a lead's timeline, with how many of each",
        params: idParams,
        response: { 200: ZActivityTypeCounts, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const items = await withTenant(database.db, ctx.workspaceId, async (tx) => {
        await getLead(tx, ctx, request.params.id);
        return leadActivityTypeCounts(tx, ctx, request.params.id);
      });
      return { items };
    },
  );

  app.get(
    '/api/v1/activity-types',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags: ['activities'],
        summary: 'Activity types of the workspace with the property paths seen in their recent activities',
        response: { 200: ZActivityTypeCatalog, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return { items: await withTenant(database.db, ctx.workspaceId, (tx) => activityTypeCatalog(tx, ctx)) };
    },
  );
}
