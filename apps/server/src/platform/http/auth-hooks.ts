import { roleHasPermission } from '@kindling/contracts/permissions';
import type { FastifyInstance } from 'fastify';
import { resolveSession } from '../auth/service';
import type { Database } from '../db/client';
import { forbidden, unauthenticated } from './errors';

export const SESSION_COOKIE = 'kindling_session';

/**
 * Every /api/v1 route must say who may call it (`config.permission` or `config.access`); a route without one
 * fails at start-up, so nobody can add an unguarded endpoint by forgetting.
 */
export function registerAuth(app: FastifyInstance, database: Database): void {
  app.decorateRequest('auth', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const config = route.config ?? {};
    if (!config.permission && !config.access) {
      throw new Error(`Route ${route.method} ${route.url} declares neither a permission nor an access level`);
    }
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.auth = await resolveSession(database.db, token);
  });

  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/v1') || request.is404) return;
    const config = request.routeOptions.config;
    if (config.access === 'public') return;
    if (!request.auth) throw unauthenticated();
    if (config.permission && !roleHasPermission(request.auth.role, config.permission)) throw forbidden();
  });
}
