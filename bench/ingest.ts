// `npm run bench:ingest`: the public tracking ingest (POST /t/e) under load, side by side in one run with
//   (c) a bare Fastify hello-world route and (d) a bare route that only parses and validates the same JSON with the
//   same Zod schema (no storage) — both in this process, loaded from a worker thread — and
//   (a) single-event requests and (b) 10-event batches against the real server (`kindling serve`, a child process,
//   rate limits raised), on PostgreSQL (a throw-away database on the local server) and PGlite (file-backed).
// Every ingest request carries new event ids; the generator keeps a ledger of what the server acknowledged, and
// after the run the rows are counted: stored rows must equal acknowledged events (requests still in flight when
// the load stopped are the only ones allowed to be either).
// Options: `--pg` / `--pglite` (one engine), `--preload` (then load 1M leads + 10M events and measure again),
// `--v4` (random UUIDv4 event ids instead of the time-ordered UUIDv7 ids our tracker makes),
// `--connections N` (default 100, as reference/performance.md §2.1), `--seconds N` (default 10). Prints a markdown table; writes
// bench/results/ingest.json. Stops by itself (budget below).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TRACK_LIMITS, ZTrackBatch } from '@kindling/contracts/tracking';
import autocannon, { type Options, type Request, type Result } from 'autocannon';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { openDatabase, type Database } from '../apps/server/src/platform/db/client';
import { freePort, REPO_ROOT, ServerProcess, sleep } from '../e2e/server-process';
import { startHelloWorld } from './hello-world';
import { preload, requestGenerator, setUpBenchSite, type BenchSite } from './ingest-data';
import { createDatabase, dropDatabase, ensurePostgres } from './postgres';
import { runBounded } from './run-bounded';

type Engine = 'PostgreSQL' | 'PGlite';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}

const CONNECTIONS = option('--connections', 100);
const SECONDS = option('--seconds', 10);
const WARMUP_SECONDS = 2;
const PRELOAD = process.argv.includes('--preload');
/** The tracker sends time-ordered UUIDv7 event ids (index locality); `--v4` sends random ones instead. */
const TIME_ORDERED_IDS = !process.argv.includes('--v4');
const PRELOAD_LEADS = 1_000_000;
const PRELOAD_EVENTS = 10_000_000;
const BUDGET_MS = (PRELOAD ? 60 : 12) * 60 * 1000;
const RESULTS_FILE = path.join(REPO_ROOT, 'bench/results/ingest.json');
/** Limits high enough never to trip: the bench measures the ingest, not the flood guard. */
const UNLIMITED = {
  TRACK_IP_RATE: '1000000000',
  TRACK_IP_BURST: '1000000000',
  TRACK_SITE_RATE: '1000000000',
  TRACK_SITE_BURST: '1000000000',
};

