import type { Lead } from '@kindling/contracts/leads';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Role } from '@kindling/contracts/permissions';
import { expect } from 'vitest';
import { buildApp } from '../app';
import { loadConfig, type AppConfig } from '../config';
import { createUser } from '../platform/auth/service';
import type { Database } from '../platform/db/client';
import type { App } from '../platform/http/types';
import { JobQueue } from '../platform/jobs/queue';
import { ALL_JOBS } from '../platform/jobs/registry';
import { memberships } from '../platform/workspaces/schema';
import { createWorkspace } from '../platform/workspaces/service';
import { openTestDatabase } from './test-database';

export const TEST_PASSWORD = 'correct horse battery';

export interface TestContext {
  app: App;
  database: Database;
  config: AppConfig;
  jobs: JobQueue;
  close(): Promise<void>;
}

/** The real app on a fresh test database; `workers: true` also runs job handlers in-process. */
export async function createTestContext(options: { workers?: boolean } = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kindling-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://kindling.test' });
  const jobs = new JobQueue({ database, dataDir }, ALL_JOBS, { runWorkers: options.workers ?? false, schedule: false });
  await jobs.start();
  const app = await buildApp({ database, config, jobs, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    jobs,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

export interface TestUser {
  userId: string;
  email: string;
  workspaceId: string;
  /** Cookie header of a signed-in session. */
  cookie: string;
}

/** Signs in through the real login route and returns the session cookie header. */
export async function loginCookie(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'kindling_session');
  if (!cookie) throw new Error('login set no session cookie');
  return `kindling_session=${cookie.value}`;
}

/** A new user owning a new workspace, signed in. */
export async function createOwner(ctx: TestContext, workspaceName = 'Acme'): Promise<TestUser> {
  counter += 1;
  const email = `owner${counter}-${Date.now()}@example.com`;
  const user = await createUser(ctx.database.db, { email, name: `Owner ${counter}`, password: TEST_PASSWORD });
  const workspace = await createWorkspace(ctx.database.db, user.id, { name: workspaceName, timeZone: 'Asia/Shanghai' });
  return { userId: user.id, email, workspaceId: workspace.id, cookie: await loginCookie(ctx.app, email) };
}

/** A new user with `role` in an existing workspace, signed in (their only workspace). */
export async function addMember(ctx: TestContext, workspaceId: string, role: Role): Promise<TestUser> {
  counter += 1;
  const email = `${role}${counter}-${Date.now()}@example.com`;
  const user = await createUser(ctx.database.db, { email, name: `${role} ${counter}`, password: TEST_PASSWORD });
  await ctx.database.db.insert(memberships).values({ workspaceId, userId: user.id, role });
  return { userId: user.id, email, workspaceId, cookie: await loginCookie(ctx.app, email) };
}

/** One API call as a signed-in user. */
export function callAs(
  ctx: TestContext,
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  return ctx.app.inject({
    method,
    url,
    headers: { cookie: user.cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Creates a lead through the API and fails the test if the server refuses. */
export async function createLeadAs(ctx: TestContext, user: TestUser, body: Record<string, unknown>): Promise<Lead> {
  const res = await callAs(ctx, user, 'POST', '/api/v1/leads', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}
