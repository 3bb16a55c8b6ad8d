import { randomBytes, randomUUID } from 'node:crypto';
import type { ErrorDetail } from '@kindling/contracts/errors';
import {
  TRACK_LIMITS,
  ZTrackBatch,
  ZTrackPixelQuery,
  type TrackBatch,
  type TrackErrorCode,
  type TrackerConfig,
  type TrackResult,
} from '@kindling/contracts/tracking';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../platform/db/tenant';
import { AppError } from '../../platform/http/errors';
import type { App, AppDeps } from '../../platform/http/types';
import { isRobot } from './bot-filter';
import { EventWriteFailed, EventWriter, type TrackedEventRow } from './event-writer';
import { buildEventRows, type RequestClient } from './ingest-rows';
import { verifyLeadToken } from './lead-token';
import { BoundedCache } from './bounded-cache';
import { TokenBuckets } from './rate-limiter';
import { findIngestSite, type IngestSite } from './site-cache';
import { stitchVisitor } from './stitch';

/** The 43-byte transparent 1×1 GIF of the pixel. */
const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const ZSiteKeyParams = z.object({ siteKey: ZTrackBatch.shape.site });

/** The common error shape with the ingest's own codes (see ZTrackErrorCode). */
function sendTrackError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: TrackErrorCode,
  message: string,
) {
  return reply
    .status(status)
    .type('application/json')
    .send({ error: { code, message, details: [], requestId: request.id } });
}

const unknownSite = (request: FastifyRequest, reply: FastifyReply) =>
  sendTrackError(request, reply, 404, 'unknown_site', 'No live tracked site has this key');

/** `example.com` allows exactly that host (any port), `*.example.com` every subdomain, `host:port` that port only. */
export function originAllowed(site: IngestSite, origin: string | undefined): boolean {
  if (origin === undefined || site.kind !== 'web') return true;
  let host: string;
  let hostname: string;
  try {
    ({ host, hostname } = new URL(origin));
  } catch {
    return false; // `null` (sandboxed frames, file://) and garbage
  }
  return site.domains.some((domain) => {
    if (domain.startsWith('*.')) return hostname.endsWith(domain.slice(1));
    return domain.includes(':') ? host === domain : hostname === domain;
  });
}

/**
 * The public ingest, at the root (not under /api/v1): `POST /t/e` (the snippet's batches), `GET /t/p.gif` (the
 * pixel) and `GET /t/c/:siteKey` (the snippet's settings). No session: the site key names the workspace. A 2xx
 * from /t/e means every event is committed (group commit, see event-writer.ts); any failure to store is a 503
 * the tracker retries with the same event ids.
 */
