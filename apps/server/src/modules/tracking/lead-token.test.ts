import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, createTestContext, type TestContext } from '../../testing/test-app';
import { signLeadToken, verifyLeadToken, workspaceSigningSecret } from './lead-token';

const SECRET = 'a3f1c0de9b8e4f2a8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f';
const WORKSPACE = '0190a000-0000-7000-8000-0000000000aa';
const LEAD = '0190a000-0000-7000-8000-0000000000bb';
const NOW = new Date('2025-03-01T08:00:00Z');
const IN_A_MONTH = new Date('2025-04-01T08:00:00Z');

describe('signed lead tokens', () => {
  it('names the workspace and lead it was signed for, in a URL-safe token of 71 characters', () => {
    const token = signLeadToken(SECRET, WORKSPACE, LEAD, IN_A_MONTH);
    expect(token).toMatch(/^[A-Za-z0-9_-]{71}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(verifyLeadToken(SECRET, token, NOW)).toEqual({ workspaceId: WORKSPACE, leadId: LEAD });
  });

  it('is refused once expired, and at the very second it expires', () => {
    const token = signLeadToken(SECRET, WORKSPACE, LEAD, IN_A_MONTH);
    expect(verifyLeadToken(SECRET, token, new Date(IN_A_MONTH.getTime() - 1000))).not.toBeNull();
    expect(verifyLeadToken(SECRET, token, IN_A_MONTH)).toBeNull();
    expect(verifyLeadToken(SECRET, token, new Date('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('is refused when signed with another secret (another workspace) or altered in any character', () => {
    const token = signLeadToken(SECRET, WORKSPACE, LEAD, IN_A_MONTH);
    expect(verifyLeadToken(`${SECRET}x`, token, NOW)).toBeNull();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < token.length; i++) {
      const swapped = alphabet[(alphabet.indexOf(token[i]!) + 1) % 64]!;
      expect(verifyLeadToken(SECRET, token.slice(0, i) + swapped + token.slice(i + 1), NOW), `char ${i}`).toBeNull();
    }
    // A token for another lead cannot be made by splicing: the MAC covers workspace, lead and expiry.
    const other = signLeadToken(SECRET, WORKSPACE, randomUUID(), IN_A_MONTH);
    expect(verifyLeadToken(SECRET, token.slice(0, 50) + other.slice(50), NOW)).toBeNull();
  });

  it('never throws on junk', () => {
    for (const junk of ['', 'x', 'a'.repeat(71), 'a'.repeat(72), '%%%', '<script>', '\u0000'.repeat(71)]) {
      expect(verifyLeadToken(SECRET, junk, NOW)).toBeNull();
    }
    expect(verifyLeadToken(SECRET, 42 as unknown as string, NOW)).toBeNull();
  });

  it('refuses to sign ids that are not UUIDs or an expiry it cannot encode', () => {
    expect(() => signLeadToken(SECRET, 'not-a-uuid', LEAD, IN_A_MONTH)).toThrow();
    expect(() => signLeadToken(SECRET, WORKSPACE, LEAD, new Date('2200-01-01T00:00:00Z'))).toThrow();
  });
});

describe('workspace signing secrets', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('every workspace has its own secret, so its tokens mean nothing in another workspace', async () => {
    const a = await createOwner(ctx, 'Token A');
    const b = await createOwner(ctx, 'Token B');
    const secretA = await workspaceSigningSecret(ctx.database.db, a.workspaceId);
    const secretB = await workspaceSigningSecret(ctx.database.db, b.workspaceId);
    expect(secretA).toMatch(/^[0-9a-f]{64}$/);
    expect(secretB).toMatch(/^[0-9a-f]{64}$/);
    expect(secretA).not.toBe(secretB);
    const token = signLeadToken(secretA!, a.workspaceId, LEAD, IN_A_MONTH);
    expect(verifyLeadToken(secretA!, token, NOW)?.workspaceId).toBe(a.workspaceId);
    expect(verifyLeadToken(secretB!, token, NOW)).toBeNull();
    expect(await workspaceSigningSecret(ctx.database.db, randomUUID())).toBeNull();
  });
});
