// Fills a fresh database the way a busy workspace looks: one user owning one workspace with N leads (and their
// creation/note activities). Done in this process, before the server starts, so the server's own first-start
// seed sees an existing user and stays out of the way.
import { createUser } from '../apps/server/src/platform/auth/service';
import { openDatabase } from '../apps/server/src/platform/db/client';
import { runMigrations } from '../apps/server/src/platform/db/migrate';
import { insertDemoLeads } from '../apps/server/src/seed/demo';
import { createWorkspace } from '../apps/server/src/platform/workspaces/service';

export const BENCH_USER = { email: 'bench@kindling.local', password: 'kindling-bench' };

export async function seedBenchWorkspace(
  target: { databaseUrl?: string | undefined; dataDir?: string | undefined },
  leadCount: number,
  { analyze = true } = {},
): Promise<void> {
  const database = await openDatabase(target);
  try {
    await runMigrations(database);
    const user = await createUser(database.db, {
      email: BENCH_USER.email,
      name: 'Bench',
      password: BENCH_USER.password,
    });
    const workspace = await createWorkspace(database.db, user.id, {
      name: 'Bench workspace',
      timeZone: 'Asia/Shanghai',
    });
    await insertDemoLeads(database.db, workspace.id, [user.id], leadCount);
    // Planner statistics, as a database that has been running a while has them. Without this the planner still
    // believes `leads` is empty, and sorts all rows for every page (about 30x slower). PostgreSQL's autovacuum
    // would get there within a minute or so; PGlite has no autovacuum, so there only an explicit ANALYZE does.
    if (analyze) await database.executeSql('ANALYZE', []);
  } finally {
    await database.close();
  }
}
