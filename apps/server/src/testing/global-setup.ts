import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, type Database } from '../platform/db/client';
import { runMigrations } from '../platform/db/migrate';
import { JobQueue } from '../platform/jobs/queue';
import { ALL_JOBS } from '../platform/jobs/registry';
import { databaseUrlFor } from './test-database';

/** Migrations and pg-boss's own schema, applied once; test files start from the result (ARCHITECTURE §11). */
async function prepare(database: Database): Promise<void> {
  await runMigrations(database);
  const jobs = new JobQueue({ database, dataDir: '/nonexistent' }, ALL_JOBS, { runWorkers: false, schedule: false });
  await jobs.start();
  await jobs.stop();
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const templateName = `kindling_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${templateName} with (force)`);
    await admin.query(`create database ${templateName}`);
    const database = await openDatabase({ databaseUrl: databaseUrlFor(url, templateName), poolSize: 2 });
    await prepare(database);
    await database.close();
    project.provide('testDatabase', { postgresUrl: url, templateName });
    return async () => {
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'kindling_t_%' or datname = $1`,
        [templateName],
      );
      for (const { datname } of leftovers.rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const database = await openDatabase({});
  await prepare(database);
  if (!database.dumpDataDir) throw new Error('PGlite database cannot dump its data dir');
  const dump = await database.dumpDataDir();
  await database.close();
  const dir = path.resolve('.vitest-snapshot');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `pglite-${process.pid}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDatabase', { pgliteSnapshot: file });
  return () => rm(file, { force: true });
}