export function trackingPublicRoutes(app: App, { database, config, jobs }: AppDeps): void {
  const limits = config.tracking;
  const writer = new EventWriter(
    database,
    jobs,
    { flushDelayMs: limits.flushDelayMs, maxRows: limits.flushMaxRows, concurrency: limits.flushConcurrency },
    app.log,
  );
  const requestsPerIp = new TokenBuckets({ ratePerSecond: limits.ipRequestsPerSecond, burst: limits.ipRequestBurst });
  const eventsPerSite = new TokenBuckets({
    ratePerSecond: limits.siteEventsPerSecond,
    burst: limits.siteEventBurst,
    maxKeys: 20_000,
  });
  /** `workspace:visitor` → lead, for pixels whose lead token was already stitched. */
  const stitchedByToken = new BoundedCache<string, string>(50_000);

  /** Resolves the site; a database failure is a 503 (retry), never a 500. */
  async function siteOr503(request: FastifyRequest, reply: FastifyReply, siteKey: string) {
    try {
      return { site: await findIngestSite(database, siteKey) };
    } catch (error) {
      request.log.error({ err: error }, 'tracking: site lookup failed');
      reply.header('retry-after', '1');
      return { failed: sendTrackError(request, reply, 503, 'unavailable', 'Try again shortly') };
    }
  }

  function clientOf(request: FastifyRequest): RequestClient {
    return { userAgent: request.headers['user-agent'], ip: request.ip, receivedAt: Date.now() };
  }

  function ignoredByRequest(request: FastifyRequest, site: IngestSite): boolean {
    return isRobot(request.headers['user-agent']) || (site.respectDnt && request.headers.dnt === '1');
  }

  /** Stores the rows; a refusal of the site's budget is a 429, a failed commit a 503. */
  async function store(request: FastifyRequest, reply: FastifyReply, site: IngestSite, rows: TrackedEventRow[]) {
    const wait = eventsPerSite.take(site.id, rows.length);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new AppError(429, 'rate_limited', 'This site sends too many events; try again later');
    }
    try {
      return await writer.write(site.workspaceId, rows);
    } catch (error) {
      if (!(error instanceof EventWriteFailed)) throw error;
      if (error.permanent) throw new AppError(400, 'bad_request', 'These events cannot be stored');
      reply.header('retry-after', '1');
      return sendTrackError(request, reply, 503, 'unavailable', 'The events were not stored; try again shortly');
    }
  }

  app.addHook('onClose', () => writer.close());

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // Browsers post the batch as text/plain (a "simple" request: no CORS preflight). The app refuses text/plain
    // everywhere else; here, and only here, it is parsed as JSON.
    scope.addContentTypeParser('text/plain', { parseAs: 'string' }, scope.getDefaultJsonParser('error', 'error'));

    scope.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin !== undefined) {
        // Echoed on errors too (they reveal nothing), so the tracker can read a 4xx and drop what will never pass.
        reply.header('access-control-allow-origin', origin);
        reply.header('vary', 'origin');
      }
      const wait = requestsPerIp.take(request.ip);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new AppError(429, 'rate_limited', 'Too many requests from this address; try again later');
      }
    });

    scope.options('/t/e', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
      reply.header('access-control-allow-methods', 'POST');
      reply.header('access-control-allow-headers', 'content-type');
      reply.header('access-control-max-age', '86400');
      return reply.status(204).send();
    });

    scope.post(
      '/t/e',
      {
        config: { access: 'public' },
        bodyLimit: TRACK_LIMITS.maxBodyBytes,
        schema: { tags: ['tracking'], summary: 'Tracked events from the snippet (a batch)', body: ZTrackBatch },
      },
      async (request, reply) => {
        const batch: TrackBatch = request.body;
        const { site, failed } = await siteOr503(request, reply, batch.site);
        if (failed) return failed;
        if (!site) return unknownSite(request, reply);
        if (!originAllowed(site, request.headers.origin)) {
          reply.removeHeader('access-control-allow-origin');
          return sendTrackError(request, reply, 403, 'origin_not_allowed', 'This site does not allow this origin');
        }
        const ignored: TrackResult = { stored: 0, duplicates: 0, ignored: batch.events.length };
        if (ignoredByRequest(request, site)) return ignored;
        const rows = await buildEventRows(batch, site, clientOf(request), 'batch');
        if ('invalid' in rows) throw invalidBatch(rows.invalid);
        const written = await store(request, reply, site, rows.rows);
        if (!('stored' in written)) return written;
        return { ...written, ignored: 0 } satisfies TrackResult;
      },
    );

    scope.get(
      '/t/p.gif',
      {
        config: { access: 'public' },
        schema: {
          tags: ['tracking'],
          summary: 'Tracking pixel (e-mails, pages without script)',
          querystring: ZTrackPixelQuery,
        },
      },
      async (request, reply) => {
        const query = request.query;
        const { site, failed } = await siteOr503(request, reply, query.s);
        if (failed) return failed;
        if (!site) return unknownSite(request, reply);
        const sendGif = () => reply.header('cache-control', 'no-store, max-age=0').type('image/gif').send(PIXEL_GIF);
        if (ignoredByRequest(request, site)) return sendGif();
        const claims = query.lt ? verifyLeadToken(site.signingSecret, query.lt) : null;
        const leadId = claims && claims.workspaceId === site.workspaceId ? claims.leadId : null;
        const visitor = query.v ?? (leadId ? `lt_${leadId.replaceAll('-', '')}` : `px_${randomId()}`);
        const client = clientOf(request);
        const batch: TrackBatch = {
          site: query.s,
          visitor,
          session: `px_${randomId()}`,
          sentAt: client.receivedAt,
          events: [{ id: query.id ?? randomUUID(), name: query.n, ts: client.receivedAt, url: query.u }],
        };
        const rows = await buildEventRows(batch, site, client, 'pixel');
        if ('invalid' in rows) {
          // The pixel's one event comes from the query: name the parameter, not a batch path.
          const problems = rows.invalid.map((d) => ({ path: 'n', message: `${d.path.slice(9)}: ${d.message}` }));
          throw invalidBatch(problems, 'query');
        }
        const written = await store(request, reply, site, rows.rows);
        if (!('stored' in written)) return written;
        if (leadId) await stitchPixelVisitor(site, visitor, leadId, request);
        return sendGif();
      },
    );

    scope.get(
      '/t/c/:siteKey',
      {
        config: { access: 'public' },
        schema: { tags: ['tracking'], summary: "The snippet's settings for its site", params: ZSiteKeyParams },
      },
      async (request, reply) => {
        const { site, failed } = await siteOr503(request, reply, request.params.siteKey);
        if (failed) return failed;
        if (!site) return unknownSite(request, reply);
        if (!originAllowed(site, request.headers.origin)) {
          reply.removeHeader('access-control-allow-origin');
          return sendTrackError(request, reply, 403, 'origin_not_allowed', 'This site does not allow this origin');
        }
        reply.header('cache-control', 'public, max-age=60');
        return {
          respectDnt: site.respectDnt,
          consentRequired: site.consentRequired,
          clicks: site.clicks.map((click) => ({ name: click.name, selector: click.selector })),
        } satisfies TrackerConfig;
      },
    );
  });

  /**
   * A pixel with a valid lead token: the recipient is that lead, so its visitor is stitched to it (the event
   * just committed moves onto the lead's timeline). Once per visitor and lead; a failure is logged, the pixel
   * still answers (the hit itself is stored).
   */
  async function stitchPixelVisitor(site: IngestSite, visitorId: string, leadId: string, request: FastifyRequest) {
    const key = `${site.workspaceId}:${visitorId}`;
    if (stitchedByToken.get(key) === leadId) return;
    try {
      await withTenant(database.db, site.workspaceId, (tx) =>
        stitchVisitor(
          tx,
          { workspaceId: site.workspaceId, userId: null },
          {
            visitorId,
            siteId: site.id,
            leadId,
            via: 'email_link',
          },
        ),
      );
      stitchedByToken.set(key, leadId);
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 404) return; // the lead was deleted meanwhile
      request.log.error({ err: error }, 'tracking: could not stitch a pixel visitor');
    }
  }
}

function randomId(): string {
  return randomBytes(16).toString('base64url');
}

function invalidBatch(details: ErrorDetail[], where = 'body'): AppError {
  return new AppError(
    400,
    'validation_failed',
    'Some events are invalid; nothing was stored',
    details.map((d) => ({ ...d, path: `${where}.${d.path}` })),
  );
}
