// `npm run bench:leads`: the lead pool at scale, in one run, each figure beside its baseline on the same machine.
//   (a) filter questions (count + first page of 50) compiled from the filter language vs the hand-written SQL,
//       p50/p95 over repeated runs;
//   (b) importing a CSV of new leads through our importer vs a raw COPY of the same rows into a table with the same
//       indexes, and a re-import with dedupe (overwrite) vs the same raw COPY rate.
// Engines: PostgreSQL (a throw-away database on the local server) and PGlite (file-backed in a temp dir), in this
// process. Options: `--rows N` (default 1,000,000), `--reimport N` (default 100,000), `--runs N` (default 20),
// `--pg` / `--pglite` for one engine. Prints a markdown table and writes bench/results/leads.json.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FilterNode } from '@kindling/contracts/filters';
import { sql, type SQL } from 'drizzle-orm';
import { createUser } from '../apps/server/src/platform/auth/service';
import { openDatabase, type Database } from '../apps/server/src/platform/db/client';
import { runMigrations } from '../apps/server/src/platform/db/migrate';
import { withTenant } from '../apps/server/src/platform/db/tenant';
import { createWorkspace } from '../apps/server/src/platform/workspaces/service';
import { createField } from '../apps/server/src/modules/fields/service';
import { matchingLeadsCondition, searchLeads } from '../apps/server/src/modules/segments/service';
import { REPO_ROOT } from '../e2e/server-process';
import { BENCH_FIELDS, COPY_COLUMNS, writeCopyCsv, writeImportCsv } from './leads-data';
import { filterQuestions } from './leads-filters';
import { importFile } from './leads-import';
import { createDatabase, dropDatabase, ensurePostgres } from './postgres';
import { percentiles, startRssSampler, timed, type Percentiles } from './timing';

type Engine = 'PostgreSQL' | 'PGlite';

interface FilterResult {
  name: string;
  matches: number;
  /** POST /leads/search's service end to end: field catalogue, compile, page, count. */
  service: Percentiles;
  /** The compiled SQL (page + count). */
  ours: Percentiles;
  handWritten: Percentiles;
}

interface ImportResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  counts: Record<string, number>;
  peakRssMb: number;
}

interface EngineReport {
  engine: Engine;
  rawCopy: { rows: number; seconds: number; rowsPerSecond: number };
  newLeads: ImportResult;
  reimport: ImportResult;
  filters: FilterResult[];
  peakRssMb: number;
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}

const ROWS = option('--rows', 1_000_000);
const REIMPORT_ROWS = Math.min(ROWS, option('--reimport', 100_000));
const RUNS = option('--runs', 20);
const RESULTS_FILE = path.join(REPO_ROOT, 'bench/results/leads.json');

interface Store {
  database: Database;
  dataDir: string;
  dispose(): Promise<void>;
}

async function openStore(engine: Engine): Promise<Store> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kindling-bench-leads-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'PGlite') {
    const database = await openDatabase({ dataDir });
    return { database, dataDir, dispose: async () => (await database.close(), removeDir()) };
  }
  const name = `kindling_bench_leads_${process.pid}`;
  const database = await openDatabase({ databaseUrl: await createDatabase(name), poolSize: 4 });
  return {
    database,
    dataDir,
    async dispose() {
      await database.close();
      await dropDatabase(name);
      removeDir();
    },
  };
}

/** A workspace with the 20 custom fields, owned by a bench user. */
async function setUpWorkspace(database: Database): Promise<{ workspaceId: string; userId: string }> {
  await runMigrations(database);
  const user = await createUser(database.db, { email: 'bench@kindling.local', name: 'Bench', password: 'bench-pass' });
  const workspace = await createWorkspace(database.db, user.id, { name: 'Bench', timeZone: 'Asia/Shanghai' });
  const ctx = { workspaceId: workspace.id, userId: user.id };
  await withTenant(database.db, workspace.id, async (tx) => {
    for (const field of BENCH_FIELDS) {
      const options =
        'options' in field ? field.options.map((value) => ({ value, label: { 'zh-CN': value, en: value } })) : [];
      await createField(tx, ctx, {
        key: field.key,
        label: { 'zh-CN': field.key, en: field.key },
        type: field.type,
        options,
        required: false,
        unique: false,
      });
    }
  });
  return { workspaceId: workspace.id, userId: user.id };
}

/** The baseline: raw COPY of the already-normalised rows into a copy of `leads` with every index it has. */
async function rawCopy(store: Store, workspaceId: string, files: BenchFiles) {
  const copyFile = path.join(files.dir, `copy-${workspaceId}.csv`);
  await writeCopyCsv(copyFile, workspaceId, 0, ROWS);
  await store.database.executeSql(
    'CREATE TABLE bench_copy_leads (LIKE leads INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS)',
  );
  const { ms } = await timed(() => store.database.copyCsvFile('bench_copy_leads', COPY_COLUMNS, copyFile));
  rmSync(copyFile);
  await store.database.executeSql('DROP TABLE bench_copy_leads');
  return { rows: ROWS, seconds: ms / 1000, rowsPerSecond: ROWS / (ms / 1000) };
}

