import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { workspaces } from '../../platform/workspaces/schema';

/*
 * The signed lead token of tracked links (`_kt=<token>` on an email's landing URLs, `lt=` on the pixel): whoever
 * opens the link is that lead, so the page's visitor can be stitched to it without asking for an email.
 *
 * Binary layout, then base64url (71 characters, short enough for any URL):
 *   version (1 byte) | workspace id (16) | lead id (16) | expiry, seconds since epoch (4, big-endian) | MAC (16)
 * The MAC is HMAC-SHA256 over everything before it with the workspace's signing secret, truncated to 128 bits
 * (plenty against forgery: an attacker cannot test guesses offline, only by sending them).
 */

const VERSION = 1;
const PAYLOAD_BYTES = 1 + 16 + 16 + 4;
const MAC_BYTES = 16;
const TOKEN_BYTES = PAYLOAD_BYTES + MAC_BYTES;
/** base64url of TOKEN_BYTES bytes, without padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{71}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LeadTokenClaims {
  workspaceId: string;
  leadId: string;
}

const uuidBytes = (id: string): Buffer => Buffer.from(id.replaceAll('-', ''), 'hex');

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const mac = (secret: string, payload: Buffer): Buffer =>
  createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES);

/** A token naming this lead of this workspace until `expiresAt` (whole seconds; at most until 2106). */
export function signLeadToken(secret: string, workspaceId: string, leadId: string, expiresAt: Date): string {
  if (!UUID.test(workspaceId) || !UUID.test(leadId)) throw new Error('signLeadToken: ids must be UUIDs');
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  if (!Number.isSafeInteger(expiry) || expiry <= 0 || expiry > 0xffffffff) {
    throw new Error('signLeadToken: expiry out of range');
  }
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  uuidBytes(workspaceId).copy(payload, 1);
  uuidBytes(leadId).copy(payload, 17);
  payload.writeUInt32BE(expiry, 33);
  return Buffer.concat([payload, mac(secret, payload)]).toString('base64url');
}

/**
 * The lead a token names, or null when it is malformed, forged (signed with another secret — another
 * workspace's, for one) or expired. Never throws on any input: the token comes from the public.
 */
export function verifyLeadToken(secret: string, token: string, now: Date = new Date()): LeadTokenClaims | null {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  // Canonical encoding only: the last character carries 4 spare bits, so one token has several spellings.
  if (bytes.length !== TOKEN_BYTES || bytes.toString('base64url') !== token) return null;
  if (bytes.readUInt8(0) !== VERSION) return null;
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), mac(secret, payload))) return null;
  if (payload.readUInt32BE(33) * 1000 <= now.getTime()) return null;
  return { workspaceId: uuidText(payload.subarray(1, 17)), leadId: uuidText(payload.subarray(17, 33)) };
}

/** The workspace's HMAC key for its signed public tokens; null for an unknown workspace. */
export async function workspaceSigningSecret(db: Db, workspaceId: string): Promise<string | null> {
  const [row] = await db
    .select({ secret: workspaces.signingSecret })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row?.secret ?? null;
}
