// `npm run e2e`: the real server (fresh PGlite data dir, free port) + the built console + Debian Chromium driven
// by playwright-core. Prints `e2e: N passed, N failed`, leaves screenshots in .e2e-artifacts/, exits 1 on failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runLeadPoolTools } from './lead-pool-tools';
import { runTrackerSnippet } from './tracker-snippet';
import { checkNoPageErrors, runLeadJourney, type JourneyContext } from './lead-journey';
import { Scenario } from './scenario';
import { freePort, REPO_ROOT, ServerProcess } from './server-process';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, '.e2e-artifacts');
const WEB_INDEX = path.join(REPO_ROOT, 'apps/web/dist/index.html');
/** The whole run, build included, must finish in 3 minutes even on a slow CI box. */
const BUDGET_MS = 175_000;
const ADMIN = { email: 'admin@kindling.local', password: 'kindling-e2e' };

let server: ServerProcess | undefined;
let browser: Browser | undefined;
let dataDir: string | undefined;
let scenario: Scenario | undefined;
const runStarted = performance.now();

/** The one-line verdict; a setup failure or the budget running out counts as one more failed step. */
function printSummary(extraFailure?: string): number {
  const passed = scenario?.passed ?? 0;
  const failed = (scenario?.failed ?? 0) + (extraFailure ? 1 : 0);
  const skipped = scenario?.skipped ? `, ${scenario.skipped} skipped` : '';
  const seconds = ((performance.now() - runStarted) / 1000).toFixed(1);
  const why = extraFailure ? `; ${extraFailure}` : '';
  console.log(`e2e: ${passed} passed, ${failed} failed${skipped} (${seconds} s${why}; screenshots in .e2e-artifacts/)`);
  return failed > 0 ? 1 : 0;
}

/** Idempotent: stops the browser and the server and removes the temporary data dir. */
async function cleanUp(): Promise<void> {
  const closing = browser?.close().catch(() => {});
  browser = undefined;
  await closing;
  if (server) {
    writeFileSync(path.join(ARTIFACTS, 'server.log'), server.outputTail() + '\n');
    await server.stop(10_000);
    server = undefined;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
}

function ensureWebBuild(): void {
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-web-if-stale.mjs')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0 || !existsSync(WEB_INDEX)) {
    throw new Error('the web console is not built (apps/web/dist/index.html); see the build output above');
  }
}

async function main(): Promise<void> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run node scripts/ensure-chromium.mjs`);
  ensureWebBuild();

  dataDir = mkdtempSync(path.join(tmpdir(), 'kindling-e2e-'));
  server = new ServerProcess({
    port: await freePort(),
    dataDir,
    logLevel: 'warn',
    env: { KINDLING_ADMIN_EMAIL: ADMIN.email, KINDLING_ADMIN_PASSWORD: ADMIN.password },
  });
  await server.waitForHealth(90_000);
  console.log(`e2e: server ready at ${server.url} after ${((performance.now() - runStarted) / 1000).toFixed(1)} s`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.setDefaultNavigationTimeout(30_000);

  const journey: JourneyContext = {
    page,
    baseUrl: server.url,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    dialogs: [],
    pageErrors: [],
  };
  page.on('dialog', (dialog) => {
    journey.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => journey.pageErrors.push(error.message));

  scenario = new Scenario(page, ARTIFACTS);
  await runLeadJourney(scenario, journey);
  await runLeadPoolTools(scenario, journey);
  await runTrackerSnippet(scenario, journey);
  await checkNoPageErrors(scenario, journey);
}

/** Budget exceeded or Ctrl-C: report what we have, stop everything, exit 1. */
function abort(reason: string): void {
  console.error(`e2e: ${reason}; aborting`);
  const code = Math.max(1, printSummary(reason));
  void cleanUp().finally(() => process.exit(code));
}
const budget = setTimeout(() => abort(`over the ${BUDGET_MS / 1000} s budget`), BUDGET_MS);
process.once('SIGINT', () => abort('interrupted'));

let exitCode: number;
try {
  await main();
  exitCode = printSummary();
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = printSummary('setup failed');
} finally {
  await cleanUp();
  clearTimeout(budget);
}
process.exit(exitCode);
