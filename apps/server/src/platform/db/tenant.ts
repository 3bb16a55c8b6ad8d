import { sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Runs `work` in a transaction confined to one workspace: `SET LOCAL ROLE kindling_app` plus the local
 * app.workspace_id setting make row-level security hide every other tenant's rows, so a query that forgets its
 * workspace_id filter still cannot leak. One round trip sets both (set_config('role', …) is SET LOCAL ROLE).
 * Services still filter by workspace_id explicitly: the policy is the second lock, not the first.
 */
export function withTenant<T>(db: Db, workspaceId: string, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'kindling_app', true), set_config('app.workspace_id', ${workspaceId}, true)`,
    );
    return work(tx);
  });
}
