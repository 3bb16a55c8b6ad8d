import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../platform/db/client';

export interface TestDatabaseInfo {
  /** PostgreSQL: the migrated template database each test file copies. */
  postgresUrl?: string;
  templateName?: string;
  /** PGlite: path of the migrated data-dir dump each test file loads. */
  pgliteSnapshot?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseInfo;
  }
}

export function databaseUrlFor(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh, migrated database for one test file: a copy of the template database on PostgreSQL
 * (TEST_DATABASE_URL), or an in-memory PGlite loaded from the migrated snapshot. Dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  const info = inject('testDatabase');
  if (info.postgresUrl && info.templateName) {
    const name = `kindling_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: info.postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${info.templateName}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: databaseUrlFor(info.postgresUrl, name), poolSize: 5 });
    return {
      ...database,
      async close() {
        await database.close();
        const dropper = new pg.Client({ connectionString: info.postgresUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  if (!info.pgliteSnapshot) throw new Error('global setup did not provide a test database');
  const snapshot = await readFile(info.pgliteSnapshot);
  return openDatabase({ loadDataDir: new Blob([snapshot]) });
}
