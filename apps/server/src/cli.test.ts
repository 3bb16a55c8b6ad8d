import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts `kindling serve`, waits until it says it is running, calls the API, then Ctrl-C's it. */
async function startAndStop(env: NodeJS.ProcessEnv): Promise<{ output: string; code: number | null; health: unknown }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  // 'close' (not 'exit') waits until stdout is drained, so the last lines are captured.
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Kindling is running')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const health = await (await fetch(`http://127.0.0.1:${env.PORT}/api/health`)).json();
  child.kill('SIGINT');
  const code = await exited; // before reading `output`: the last lines arrive while it shuts down
  return { output, code, health };
}

describe('kindling serve', () => {
  it('seeds on first start, keeps data on the second, and shuts down cleanly on Ctrl-C', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kindling-cli-'));
    dirs.push(dataDir);
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()), KINDLING_ADMIN_PASSWORD: 'first-start-pw' };

    const first = await startAndStop(env);
    expect(first.health).toMatchObject({ status: 'ok', database: 'pglite' });
    expect(first.output).toContain('A demo workspace was created.');
    expect(first.output).toContain('Sign in as admin@kindling.local / first-start-pw');
    expect(first.output).toContain('Stopped cleanly.');
    expect(first.code).toBe(0);

    const second = await startAndStop({ ...env, PORT: String(await freePort()) });
    expect(second.output).toContain('Using existing data.');
    expect(second.output).not.toContain('first-start-pw');
    expect(second.code).toBe(0);
  }, 120_000);
});
