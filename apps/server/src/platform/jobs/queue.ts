import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Database } from '../db/client';

/** What a job handler gets: the database and where files live. Handlers receive ids, never payload copies. */
export interface JobDeps {
  database: Database;
  dataDir: string;
}

export interface JobDefinition<T> {
  name: string;
  schema: z.ZodType<T>;
  handle(deps: JobDeps, data: T): Promise<void>;
  /** Cron expression (UTC) for scheduled jobs. */
  cron?: string;
}

export function defineJob<T>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}

export interface JobQueueOptions {
  /** false for the web role of a split deployment: it enqueues but does not work. */
  runWorkers: boolean;
  /** Scheduled (cron) jobs; off in tests. */
  schedule: boolean;
}

/**
 * pg-boss 10 on our own database (PGlite or PostgreSQL). Two fixes from reference/performance.md §5: an
 * ordered partial index so fetch does not sort the backlog, and batched workers that re-poll at once when a
 * batch comes back full instead of sleeping the polling interval.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private started = false;

  constructor(
    private readonly deps: JobDeps,
    definitions: JobDefinition<never>[],
    private readonly options: JobQueueOptions,
  ) {
    for (const d of definitions) this.definitions.set(d.name, d as unknown as JobDefinition<unknown>);
    const database = deps.database;
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => database.executeSql(text, values) },
      schedule: options.schedule,
      supervise: options.runWorkers,
      retryLimit: 2,
      retryDelay: 5,
      expireInSeconds: 15 * 60,
    });
    this.boss.on('error', (error) => console.error('[jobs]', error));
  }

  async start(): Promise<void> {
    await this.boss.start();
    await this.deps.database.executeSql(
      `create index if not exists job_fetch_order on pgboss.job (name, priority desc, created_on, id) where state < 'active'`,
    );
    for (const definition of this.definitions.values()) {
      await this.boss.createQueue(definition.name);
      if (this.options.runWorkers) await this.work(definition);
      if (this.options.schedule && definition.cron) await this.boss.schedule(definition.name, definition.cron);
    }
    this.started = true;
  }

  private async work(definition: JobDefinition<unknown>): Promise<void> {
    const batchSize = 20;
    const workerId: string = await this.boss.work(
      definition.name,
      { batchSize, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        for (const job of jobs) {
          const data = definition.schema.parse(job.data);
          await definition.handle(this.deps, data);
        }
        if (jobs.length === batchSize) this.boss.notifyWorker(workerId);
      },
    );
  }

  async send<T>(definition: JobDefinition<T>, data: T): Promise<string | null> {
    if (!this.started) throw new Error('job queue not started');
    return this.boss.send(definition.name, definition.schema.parse(data) as object);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 10_000, wait: true });
  }
}
