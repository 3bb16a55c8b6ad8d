import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import type { JobQueue } from '../../platform/jobs/queue';
import { applyPageDurations, insertEvents, touchSites, type PageDuration, type VisitorRow } from './event-statements';
import { enqueueIdentify } from './identify';
import { BoundedCache } from './bounded-cache';

/** One `tracking_events` row as the ingest built it (validated, enriched, clock-corrected). */
export interface TrackedEventRow {
  /** The client's event id, lower-case. */
  id: string;
  siteId: string;
  visitorId: string;
  sessionId: string;
  name: string;
  occurredAt: Date;
  url: string | null;
  path: string | null;
  title: string | null;
  referrer: string | null;
  referrerHost: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  deviceType: string | null;
  browser: string | null;
  os: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  ip: string | null;
  durationMs: number | null;
  /** The event's own properties, as sent; a page_leave's are `{ pageViewId, durationMs }`. */
  properties: Record<string, unknown>;
  /** The activity's source when the visitor is a known lead. */
  source: 'web' | 'miniprogram' | 'pixel';
}

export interface WriteResult {
  /** Events committed now. */
  stored: number;
  /** Events that were already stored (a retried or replayed batch). */
  duplicates: number;
}

/** The events could not be committed (the database refused or went away): nothing of them was acknowledged. */
export class EventWriteFailed extends Error {
  constructor(
    message: string,
    /** True when retrying can never help (the database rejected the data itself). */
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'EventWriteFailed';
  }
}

export interface EventWriterOptions {
  /** Flush this many ms after the first pending row… */
  flushDelayMs: number;
  /** …or as soon as a workspace has this many rows pending. */
  maxRows: number;
  /** Flushes in flight at once (each holds one connection); PGlite always gets 1. */
  concurrency: number;
  /** Beyond this many rows waiting, new writes are refused at once (503) instead of queueing without bound. */
  maxQueuedRows?: number;
}

interface Waiter {
  rows: TrackedEventRow[];
  resolve(result: WriteResult): void;
  reject(error: Error): void;
}

interface Batch {
  workspaceId: string;
  waiters: Waiter[];
  rowCount: number;
}

/** A visitor row is written when first seen by this process, then its last_seen_at at most once a minute. */
const VISITOR_REFRESH_MS = 60_000;
/** A site's first/last event time is written at most this often (the "installed?" check and the site list). */
const SITE_REFRESH_MS = 5_000;
/** SQLSTATE classes of errors caused by the data of a statement, not by the database's state. */
const DATA_ERROR = /^(22|23)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_INT = 2_147_483_647;

