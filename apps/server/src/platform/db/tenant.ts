import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from './client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `work` in a transaction confined to one workspace: `SET LOCAL ROLE kindling_app` plus the local
 * app.workspace_id setting make row-level security hide every other tenant's rows, so a query that forgets its
 * workspace_id filter still cannot leak. Services still filter by workspace_id explicitly: the policy is the
 * second lock, not the first. `work` already runs inside the transaction: do not open another one in it.
 */
export function withTenant<T>(db: Db, workspaceId: string, work: (tx: Db) => Promise<T>): Promise<T> {
  // The id goes into SQL text below (the one place we do this), so it must be exactly a UUID.
  if (!UUID.test(workspaceId)) throw new Error('withTenant: workspace id is not a UUID');
  const client: unknown = '$client' in db ? db.$client : null;
  if (client instanceof pg.Pool) return withTenantOnPool(client, workspaceId, work);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'kindling_app', true), set_config('app.workspace_id', ${workspaceId}, true)`,
    );
    return work(tx);
  });
}

/**
 * PostgreSQL over the network: BEGIN and the tenant settings go in one simple-protocol round trip instead of two
 * (a page of leads then costs three round trips: begin+settings, select, commit). The UUID was validated above;
 * it is server-generated (from the session row), never user text.
 */
async function withTenantOnPool<T>(pool: pg.Pool, workspaceId: string, work: (tx: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(
      // jit off: our queries are interactive, and the planner's JIT threshold trips on seq scans of big tables,
      // where compiling the expressions cost 20–60 ms of a 100–250 ms filter count (bench:leads --explain).
      `begin; select set_config('role', 'kindling_app', true), set_config('app.workspace_id', '${workspaceId}', true), set_config('jit', 'off', true)`,
    );
    // Bound to this one connection. No relational schema needed (we use the query builder only), which keeps
    // creating it per transaction cheap.
    const tx = drizzlePg({ client }) as unknown as Db;
    const result = await work(tx);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
