import { gt, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import type { TaskProgress } from '../../platform/jobs/tasks';
import { leads } from './schema';

/** Leads per chunk of a background task: one read, one transaction, one progress report. */
export const CHUNK_SIZE = 1000;

export interface ChunkWalk<Row> {
  /** Reads the next rows in ascending lead id order, at most `limit`, narrowed by `after` (undefined at the start). */
  read(tx: Db, after: SQL | undefined, limit: number): Promise<Row[]>;
  idOf(row: Row): string;
  /** Handles one chunk in the same transaction as its read; `offset` is how many rows came before it. */
  work(tx: Db, rows: Row[], offset: number): Promise<void>;
}

/**
 * Walks the leads of a background task in chunks of 1,000, one tenant transaction per chunk, reporting progress
 * after each. Keyset pagination on id keeps every read cheap however deep the walk goes, and rows the work
 * changes (deleted, or no longer matching) are never visited twice. Returns how many rows were handled.
 */
export async function walkInChunks<Row>(
  database: Database,
  workspaceId: string,
  progress: TaskProgress,
  walk: ChunkWalk<Row>,
): Promise<number> {
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const from: string | null = after;
    const rows = await withTenant(database.db, workspaceId, async (tx) => {
      const chunk = await walk.read(tx, from === null ? undefined : gt(leads.id, from), CHUNK_SIZE);
      if (chunk.length > 0) await walk.work(tx, chunk, done);
      return chunk;
    });
    done += rows.length;
    await progress.report(done);
    const last = rows.at(-1);
    if (!last || rows.length < CHUNK_SIZE) return done;
    after = walk.idOf(last);
  }
}
