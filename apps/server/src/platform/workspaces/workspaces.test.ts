import type { SessionInfo } from '@kindling/contracts/auth';
import type { Role } from '@kindling/contracts/permissions';
import type { Invitation, Member, Workspace } from '@kindling/contracts/workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createOwner,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';

let ctx: TestContext;
let owner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Roles Inc');
});
afterAll(() => ctx.close());

const as = (user: TestUser | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: user ? { cookie: user.cookie } : {}, ...(payload ? { payload } : {}) });

describe('role permissions', () => {
  const users = {} as Record<Role, TestUser>;
  let leadId: string;
  beforeAll(async () => {
    users.owner = owner;
    for (const role of ['admin', 'marketer', 'sales', 'manager', 'viewer'] as const)
      users[role] = await addMember(ctx, owner.workspaceId, role);
    leadId = (await as(owner, 'POST', '/api/v1/leads', { name: 'Shared lead' })).json<{ id: string }>().id;
  });

  it('everyone reads leads; a viewer and a manager cannot write them', async () => {
    for (const role of ['owner', 'admin', 'marketer', 'sales', 'manager', 'viewer'] as const) {
      expect((await as(users[role], 'GET', '/api/v1/leads')).statusCode, role).toBe(200);
    }
    for (const role of ['viewer', 'manager'] as const) {
      const create = await as(users[role], 'POST', '/api/v1/leads', { name: `by ${role}` });
      expect(create.statusCode, role).toBe(403);
      expect(create.json().error.code).toBe('forbidden');
      expect((await as(users[role], 'PATCH', `/api/v1/leads/${leadId}`, { name: 'changed' })).statusCode).toBe(403);
      expect((await as(users[role], 'DELETE', `/api/v1/leads/${leadId}`)).statusCode).toBe(403);
    }
    const list = (await as(owner, 'GET', '/api/v1/leads?q=by%20')).json<{ total: number }>();
    expect(list.total).toBe(0);
    expect((await as(owner, 'GET', `/api/v1/leads/${leadId}`)).json().name).toBe('Shared lead');
  });

  it('sales work leads but cannot delete or bulk-export them; managers can export', async () => {
    expect((await as(users.sales, 'PATCH', `/api/v1/leads/${leadId}`, { jobTitle: 'CEO' })).statusCode).toBe(200);
    expect((await as(users.sales, 'DELETE', `/api/v1/leads/${leadId}`)).statusCode).toBe(403);
    expect((await as(users.sales, 'POST', '/api/v1/leads/export', {})).statusCode).toBe(403);
    expect((await as(users.manager, 'POST', '/api/v1/leads/export', {})).statusCode).toBe(202);
  });

  it('only admins and owners manage members, settings and see the audit log', async () => {
    for (const role of ['marketer', 'sales', 'viewer'] as const) {
      expect((await as(users[role], 'PATCH', '/api/v1/workspace', { name: 'Hacked' })).statusCode, role).toBe(403);
      expect(
        (await as(users[role], 'POST', '/api/v1/invitations', { email: 'x@example.com', role: 'admin' })).statusCode,
      ).toBe(403);
      expect((await as(users[role], 'GET', '/api/v1/audit')).statusCode).toBe(403);
    }
    expect((await as(users.manager, 'GET', '/api/v1/audit')).statusCode).toBe(200);
    expect((await as(users.admin, 'PATCH', '/api/v1/workspace', { name: 'Roles Inc.' })).statusCode).toBe(200);
  });

  it('role changes are audited; only an owner makes owners; the last owner stays', async () => {
    const members = (await as(owner, 'GET', '/api/v1/members')).json<{ items: Member[] }>().items;
    const viewer = members.find((m) => m.userId === users.viewer.userId);
    const ownerMember = members.find((m) => m.userId === owner.userId);
    if (!viewer || !ownerMember) throw new Error('members missing');

    const promote = await as(users.admin, 'PATCH', `/api/v1/members/${viewer.id}`, { role: 'owner' });
    expect(promote.statusCode).toBe(403);
    const toMarketer = await as(users.admin, 'PATCH', `/api/v1/members/${viewer.id}`, { role: 'marketer' });
    expect(toMarketer.json<Member>().role).toBe('marketer');
    expect((await as(users.viewer, 'POST', '/api/v1/leads', { name: 'now allowed' })).statusCode).toBe(201);

    const demoteLastOwner = await as(owner, 'PATCH', `/api/v1/members/${ownerMember.id}`, { role: 'admin' });
    expect(demoteLastOwner.statusCode).toBe(409);
    expect((await as(owner, 'DELETE', `/api/v1/members/${ownerMember.id}`)).statusCode).toBe(409);
    expect((await as(owner, 'PATCH', `/api/v1/members/${viewer.id}`, { role: 'superuser' })).statusCode).toBe(400);

    const audit = (await as(owner, 'GET', '/api/v1/audit?action=member.role_changed')).json<{
      items: { details: unknown; actor: { id: string } }[];
    }>();
    expect(audit.items[0]).toMatchObject({
      details: { from: 'viewer', to: 'marketer' },
      actor: { id: users.admin.userId },
    });
  });

  it('a removed member loses access to the workspace at once', async () => {
    const temp = await addMember(ctx, owner.workspaceId, 'marketer');
    const member = (await as(owner, 'GET', '/api/v1/members'))
      .json<{ items: Member[] }>()
      .items.find((m) => m.userId === temp.userId);
    expect((await as(owner, 'DELETE', `/api/v1/members/${member?.id}`)).statusCode).toBe(204);
    const after = await as(temp, 'GET', '/api/v1/leads');
    expect(after.statusCode).toBe(403);
  });
});

