import type { Lead, LeadPage } from '@kindling/contracts/leads';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads } from '../../modules/leads/schema';
import { createOwner, createTestContext, type TestContext, type TestUser } from '../../testing/test-app';
import { withTenant } from './tenant';

let ctx: TestContext;
let alice: TestUser; // workspace A
let bob: TestUser; // workspace B
let bobsLead: Lead;

beforeAll(async () => {
  ctx = await createTestContext();
  alice = await createOwner(ctx, 'Alpha');
  bob = await createOwner(ctx, 'Bravo');
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/leads',
    headers: { cookie: bob.cookie },
    payload: { name: 'Bravo Secret', email: 'secret@bravo.example', companyName: 'Bravo Corp' },
  });
  bobsLead = res.json<Lead>();
  await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/leads',
    headers: { cookie: alice.cookie },
    payload: { name: 'Alpha Lead' },
  });
});
afterAll(() => ctx.close());

describe('row-level security (the second lock)', () => {
  it('a query that forgets its workspace filter still sees only its own tenant', async () => {
    const rows = await withTenant(ctx.database.db, alice.workspaceId, (tx) =>
      tx.select({ name: leads.name, ws: leads.workspaceId }).from(leads),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.ws === alice.workspaceId)).toBe(true);
    expect(rows.map((r) => r.name)).not.toContain('Bravo Secret');
    const [found] = await withTenant(ctx.database.db, alice.workspaceId, (tx) =>
      tx.select({ n: count() }).from(leads).where(eq(leads.name, 'Bravo Secret')),
    );
    expect(found?.n).toBe(0);
  });

  it('cannot write rows into another tenant, nor update or delete theirs', async () => {
    await expect(
      withTenant(ctx.database.db, alice.workspaceId, (tx) =>
        tx.insert(leads).values({ workspaceId: bob.workspaceId, name: 'Planted' }),
      ),
    ).rejects.toThrow();
    const updated = await withTenant(ctx.database.db, alice.workspaceId, (tx) =>
      tx
        .update(leads)
        .set({ name: 'Hijacked' })
        .where(sql`${leads.id} = ${bobsLead.id}`)
        .returning(),
    );
    expect(updated).toHaveLength(0);
    const deleted = await withTenant(ctx.database.db, alice.workspaceId, (tx) =>
      tx
        .delete(leads)
        .where(sql`true`)
        .returning({ ws: leads.workspaceId }),
    );
    expect(deleted.every((r) => r.ws === alice.workspaceId)).toBe(true);
    const bobView = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/leads/${bobsLead.id}`,
      headers: { cookie: bob.cookie },
    });
    expect(bobView.json<Lead>().name).toBe('Bravo Secret');
  });

  it('without a tenant context the app role sees nothing at all', async () => {
    const rows = await ctx.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'kindling_app', true)`);
      return tx.select().from(leads);
    });
    expect(rows).toHaveLength(0);
  });

  it('every table with a workspace_id has forced RLS and the tenant policy', async () => {
    const tables = await ctx.database.executeSql(
      `select c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
              exists (select 1 from pg_policies p where p.tablename = c.relname and p.policyname = 'tenant_isolation') as policy
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped
       where n.nspname = 'public' and c.relkind = 'r' order by 1`,
      [],
    );
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['activities', 'audit_log', 'invitations', 'leads', 'memberships', 'tasks']),
    );
    for (const row of tables.rows)
      expect(row, String(row.name)).toMatchObject({ enabled: true, forced: true, policy: true });
  });

  it('the app role cannot read password hashes', async () => {
    await expect(
      withTenant(ctx.database.db, alice.workspaceId, (tx) => tx.execute(sql`select password_hash from users`)),
    ).rejects.toThrow();
  });
});

describe('tenant isolation over HTTP', () => {
  const as = (user: TestUser, method: 'GET' | 'PATCH' | 'DELETE' | 'POST', url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: { cookie: user.cookie }, ...(payload ? { payload } : {}) });

  it("answers 404 (not 403) for another workspace's lead, whatever the verb", async () => {
    for (const [method, url, payload] of [
      ['GET', `/api/v1/leads/${bobsLead.id}`],
      ['PATCH', `/api/v1/leads/${bobsLead.id}`, { name: 'Hijacked' }],
      ['DELETE', `/api/v1/leads/${bobsLead.id}`],
      ['POST', `/api/v1/leads/${bobsLead.id}/restore`],
      ['GET', `/api/v1/leads/${bobsLead.id}/activities`],
      ['POST', `/api/v1/leads/${bobsLead.id}/notes`, { body: 'hello' }],
    ] as const) {
      const res = await as(alice, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const intact = (await as(bob, 'GET', `/api/v1/leads/${bobsLead.id}`)).json<Lead>();
    expect(intact).toMatchObject({ name: 'Bravo Secret', deletedAt: null });
  });

  it("never shows another workspace's rows in lists or search", async () => {
    for (const q of ['', 'Bravo', 'secret@bravo.example', 'Bravo Corp']) {
      const page = (await as(alice, 'GET', `/api/v1/leads?pageSize=200&q=${encodeURIComponent(q)}`)).json<LeadPage>();
      expect(page.items.map((l) => l.name)).not.toContain('Bravo Secret');
    }
    const members = (await as(alice, 'GET', '/api/v1/members')).json<{ items: { email: string }[] }>();
    expect(members.items.map((m) => m.email)).toEqual([alice.email]);
  });

  it('cannot assign a lead to someone outside the workspace, nor switch into a foreign workspace', async () => {
    const res = await as(alice, 'POST', '/api/v1/leads', { name: 'X', ownerId: bob.userId });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.ownerId');
    const sw = await as(alice, 'POST', '/api/v1/auth/switch-workspace', { workspaceId: bob.workspaceId });
    expect(sw.statusCode).toBe(404);
  });
});
