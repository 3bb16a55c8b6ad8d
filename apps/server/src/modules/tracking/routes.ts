import {
  ZAnalyticsExportQuery,
  ZAnalyticsQuery,
  ZCreateEventDefinitionBody,
  ZCreateTrackingSiteBody,
  ZEventDefinition,
  ZEventDefinitionList,
  ZEventDefinitionsQuery,
  ZLiveEvents,
  ZLiveEventsQuery,
  ZTrackingListExportQuery,
  ZTrackingSite,
  ZTrackingSiteList,
  ZTrackingSitesQuery,
  ZTrackingSnippet,
  ZUpdateEventDefinitionBody,
  ZUpdateTrackingSiteBody,
  ZWebAnalytics,
} from '@kindling/contracts/tracking';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/service';
import type { Db } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import { serviceContext, type ServiceContext } from '../../platform/http/context';
import { invalid } from '../../platform/http/errors';
import { commonErrors } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { getWorkspace } from '../../platform/workspaces/service';
import { requesterLocale } from '../leads/export-settings';
import { siteAnalytics, workspacePeriod } from './analytics';
import { analyticsTableSheet, definitionsSheet, eventsSheet, sendSheet, sitesSheet } from './analytics-export';
import {
  createDefinition,
  listAllDefinitions,
  listDefinitions,
  setDefinitionArchived,
  updateDefinition,
  type DefinitionChange,
} from './definitions';
import { liveEvents } from './live-events';
import { invalidateSiteCache } from './site-cache';
import {
  createSite,
  findSiteRow,
  getSite,
  listAllSites,
  listSites,
  setSiteArchived,
  siteSnippet,
  updateSite,
} from './sites';

const tags = ['tracking'];
const idParams = z.object({ id: z.uuid() });
const withConflict = { 409: commonErrors[400], ...commonErrors };

/**
 * Tracked sites, event definitions, the live view and web analytics (the console's tracking screens). The public
 * ingest (/t/…) lives in its own routes. Changes that alter what the ingest serves for a site (domains, settings,
 * archiving, click definitions) drop the site from the ingest's cache after the commit, so the next event or
 * tracker configuration request reads the new state.
 */
