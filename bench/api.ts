// `npm run bench:api`: how fast and how big the API server is, in one run, beside a bare Fastify hello-world on
// the same machine. Engines: both by default (PGlite, then PostgreSQL); `--pglite` or `--pg` for one of them.
// `--no-analyze` skips ANALYZE after seeding (shows what a freshly bulk-loaded database does before statistics).
// PostgreSQL: a fresh database on BENCH_DATABASE_URL's server (default local postgres, trust auth), dropped after.
// Prints a markdown report and writes bench/results/api.json. Always exits 0 when it could measure: a benchmark
// reports, it does not gate.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../e2e/server-process';
import { runEngine, type Engine, type EngineResult } from './engine';
import { startHelloWorld } from './hello-world';
import { measure } from './load';
import { ensurePostgres } from './postgres';
import { renderMarkdown, type BenchReport } from './report';
import { runBounded } from './run-bounded';

/** Hard ceiling for the whole run, so a hung server can never keep CI busy. */
const BUDGET_MS = 10 * 60 * 1000;
const RESULTS_FILE = path.join(REPO_ROOT, 'bench/results/api.json');

function selectedEngines(argv: string[]): Engine[] {
  const pgOnly = argv.includes('--pg') || argv.includes('--postgres');
  const pgliteOnly = argv.includes('--pglite');
  if (pgOnly && !pgliteOnly) return ['PostgreSQL'];
  if (pgliteOnly && !pgOnly) return ['PGlite'];
  return ['PGlite', 'PostgreSQL'];
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  const skipped: string[] = [];

  console.log('bench: Fastify hello-world …');
  const hello = await startHelloWorld();
  const helloWorld = await measure(hello.url).finally(() => hello.close());

  const analyze = !process.argv.includes('--no-analyze');
  const engines: EngineResult[] = [];
  for (const engine of selectedEngines(process.argv.slice(2))) {
    if (engine === 'PostgreSQL') {
      const problem = await ensurePostgres();
      if (problem) {
        console.warn(`bench: skipping PostgreSQL: ${problem}`);
        skipped.push(`PostgreSQL (${problem})`);
        continue;
      }
    }
    engines.push(await runEngine(engine, { analyze }));
  }

  const report: BenchReport = {
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    helloWorld,
    engines,
    analyzed: analyze,
    skipped,
  };
  console.log(`\n${renderMarkdown(report)}\n`);
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify({ measuredAt: new Date().toISOString(), ...report }, null, 2) + '\n');
  console.log(`bench: results written to ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
}

await runBounded(main, BUDGET_MS);
