import path from 'node:path';
import { z } from 'zod';

/** The only place that reads process.env: parsed once, validated, typed. */
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  KINDLING_ADMIN_EMAIL: z.email().default('admin@kindling.local'),
  KINDLING_ADMIN_PASSWORD: z.string().min(6).default('kindling'),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
  /** Company registry enrichment: 'sandbox' (built-in fictional data); see modules/companies/enrichment/registry.ts. */
  ENRICHMENT_PROVIDER: z.string().trim().min(1).default('sandbox'),
  /** Public tracking ingest (/t/e, /t/p.gif): token buckets per client IP (requests) and per site (events). */
  TRACK_IP_RATE: z.coerce.number().positive().default(50),
  TRACK_IP_BURST: z.coerce.number().int().positive().default(200),
  TRACK_SITE_RATE: z.coerce.number().positive().default(5000),
  TRACK_SITE_BURST: z.coerce.number().int().positive().default(20_000),
  /** Group commit of tracked events: flush this long after the first pending row, or at this many rows. */
  TRACK_FLUSH_MS: z.coerce.number().int().min(0).max(1000).default(5),
  TRACK_FLUSH_ROWS: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** Flushes in flight at once; default 3 on PostgreSQL, always 1 on PGlite (one connection). */
  TRACK_FLUSH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(3),
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string;
  adminPassword: string;
  /** Base URL used in links we hand out (invite links); defaults to http://localhost:PORT. */
  publicUrl: string;
  logLevel: string;
  /** Secure cookies need HTTPS; on by default only when PUBLIC_URL is https. */
  secureCookies: boolean;
  /** Id of the company enrichment provider (modules/companies/enrichment/registry.ts). */
  enrichmentProvider: string;
  tracking: TrackingIngestConfig;
}

export interface TrackingIngestConfig {
  ipRequestsPerSecond: number;
  ipRequestBurst: number;
  siteEventsPerSecond: number;
  siteEventBurst: number;
  flushDelayMs: number;
  flushMaxRows: number;
  flushConcurrency: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminEmail: e.KINDLING_ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.KINDLING_ADMIN_PASSWORD,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith('https://'),
    enrichmentProvider: e.ENRICHMENT_PROVIDER,
    tracking: {
      ipRequestsPerSecond: e.TRACK_IP_RATE,
      ipRequestBurst: e.TRACK_IP_BURST,
      siteEventsPerSecond: e.TRACK_SITE_RATE,
      siteEventBurst: e.TRACK_SITE_BURST,
      flushDelayMs: e.TRACK_FLUSH_MS,
      flushMaxRows: e.TRACK_FLUSH_ROWS,
      flushConcurrency: e.TRACK_FLUSH_CONCURRENCY,
    },
  };
}
