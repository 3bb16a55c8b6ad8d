import { createHash, randomBytes } from 'node:crypto';

/** Unguessable public tokens (session cookies, invite links); we store only their SHA-256. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