interface Throughput {
  requestsPerSecond: number;
  eventsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

interface IngestRun extends Throughput {
  label: string;
  engine: Engine;
  eventsPerRequest: number;
  phase: 'empty' | 'preloaded';
  /** CPU milliseconds per 1,000 stored events during the measured run (PGlite: the database is in the server). */
  cpuMsPerThousand: CpuSample;
}

interface Verification {
  engine: Engine;
  phase: 'empty' | 'preloaded';
  /** Events of 200 answers (warm-ups included). */
  acknowledged: number;
  /** Rows of the bench site in tracking_events. */
  stored: number;
  /** Events whose request was still in flight when a load stopped: stored or not, both are fine. */
  inFlight: number;
  /** Stored rows that are not in-flight ones; must equal `acknowledged`. */
  storedAcknowledged: number;
  ok: boolean;
}

function throughput(result: Result, eventsPerRequest: number): Throughput {
  const ok = result['2xx'] / Math.max(1, result.duration);
  return {
    requestsPerSecond: result.requests.average,
    eventsPerSecond: ok * eventsPerRequest,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function fire(options: Options): Promise<Result> {
  const run = autocannon({ connections: CONNECTIONS, timeout: 10, ...options });
  const guard = setTimeout(() => run.stop(), ((options.duration ?? SECONDS) + 30) * 1000);
  try {
    return await run;
  } finally {
    clearTimeout(guard);
  }
}

/** An in-process target, loaded from a worker thread (so it keeps its own event loop): warm-up, then the run. */
async function measureInProcess(
  url: string,
  request: { method?: string; body?: string; headers?: Record<string, string> },
) {
  await fire({ url, workers: 1, duration: WARMUP_SECONDS, ...request });
  return fire({ url, workers: 1, duration: SECONDS, ...request });
}

/** (d): the same parsing (text/plain as JSON) and the same Zod schema as /t/e, and nothing else. */
async function startValidateOnly() {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.post('/t/e', { bodyLimit: TRACK_LIMITS.maxBodyBytes, schema: { body: ZTrackBatch } }, async (request) => ({
    stored: request.body.events.length,
    duplicates: 0,
    ignored: 0,
  }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return { url: `http://127.0.0.1:${address.port}/t/e`, close: () => app.close() };
}

/** CPU seconds (user + system) a process has used so far, from /proc; 0 when it is gone. */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** PostgreSQL backends serving one database (their process titles name it). */
function backendPids(databaseName: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${databaseName} `)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Where the CPU went during a run: the server process, the database's backends, this load generator. */
interface CpuSample {
  server: number;
  database: number;
  generator: number;
}

function sampleCpu(serverPid: number, databaseName: string | null): CpuSample {
  const own = process.cpuUsage();
  return {
    server: processCpuSeconds(serverPid),
    database: databaseName ? backendPids(databaseName).reduce((sum, pid) => sum + processCpuSeconds(pid), 0) : 0,
    generator: (own.user + own.system) / 1e6,
  };
}

/** What the load generator saw acknowledged, and the event ids of requests not answered (yet). */
class Ledger {
  acknowledged = 0;
  readonly unanswered = new Set<string[]>();
  readonly statuses = new Map<number, number>();
}

/** Load against the real server from this thread: every request is generated (unique ids) and accounted. */
async function measureIngest(
  url: string,
  site: BenchSite,
  eventsPerRequest: number,
  ledger: Ledger,
  sample: () => CpuSample,
) {
  const next = requestGenerator(site, eventsPerRequest, eventsPerRequest * 7919 + Date.now(), TIME_ORDERED_IDS);
  const request: Request = {
    method: 'POST',
    setupRequest(params, context) {
      const generated = next();
      context.ids = generated.ids;
      ledger.unanswered.add(generated.ids);
      return { ...params, method: 'POST', body: generated.body, headers: generated.headers };
    },
    onResponse(status, _body, context) {
      const ids = context.ids as string[];
      ledger.unanswered.delete(ids);
      ledger.statuses.set(status, (ledger.statuses.get(status) ?? 0) + 1);
      if (status === 200) ledger.acknowledged += ids.length;
    },
  };
  await fire({ url, duration: WARMUP_SECONDS, requests: [request] });
  const before = sample();
  const acknowledgedBefore = ledger.acknowledged;
  const result = await fire({ url, duration: SECONDS, requests: [request] });
  const after = sample();
  const thousands = Math.max(1, ledger.acknowledged - acknowledgedBefore) / 1000;
  const perThousand = (key: keyof CpuSample) => Math.round(((after[key] - before[key]) * 1000) / thousands);
  return {
    result,
    cpuMsPerThousand: {
      server: perThousand('server'),
      database: perThousand('database'),
      generator: perThousand('generator'),
    },
  };
}

interface Store {
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL: the database's name (to find its backends); PGlite: null. */
  databaseName: string | null;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

async function freshStore(engine: Engine): Promise<Store> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kindling-bench-ingest-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'PGlite') {
    return {
      dataDir,
      databaseUrl: undefined,
      databaseName: null,
      open: () => openDatabase({ dataDir }),
      dispose: async () => removeDir(),
    };
  }
  const name = `kindling_bench_ingest_${process.pid}`;
  const databaseUrl = await createDatabase(name);
  return {
    dataDir,
    databaseUrl,
    databaseName: name,
    open: () => openDatabase({ databaseUrl, poolSize: 4 }),
    async dispose() {
      await dropDatabase(name);
      removeDir();
    },
  };
}

/** Counts the bench site's rows against the ledger (the server is stopped: PGlite's directory is free). */
async function verify(store: Store, site: BenchSite, ledger: Ledger, engine: Engine, phase: Verification['phase']) {
  const database = await store.open();
  try {
    const inFlightIds = [...ledger.unanswered].flat();
    const { rows } = await database.executeSql(
      `select count(*)::int as stored, count(*) filter (where id = any($3::uuid[]))::int as in_flight_stored
       from tracking_events where workspace_id = $1::uuid and site_id = $2::uuid`,
      [site.workspaceId, site.siteId, inFlightIds],
    );
    const stored = Number(rows[0]?.stored ?? 0);
    const storedAcknowledged = stored - Number(rows[0]?.in_flight_stored ?? 0);
    const ok = storedAcknowledged === ledger.acknowledged;
    return {
      engine,
      phase,
      acknowledged: ledger.acknowledged,
      stored,
      inFlight: inFlightIds.length,
      storedAcknowledged,
      ok,
    };
  } finally {
    await database.close();
  }
}

async function runPhase(
  engine: Engine,
  store: Store,
  site: BenchSite,
  ledger: Ledger,
  phase: IngestRun['phase'],
): Promise<{ runs: IngestRun[]; verification: Verification }> {
  const server = new ServerProcess({
    port: await freePort(),
    dataDir: store.dataDir,
    databaseUrl: store.databaseUrl,
    logLevel: 'warn',
    env: UNLIMITED,
  });
  const runs: IngestRun[] = [];
  try {
    await server.waitForHealth(180_000);
    await sleep(1000);
    for (const eventsPerRequest of [1, 10]) {
      const label = eventsPerRequest === 1 ? 'POST /t/e, 1 event per request' : 'POST /t/e, 10-event batches';
      console.log(`bench: ${engine} (${phase}): ${label} …`);
      const sample = () => sampleCpu(server.pid, store.databaseName);
      const { result, cpuMsPerThousand } = await measureIngest(
        `${server.url}/t/e`,
        site,
        eventsPerRequest,
        ledger,
        sample,
      );
      runs.push({ label, engine, eventsPerRequest, phase, cpuMsPerThousand, ...throughput(result, eventsPerRequest) });
    }
  } finally {
    const code = await server.stop(60_000);
    if (code !== 0) console.warn(`bench: server exit ${code}:\n${server.outputTail()}`);
  }
  const verification = await verify(store, site, ledger, engine, phase);
  console.log(
    `bench: ${engine} (${phase}): ${JSON.stringify(verification)} statuses ${JSON.stringify([...ledger.statuses])}`,
  );
  return { runs, verification };
}

async function runEngine(engine: Engine) {
  const store = await freshStore(engine);
  try {
    const setup = await store.open();
    let site: BenchSite;
    try {
      site = await setUpBenchSite(setup);
    } finally {
      await setup.close();
    }
    const ledger = new Ledger();
    const empty = await runPhase(engine, store, site, ledger, 'empty');
    if (!PRELOAD) return { runs: empty.runs, verifications: [empty.verification] };
    const database = await store.open();
    try {
      const started = performance.now();
      await preload(database, site, PRELOAD_LEADS, PRELOAD_EVENTS);
      console.log(`bench: ${engine}: preloaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    } finally {
      await database.close();
    }
    const loaded = await runPhase(engine, store, site, ledger, 'preloaded');
    return { runs: [...empty.runs, ...loaded.runs], verifications: [empty.verification, loaded.verification] };
  } finally {
    await store.dispose();
  }
}

const integer = (n: number) => Math.round(n).toLocaleString('en');
const times = (n: number) => `${n.toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? '✅ met' : '❌ missed');

function render(
  baselines: { label: string; result: Throughput }[],
  runs: IngestRun[],
  verifications: Verification[],
  skipped: string[],
): string {
  const hello = baselines[0]?.result.requestsPerSecond ?? NaN;
  const lines = [
    '## Ingest benchmark',
    '',
    `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; autocannon ${CONNECTIONS} connections, ` +
      `${SECONDS} s after a ${WARMUP_SECONDS} s warm-up, 127.0.0.1; ingest = \`kindling serve\` (child process), LOG_LEVEL=warn; ` +
      `event ids ${TIME_ORDERED_IDS ? 'UUIDv7 (time-ordered)' : 'UUIDv4 (random)'}.`,
    '',
    '| target | engine | data | req/s | events/s | p99 ms | × hello-world | non-2xx | errors |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const b of baselines) {
    const r = b.result;
    lines.push(
      `| ${b.label} | — | — | ${integer(r.requestsPerSecond)} | ${integer(r.eventsPerSecond)} | ${r.p99Ms} | ${times(r.requestsPerSecond / hello)} | ${r.non2xx} | ${r.errors} |`,
    );
  }
  for (const r of runs) {
    lines.push(
      `| ${r.label} | ${r.engine} | ${r.phase} | ${integer(r.requestsPerSecond)} | ${integer(r.eventsPerSecond)} | ${r.p99Ms} | ${times(r.requestsPerSecond / hello)} | ${r.non2xx} | ${r.errors} |`,
    );
  }
  lines.push(
    '',
    'CPU per 1,000 stored events during the measured runs (ms; 1,000 ms = one core for one second). On a shared',
    'machine this says what the throughput would be with the cores to ourselves.',
    '',
    '| target | engine | data | server (Node) | PostgreSQL backends | load generator |',
    '|---|---|---|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.label} | ${r.engine} | ${r.phase} | ${r.cpuMsPerThousand.server} | ${r.engine === 'PGlite' ? '(in server)' : r.cpuMsPerThousand.database} | ${r.cpuMsPerThousand.generator} |`,
    ),
  );
  lines.push(
    '',
    '| engine | data | events acknowledged (200) | rows stored | in flight at stop | stored − in flight | zero loss |',
    '|---|---|---:|---:|---:|---:|---|',
    ...verifications.map(
      (v) =>
        `| ${v.engine} | ${v.phase} | ${integer(v.acknowledged)} | ${integer(v.stored)} | ${integer(v.inFlight)} | ${integer(v.storedAcknowledged)} | ${v.ok ? '✅' : '❌'} |`,
    ),
    '',
    'Targets:',
  );
  const find = (engine: Engine, perRequest: number, phase: IngestRun['phase'] = 'empty') =>
    runs.find((r) => r.engine === engine && r.eventsPerRequest === perRequest && r.phase === phase);
  const pgSingle = find('PostgreSQL', 1);
  const pgBatch = find('PostgreSQL', 10);
  if (pgSingle) {
    const ratio = pgSingle.requestsPerSecond / hello;
    lines.push(`- single-event ingest ≥ 0.33× hello-world (PostgreSQL): ${times(ratio)} ${verdict(ratio >= 0.33)}`);
    lines.push(
      `- single-event ingest ≥ 15,000 events/s (PostgreSQL): ${integer(pgSingle.eventsPerSecond)} ${verdict(pgSingle.eventsPerSecond >= 15_000)}`,
    );
  }
  if (pgBatch) {
    lines.push(
      `- 10-event batches ≥ 50,000 events/s stored (PostgreSQL): ${integer(pgBatch.eventsPerSecond)} ${verdict(pgBatch.eventsPerSecond >= 50_000)}`,
    );
  }
  lines.push(`- zero loss: ${verdict(verifications.length > 0 && verifications.every((v) => v.ok))}`);
  for (const engine of ['PostgreSQL', 'PGlite'] as const) {
    for (const perRequest of [1, 10]) {
      const empty = find(engine, perRequest);
      const loaded = find(engine, perRequest, 'preloaded');
      if (empty && loaded) {
        const ratio = loaded.eventsPerSecond / empty.eventsPerSecond;
        lines.push(
          `- ${engine}, ${perRequest}-event requests with 1M leads + 10M events ≥ 0.8× empty: ${times(ratio)} ${verdict(ratio >= 0.8)}`,
        );
      }
    }
  }
  for (const perRequest of [1, 10]) {
    const pg = find('PostgreSQL', perRequest);
    const lite = find('PGlite', perRequest);
    if (pg && lite) {
      const ratio = lite.eventsPerSecond / pg.eventsPerSecond;
      lines.push(`- PGlite ≥ 0.5× PostgreSQL, ${perRequest}-event requests: ${times(ratio)} ${verdict(ratio >= 0.5)}`);
    }
  }
  for (const reason of skipped) lines.push(`- skipped: ${reason}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const engines: Engine[] = argv.includes('--pg')
    ? ['PostgreSQL']
    : argv.includes('--pglite')
      ? ['PGlite']
      : ['PostgreSQL', 'PGlite'];

  console.log('bench: Fastify hello-world …');
  const hello = await startHelloWorld();
  const helloResult = await measureInProcess(hello.url, {}).finally(() => hello.close());
  const validateOnly = await startValidateOnly();
  const fakeSite = { workspaceId: '', siteId: '', siteKey: 'validate-only-site' };
  const single = requestGenerator(fakeSite, 1)();
  const batch = requestGenerator(fakeSite, 10)();
  console.log('bench: validate-only route …');
  const validateSingle = await measureInProcess(validateOnly.url, {
    method: 'POST',
    body: single.body,
    headers: single.headers,
  });
  const validateBatch = await measureInProcess(validateOnly.url, {
    method: 'POST',
    body: batch.body,
    headers: batch.headers,
  });
  await validateOnly.close();
  const baselines = [
    { label: 'Fastify hello-world (in-process)', result: throughput(helloResult, 0) },
    { label: 'Parse + Zod-validate only, 1 event (in-process)', result: throughput(validateSingle, 1) },
    { label: 'Parse + Zod-validate only, 10 events (in-process)', result: throughput(validateBatch, 10) },
  ];

  const runs: IngestRun[] = [];
  const verifications: Verification[] = [];
  const skipped: string[] = [];
  for (const engine of engines) {
    if (engine === 'PostgreSQL') {
      const problem = await ensurePostgres();
      if (problem) {
        skipped.push(`PostgreSQL (${problem})`);
        continue;
      }
    }
    const result = await runEngine(engine);
    runs.push(...result.runs);
    verifications.push(...result.verifications);
  }

  const report = render(baselines, runs, verifications, skipped);
  console.log(`\n${report}\n`);
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    JSON.stringify({ measuredAt: new Date().toISOString(), baselines, runs, verifications, skipped }, null, 2) + '\n',
  );
  console.log(`bench: results written to ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
}

await runBounded(main, BUDGET_MS);
