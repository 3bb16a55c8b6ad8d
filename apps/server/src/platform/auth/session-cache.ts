import type { AuthContext } from '../http/context';

/**
 * Resolved sessions, kept for a few seconds so a page that fires ten API calls does not look its session up ten
 * times. Anything that changes what a session may do (logout, password change, workspace switch, role change,
 * removal) evicts it here at once; another app instance notices within TTL_MS.
 */
const TTL_MS = 10_000;
const MAX_ENTRIES = 50_000;
const entries = new Map<string, { auth: AuthContext; expiresAt: number }>();

export function cachedSession(tokenHash: string): AuthContext | null {
  const hit = entries.get(tokenHash);
  if (!hit) return null;
  if (hit.expiresAt <= Date.now()) {
    entries.delete(tokenHash);
    return null;
  }
  return hit.auth;
}

export function rememberSession(tokenHash: string, auth: AuthContext): void {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(tokenHash, { auth, expiresAt: Date.now() + TTL_MS });
}

export function forgetSession(sessionId: string): void {
  for (const [key, { auth }] of entries) if (auth.sessionId === sessionId) entries.delete(key);
}

export function forgetUserSessions(userId: string): void {
  for (const [key, { auth }] of entries) if (auth.userId === userId) entries.delete(key);
}
