import type { TrackingPropertySpec, TrackingSiteKind } from '@kindling/contracts/tracking';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { workspaces } from '../../platform/workspaces/schema';
import { trackingEventDefinitions, trackingSites } from './schema';

/** What the public ingest needs to know about a site, resolved from the site key the snippet sends. */
export interface IngestSite {
  id: string;
  workspaceId: string;
  kind: TrackingSiteKind;
  /** Allowed hosts: `example.com`, `*.example.com`, `localhost:5173`. */
  domains: string[];
  respectDnt: boolean;
  consentRequired: boolean;
  truncateIp: boolean;
  /** HMAC key of the workspace's signed lead tokens (the pixel's `lt`). */
  signingSecret: string;
  /** Custom events with a property schema, by event name (definitions of this site or of every site). */
  eventSchemas: ReadonlyMap<string, readonly TrackingPropertySpec[]>;
  /** Clicks on these elements are sent as events named `name` (the tracker's config). */
  clicks: readonly { name: string; selector: string }[];
}

/**
 * Sites by key, for a few seconds: every ingest request needs its site before any tenant context exists, so the
 * lookup uses the owner connection and must not cost a query per request. Unknown and archived keys are cached
 * too (briefly), so a flood of forged keys costs one query per key, not one per request. The management API calls
 * `invalidateSiteCache` when it changes a site or its definitions; other app instances notice within the TTL.
 */
const SITE_TTL_MS = 30_000;
const MISS_TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;

interface Entry {
  site: IngestSite | null;
  expiresAt: number;
}
const entries = new Map<string, Entry>();
/** Lookups under way, so a burst of requests for a cold key waits for one query. */
const loading = new Map<string, Promise<IngestSite | null>>();
/** Bumped by every invalidation: a lookup that started before one may have read the old row and is not cached. */
let generation = 0;

async function loadSite(database: Database, siteKey: string): Promise<IngestSite | null> {
  const db = database.db;
  const [site] = await db
    .select({
      id: trackingSites.id,
      workspaceId: trackingSites.workspaceId,
      kind: trackingSites.kind,
      domains: trackingSites.domains,
      respectDnt: trackingSites.respectDnt,
      consentRequired: trackingSites.consentRequired,
      truncateIp: trackingSites.truncateIp,
      archivedAt: trackingSites.archivedAt,
      signingSecret: workspaces.signingSecret,
    })
    .from(trackingSites)
    .innerJoin(workspaces, eq(workspaces.id, trackingSites.workspaceId))
    .where(eq(trackingSites.siteKey, siteKey));
  if (!site || site.archivedAt) return null;
  const definitions = await db
    .select({
      kind: trackingEventDefinitions.kind,
      name: trackingEventDefinitions.name,
      selector: trackingEventDefinitions.selector,
      properties: trackingEventDefinitions.properties,
    })
    .from(trackingEventDefinitions)
    .where(
      and(
        eq(trackingEventDefinitions.workspaceId, site.workspaceId),
        isNull(trackingEventDefinitions.archivedAt),
        inArray(trackingEventDefinitions.kind, ['custom', 'click']),
        or(isNull(trackingEventDefinitions.siteId), eq(trackingEventDefinitions.siteId, site.id)),
      ),
    );
  return {
    id: site.id,
    workspaceId: site.workspaceId,
    kind: site.kind === 'miniprogram' ? 'miniprogram' : 'web',
    domains: site.domains,
    respectDnt: site.respectDnt,
    consentRequired: site.consentRequired,
    truncateIp: site.truncateIp,
    signingSecret: site.signingSecret,
    eventSchemas: new Map(
      definitions.filter((d) => d.kind === 'custom' && d.properties.length > 0).map((d) => [d.name, d.properties]),
    ),
    clicks: definitions.flatMap((d) =>
      d.kind === 'click' && d.selector ? [{ name: d.name, selector: d.selector }] : [],
    ),
  };
}

/** The live (unarchived) site with this key, or null. */
export async function findIngestSite(database: Database, siteKey: string): Promise<IngestSite | null> {
  const now = Date.now();
  const hit = entries.get(siteKey);
  if (hit && hit.expiresAt > now) return hit.site;
  const pending = loading.get(siteKey);
  if (pending) return pending;
  const startedAt = generation;
  const lookup = loadSite(database, siteKey)
    .then((site) => {
      if (startedAt !== generation) return site;
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value ?? '');
      entries.set(siteKey, { site, expiresAt: Date.now() + (site ? SITE_TTL_MS : MISS_TTL_MS) });
      return site;
    })
    .finally(() => {
      if (loading.get(siteKey) === lookup) loading.delete(siteKey);
    });
  loading.set(siteKey, lookup);
  return lookup;
}

/** Forget a site at once (its settings, domains, archive state or click definitions changed). */
export function invalidateSiteCache(siteKey: string): void {
  generation += 1;
  entries.delete(siteKey);
  loading.delete(siteKey);
}

/** Forget every site of a workspace (a definition for all sites changed, or the caller does not know the key). */
export function invalidateWorkspaceSiteCache(workspaceId: string): void {
  generation += 1;
  for (const [key, entry] of entries) if (entry.site?.workspaceId === workspaceId) entries.delete(key);
  loading.clear();
}
