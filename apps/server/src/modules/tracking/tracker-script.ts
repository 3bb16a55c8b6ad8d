import { createHash } from 'node:crypto';
import { buildTrackerBundle, type TrackerBundle } from '@kindling/tracker/bundle';
import type { App } from '../../platform/http/types';

/**
 * Serves the tracker files sites and mini-programs load: /t/k.js (browser, loaded by the snippet) and
 * /t/kindling-mp.js (mini-program, CommonJS, copied into the mini-program). Each is built from packages/tracker
 * with esbuild on first request and kept in memory for the life of the process, so they always match the server.
 * Public, cacheable for 5 minutes (a new release reaches sites quickly), ETag for cheap revalidation.
 */

const SCRIPTS: Record<string, TrackerBundle> = {
  '/t/k.js': 'browser',
  '/t/kindling-mp.js': 'miniprogram',
};

interface BuiltScript {
  body: string;
  etag: string;
}

const built = new Map<TrackerBundle, Promise<BuiltScript>>();

function builtScript(bundle: TrackerBundle): Promise<BuiltScript> {
  let script = built.get(bundle);
  if (!script) {
    script = buildTrackerBundle(bundle).then((body) => ({
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    }));
    // A failed build is not cached: the next request tries again (and its error reaches the log).
    script.catch(() => built.delete(bundle));
    built.set(bundle, script);
  }
  return script;
}

/** If-None-Match may list several tags, weak ones included (W/"…"), or be `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const candidate = tag.trim().replace(/^W\//, '');
    return candidate === etag || candidate === '*';
  });
}

export function trackerScriptRoutes(app: App): void {
  for (const [url, bundle] of Object.entries(SCRIPTS)) {
    app.get(url, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const { body, etag } = await builtScript(bundle);
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('etag', etag)
        .header('access-control-allow-origin', '*')
        // Loaded by other sites' pages: allowed across origins even if a stricter default is added later.
        .header('cross-origin-resource-policy', 'cross-origin');
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply.send(body);
    });
  }
}
