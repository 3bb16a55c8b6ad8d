import type { Invitation, Member, Workspace } from '@kindling/contracts/workspaces';
import { ZRole, type Role } from '@kindling/contracts/permissions';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service';
import { verifyPassword } from '../auth/password';
import { users } from '../auth/schema';
import { createUser, openSession, type ClientMeta, type NewSession } from '../auth/service';
import { forgetUserSessions } from '../auth/session-cache';
import { hashToken, newToken } from '../auth/tokens';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import type { ServiceContext } from '../http/context';
import { AppError, conflict, forbidden, invalid, notFound } from '../http/errors';
import { invitations, memberships, workspaces } from './schema';

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

function toWorkspace(row: typeof workspaces.$inferSelect): Workspace {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    logoUrl: row.logoUrl,
    createdAt: row.createdAt.toISOString(),
  };
}

function parseRole(value: string): Role {
  return ZRole.parse(value);
}

/** Creates a workspace with `ownerUserId` as its owner (system-level: the tenant does not exist yet). */
export async function createWorkspace(
  db: Db,
  ownerUserId: string,
  input: { name: string; timeZone: string },
  ip: string | null = null,
): Promise<Workspace> {
  return db.transaction(async (tx) => {
    const [ws] = await tx.insert(workspaces).values({ name: input.name, timeZone: input.timeZone }).returning();
    if (!ws) throw new Error('workspace insert returned nothing');
    await tx.insert(memberships).values({ workspaceId: ws.id, userId: ownerUserId, role: 'owner' });
    await recordAudit(
      tx,
      { workspaceId: ws.id, userId: ownerUserId, ip },
      {
        action: 'workspace.created',
        targetType: 'workspace',
        targetId: ws.id,
        details: { name: ws.name },
      },
    );
    return toWorkspace(ws);
  });
}

export async function getWorkspace(tx: Db, ctx: ServiceContext): Promise<Workspace> {
  const [ws] = await tx.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  if (!ws) throw notFound('Workspace');
  return toWorkspace(ws);
}

/** Workspace profile is a global row; the caller's permission was checked by the route. */
export async function updateWorkspace(
  db: Db,
  ctx: ServiceContext,
  patch: { name?: string | undefined; timeZone?: string | undefined; logoUrl?: string | null | undefined },
): Promise<Workspace> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
    if (!before) throw notFound('Workspace');
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: Partial<typeof workspaces.$inferInsert> = {};
    for (const key of ['name', 'timeZone', 'logoUrl'] as const) {
      const value = patch[key];
      if (value !== undefined && value !== before[key]) {
        changes[key] = { from: before[key], to: value };
        Object.assign(set, { [key]: value });
      }
    }
    if (Object.keys(set).length === 0) return toWorkspace(before);
    const [after] = await tx.update(workspaces).set(set).where(eq(workspaces.id, ctx.workspaceId)).returning();
    await recordAudit(tx, ctx, {
      action: 'workspace.updated',
      targetType: 'workspace',
      targetId: ctx.workspaceId,
      details: { changes },
    });
    if (!after) throw notFound('Workspace');
    return toWorkspace(after);
  });
}

export async function listMembers(tx: Db, ctx: ServiceContext): Promise<Member[]> {
  const rows = await tx
    .select({ m: memberships, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspaceId))
    .orderBy(asc(memberships.createdAt));
  return rows.map(({ m, email, name }) => ({
    id: m.id,
    userId: m.userId,
    email,
    name,
    role: parseRole(m.role),
    createdAt: m.createdAt.toISOString(),
  }));
}

async function countOwners(tx: Db, workspaceId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return row?.n ?? 0;
}

/** Only an owner can make or unmake owners; the last owner cannot be demoted or removed. */
export async function updateMemberRole(
  tx: Db,
  ctx: ServiceContext,
  actorRole: Role,
  memberId: string,
  role: Role,
): Promise<Member> {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.id, memberId)));
  if (!m) throw notFound('Member');
  if ((m.role === 'owner' || role === 'owner') && actorRole !== 'owner')
    throw forbidden('Only an owner can change owners');
  if (m.role === 'owner' && role !== 'owner' && (await countOwners(tx, ctx.workspaceId)) <= 1) {
    throw conflict('A workspace needs at least one owner');
  }
  if (m.role !== role) {
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.id, memberId)));
    forgetUserSessions(m.userId);
    await recordAudit(tx, ctx, {
      action: 'member.role_changed',
      targetType: 'user',
      targetId: m.userId,
      details: { from: m.role, to: role },
    });
  }
  const member = (await listMembers(tx, ctx)).find((x) => x.id === memberId);
  if (!member) throw notFound('Member');
  return member;
}

