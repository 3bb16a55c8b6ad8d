import type { Locale, SessionInfo } from '@kindling/contracts/auth';
import { ROLE_PERMISSIONS, ZRole, type Role } from '@kindling/contracts/permissions';
import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { AppError, forbidden } from '../http/errors';
import type { AuthContext } from '../http/context';
import { memberships, workspaces } from '../workspaces/schema';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password';
import { sessions, users } from './schema';
import { cachedSession, forgetSession, forgetUserSessions, rememberSession } from './session-cache';
import { hashToken, newToken } from './tokens';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** last_seen_at is refreshed at most this often, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface NewSession {
  token: string;
  sessionId: string;
  userId: string;
  workspaceId: string;
}

async function firstWorkspaceOf(db: Db, userId: string): Promise<string | null> {
  const [m] = await db
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return m?.workspaceId ?? null;
}

/** Opens a session for a user in a workspace (system-level: sessions are not tenant rows). */
export async function openSession(db: Db, userId: string, workspaceId: string, meta: ClientMeta): Promise<NewSession> {
  const token = newToken();
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId,
      workspaceId,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned nothing');
  return { token, sessionId: row.id, userId, workspaceId };
}

/**
 * Email + password login. A wrong email and a wrong password look and take the same; failures of a known
 * account are written to the audit log of each of its workspaces.
 */
export async function login(db: Db, email: string, password: string, meta: ClientMeta): Promise<NewSession> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) {
    if (user) {
      const member = await db
        .select({ workspaceId: memberships.workspaceId })
        .from(memberships)
        .where(eq(memberships.userId, user.id));
      for (const { workspaceId } of member) {
        await withTenant(db, workspaceId, (tx) =>
          recordAudit(
            tx,
            { workspaceId, userId: user.id, ip: meta.ip },
            { action: 'auth.login_failed', targetType: 'user', targetId: user.id },
          ),
        );
      }
    }
    throw new AppError(401, 'invalid_credentials', 'Wrong email or password');
  }
  const workspaceId = await firstWorkspaceOf(db, user.id);
  if (!workspaceId) throw forbidden('This account does not belong to any workspace');
  const session = await openSession(db, user.id, workspaceId, meta);
  await withTenant(db, workspaceId, (tx) =>
    recordAudit(
      tx,
      { workspaceId, userId: user.id, ip: meta.ip },
      { action: 'auth.login', targetType: 'user', targetId: user.id },
    ),
  );
  return session;
}

/** Cookie token → who is calling, in which workspace, with which role. Null when the session is gone. */
export async function resolveSession(db: Db, token: string): Promise<AuthContext | null> {
  const tokenHash = hashToken(token);
  const cached = cachedSession(tokenHash);
  if (cached) return cached;
  const [row] = await db
    .select({
      sessionId: sessions.id,
      userId: sessions.userId,
      workspaceId: sessions.workspaceId,
      lastSeenAt: sessions.lastSeenAt,
      userName: users.name,
      userEmail: users.email,
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(
      memberships,
      and(eq(memberships.workspaceId, sessions.workspaceId), eq(memberships.userId, sessions.userId)),
    )
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())));
  if (!row) return null;
  let { workspaceId, role } = row;
  if (!role) {
    // Removed from the session's workspace: fall back to another one, or refuse.
    const fallback = await firstWorkspaceOf(db, row.userId);
    if (!fallback) throw forbidden('You no longer belong to any workspace');
    await db.update(sessions).set({ workspaceId: fallback }).where(eq(sessions.id, row.sessionId));
    const [m] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, fallback), eq(memberships.userId, row.userId)));
    workspaceId = fallback;
    role = m?.role ?? null;
  }
  const parsedRole = ZRole.safeParse(role);
  if (!parsedRole.success) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.sessionId));
  }
  const auth: AuthContext = {
    sessionId: row.sessionId,
    userId: row.userId,
    userName: row.userName,
    userEmail: row.userEmail,
    workspaceId,
    role: parsedRole.data,
    permissions: new Set(ROLE_PERMISSIONS[parsedRole.data]),
  };
  rememberSession(tokenHash, auth);
  return auth;
}

