import { ZLeadColumns, ZLeadColumnsBody } from '@kindling/contracts/preferences';
import { withTenant } from '../../platform/db/tenant';
import { serviceContext } from '../../platform/http/context';
import { commonErrors } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { getLeadColumns, setLeadColumns } from './service';

const tags = ['preferences'];

/** The signed-in user's own settings in the current workspace; nobody reads or writes anyone else's. */
export function preferencesRoutes(app: App, { database }: AppDeps): void {
  app.get(
    '/api/v1/preferences/lead-columns',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'My lead-list columns: field catalogue keys in display order (defaults until I choose)',
        response: { 200: ZLeadColumns, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return { columns: await withTenant(database.db, ctx.workspaceId, (tx) => getLeadColumns(tx, ctx)) };
    },
  );

  app.put(
    '/api/v1/preferences/lead-columns',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Choose my lead-list columns: 1–30 distinct field catalogue keys (custom fields by their key)',
        body: ZLeadColumnsBody,
        response: { 200: ZLeadColumns, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const columns = request.body.columns;
      return { columns: await withTenant(database.db, ctx.workspaceId, (tx) => setLeadColumns(tx, ctx, columns)) };
    },
  );
}
