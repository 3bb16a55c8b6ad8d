import { randomBytes } from 'node:crypto';
import type {
  CreateTrackingSiteBody,
  TrackingSite,
  TrackingSiteKind,
  TrackingSnippet,
  UpdateTrackingSiteBody,
} from '@kindling/contracts/tracking';
import { ZCreateTrackingSiteBody } from '@kindling/contracts/tracking';
import { miniProgramInit, snippetHtml } from '@kindling/tracker/snippet';
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { notFound } from '../../platform/http/errors';
import { trackingSites } from './schema';

type SiteRow = typeof trackingSites.$inferSelect;

export function toTrackingSite(row: SiteRow): TrackingSite {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind === 'miniprogram' ? 'miniprogram' : 'web',
    siteKey: row.siteKey,
    domains: row.domains,
    respectDnt: row.respectDnt,
    consentRequired: row.consentRequired,
    truncateIp: row.truncateIp,
    firstEventAt: row.firstEventAt?.toISOString() ?? null,
    lastEventAt: row.lastEventAt?.toISOString() ?? null,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The public key the snippet sends: 16 random bytes as 22 base64url characters. Never the row id (UUIDv7 ids are
 * time-ordered, so guessable), and it fits ZTrackBatch's `site` pattern.
 */
export function newSiteKey(): string {
  return randomBytes(16).toString('base64url');
}

/** The same host listed twice (`Example.com`, `example.com`) is kept once, in the order given. */
function uniqueDomains(domains: readonly string[]): string[] {
  return [...new Set(domains)];
}

const byId = (ctx: ServiceContext, id: string) =>
  and(eq(trackingSites.workspaceId, ctx.workspaceId), eq(trackingSites.id, id));

/** The site's row; 404 when this workspace has no such site (another workspace's site is "none" too). */
export async function findSiteRow(tx: Db, ctx: ServiceContext, id: string): Promise<SiteRow> {
  const [row] = await tx.select().from(trackingSites).where(byId(ctx, id));
  if (!row) throw notFound('Tracking site');
  return row;
}

export async function getSite(tx: Db, ctx: ServiceContext, id: string): Promise<TrackingSite> {
  return toTrackingSite(await findSiteRow(tx, ctx, id));
}

/** Live sites (or the archived ones), newest first. */
export async function listSites(tx: Db, ctx: ServiceContext, options: { archived: boolean }): Promise<TrackingSite[]> {
  const rows = await tx
    .select()
    .from(trackingSites)
    .where(
      and(
        eq(trackingSites.workspaceId, ctx.workspaceId),
        options.archived ? isNotNull(trackingSites.archivedAt) : isNull(trackingSites.archivedAt),
      ),
    )
    .orderBy(desc(trackingSites.createdAt), desc(trackingSites.id));
  return rows.map(toTrackingSite);
}

/** Every site of the workspace, archived ones included (for the list export), newest first. */
export async function listAllSites(tx: Db, ctx: ServiceContext): Promise<TrackingSite[]> {
  const rows = await tx
    .select()
    .from(trackingSites)
    .where(eq(trackingSites.workspaceId, ctx.workspaceId))
    .orderBy(desc(trackingSites.createdAt), desc(trackingSites.id));
  return rows.map(toTrackingSite);
}

export async function createSite(tx: Db, ctx: ServiceContext, body: CreateTrackingSiteBody): Promise<TrackingSite> {
  const input = ZCreateTrackingSiteBody.parse(body);
  const [row] = await tx
    .insert(trackingSites)
    .values({
      workspaceId: ctx.workspaceId,
      name: input.name,
      kind: input.kind satisfies TrackingSiteKind,
      siteKey: newSiteKey(),
      domains: uniqueDomains(input.domains),
      respectDnt: input.respectDnt,
      consentRequired: input.consentRequired,
      truncateIp: input.truncateIp,
    })
    .returning();
  if (!row) throw new Error('tracking site insert returned nothing');
  await recordAudit(tx, ctx, {
    action: 'tracking.site_created',
    targetType: 'tracking_site',
    targetId: row.id,
    details: { name: row.name, kind: row.kind, domains: row.domains },
  });
  return toTrackingSite(row);
}

/**
 * Changes a site's name, domains or privacy settings. The caller invalidates the ingest's site cache for
 * `siteKey` after the commit (the cache serves CORS domains and settings to /t/e and /t/c).
 */
export async function updateSite(
  tx: Db,
  ctx: ServiceContext,
  id: string,
  body: UpdateTrackingSiteBody,
): Promise<TrackingSite> {
  const before = await findSiteRow(tx, ctx, id);
  const changes = {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.domains === undefined ? {} : { domains: uniqueDomains(body.domains) }),
    ...(body.respectDnt === undefined ? {} : { respectDnt: body.respectDnt }),
    ...(body.consentRequired === undefined ? {} : { consentRequired: body.consentRequired }),
    ...(body.truncateIp === undefined ? {} : { truncateIp: body.truncateIp }),
  };
  const [row] = await tx.update(trackingSites).set(changes).where(byId(ctx, id)).returning();
  if (!row) throw notFound('Tracking site');
  const changed = Object.fromEntries(
    Object.entries(changes).filter(
      ([key, value]) => JSON.stringify(before[key as keyof typeof changes]) !== JSON.stringify(value),
    ),
  );
  if (Object.keys(changed).length > 0) {
    await recordAudit(tx, ctx, {
      action: 'tracking.site_updated',
      targetType: 'tracking_site',
      targetId: id,
      details: { changes: changed },
    });
  }
  return toTrackingSite(row);
}

/**
 * Archives a site (the ingest refuses its events from then on; its data stays for analytics) or restores it.
 * Doing it twice changes nothing. The caller invalidates the site cache after the commit.
 */
export async function setSiteArchived(
  tx: Db,
  ctx: ServiceContext,
  id: string,
  archived: boolean,
): Promise<TrackingSite> {
  const before = await findSiteRow(tx, ctx, id);
  if ((before.archivedAt !== null) === archived) return toTrackingSite(before);
  const [row] = await tx
    .update(trackingSites)
    .set({ archivedAt: archived ? new Date() : null })
    .where(byId(ctx, id))
    .returning();
  if (!row) throw notFound('Tracking site');
  await recordAudit(tx, ctx, {
    action: archived ? 'tracking.site_archived' : 'tracking.site_restored',
    targetType: 'tracking_site',
    targetId: id,
    details: { name: row.name },
  });
  return toTrackingSite(row);
}

/**
 * What the marketer pastes: the script tag loading `<PUBLIC_URL>/t/k.js` with the site key, and the mini-program
 * initialisation posting to the same server.
 */
export function siteSnippet(site: Pick<TrackingSite, 'siteKey'>, publicUrl: string): TrackingSnippet {
  const scriptUrl = `${publicUrl}/t/k.js`;
  return {
    scriptUrl,
    html: snippetHtml({ scriptUrl, siteKey: site.siteKey }),
    miniProgram: miniProgramInit({ endpoint: publicUrl, siteKey: site.siteKey }),
  };
}
