// Markdown for the terminal (and a PR description): throughput table, server process table, targets.
import { CONNECTIONS, DURATION_SECONDS, WARMUP_SECONDS, type LoadResult } from './load';
import { LEAD_COUNT, type EngineResult } from './engine';

/** What we promise in the README; printed beside the numbers, never enforced here. */
export const TARGETS = { leadsVsHelloWorldOnPostgres: 0.1, idleRssMb: 250 };

export interface BenchReport {
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  helloWorld: LoadResult;
  engines: EngineResult[];
  /** Whether the seeded database was ANALYZEd before the load. */
  analyzed: boolean;
  skipped: string[];
}

const integer = (n: number) => Math.round(n).toLocaleString('en');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (mb: number | null) => (mb === null ? 'n/a' : `${Math.round(mb)} MB`);
const verdict = (ok: boolean) => (ok ? '✅ met' : '❌ missed');

function throughputRow(target: string, engine: string, result: LoadResult, baseline: LoadResult): string {
  const ratio = result.requestsPerSecond / baseline.requestsPerSecond;
  return `| ${target} | ${engine} | ${integer(result.requestsPerSecond)} | ${result.p99Ms} | ${ratio.toFixed(2)}× | ${result.non2xx} | ${result.errors} |`;
}

export function renderMarkdown(report: BenchReport): string {
  const { helloWorld, engines } = report;
  const lines = [
    `## API benchmark`,
    ``,
    `${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}; autocannon ${CONNECTIONS} connections, ` +
      `${DURATION_SECONDS} s after a ${WARMUP_SECONDS} s warm-up, 127.0.0.1; server LOG_LEVEL=warn (no access log); ` +
      (report.analyzed ? 'ANALYZE after seeding.' : 'no ANALYZE after seeding (--no-analyze).'),
    ``,
    `| target | engine | req/s | p99 ms | × hello-world | non-2xx | errors |`,
    `|---|---|---:|---:|---:|---:|---:|`,
    throughputRow('Fastify 5 hello-world (in-process)', '—', helloWorld, helloWorld),
  ];
  for (const e of engines) lines.push(throughputRow('GET /api/health', e.engine, e.health, helloWorld));
  for (const e of engines) {
    lines.push(
      throughputRow(`GET /api/v1/leads?pageSize=50 (${integer(LEAD_COUNT)} leads)`, e.engine, e.leads, helloWorld),
    );
  }
  lines.push(
    ``,
    `| engine | server RSS idle | server RSS peak under load | first start → ready | second start → ready | seed ${integer(LEAD_COUNT)} leads |`,
    `|---|---:|---:|---:|---:|---:|`,
    ...engines.map(
      (e) =>
        `| ${e.engine} | ${megabytes(e.idleRssMb)} | ${megabytes(e.peakRssMb)} | ${seconds(e.firstStartMs)} | ${seconds(e.secondStartMs)} | ${seconds(e.seedMs)} |`,
    ),
    ``,
    `RSS is the Kindling server process only (VmRSS); with PGlite the database lives inside it, with PostgreSQL it does not.`,
    ``,
    `Targets:`,
  );
  const postgres = engines.find((e) => e.engine === 'PostgreSQL');
  if (postgres) {
    const ratio = postgres.leads.requestsPerSecond / helloWorld.requestsPerSecond;
    lines.push(
      `- leads list ≥ ${TARGETS.leadsVsHelloWorldOnPostgres}× hello-world on PostgreSQL: ${ratio.toFixed(2)}× ${verdict(ratio >= TARGETS.leadsVsHelloWorldOnPostgres)}`,
    );
  } else {
    lines.push(
      `- leads list ≥ ${TARGETS.leadsVsHelloWorldOnPostgres}× hello-world on PostgreSQL: not measured (PostgreSQL skipped)`,
    );
  }
  for (const e of engines) {
    const ok = e.idleRssMb !== null && e.idleRssMb < TARGETS.idleRssMb;
    lines.push(`- idle RSS < ${TARGETS.idleRssMb} MB (${e.engine}): ${megabytes(e.idleRssMb)} ${verdict(ok)}`);
  }
  for (const reason of report.skipped) lines.push(`- skipped: ${reason}`);
  return lines.join('\n');
}
