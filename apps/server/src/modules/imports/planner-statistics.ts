import type { Database } from '../../platform/db/client';

/** Leads created before statistics are first refreshed; then each time the import has grown eightfold. */
const FIRST_REFRESH = 10_000;
const GROWTH = 8;

/**
 * Keeps the planner's statistics up with the tables an import grows. Without them (PGlite has no autovacuum;
 * PostgreSQL's may run late or be off) the planner still believes `leads` is nearly empty and picks plans that
 * read the whole workspace for every batch's lookup: the import slows down as it goes. Once the statistics know the
 * workspace holds most of the table, plans stay right as it grows, so a few refreshes do (ANALYZE samples a fixed
 * number of rows: three over a million-row import). It runs as the database owner, outside the tenant
 * transaction (statistics hold no tenant data).
 */
export class PlannerStatistics {
  private nextRefresh = FIRST_REFRESH;

  constructor(private readonly database: Database) {}

  /** After a batch commits, with the number of leads the import has created so far. */
  async afterBatch(created: number): Promise<void> {
    if (created < this.nextRefresh) return;
    await this.database.executeSql('analyze leads', []);
    this.nextRefresh = created * GROWTH;
  }

  /**
   * Once the import is done, for each table it changed by more than a tenth (autovacuum's own threshold), so
   * lists and timelines are planned on the new numbers right away.
   */
  async afterImport(written: number): Promise<void> {
    for (const table of ['leads', 'activities'] as const) {
      const { rows } = await this.database.executeSql(
        'select greatest(reltuples, 0)::float8 as n from pg_class where oid = $1::regclass',
        [table],
      );
      const known = Number(rows[0]?.n ?? 0);
      if (written >= 1_000 && written > known * 0.1) await this.database.executeSql(`analyze ${table}`, []);
    }
  }
}