export async function removeMember(tx: Db, ctx: ServiceContext, actorRole: Role, memberId: string): Promise<void> {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.id, memberId)));
  if (!m) throw notFound('Member');
  if (m.role === 'owner') {
    if (actorRole !== 'owner') throw forbidden('Only an owner can remove an owner');
    if ((await countOwners(tx, ctx.workspaceId)) <= 1) throw conflict('A workspace needs at least one owner');
  }
  await tx.delete(memberships).where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.id, memberId)));
  forgetUserSessions(m.userId);
  await recordAudit(tx, ctx, {
    action: 'member.removed',
    targetType: 'user',
    targetId: m.userId,
    details: { role: m.role },
  });
}

export async function isMember(tx: Db, workspaceId: string, userId: string): Promise<boolean> {
  const [m] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return Boolean(m);
}

function toInvitation(row: typeof invitations.$inferSelect, invitedBy: string | null, inviteUrl?: string): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: parseRole(row.role),
    invitedBy: invitedBy ?? '',
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    ...(inviteUrl ? { inviteUrl } : {}),
  };
}

export async function listInvitations(tx: Db, ctx: ServiceContext): Promise<Invitation[]> {
  const rows = await tx
    .select({ inv: invitations, invitedBy: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.workspaceId, ctx.workspaceId), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt));
  return rows.map(({ inv, invitedBy }) => toInvitation(inv, invitedBy));
}

/**
 * Invites an email to the workspace. The link is shown to the admin once (we keep only its hash); email
 * delivery arrives with the email channel.
 */
export async function createInvitation(
  tx: Db,
  ctx: ServiceContext,
  input: { email: string; role: Role },
  publicUrl: string,
): Promise<Invitation> {
  const [existing] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), sql`lower(${users.email}) = ${input.email}`));
  if (existing)
    throw conflict('This person is already a member', [{ path: 'body.email', message: 'Already a member' }]);
  const token = newToken();
  const [row] = await tx
    .insert(invitations)
    .values({
      workspaceId: ctx.workspaceId,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: ctx.userId,
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    })
    .returning();
  if (!row) throw new Error('invitation insert returned nothing');
  await recordAudit(tx, ctx, {
    action: 'member.invited',
    targetType: 'invitation',
    targetId: row.id,
    details: { email: input.email, role: input.role },
  });
  const [inviter] = ctx.userId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.userId)) : [];
  return toInvitation(row, inviter?.name ?? null, `${publicUrl}/invite/${token}`);
}

export async function revokeInvitation(tx: Db, ctx: ServiceContext, id: string): Promise<void> {
  const result = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.workspaceId, ctx.workspaceId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  if (result.length === 0) throw notFound('Invitation');
}

/** System-level lookup by token (the visitor is not signed in yet). */
async function findOpenInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ inv: invitations, workspaceName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (!row) throw notFound('Invitation');
  return row;
}

export async function previewInvitation(db: Db, token: string) {
  const { inv, workspaceName } = await findOpenInvitation(db, token);
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${inv.email}`);
  return {
    workspaceName,
    email: inv.email,
    role: parseRole(inv.role),
    userExists: Boolean(user),
    expiresAt: inv.expiresAt.toISOString(),
  };
}

/**
 * Accepts an invitation. A new person sets name and password; an existing account proves it is theirs with
 * its password (a leaked link alone must not sign anyone in). Returns a session in the new workspace.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; name?: string | undefined; password?: string | undefined },
  meta: ClientMeta,
): Promise<NewSession> {
  const { inv } = await findOpenInvitation(db, input.token);
  const [existing] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${inv.email}`);
  let userId: string;
  if (existing) {
    if (!input.password || !(await verifyPassword(input.password, existing.passwordHash))) {
      throw new AppError(401, 'invalid_credentials', 'Wrong password for this account');
    }
    userId = existing.id;
  } else {
    const problems = [
      ...(input.name ? [] : [{ path: 'body.name', message: 'Name is required' }]),
      ...(input.password ? [] : [{ path: 'body.password', message: 'Password is required' }]),
    ];
    if (problems.length > 0 || !input.name || !input.password) throw invalid(problems);
    userId = (await createUser(db, { email: inv.email, name: input.name, password: input.password })).id;
  }
  const ctx = { workspaceId: inv.workspaceId, userId, ip: meta.ip };
  await withTenant(db, inv.workspaceId, async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(eq(invitations.workspaceId, inv.workspaceId), eq(invitations.id, inv.id), isNull(invitations.acceptedAt)),
      )
      .returning({ id: invitations.id });
    if (claimed.length === 0) throw notFound('Invitation');
    if (!(await isMember(tx, inv.workspaceId, userId))) {
      await tx.insert(memberships).values({ workspaceId: inv.workspaceId, userId, role: inv.role });
    }
    await recordAudit(tx, ctx, {
      action: 'member.joined',
      targetType: 'user',
      targetId: userId,
      details: { role: inv.role },
    });
  });
  return openSession(db, userId, inv.workspaceId, meta);
}
