// Everything measured for one database engine: cold and warm start of the CLI, then throughput and memory of the
// server on a workspace with 10,000 leads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, loginCookie, ServerProcess, sleep } from '../e2e/server-process';
import { measure, type LoadResult } from './load';
import { createDatabase, dropDatabase } from './postgres';
import { BENCH_USER, seedBenchWorkspace } from './seed';

export type Engine = 'PGlite' | 'PostgreSQL';
export const LEAD_COUNT = 10_000;
const READY_TIMEOUT_MS = 120_000;

export interface EngineResult {
  engine: Engine;
  /** Spawn → "Kindling is running" on an empty store (migrations + demo seed included). */
  firstStartMs: number;
  /** The same, on the store the first start left behind. */
  secondStartMs: number;
  seedMs: number;
  idleRssMb: number | null;
  peakRssMb: number | null;
  health: LoadResult;
  leads: LoadResult;
}

interface Store {
  dataDir: string;
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

/** An empty PGlite data dir, or an empty PostgreSQL database (plus a data dir for the server's files). */
async function freshStore(engine: Engine, purpose: string): Promise<Store> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `kindling-bench-${purpose}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'PGlite') return { dataDir, databaseUrl: undefined, dispose: async () => removeDir() };
  const name = `kindling_bench_${process.pid}${purpose === 'load' ? '' : `_${purpose}`}`;
  const databaseUrl = await createDatabase(name);
  return {
    dataDir,
    databaseUrl,
    async dispose() {
      await dropDatabase(name);
      removeDir();
    },
  };
}

async function startServer(store: Store): Promise<ServerProcess> {
  const port = await freePort();
  return new ServerProcess({ port, dataDir: store.dataDir, databaseUrl: store.databaseUrl, logLevel: 'warn' });
}

/** Spawn → ready line, then Ctrl-C; a start that does not stop cleanly is reported but still timed. */
async function timeStartToReady(store: Store, label: string): Promise<number> {
  const server = await startServer(store);
  try {
    return await server.waitForReadyLine(READY_TIMEOUT_MS);
  } finally {
    const code = await server.stop();
    if (code !== 0) console.warn(`bench: ${label} did not stop cleanly (exit ${code}):\n${server.outputTail()}`);
  }
}

async function measureStartup(engine: Engine): Promise<{ firstStartMs: number; secondStartMs: number }> {
  const store = await freshStore(engine, 'startup');
  try {
    const firstStartMs = await timeStartToReady(store, 'first start');
    console.log(`bench: ${engine}: first start ${(firstStartMs / 1000).toFixed(1)} s`);
    const secondStartMs = await timeStartToReady(store, 'second start');
    console.log(`bench: ${engine}: second start ${(secondStartMs / 1000).toFixed(1)} s`);
    return { firstStartMs, secondStartMs };
  } finally {
    await store.dispose();
  }
}

/** One request before the load: proves the cookie works and the workspace really holds LEAD_COUNT leads. */
async function checkLeadsEndpoint(url: string, cookie: string): Promise<void> {
  const response = await fetch(url, { headers: { cookie } });
  const body = (await response.json()) as { items?: unknown[]; total?: number };
  if (!response.ok || body.items?.length !== 50 || body.total !== LEAD_COUNT) {
    throw new Error(
      `unexpected leads response: HTTP ${response.status}, ${body.items?.length} items, total ${body.total}`,
    );
  }
}

export interface EngineOptions {
  /** ANALYZE after seeding (default), so the planner knows the table sizes; off shows the cold-statistics case. */
  analyze: boolean;
}

async function measureLoad(
  engine: Engine,
  options: EngineOptions,
): Promise<Omit<EngineResult, 'engine' | 'firstStartMs' | 'secondStartMs'>> {
  const store = await freshStore(engine, 'load');
  let server: ServerProcess | undefined;
  try {
    const seedStarted = performance.now();
    await seedBenchWorkspace({ dataDir: store.dataDir, databaseUrl: store.databaseUrl }, LEAD_COUNT, options);
    const seedMs = performance.now() - seedStarted;
    console.log(`bench: ${engine}: seeded ${LEAD_COUNT.toLocaleString('en')} leads in ${(seedMs / 1000).toFixed(1)} s`);

    const running = await startServer(store);
    server = running;
    await running.waitForHealth(READY_TIMEOUT_MS);
    await sleep(2000); // let start-up garbage be collected and background timers settle
    const idleRssMb = running.rssMb();

    const cookie = await loginCookie(running.url, BENCH_USER.email, BENCH_USER.password);
    const leadsUrl = `${running.url}/api/v1/leads?page=1&pageSize=50`;
    await checkLeadsEndpoint(leadsUrl, cookie);

    const sampleRssMb = () => running.rssMb();
    console.log(`bench: ${engine}: GET /api/health …`);
    const health = await measure(`${running.url}/api/health`, { sampleRssMb });
    console.log(`bench: ${engine}: GET /api/v1/leads …`);
    const leads = await measure(leadsUrl, { headers: { cookie }, sampleRssMb });
    const peaks = [health.peakRssMb, leads.peakRssMb].filter((v): v is number => v !== null);
    return { seedMs, idleRssMb, peakRssMb: peaks.length > 0 ? Math.max(...peaks) : null, health, leads };
  } finally {
    await server?.stop();
    await store.dispose();
  }
}

export async function runEngine(engine: Engine, options: EngineOptions): Promise<EngineResult> {
  const startup = await measureStartup(engine);
  const load = await measureLoad(engine, options);
  return { engine, ...startup, ...load };
}
