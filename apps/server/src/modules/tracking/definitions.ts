import { addDays, zonedToday } from '@kindling/contracts/filter-plan';
import {
  STANDARD_EVENT_NAMES,
  ZCreateEventDefinitionBody,
  ZEventDefinitionKind,
  type CreateEventDefinitionBody,
  type EventDefinition,
  type EventDefinitionList,
  type EventDefinitionsQuery,
  type UpdateEventDefinitionBody,
} from '@kindling/contracts/tracking';
import type { ErrorDetail } from '@kindling/contracts/errors';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import type { ServiceContext } from '../../platform/http/context';
import { conflict, invalid, notFound, uniqueViolation } from '../../platform/http/errors';
import { getWorkspace } from '../../platform/workspaces/service';
import { periodCondition, type Period } from './analytics';
import { trackingEventDefinitions, trackingEvents, trackingSites } from './schema';
import { findSiteRow } from './sites';

type DefinitionRow = typeof trackingEventDefinitions.$inferSelect;

const NAME_TAKEN = 'An event definition with this name already exists';
/** Counts cover the last 30 days unless the marketer picks a period. */
const DEFAULT_PERIOD_DAYS = 30;
const MAX_PERIOD_MS = 366 * 24 * 3600 * 1000;
/** The list of names seen without a definition shows the most frequent ones. */
const UNDEFINED_NAMES_LIMIT = 100;

