// `npm run dev`: the API server (restarted by node --watch on change) and Vite (hot reload on 5173, proxying
// /api to the server on 3000) side by side in one terminal. Ctrl-C, or either one exiting, stops both.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';

const processes = [
  {
    label: '[server]',
    color: 36, // cyan
    command: process.execPath,
    args: ['--import', 'tsx', '--watch', 'apps/server/src/cli.ts', 'serve'],
    env: { PORT: '3000', NODE_ENV: 'development' },
  },
  {
    label: '[web]   ',
    color: 35, // magenta
    command: 'npm',
    args: ['run', 'dev', '--workspace', 'apps/web'],
    env: {},
  },
];

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const children = [];
let stopping = false;

function prefixLines(stream, prefix, output) {
  readline
    .createInterface({ input: stream, crlfDelay: Infinity })
    .on('line', (line) => output.write(`${prefix} ${line}\n`));
}

function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    // Each child leads its own process group, so this also reaches what it started (npm → vite, node --watch → server).
    try {
      if (isWindows) child.kill();
      else process.kill(-child.pid, 'SIGINT');
    } catch {
      // already gone
    }
  }
  // A child that ignores SIGINT gets SIGKILL after a grace period; unref'd so a clean stop exits at once.
  setTimeout(() => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null && !isWindows) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }, 8000).unref();
}

for (const spec of processes) {
  const prefix = useColor ? `\x1b[${spec.color}m${spec.label}\x1b[0m` : spec.label;
  const child = spawn(spec.command, spec.args, {
    cwd: ROOT,
    env: { ...process.env, ...spec.env, FORCE_COLOR: useColor ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: !isWindows, // own process group, so Ctrl-C handling stays ours and we can stop the whole tree
    shell: isWindows,
  });
  children.push(child);
  prefixLines(child.stdout, prefix, process.stdout);
  prefixLines(child.stderr, prefix, process.stderr);
  child.on('error', (error) => {
    console.error(`${prefix} could not start: ${error.message}`);
    stopAll(1);
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix} exited (${signal ?? `code ${code}`}); stopping the other one.`);
      stopAll(code === 0 ? 0 : 1);
    }
  });
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
