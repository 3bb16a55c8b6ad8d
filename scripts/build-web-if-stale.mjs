// `npm start` serves the built console from apps/web/dist. Rebuild it only when a source is newer than the
// build, so a fresh clone just works and a restart stays fast.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = path.join(ROOT, 'apps/web/dist/index.html');
const SOURCES = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/public',
  'packages/contracts/src',
];

/** Newest modification time (ms) of a file, or of any file below a directory; 0 when absent. */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

function staleReason() {
  if (!existsSync(BUILT)) return 'no build yet';
  const builtAt = statSync(BUILT).mtimeMs;
  const changed = SOURCES.find((source) => newestMtime(path.join(ROOT, source)) > builtAt);
  return changed ? `${changed} changed since the last build` : null;
}

const reason = staleReason();
if (reason) {
  console.log(`Building the web console (${reason})…`);
  // npm is npm.cmd on Windows, which spawn can only run through a shell.
  const result = spawnSync('npm', ['run', 'build', '--workspace', 'apps/web'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error('The web console build failed; fix the errors above (or run `npm run build` to see them again).');
    process.exit(result.status ?? 1);
  }
}