function sqlState(error: unknown): string | null {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/**
 * Group commit of tracked events (issue 5: "a 2xx means stored"). Concurrent requests join one pending batch per
 * workspace; a batch is written by one transaction (one statement, see event-statements.ts) when a flush slot is
 * free — on the next turn of the event loop when the writer is idle, `flushDelayMs` after its first row while
 * other flushes run, at once when it is full — and every request waits for that commit, then learns how many of
 * its own events were new. Thousands of events cost one multi-row insert and one fsync instead of one each.
 * Nothing is acknowledged before its commit: a failed flush rejects every waiting request (the tracker retries;
 * event ids make the retry idempotent). PGlite gets one slot (one connection; a flush there also blocks the event
 * loop, which is why an idle writer waits one turn: the requests already read join the flush).
 */
export class EventWriter {
  private readonly pending = new Map<string, Batch>();
  private readonly full: Batch[] = [];
  private due = false;
  private timer: NodeJS.Timeout | null = null;
  private nextTurn: NodeJS.Immediate | null = null;
  private inFlight = 0;
  private queuedRows = 0;
  private closed = false;
  private readonly idle: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly maxQueuedRows: number;
  /** `workspace:visitor` → when this process last wrote the visitor row. */
  private readonly visitorsWritten = new BoundedCache<string, number>(200_000);
  /** site id → when this process last wrote its first/last event time. */
  private readonly sitesWritten = new BoundedCache<string, number>(10_000);

  constructor(
    private readonly database: Database,
    private readonly jobs: JobQueue | null,
    private readonly options: EventWriterOptions,
    private readonly log: Pick<FastifyBaseLogger, 'error' | 'warn'>,
  ) {
    this.concurrency = database.kind === 'pglite' ? 1 : Math.max(1, options.concurrency);
    this.maxQueuedRows = options.maxQueuedRows ?? Math.max(50_000, options.maxRows * 50);
  }

  /** Stores the rows (one workspace) with the next flush; resolves once they are committed. */
  write(workspaceId: string, rows: TrackedEventRow[]): Promise<WriteResult> {
    if (rows.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    if (this.closed) return Promise.reject(new EventWriteFailed('the server is shutting down'));
    if (this.queuedRows + rows.length > this.maxQueuedRows) {
      return Promise.reject(new EventWriteFailed('too many events are waiting to be written'));
    }
    return new Promise<WriteResult>((resolve, reject) => {
      let batch = this.pending.get(workspaceId);
      if (!batch) {
        batch = { workspaceId, waiters: [], rowCount: 0 };
        this.pending.set(workspaceId, batch);
      }
      batch.waiters.push({ rows, resolve, reject });
      batch.rowCount += rows.length;
      this.queuedRows += rows.length;
      if (batch.rowCount >= this.options.maxRows) {
        this.pending.delete(workspaceId);
        this.full.push(batch);
      }
      this.pump();
    });
  }

  /** Writes everything pending now and waits for all flushes (app shutdown). Later writes are refused. */
  async close(): Promise<void> {
    this.closed = true;
    this.due = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.nextTurn) clearImmediate(this.nextTurn);
    this.timer = null;
    this.nextTurn = null;
    this.pump();
    if (this.inFlight === 0 && this.queuedRows === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /**
   * Starts flushes while slots are free: full batches first, then pending ones that are due. Pending rows become
   * due on the next turn of the event loop when nothing is being written (so the requests already received join
   * them, and an idle writer adds no delay), else `flushDelayMs` after they started waiting (rows arriving while
   * a flush runs join the next one: the commit in progress is the batching window).
   */
  private pump(): void {
    while (this.inFlight < this.concurrency) {
      let batch = this.full.shift();
      if (!batch && this.due) {
        const first = this.pending.values().next();
        if (!first.done) {
          batch = first.value;
          this.pending.delete(batch.workspaceId);
        }
      }
      if (!batch) break;
      this.inFlight += 1;
      void this.flush(batch);
    }
    if (this.pending.size === 0 && this.full.length === 0) this.due = this.closed;
    if (this.pending.size > 0 && !this.due) {
      const becomeDue = () => {
        this.due = true;
        this.pump();
      };
      if (this.inFlight === 0) {
        this.nextTurn ??= setImmediate(() => {
          this.nextTurn = null;
          becomeDue();
        });
      } else {
        this.timer ??= setTimeout(() => {
          this.timer = null;
          becomeDue();
        }, this.options.flushDelayMs);
      }
    }
    if (this.inFlight === 0 && this.queuedRows === 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  private async flush(batch: Batch): Promise<void> {
    try {
      await this.commitWaiters(batch.workspaceId, batch.waiters);
    } finally {
      this.queuedRows -= batch.rowCount;
      this.inFlight -= 1;
      this.pump();
    }
  }

  /**
   * Commits the waiters' rows in one transaction and answers each waiter. When the database rejects the data
   * itself (a value it cannot store), the waiters are retried one by one, so one bad request cannot make every
   * request it was batched with fail again on each retry.
   */
  private async commitWaiters(workspaceId: string, waiters: Waiter[]): Promise<void> {
    try {
      const results = await this.commit(workspaceId, waiters);
      waiters.forEach((waiter, i) => waiter.resolve(results[i] ?? { stored: 0, duplicates: 0 }));
    } catch (error) {
      const state = sqlState(error);
      const isDataError = state !== null && DATA_ERROR.test(state);
      if (isDataError && waiters.length > 1) {
        for (const waiter of waiters) await this.commitWaiters(workspaceId, [waiter]);
        return;
      }
      this.log.error({ err: error, workspaceId, events: waiters.length }, 'tracking: flush failed');
      const failure = new EventWriteFailed('the events could not be stored', isDataError);
      for (const waiter of waiters) waiter.reject(failure);
    }
  }

  /** One transaction for one workspace: visitors, events, lead activities, page durations, site times. */
  private async commit(workspaceId: string, waiters: Waiter[]): Promise<WriteResult[]> {
    const unique = new Map<string, TrackedEventRow>();
    for (const waiter of waiters) for (const row of waiter.rows) if (!unique.has(row.id)) unique.set(row.id, row);
    // Sorted by id (and visitors below by id): concurrent flushes then lock rows in one order and cannot deadlock.
    const rows = [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const closes = this.pageDurations(rows, unique);
    const now = Date.now();
    const visitors = this.visitorsToWrite(workspaceId, rows, now);
    const sites = this.sitesToTouch(rows, now);
    let inserted: Set<string>;
    try {
      inserted = await withTenant(this.database.db, workspaceId, async (tx) => {
        const ids = await insertEvents(tx, workspaceId, rows, visitors);
        if (closes.length > 0) await applyPageDurations(tx, workspaceId, closes);
        if (sites.length > 0) await touchSites(tx, workspaceId, sites);
        return ids;
      });
    } catch (error) {
      for (const visitor of visitors) this.visitorsWritten.delete(`${workspaceId}:${visitor.id}`);
      for (const siteId of sites) this.sitesWritten.delete(siteId);
      throw error;
    }
    const identifies = rows.filter((row) => row.name === 'identify' && inserted.has(row.id)).map((row) => row.id);
    if (identifies.length > 0 && this.jobs) {
      // After the commit, never before: the job reads the events back. A failure here loses only the lead lookup
      // (the events are stored; a later identify of the visitor links them), so it is logged, not returned.
      enqueueIdentify(this.jobs, workspaceId, identifies).catch((error: unknown) =>
        this.log.error({ err: error, workspaceId }, 'tracking: could not enqueue identify'),
      );
    }
    const counted = new Set<string>();
    return waiters.map((waiter) => {
      let stored = 0;
      for (const row of waiter.rows) {
        // The first occurrence of an id in the flush is the one that was stored; repeats are duplicates.
        if (inserted.has(row.id) && !counted.has(row.id)) {
          stored += 1;
          counted.add(row.id);
        }
      }
      return { stored, duplicates: waiter.rows.length - stored };
    });
  }

  /**
   * page_leave → the duration of its page view. A page view in the same flush gets it in its own row (it is not
   * visible to an UPDATE of the same transaction's insert); the rest become an update of earlier rows.
   */
  private pageDurations(rows: TrackedEventRow[], byId: Map<string, TrackedEventRow>): PageDuration[] {
    const later = new Map<string, PageDuration>();
    for (const row of rows) {
      if (row.name !== 'page_leave') continue;
      const { pageViewId, durationMs } = row.properties;
      if (typeof pageViewId !== 'string' || !UUID.test(pageViewId)) continue;
      if (typeof durationMs !== 'number' || !Number.isInteger(durationMs) || durationMs < 0 || durationMs > MAX_INT) {
        continue;
      }
      const view = byId.get(pageViewId);
      if (view) {
        if (view.name === 'page_view' && view.visitorId === row.visitorId) {
          view.durationMs = Math.max(view.durationMs ?? 0, durationMs);
        }
        continue;
      }
      const known = later.get(pageViewId);
      if (!known || known.durationMs < durationMs) {
        later.set(pageViewId, { pageViewId, visitorId: row.visitorId, durationMs });
      }
    }
    return [...later.values()];
  }

  /** Visitors this process has not written in the last minute (each looked up once per flush). */
  private visitorsToWrite(workspaceId: string, rows: TrackedEventRow[], now: number): VisitorRow[] {
    const siteOf = new Map<string, string>();
    for (const row of rows) if (!siteOf.has(row.visitorId)) siteOf.set(row.visitorId, row.siteId);
    const due: VisitorRow[] = [];
    for (const [id, siteId] of siteOf) {
      const key = `${workspaceId}:${id}`;
      const writtenAt = this.visitorsWritten.get(key);
      if (writtenAt !== undefined && now - writtenAt < VISITOR_REFRESH_MS) continue;
      this.visitorsWritten.set(key, now);
      due.push({ id, siteId });
    }
    return due.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private sitesToTouch(rows: TrackedEventRow[], now: number): string[] {
    const due: string[] = [];
    for (const siteId of new Set(rows.map((row) => row.siteId))) {
      const writtenAt = this.sitesWritten.get(siteId);
      if (writtenAt !== undefined && now - writtenAt < SITE_REFRESH_MS) continue;
      this.sitesWritten.set(siteId, now);
      due.push(siteId);
    }
    return due.sort();
  }
}
