import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { v4 as uuidv4 } from 'uuid';
import type { AppConfig } from './config';
import { duplicatesRoutes } from './modules/duplicates/routes';
import { companiesRoutes } from './modules/companies/routes';
import { fieldsRoutes } from './modules/fields/routes';
import { importsRoutes } from './modules/imports/routes';
import { activityRoutes } from './modules/activities/routes';
import { assignmentRoutes } from './modules/leads/assignment-routes';
import { bulkRoutes } from './modules/leads/bulk-routes';
import { leadsRoutes } from './modules/leads/routes';
import { segmentsRoutes } from './modules/segments/routes';
import { preferencesRoutes } from './modules/preferences/routes';
import { trackingPublicRoutes } from './modules/tracking/public-routes';
import { trackingRoutes } from './modules/tracking/routes';
import { trackerScriptRoutes } from './modules/tracking/tracker-script';
import { auditRoutes } from './platform/audit/routes';
import { authRoutes } from './platform/auth/routes';
import type { Database } from './platform/db/client';
import { registerAuth } from './platform/http/auth-hooks';
import { registerErrorHandling } from './platform/http/error-handler';
import { healthRoutes } from './platform/http/health-routes';
import type { App } from './platform/http/types';
import type { JobQueue } from './platform/jobs/queue';
import { tasksRoutes } from './platform/jobs/routes';
import { workspacesRoutes } from './platform/workspaces/routes';
import { VERSION } from './version';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface BuildAppOptions {
  database: Database;
  config: AppConfig;
  jobs: JobQueue;
  /** Serve the built console from apps/web/dist (off in API tests). */
  serveWeb?: boolean;
  logger?: boolean;
}

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { database, config, jobs } = options;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : uuidv4();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    // Our own one-line access log (onResponse below) replaces Fastify's two lines per request.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: text/plain is a CORS "simple" content type a foreign page can post without a preflight.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      request.log.info(
        { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'request',
      );
    }
  });

  registerErrorHandling(app, options.serveWeb && existsSync(path.join(WEB_DIST, 'index.html')) ? WEB_DIST : null);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Kindling API',
        version: VERSION,
        description: 'REST API of Kindling. Errors: `{ error: { code, message, details } }`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kindling_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, database);

  const deps = { database, config, jobs };
  await app.register(async (api) => {
    healthRoutes(api, deps);
    authRoutes(api, deps);
    workspacesRoutes(api, deps);
    leadsRoutes(api, deps);
    importsRoutes(api, deps);
    segmentsRoutes(api, deps);
    fieldsRoutes(api, deps);
    companiesRoutes(api, deps);
    preferencesRoutes(api, deps);
    assignmentRoutes(api, deps);
    duplicatesRoutes(api, deps);
    bulkRoutes(api, deps);
    activityRoutes(api, deps);
    tasksRoutes(api, deps);
    auditRoutes(api, deps);
    trackingRoutes(api, deps);
  });
  // The public tracking ingest (/t/…): no session, its own body parser and limits (see public-routes.ts).
  trackingPublicRoutes(app, deps);
  trackerScriptRoutes(app);

  if (options.serveWeb && existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  }
  return app;
}