export function toEventDefinition(row: DefinitionRow): EventDefinition {
  return {
    id: row.id,
    siteId: row.siteId,
    kind: ZEventDefinitionKind.catch('custom').parse(row.kind),
    name: row.name,
    label: row.label,
    selector: row.selector,
    urlPattern: row.urlPattern,
    properties: row.properties,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function rethrowNameTaken(error: unknown): never {
  if (uniqueViolation(error) === 'tracking_event_definitions_name_key') {
    throw conflict(NAME_TAKEN, [{ path: 'body.name', message: NAME_TAKEN }]);
  }
  throw error;
}

const byId = (ctx: ServiceContext, id: string) =>
  and(eq(trackingEventDefinitions.workspaceId, ctx.workspaceId), eq(trackingEventDefinitions.id, id));

export async function findDefinitionRow(tx: Db, ctx: ServiceContext, id: string): Promise<DefinitionRow> {
  const [row] = await tx.select().from(trackingEventDefinitions).where(byId(ctx, id));
  if (!row) throw notFound('Event definition');
  return row;
}

/**
 * A selector belongs to click definitions and a URL pattern to page definitions only: a value on another kind
 * would be stored and never used, so it is refused rather than silently kept.
 */
function checkKindFields(kind: string, fields: { selector?: string | null; urlPattern?: string | null }): void {
  const details: ErrorDetail[] = [];
  if (kind !== 'click' && fields.selector) {
    details.push({ path: 'body.selector', message: 'Only click definitions have a selector' });
  }
  if (kind !== 'page_view' && fields.urlPattern) {
    details.push({ path: 'body.urlPattern', message: 'Only page definitions have a URL pattern' });
  }
  if (details.length > 0) throw invalid(details, details[0]?.message);
}

/**
 * Site keys whose cached ingest state a change to these definitions alters (the ingest checks custom events'
 * properties against their definition, and /t/c serves the click definitions to the tracker): the definition's
 * site, or every site of the workspace for a workspace-wide definition. Page definitions are not cached.
 */
async function affectedSiteKeys(tx: Db, ctx: ServiceContext, rows: DefinitionRow[]): Promise<string[]> {
  const cached = rows.filter((row) => row.kind === 'click' || row.kind === 'custom');
  if (cached.length === 0) return [];
  const everySite = cached.some((row) => row.siteId === null);
  const siteIds = [...new Set(cached.flatMap((row) => (row.siteId ? [row.siteId] : [])))];
  const sites = await tx
    .select({ siteKey: trackingSites.siteKey })
    .from(trackingSites)
    .where(
      and(eq(trackingSites.workspaceId, ctx.workspaceId), everySite ? undefined : inArray(trackingSites.id, siteIds)),
    );
  return sites.map((site) => site.siteKey);
}

export interface DefinitionChange {
  definition: EventDefinition;
  /** Invalidate these in the ingest's site cache once the change is committed. */
  siteKeys: string[];
}

export async function createDefinition(
  tx: Db,
  ctx: ServiceContext,
  body: CreateEventDefinitionBody,
): Promise<DefinitionChange> {
  const input = ZCreateEventDefinitionBody.parse(body);
  checkKindFields(input.kind, input);
  if (input.siteId) await findSiteRow(tx, ctx, input.siteId);
  const row = await tx
    .insert(trackingEventDefinitions)
    .values({
      workspaceId: ctx.workspaceId,
      siteId: input.siteId,
      kind: input.kind,
      name: input.name,
      label: input.label,
      selector: input.kind === 'click' ? input.selector : null,
      urlPattern: input.kind === 'page_view' ? input.urlPattern : null,
      properties: input.properties,
    })
    .returning()
    .then(([inserted]) => inserted, rethrowNameTaken);
  if (!row) throw new Error('event definition insert returned nothing');
  await recordAudit(tx, ctx, {
    action: 'tracking.definition_created',
    targetType: 'tracking_event_definition',
    targetId: row.id,
    details: { kind: row.kind, name: row.name, label: row.label },
  });
  return { definition: toEventDefinition(row), siteKeys: await affectedSiteKeys(tx, ctx, [row]) };
}

export async function updateDefinition(
  tx: Db,
  ctx: ServiceContext,
  id: string,
  body: UpdateEventDefinitionBody,
): Promise<DefinitionChange> {
  const before = await findDefinitionRow(tx, ctx, id);
  checkKindFields(before.kind, body);
  if (body.siteId) await findSiteRow(tx, ctx, body.siteId);
  const changes = {
    ...(body.label === undefined ? {} : { label: body.label }),
    ...(body.selector === undefined ? {} : { selector: body.selector }),
    ...(body.urlPattern === undefined ? {} : { urlPattern: body.urlPattern }),
    ...(body.properties === undefined
      ? {}
      : { properties: body.properties.map((p) => ({ label: '', required: false, ...p })) }),
    ...(body.siteId === undefined ? {} : { siteId: body.siteId }),
  };
  const [row] = await tx.update(trackingEventDefinitions).set(changes).where(byId(ctx, id)).returning();
  if (!row) throw notFound('Event definition');
  await recordAudit(tx, ctx, {
    action: 'tracking.definition_updated',
    targetType: 'tracking_event_definition',
    targetId: id,
    details: { name: row.name, changes: Object.keys(changes) },
  });
  // Both the old and the new site lose the old configuration when a click definition moves.
  const siteKeys = await affectedSiteKeys(tx, ctx, [before, row]);
  return { definition: toEventDefinition(row), siteKeys };
}

/**
 * Archives a definition (its name is free again; its events stay) or restores it: 409 when a live definition
 * took the name meanwhile. Doing it twice changes nothing.
 */
export async function setDefinitionArchived(
  tx: Db,
  ctx: ServiceContext,
  id: string,
  archived: boolean,
): Promise<DefinitionChange> {
  const before = await findDefinitionRow(tx, ctx, id);
  if ((before.archivedAt !== null) === archived) return { definition: toEventDefinition(before), siteKeys: [] };
  const [row] = await tx
    .update(trackingEventDefinitions)
    .set({ archivedAt: archived ? new Date() : null })
    .where(byId(ctx, id))
    .returning()
    .catch((error: unknown) => {
      if (uniqueViolation(error) === 'tracking_event_definitions_name_key') {
        throw conflict(`Another live event definition is named "${before.name}" now; archive or rename it first`);
      }
      throw error;
    });
  if (!row) throw notFound('Event definition');
  await recordAudit(tx, ctx, {
    action: archived ? 'tracking.definition_archived' : 'tracking.definition_restored',
    targetType: 'tracking_event_definition',
    targetId: id,
    details: { name: row.name },
  });
  return { definition: toEventDefinition(row), siteKeys: await affectedSiteKeys(tx, ctx, [row]) };
}

/** `/blog/*` matches every path under /blog/ (a trailing * is any rest of the path); anything else exactly. */
export function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

/** The counting period: the query's days, defaulting to the last 30 days up to today in the workspace. */
async function definitionsPeriod(tx: Db, ctx: ServiceContext, query: EventDefinitionsQuery): Promise<Period> {
  const { timeZone } = await getWorkspace(tx, ctx);
  const to = query.to ?? zonedToday(new Date(), timeZone);
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) throw invalid([{ path: 'querystring.from', message: 'Must not be after today' }]);
  if (Date.parse(to) - Date.parse(from) > MAX_PERIOD_MS) {
    throw invalid([{ path: 'querystring.from', message: 'At most one year' }]);
  }
  return { from, to, timeZone };
}

interface CountRow extends Record<string, unknown> {
  site_id: string;
  name: string;
  path: string | null;
  n: number;
}

/**
 * The definitions (those of the site and the workspace-wide ones when a site is given; live ones first), each
 * with its event count in the period, and the custom event names seen without a definition. Events are counted
 * in one pass, grouped by site, name and (page views only) path; the definitions are matched against those
 * groups, so a `/blog/*` pattern costs no second scan.
 */
export async function listDefinitions(
  tx: Db,
  ctx: ServiceContext,
  query: EventDefinitionsQuery,
): Promise<EventDefinitionList> {
  if (query.siteId) await findSiteRow(tx, ctx, query.siteId);
  const period = await definitionsPeriod(tx, ctx, query);
  const definitions = await tx
    .select()
    .from(trackingEventDefinitions)
    .where(
      and(
        eq(trackingEventDefinitions.workspaceId, ctx.workspaceId),
        query.siteId
          ? or(isNull(trackingEventDefinitions.siteId), eq(trackingEventDefinitions.siteId, query.siteId))
          : undefined,
      ),
    )
    .orderBy(
      sql`${trackingEventDefinitions.archivedAt} is not null`,
      desc(trackingEventDefinitions.createdAt),
      asc(trackingEventDefinitions.id),
    );
  const siteIds = query.siteId
    ? [query.siteId]
    : (
        await tx
          .select({ id: trackingSites.id })
          .from(trackingSites)
          .where(eq(trackingSites.workspaceId, ctx.workspaceId))
      ).map((site) => site.id);
  const counts =
    siteIds.length === 0
      ? []
      : await rawRows<CountRow>(
          tx,
          sql`select ${trackingEvents.siteId} as site_id, ${trackingEvents.name} as name,
              case when ${trackingEvents.name} = 'page_view' then ${trackingEvents.path} end as path,
              count(*)::int as n
            from ${trackingEvents}
            where ${trackingEvents.workspaceId} = ${ctx.workspaceId} and ${inArray(trackingEvents.siteId, siteIds)}
              and ${periodCondition(period)} and ${trackingEvents.name} <> 'page_leave'
            group by 1, 2, 3`,
        );

  const countOf = (row: DefinitionRow): number =>
    counts
      .filter((c) => row.siteId === null || c.site_id === row.siteId)
      .filter((c) =>
        row.kind === 'page_view'
          ? c.name === 'page_view' && c.path !== null && row.urlPattern !== null && pathMatches(row.urlPattern, c.path)
          : c.name === row.name,
      )
      .reduce((sum, c) => sum + Number(c.n), 0);

  const defined = new Set(definitions.map((row) => row.name));
  const standard = new Set<string>(STANDARD_EVENT_NAMES);
  const undefinedCounts = new Map<string, number>();
  for (const c of counts) {
    if (standard.has(c.name) || defined.has(c.name)) continue;
    undefinedCounts.set(c.name, (undefinedCounts.get(c.name) ?? 0) + Number(c.n));
  }
  return {
    items: definitions.map((row) => ({ ...toEventDefinition(row), count: countOf(row) })),
    undefinedNames: [...undefinedCounts]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, UNDEFINED_NAMES_LIMIT),
  };
}

/** Every definition of the workspace (for the list export): live ones first, newest first. */
export async function listAllDefinitions(tx: Db, ctx: ServiceContext): Promise<EventDefinition[]> {
  const rows = await tx
    .select()
    .from(trackingEventDefinitions)
    .where(eq(trackingEventDefinitions.workspaceId, ctx.workspaceId))
    .orderBy(
      sql`${trackingEventDefinitions.archivedAt} is not null`,
      desc(trackingEventDefinitions.createdAt),
      asc(trackingEventDefinitions.id),
    );
  return rows.map(toEventDefinition);
}