describe('workspaces', () => {
  it('creates a workspace, lists it in the switcher and switches into it', async () => {
    const created = await as(owner, 'POST', '/api/v1/workspaces', { name: '第二工作区', timeZone: 'Asia/Hong_Kong' });
    expect(created.statusCode).toBe(201);
    const ws = created.json<Workspace>();
    const switched = (
      await as(owner, 'POST', '/api/v1/auth/switch-workspace', { workspaceId: ws.id })
    ).json<SessionInfo>();
    expect(switched.workspace).toMatchObject({ id: ws.id, name: '第二工作区', timeZone: 'Asia/Hong_Kong' });
    expect(switched.workspaces.map((w) => w.name)).toEqual(expect.arrayContaining(['第二工作区', 'Roles Inc.']));
    expect((await as(owner, 'GET', '/api/v1/leads')).json().total).toBe(0);
    await as(owner, 'POST', '/api/v1/auth/switch-workspace', { workspaceId: owner.workspaceId });
  });

  it('validates settings and audits changes', async () => {
    const bad = await as(owner, 'PATCH', '/api/v1/workspace', {
      timeZone: 'Mars/Olympus',
      logoUrl: 'javascript:alert(1)',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.logoUrl', 'body.timeZone']);
    const ok = await as(owner, 'PATCH', '/api/v1/workspace', { timeZone: 'Europe/Berlin' });
    expect(ok.json<Workspace>().timeZone).toBe('Europe/Berlin');
    const audit = (await as(owner, 'GET', '/api/v1/audit?action=workspace.updated')).json<{
      items: { details: { changes: object } }[];
    }>();
    expect(audit.items[0]?.details.changes).toEqual({ timeZone: { from: 'Asia/Shanghai', to: 'Europe/Berlin' } });
  });
});

describe('invitations', () => {
  it('invites a new person who sets a password and joins with the invited role', async () => {
    const created = await as(owner, 'POST', '/api/v1/invitations', { email: 'New.Hire@Example.com', role: 'sales' });
    expect(created.statusCode).toBe(201);
    const invitation = created.json<Invitation>();
    expect(invitation.inviteUrl).toMatch(/^http:\/\/kindling\.test\/invite\/[\w-]{40,}$/);
    const token = invitation.inviteUrl?.split('/').pop() ?? '';

    const preview = await as(null, 'GET', `/api/v1/invitations/${token}`);
    expect(preview.json()).toMatchObject({
      email: 'new.hire@example.com',
      role: 'sales',
      userExists: false,
      workspaceName: 'Roles Inc.',
    });

    const missing = await as(null, 'POST', '/api/v1/invitations/accept', { token });
    expect(missing.statusCode).toBe(400);
    const accepted = await as(null, 'POST', '/api/v1/invitations/accept', {
      token,
      name: 'New Hire',
      password: 'welcome aboard',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<SessionInfo>()).toMatchObject({ role: 'sales', workspace: { id: owner.workspaceId } });
    expect(accepted.cookies.some((c) => c.name === 'kindling_session')).toBe(true);

    // A used link is dead.
    expect((await as(null, 'GET', `/api/v1/invitations/${token}`)).statusCode).toBe(404);
    expect(
      (await as(null, 'POST', '/api/v1/invitations/accept', { token, name: 'Again', password: 'welcome aboard' }))
        .statusCode,
    ).toBe(404);
    const list = (await as(owner, 'GET', '/api/v1/invitations')).json<{ items: Invitation[] }>();
    expect(list.items.find((i) => i.id === invitation.id)?.acceptedAt).not.toBeNull();
    expect(list.items.every((i) => i.inviteUrl === undefined)).toBe(true);
  });

  it('an existing account must prove its password; a revoked link is dead', async () => {
    const elsewhere = await createOwner(ctx, 'Elsewhere');
    const invitation = (
      await as(owner, 'POST', '/api/v1/invitations', { email: elsewhere.email, role: 'viewer' })
    ).json<Invitation>();
    const token = invitation.inviteUrl?.split('/').pop() ?? '';
    expect((await as(null, 'GET', `/api/v1/invitations/${token}`)).json().userExists).toBe(true);
    expect((await as(null, 'POST', '/api/v1/invitations/accept', { token })).statusCode).toBe(401);
    const joined = await as(null, 'POST', '/api/v1/invitations/accept', { token, password: TEST_PASSWORD });
    expect(joined.json<SessionInfo>().workspaces).toHaveLength(2);

    const other = (
      await as(owner, 'POST', '/api/v1/invitations', { email: 'late@example.com', role: 'viewer' })
    ).json<Invitation>();
    expect((await as(owner, 'DELETE', `/api/v1/invitations/${other.id}`)).statusCode).toBe(204);
    expect((await as(null, 'GET', `/api/v1/invitations/${other.inviteUrl?.split('/').pop()}`)).statusCode).toBe(404);
  });

  it('refuses to invite an existing member or to invite as owner', async () => {
    expect((await as(owner, 'POST', '/api/v1/invitations', { email: owner.email, role: 'admin' })).statusCode).toBe(
      409,
    );
    expect(
      (await as(owner, 'POST', '/api/v1/invitations', { email: 'boss@example.com', role: 'owner' })).statusCode,
    ).toBe(400);
  });
});
