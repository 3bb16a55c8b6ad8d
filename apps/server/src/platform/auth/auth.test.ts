import type { SessionInfo } from '@kindling/contracts/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOwner,
  createTestContext,
  loginCookie,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';

let ctx: TestContext;
let owner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx);
});
afterAll(() => ctx.close());

const login = (email: string, password: string, ip = '10.0.0.1') =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
const me = (cookie?: string) =>
  ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookie ? { cookie } : {} });

describe('login', () => {
  it('sets an HTTP-only SameSite session cookie and returns who and where the user is', async () => {
    const res = await login(owner.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kindling_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const info = res.json<SessionInfo>();
    expect(info.user.email).toBe(owner.email);
    expect(info.role).toBe('owner');
    expect(info.permissions).toContain('leads:write');
    expect(info.workspace.id).toBe(owner.workspaceId);
  });

  it('answers a wrong password and an unknown email the same way, without a cookie', async () => {
    const wrong = await login(owner.email, 'wrong password', '10.0.0.2');
    const unknown = await login('nobody@example.com', 'whatever', '10.0.0.2');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'invalid_credentials', message: 'Wrong email or password' });
      expect(res.cookies).toHaveLength(0);
    }
  });

  it('rejects malformed login bodies with 400', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'x', password: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.email', 'body.password']);
  });

  it('rate-limits repeated attempts: after 10 failures even the right password gets 429', async () => {
    const target = await createOwner(ctx, 'Target');
    for (let i = 0; i < 10; i++) expect((await login(target.email, `guess ${i}`, '10.9.9.9')).statusCode).toBe(401);
    const blocked = await login(target.email, TEST_PASSWORD, '10.9.9.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    // Another address is not blocked, and the failures were audited in the target's workspace.
    expect((await login(target.email, TEST_PASSWORD, '10.9.9.10')).statusCode).toBe(200);
    const audit = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=auth.login_failed',
      headers: { cookie: target.cookie },
    });
    expect(audit.json().total).toBe(10);
  });
});

describe('sessions', () => {
  it('requires a session for private routes (401 with the error shape)', async () => {
    const res = await me();
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    expect((await me('kindling_session=forged-token')).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/leads' })).statusCode).toBe(401);
  });

  it('logout ends only that session', async () => {
    const a = await loginCookie(ctx.app, owner.email);
    const b = await loginCookie(ctx.app, owner.email);
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: a } })).statusCode,
    ).toBe(204);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(200);
  });

  it('changing the password ends every other session and the old password stops working', async () => {
    const user = await createOwner(ctx, 'Pw');
    const other = await loginCookie(ctx.app, user.email);
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: user.cookie },
      payload: { currentPassword: 'nope', newPassword: 'a brand new secret' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('body.currentPassword');
    expect((await me(other)).statusCode).toBe(200);

    const short = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: user.cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);

    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: user.cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new secret' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await me(user.cookie)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await login(user.email, TEST_PASSWORD, '10.1.1.1')).statusCode).toBe(401);
    expect((await login(user.email, 'a brand new secret', '10.1.1.1')).statusCode).toBe(200);
  });

  it('remembers the language and name a user chooses', async () => {
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/profile',
      headers: { cookie: owner.cookie },
      payload: { locale: 'zh-CN', name: '新名字' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<SessionInfo>().user).toMatchObject({ locale: 'zh-CN', name: '新名字' });
    const bad = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/profile',
      headers: { cookie: owner.cookie },
      payload: { locale: 'fr' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