export function trackingRoutes(app: App, { database, config }: AppDeps): void {
  const inTenant = <T>(ctx: ServiceContext, work: (tx: Db) => Promise<T>) =>
    withTenant(database.db, ctx.workspaceId, work);
  const afterDefinitionChange = (change: DefinitionChange) => {
    for (const siteKey of change.siteKeys) invalidateSiteCache(siteKey);
    return change.definition;
  };

  app.get(
    '/api/v1/tracking/sites',
    {
      config: { permission: 'tracking:read' },
      schema: {
        tags,
        summary: 'List tracked sites (live, or archived with archived=true), newest first',
        querystring: ZTrackingSitesQuery,
        response: { 200: ZTrackingSiteList, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const archived = request.query.archived === 'true';
      return { items: await inTenant(ctx, (tx) => listSites(tx, ctx, { archived })) };
    },
  );

  app.post(
    '/api/v1/tracking/sites',
    {
      config: { permission: 'tracking:manage' },
      schema: {
        tags,
        summary: 'Add a tracked site or mini-program (gets a new random site key)',
        body: ZCreateTrackingSiteBody,
        response: { 201: ZTrackingSite, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      return reply.status(201).send(await inTenant(ctx, (tx) => createSite(tx, ctx, request.body)));
    },
  );

  app.get(
    '/api/v1/tracking/sites/export',
    {
      config: { permission: 'tracking:read' },
      schema: {
        tags,
        summary: 'Download the tracked sites (archived included) as CSV or XLSX, in your language',
        querystring: ZTrackingListExportQuery,
        response: commonErrors,
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const locale = await requesterLocale(database.db, ctx, request.headers['accept-language']);
      const { sites, timeZone } = await inTenant(ctx, async (tx) => ({
        sites: await listAllSites(tx, ctx),
        timeZone: (await getWorkspace(tx, ctx)).timeZone,
      }));
      await sendSheet(reply, request.query.format, sitesSheet(sites, locale, timeZone));
      return reply;
    },
  );

  app.get(
    '/api/v1/tracking/sites/:id',
    {
      config: { permission: 'tracking:read' },
      schema: {
        tags,
        summary: 'Get a tracked site',
        params: idParams,
        response: { 200: ZTrackingSite, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => getSite(tx, ctx, request.params.id));
    },
  );

  app.patch(
    '/api/v1/tracking/sites/:id',
    {
      config: { permission: 'tracking:manage' },
      schema: {
        tags,
        summary: "Change a site's name, allowed domains or privacy settings",
        params: idParams,
        body: ZUpdateTrackingSiteBody,
        response: { 200: ZTrackingSite, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const site = await inTenant(ctx, (tx) => updateSite(tx, ctx, request.params.id, request.body));
      invalidateSiteCache(site.siteKey);
      return site;
    },
  );

  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/api/v1/tracking/sites/:id/${action}`,
      {
        config: { permission: 'tracking:manage' },
        schema: {
          tags,
          summary: archived
            ? 'Archive a site: its events are refused from now on, its data stays'
            : 'Restore an archived site: its snippet works again',
          params: idParams,
          response: { 200: ZTrackingSite, ...commonErrors },
        },
      },
      async (request) => {
        const ctx = serviceContext(request);
        const site = await inTenant(ctx, (tx) => setSiteArchived(tx, ctx, request.params.id, archived));
        invalidateSiteCache(site.siteKey);
        return site;
      },
    );
  }

  app.get(
    '/api/v1/tracking/sites/:id/snippet',
    {
      config: { permission: 'tracking:read' },
      schema: {
        tags,
        summary: 'The code to install: the script tag for web sites, the init code for mini-programs',
        params: idParams,
        response: { 200: ZTrackingSnippet, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const site = await inTenant(ctx, (tx) => findSiteRow(tx, ctx, request.params.id));
      return siteSnippet(site, config.publicUrl);
    },
  );

  app.get(
    '/api/v1/tracking/sites/:id/live',
    {
      config: { permission: 'tracking:read' },
      schema: {
        tags,
        summary: 'The newest events of a site, or only those after the cursor (verify installation; poll it)',
        params: idParams,
        querystring: ZLiveEventsQuery,
        response: { 200: ZLiveEvents, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => liveEvents(tx, ctx, request.params.id, request.query));
    },
  );

  app.get(
    '/api/v1/tracking/sites/:id/analytics',
    {
      config: { permission: 'tracking:read' },
      schema: {
        tags,
        summary: 'Web analytics of a site over days in the workspace time zone (both included, at most a year)',
        params: idParams,
        querystring: ZAnalyticsQuery,
        response: { 200: ZWebAnalytics, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return (await siteAnalytics(database.db, ctx, request.params.id, request.query)).analytics;
    },
  );

  app.get(
    '/api/v1/tracking/sites/:id/analytics/export',
    {
      config: { permission: 'tracking:read' },
      schema: {
        tags,
        summary:
          'Download one table of the analytics screen, or the raw events of the period (at most 100,000: the file ' +
          'name then ends in first-100000), as CSV or XLSX in your language',
        params: idParams,
        querystring: ZAnalyticsExportQuery,
        response: commonErrors,
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const { table, format, from, to } = request.query;
      const checked = ZAnalyticsQuery.safeParse({ from, to });
      if (!checked.success) {
        throw invalid(
          checked.error.issues.map((issue) => ({
            path: ['querystring', ...issue.path].join('.'),
            message: issue.message,
          })),
        );
      }
      const locale = await requesterLocale(database.db, ctx, request.headers['accept-language']);
      const siteId = request.params.id;
      if (table === 'events') {
        const period = await inTenant(ctx, async (tx) => {
          await findSiteRow(tx, ctx, siteId);
          // Raw events name visitors and leads: who took them, and when, is on record.
          await recordAudit(tx, ctx, {
            action: 'tracking.events_exported',
            targetType: 'tracking_site',
            targetId: siteId,
            details: { from, to, format },
          });
          return workspacePeriod(tx, ctx, { from, to });
        });
        await sendSheet(reply, format, eventsSheet(database.db, ctx, siteId, period, locale));
        return reply;
      }
      const { analytics, period } = await siteAnalytics(database.db, ctx, siteId, { from, to });
      await sendSheet(reply, format, analyticsTableSheet(analytics, table, period, locale));
      return reply;
    },
  );

  app.get(
    '/api/v1/tracking/event-definitions',
    {
      config: { permission: 'tracking:read' },
      schema: {
        tags,
        summary:
          'Event definitions (live first) with their event counts in the period (default: the last 30 days), ' +
          'and custom event names seen without a definition',
        querystring: ZEventDefinitionsQuery,
        response: { 200: ZEventDefinitionList, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => listDefinitions(tx, ctx, request.query));
    },
  );

  app.post(
    '/api/v1/tracking/event-definitions',
    {
      config: { permission: 'tracking:manage' },
      schema: {
        tags,
        summary: 'Define a page, a tracked click (CSS selector) or a custom event; names are unique among live ones',
        body: ZCreateEventDefinitionBody,
        response: { 201: ZEventDefinition, ...withConflict },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const change = await inTenant(ctx, (tx) => createDefinition(tx, ctx, request.body));
      return reply.status(201).send(afterDefinitionChange(change));
    },
  );

  app.get(
    '/api/v1/tracking/event-definitions/export',
    {
      config: { permission: 'tracking:read' },
      schema: {
        tags,
        summary: 'Download the event definitions (archived included) as CSV or XLSX, in your language',
        querystring: ZTrackingListExportQuery,
        response: commonErrors,
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const locale = await requesterLocale(database.db, ctx, request.headers['accept-language']);
      const { definitions, siteNames, timeZone } = await inTenant(ctx, async (tx) => ({
        definitions: await listAllDefinitions(tx, ctx),
        siteNames: new Map((await listAllSites(tx, ctx)).map((site) => [site.id, site.name])),
        timeZone: (await getWorkspace(tx, ctx)).timeZone,
      }));
      await sendSheet(reply, request.query.format, definitionsSheet(definitions, siteNames, locale, timeZone));
      return reply;
    },
  );

  app.patch(
    '/api/v1/tracking/event-definitions/:id',
    {
      config: { permission: 'tracking:manage' },
      schema: {
        tags,
        summary: "Change a definition's label, selector, URL pattern, properties or site (not its name or kind)",
        params: idParams,
        body: ZUpdateEventDefinitionBody,
        response: { 200: ZEventDefinition, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return afterDefinitionChange(
        await inTenant(ctx, (tx) => updateDefinition(tx, ctx, request.params.id, request.body)),
      );
    },
  );

  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/api/v1/tracking/event-definitions/:id/${action}`,
      {
        config: { permission: 'tracking:manage' },
        schema: {
          tags,
          summary: archived
            ? 'Archive a definition (its name becomes free; its events stay)'
            : 'Restore an archived definition (409 when a live one took its name meanwhile)',
          params: idParams,
          response: { 200: ZEventDefinition, ...withConflict },
        },
      },
      async (request) => {
        const ctx = serviceContext(request);
        return afterDefinitionChange(
          await inTenant(ctx, (tx) => setDefinitionArchived(tx, ctx, request.params.id, archived)),
        );
      },
    );
  }
}
