import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** What services receive: the database or a transaction on it (both are query builders). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface SqlResult {
  rows: Record<string, unknown>[];
}

/**
 * One handle over the two engines we support: embedded PGlite (default, file-backed in DATA_DIR or in-memory
 * for tests) and a server PostgreSQL (DATABASE_URL). Same schema, same migrations, same SQL.
 */
export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw SQL for pg-boss and infrastructure; multi-statement scripts allowed when there are no values. */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  close(): Promise<void>;
  /**
   * Raw `COPY table (columns) FROM file` of a CSV file, as the database owner: the speed limit of bulk loading, which
   * bench:leads measures our importer against. PostgreSQL reads the file server-side, so the server must be on
   * this machine and the role allowed to read files (the local superuser is); PGlite reads it through a blob.
   */
  copyCsvFile(table: string, columns: readonly string[], filePath: string): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (tests start from a migrated snapshot). */
  dumpDataDir?(): Promise<Blob>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** Data directory for PGlite; omitted → in-memory. */
  dataDir?: string | undefined;
  /** A PGlite data-dir dump to start from (tests start from a migrated snapshot). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 20);
  return openPglite(options);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db: Db = drizzlePg({ client: pool, schema });
  return {
    kind: 'postgres',
    db,
    async executeSql(text, values) {
      const result = await pool.query(text, values);
      return { rows: result.rows };
    },
    async copyCsvFile(table, columns, filePath) {
      await pool.query(`COPY ${copyTarget(table, columns)} FROM ${quoteLiteral(filePath)} WITH (FORMAT csv)`);
    },
    close: () => pool.end(),
  };
}

async function openPglite(options: OpenDatabaseOptions): Promise<Database> {
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = path.join(options.dataDir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create({
    dataDir,
    loadDataDir: options.loadDataDir,
    relaxedDurability: false,
    // 128 MB of shared buffers (the default) lives inside the WASM heap and costs ~100 MB of RSS at idle; the
    // OS page cache serves the embedded database nearly as well.
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
  });
  const db: Db = drizzlePglite({ client, schema });
  return {
    kind: 'pglite',
    db,
    async executeSql(text, values) {
      // pg-boss sends multi-statement scripts without parameters: those need exec(), the rest query().
      if (values && values.length > 0) {
        const result = await client.query<Record<string, unknown>>(text, values);
        return { rows: result.rows };
      }
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    async copyCsvFile(table, columns, filePath) {
      const blob = new Blob([await readFile(filePath)]);
      await client.query(`COPY ${copyTarget(table, columns)} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
    },
    close: () => client.close(),
    async dumpDataDir() {
      return client.dumpDataDir('none');
    },
  };
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** COPY cannot take its table and columns as parameters: only plain lower-case identifiers get through. */
function copyTarget(table: string, columns: readonly string[]): string {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`copyCsvFile: unsafe identifier ${JSON.stringify(name)}`);
  }
  return `${table} (${columns.join(', ')})`;
}

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;
