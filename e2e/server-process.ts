// The real Kindling server as a child process, for the e2e run and the API benchmark: started exactly the way a
// user starts it (the CLI), on a free port, stopped with SIGINT like Ctrl-C. Shared by e2e/ and bench/.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO_ROOT, 'apps/server/src/cli.ts');
/** Printed by the CLI once it listens (after migrations and the first-start seed). */
export const READY_LINE = 'Kindling is running at';
const OUTPUT_TAIL_LINES = 60;

/** A TCP port nobody listens on right now (the OS picks; tiny race accepted, we bind to it at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ServerOptions {
  port: number;
  dataDir: string;
  databaseUrl?: string | undefined;
  logLevel?: string;
  /** Extra environment (admin credentials…). */
  env?: Record<string, string>;
}

export class ServerProcess {
  readonly url: string;
  private readonly child: ChildProcess;
  private readonly output: string[] = [];
  private exited: Promise<number | null>;
  private readyAt: number | null = null;
  private readonly startedAt = performance.now();

  constructor(options: ServerOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      LOG_LEVEL: options.logLevel ?? 'warn',
      ...options.env,
    };
    // Never inherit a DATABASE_URL by accident: the caller chooses the engine.
    delete env.DATABASE_URL;
    if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
    this.child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (line: string) => {
      if (this.readyAt === null && line.includes(READY_LINE)) this.readyAt = performance.now();
      this.output.push(line);
      if (this.output.length > OUTPUT_TAIL_LINES * 2) this.output.splice(0, this.output.length - OUTPUT_TAIL_LINES);
    };
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', collect);
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    // If we die (an exception, Ctrl-C of the harness), do not leave a server holding the port and data dir.
    process.once('exit', () => this.child.kill('SIGKILL'));
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('server process has no pid (spawn failed)');
    return this.child.pid;
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the server printed (for failure reports). */
  outputTail(): string {
    return this.output.slice(-OUTPUT_TAIL_LINES).join('\n');
  }

  /** Milliseconds from spawn until the CLI printed its ready line. */
  async waitForReadyLine(timeoutMs: number): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (this.readyAt === null) {
      if (!this.isRunning) throw new Error(`server exited before it was ready:\n${this.outputTail()}`);
      if (performance.now() > deadline)
        throw new Error(`server not ready after ${timeoutMs} ms:\n${this.outputTail()}`);
      await sleep(25);
    }
    return this.readyAt - this.startedAt;
  }

  /** Polls GET /api/health until it answers 200. */
  async waitForHealth(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (!this.isRunning) throw new Error(`server exited before it was healthy:\n${this.outputTail()}`);
      try {
        const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (performance.now() > deadline)
        throw new Error(`/api/health not OK after ${timeoutMs} ms:\n${this.outputTail()}`);
      await sleep(200);
    }
  }

  /** Resident memory of the server process in MB (Linux /proc), or null when unavailable. */
  rssMb(): number | null {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
      return kb ? Number(kb) / 1024 : null;
    } catch {
      return null;
    }
  }

  /** Ctrl-C, as a user would; SIGKILL if it has not exited within `graceMs`. Resolves with the exit code. */
  async stop(graceMs = 15_000): Promise<number | null> {
    if (!this.isRunning) return this.child.exitCode;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Logs in with email + password and returns the session cookie ("kindling_session=…") for API calls. */
export async function loginCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login as ${email} failed: HTTP ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kindling_session='));
  if (!cookie) throw new Error('login succeeded but set no kindling_session cookie');
  return cookie.split(';')[0] ?? cookie;
}
