// A throw-away database on the local PostgreSQL for one benchmark run: created fresh, dropped afterwards.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';

/** Where to create benchmark databases: BENCH_DATABASE_URL (any database on the server), else local trust auth. */
export const POSTGRES_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Connects, or starts the local Debian cluster(s) once and retries. Returns a reason when PostgreSQL is still
 * unreachable (the benchmark then skips the engine instead of failing).
 */
export async function ensurePostgres(): Promise<string | null> {
  if (await canConnect(POSTGRES_ADMIN_URL)) return null;
  const host = new URL(POSTGRES_ADMIN_URL).hostname;
  const local = ['127.0.0.1', 'localhost', '::1', ''].includes(host);
  if (local && existsSync('/etc/postgresql')) {
    for (const version of readdirSync('/etc/postgresql')) {
      console.log(`bench: PostgreSQL not reachable; starting cluster ${version}/main`);
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    }
    for (let attempt = 0; attempt < 20; attempt++) {
      if (await canConnect(POSTGRES_ADMIN_URL)) return null;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return `cannot connect to ${redact(POSTGRES_ADMIN_URL)}`;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (dropping a leftover of the same name) and returns its URL. */
export async function createDatabase(name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
