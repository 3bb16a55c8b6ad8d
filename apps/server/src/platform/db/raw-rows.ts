import type { SQL } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Rows of a raw statement (a recursive CTE, an `update … from jsonb_to_recordset(…) returning`, …) that the query
 * builder cannot express. Both drivers (PGlite and node-postgres) answer `execute` with `{ rows }`; drizzle types
 * the answer as unknown, so the row shape is the caller's promise, as with `sql<T>`.
 */
export async function rawRows<T extends Record<string, unknown>>(tx: Db, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as { rows?: T[] };
  if (!Array.isArray(result.rows)) throw new Error('rawRows: the driver answered without rows');
  return result.rows;
}