export async function logout(db: Db, auth: AuthContext, ip: string | null): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, auth.sessionId));
  forgetSession(auth.sessionId);
  await withTenant(db, auth.workspaceId, (tx) =>
    recordAudit(
      tx,
      { workspaceId: auth.workspaceId, userId: auth.userId, ip },
      { action: 'auth.logout', targetType: 'user', targetId: auth.userId },
    ),
  );
}

/**
 * The language a user chose (zh-CN or en), or null. Users are global rows the tenant role cannot read in full,
 * so this runs on the owner connection, outside any tenant transaction.
 */
export async function savedLocale(db: Db, userId: string): Promise<Locale | null> {
  const [user] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return user?.locale === 'zh-CN' || user?.locale === 'en' ? user.locale : null;
}

export async function getSessionInfo(db: Db, auth: AuthContext): Promise<SessionInfo> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, auth.userId));
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, auth.workspaceId));
  const mine = await db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, auth.userId))
    .orderBy(asc(workspaces.name));
  if (!user || !workspace) throw new AppError(401, 'unauthenticated', 'Please sign in');
  const locale = user.locale === 'zh-CN' || user.locale === 'en' ? user.locale : null;
  return {
    user: { id: user.id, email: user.email, name: user.name, locale },
    workspace: { id: workspace.id, name: workspace.name, timeZone: workspace.timeZone, logoUrl: workspace.logoUrl },
    role: auth.role,
    permissions: [...auth.permissions],
    workspaces: mine.flatMap((w) => {
      const role = ZRole.safeParse(w.role);
      return role.success ? [{ id: w.id, name: w.name, role: role.data }] : [];
    }),
  };
}

export async function switchWorkspace(db: Db, auth: AuthContext, workspaceId: string): Promise<void> {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, auth.userId)));
  // Not a member looks exactly like "no such workspace" (no existence leak).
  if (!m) throw new AppError(404, 'not_found', 'Workspace not found');
  await db.update(sessions).set({ workspaceId }).where(eq(sessions.id, auth.sessionId));
  forgetSession(auth.sessionId);
}

/** Changing the password ends every other session of the user (a stolen cookie stops working). */
export async function changePassword(
  db: Db,
  auth: AuthContext,
  input: { currentPassword: string; newPassword: string },
  ip: string | null,
): Promise<void> {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, auth.userId));
  if (!user || !(await verifyPassword(input.currentPassword, user.hash))) {
    throw new AppError(400, 'validation_failed', 'Current password is wrong', [
      { path: 'body.currentPassword', message: 'Current password is wrong' },
    ]);
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash }).where(eq(users.id, auth.userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, auth.userId), ne(sessions.id, auth.sessionId)));
  });
  forgetUserSessions(auth.userId);
  await withTenant(db, auth.workspaceId, (tx) =>
    recordAudit(
      tx,
      { workspaceId: auth.workspaceId, userId: auth.userId, ip },
      {
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: auth.userId,
      },
    ),
  );
}

export async function updateProfile(
  db: Db,
  auth: AuthContext,
  input: { name?: string | undefined; locale?: Locale | undefined },
) {
  const patch: { name?: string; locale?: string } = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.locale !== undefined) patch.locale = input.locale;
  if (Object.keys(patch).length > 0) {
    await db.update(users).set(patch).where(eq(users.id, auth.userId));
    forgetUserSessions(auth.userId);
  }
}

export async function createUser(
  db: Db,
  input: { email: string; name: string; password: string; locale?: Locale | null },
) {
  const [user] = await db
    .insert(users)
    .values({
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash: await hashPassword(input.password),
      locale: input.locale ?? null,
    })
    .returning();
  if (!user) throw new Error('user insert returned nothing');
  return user;
}

export function isRole(value: string): value is Role {
  return ZRole.safeParse(value).success;
}
