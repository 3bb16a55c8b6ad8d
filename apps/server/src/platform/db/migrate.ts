import { fileURLToPath } from 'node:url';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database, Schema } from './client';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** Applies the committed SQL migrations (idempotent: already-applied ones are skipped). */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    // Both drizzle drivers share PgDatabase; the migrators are typed per driver.
    await migratePglite(database.db as PgliteDatabase<Schema>, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    await migratePg(database.db as NodePgDatabase<Schema>, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}