/** Behaviour data for the nested filter: ~0.9 opens per lead over the last 60 days, inserted set-based. */
async function addEmailOpens(database: Database): Promise<void> {
  await database.executeSql(`
    INSERT INTO activities (workspace_id, id, lead_id, type, source, occurred_at, properties)
    SELECT l.workspace_id, gen_random_uuid(), l.id, 'email.opened', 'email',
           now() - random() * interval '60 days', jsonb_build_object('campaign', 'c' || (random() * 10)::int)
    FROM leads l, generate_series(1, 3) AS n
    WHERE random() < 0.3`);
  await database.executeSql('ANALYZE');
}

/** `--explain`: the plans of the compiled count and the hand-written count, to see why they differ. */
async function explain(
  database: Database,
  ctx: { workspaceId: string; userId: string },
  filter: FilterNode,
  where: SQL,
) {
  await withTenant(database.db, ctx.workspaceId, async (tx) => {
    const condition = await matchingLeadsCondition(tx, ctx, filter);
    for (const [label, query] of [
      ['compiled', sql`explain analyze select count(*) from leads where ${condition}`],
      ['hand-written', sql`explain analyze select count(*) from leads l where ${where}`],
    ] as const) {
      const plan = await tx.execute(query);
      const rows = (Array.isArray(plan) ? plan : (plan as { rows: unknown[] }).rows) as Record<string, string>[];
      console.log(`--- ${label}\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
    }
  });
}

async function measureFilters(database: Database, workspaceId: string, userId: string): Promise<FilterResult[]> {
  const ctx = { workspaceId, userId };
  const results: FilterResult[] = [];
  for (const question of filterQuestions(ROWS)) {
    const ours = () =>
      withTenant(database.db, workspaceId, (tx) =>
        searchLeads(tx, ctx, { filter: question.filter, page: 1, pageSize: 50, sort: 'createdAt', order: 'desc' }),
      );
    const where = sql`l.workspace_id = ${workspaceId} and l.deleted_at is null and ${question.handWritten}`;
    const handWritten = () =>
      withTenant(database.db, workspaceId, async (tx) => {
        const page = await tx.execute(
          sql`select l.* from leads l where ${where} order by l.created_at desc, l.id desc limit 50`,
        );
        const total = await tx.execute(sql`select count(*)::int as n from leads l where ${where}`);
        return { page, total };
      });
    if (process.argv.includes('--explain')) await explain(database, ctx, question.filter, where);
    // The compiled SQL alone, shaped exactly like the hand-written pair (page, then count): the compiler's cost.
    const condition = await withTenant(database.db, workspaceId, (tx) =>
      matchingLeadsCondition(tx, ctx, question.filter),
    );
    const compiled = () =>
      withTenant(database.db, workspaceId, async (tx) => {
        const page = await tx.execute(
          sql`select * from leads where ${condition} order by created_at desc, id desc limit 50`,
        );
        const total = await tx.execute(sql`select count(*)::int as n from leads where ${condition}`);
        return { page, total };
      });
    const samples = { service: [] as number[], compiled: [] as number[], hand: [] as number[] };
    let matches = 0;
    for (let run = -2; run < RUNS; run++) {
      // Interleaved, so caches and background noise hit all three alike; two warm-up rounds are not counted.
      const a = await timed(ours);
      const b = await timed(compiled);
      const c = await timed(handWritten);
      if (run >= 0) {
        samples.service.push(a.ms);
        samples.compiled.push(b.ms);
        samples.hand.push(c.ms);
      }
      matches = a.value.total;
    }
    results.push({
      name: question.name,
      matches,
      service: percentiles(samples.service),
      ours: percentiles(samples.compiled),
      handWritten: percentiles(samples.hand),
    });
    console.log(`bench: ${question.name}: ${matches} leads`);
  }
  return results;
}

interface BenchFiles {
  dir: string;
  newLeads: string;
  reimport: string;
}

async function writeFiles(): Promise<BenchFiles> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kindling-bench-files-'));
  // PostgreSQL's server process reads the COPY file itself, as its own OS user.
  chmodSync(dir, 0o755);
  const files = { dir, newLeads: path.join(dir, 'leads.csv'), reimport: path.join(dir, 'reimport.csv') };
  console.log(`bench: writing ${ROWS.toLocaleString('en')} + ${REIMPORT_ROWS.toLocaleString('en')} CSV rows …`);
  await writeImportCsv(files.newLeads, 0, ROWS);
  // The first REIMPORT_ROWS leads again, every value changed: each row matches an existing lead by email.
  await writeImportCsv(files.reimport, 0, REIMPORT_ROWS, 1);
  const mb = (file: string) => (statSync(file).size / 1024 / 1024).toFixed(0);
  console.log(`bench: files ${mb(files.newLeads)} MB and ${mb(files.reimport)} MB`);
  return files;
}

async function runEngine(engine: Engine, files: BenchFiles): Promise<EngineReport> {
  const store = await openStore(engine);
  const overall = startRssSampler();
  try {
    const { workspaceId, userId } = await setUpWorkspace(store.database);
    console.log(`bench: ${engine}: raw COPY of ${ROWS.toLocaleString('en')} rows …`);
    const copy = await rawCopy(store, workspaceId, files);
    console.log(`bench: ${engine}: raw COPY ${copy.seconds.toFixed(1)} s`);
    console.log(`bench: ${engine}: importing ${ROWS.toLocaleString('en')} new leads …`);
    const target = { database: store.database, dataDir: store.dataDir, workspaceId, userId };
    const newLeads = await importFile(target, files.newLeads, 'skip');
    console.log(`bench: ${engine}: import ${newLeads.seconds.toFixed(1)} s ${JSON.stringify(newLeads.counts)}`);
    await addEmailOpens(store.database);
    const filters = await measureFilters(store.database, workspaceId, userId);
    console.log(`bench: ${engine}: re-importing ${REIMPORT_ROWS.toLocaleString('en')} rows with dedupe …`);
    const reimport = await importFile(target, files.reimport, 'overwrite');
    console.log(`bench: ${engine}: re-import ${reimport.seconds.toFixed(1)} s ${JSON.stringify(reimport.counts)}`);
    return { engine, rawCopy: copy, newLeads, reimport, filters, peakRssMb: overall.stop() };
  } finally {
    overall.stop();
    await store.dispose();
  }
}

const ms = (v: number) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
const ratio = (v: number) => `${v.toFixed(2)}×`;

function render(reports: EngineReport[], skipped: string[]): string {
  const lines = [
    `# bench:leads — ${ROWS.toLocaleString('en')} leads, ${BENCH_FIELDS.length} custom fields`,
    '',
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ${RUNS} timed runs per filter.`,
    '',
    '## Filters: count + first page of 50 (ms)',
    '',
    '| Engine | Question | Matches | Service p50 | Service p95 | Compiled p50 | Compiled p95 | Hand SQL p50 | Hand SQL p95 | Compiled ÷ hand (p50) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of reports) {
    for (const f of r.filters) {
      const cells = [r.engine, f.name, f.matches.toLocaleString('en'), ms(f.service.p50), ms(f.service.p95)];
      cells.push(ms(f.ours.p50), ms(f.ours.p95));
      cells.push(ms(f.handWritten.p50), ms(f.handWritten.p95), ratio(f.ours.p50 / f.handWritten.p50));
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  lines.push(
    '',
    '## Import',
    '',
    '| Engine | Raw COPY rows/s | New leads rows/s | ÷ COPY | Time | Re-import (dedupe) rows/s | ÷ COPY | Import peak RSS (1M / 100k) | Peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of reports) {
    const cells = [
      r.engine,
      Math.round(r.rawCopy.rowsPerSecond).toLocaleString('en'),
      Math.round(r.newLeads.rowsPerSecond).toLocaleString('en'),
      ratio(r.newLeads.rowsPerSecond / r.rawCopy.rowsPerSecond),
      `${r.newLeads.seconds.toFixed(1)} s`,
      Math.round(r.reimport.rowsPerSecond).toLocaleString('en'),
      ratio(r.reimport.rowsPerSecond / r.rawCopy.rowsPerSecond),
      `${r.newLeads.peakRssMb} / ${r.reimport.peakRssMb} MB`,
      `${r.peakRssMb} MB`,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const pg = reports.find((r) => r.engine === 'PostgreSQL');
  const lite = reports.find((r) => r.engine === 'PGlite');
  if (pg && lite) {
    lines.push('', '## PGlite ÷ PostgreSQL (throughput; ≥ 0.5× is the target)', '');
    lines.push(`- raw COPY ${ratio(lite.rawCopy.rowsPerSecond / pg.rawCopy.rowsPerSecond)}`);
    lines.push(`- import ${ratio(lite.newLeads.rowsPerSecond / pg.newLeads.rowsPerSecond)}`);
    lines.push(`- re-import ${ratio(lite.reimport.rowsPerSecond / pg.reimport.rowsPerSecond)}`);
    pg.filters.forEach((f, i) => {
      const other = lite.filters[i];
      if (other) lines.push(`- ${f.name}: ${ratio(f.ours.p50 / other.ours.p50)} (p50 speed)`);
    });
  }
  if (skipped.length > 0) lines.push('', `Skipped: ${skipped.join('; ')}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const engines: Engine[] = argv.includes('--pg')
    ? ['PostgreSQL']
    : argv.includes('--pglite')
      ? ['PGlite']
      : ['PostgreSQL', 'PGlite'];
  const files = await writeFiles();
  const reports: EngineReport[] = [];
  const skipped: string[] = [];
  try {
    for (const engine of engines) {
      if (engine === 'PostgreSQL') {
        const reason = await ensurePostgres();
        if (reason) {
          skipped.push(`PostgreSQL: ${reason}`);
          continue;
        }
      }
      reports.push(await runEngine(engine, files));
    }
  } finally {
    rmSync(files.dir, { recursive: true, force: true });
  }
  const report = render(reports, skipped);
  console.log(`\n${report}`);
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify({ rows: ROWS, reimportRows: REIMPORT_ROWS, reports, skipped }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
