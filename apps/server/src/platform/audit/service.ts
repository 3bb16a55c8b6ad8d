import type { AuditEntry } from '@kindling/contracts/audit';
import { and, count, desc, eq } from 'drizzle-orm';
import { users } from '../auth/schema';
import type { Db } from '../db/client';
import type { ServiceContext } from '../http/context';
import { auditLog } from './schema';

export interface AuditInput {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one audit entry in the caller's transaction, so the entry and the change commit together. */
export async function recordAudit(tx: Db, ctx: ServiceContext, input: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: ctx.workspaceId,
    actorUserId: ctx.userId,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    details: input.details ?? {},
    ip: ctx.ip ?? null,
  });
}

export async function listAudit(
  tx: Db,
  ctx: ServiceContext,
  query: { page: number; pageSize: number; action?: string | undefined },
): Promise<{ items: AuditEntry[]; total: number; page: number; pageSize: number }> {
  const where = and(
    eq(auditLog.workspaceId, ctx.workspaceId),
    query.action ? eq(auditLog.action, query.action) : undefined,
  );
  const rows = await tx
    .select({ entry: auditLog, actorName: users.name, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const totals = await tx.select({ n: count() }).from(auditLog).where(where);
  return {
    items: rows.map(({ entry, actorName, actorEmail }) => ({
      id: entry.id,
      action: entry.action,
      actor:
        entry.actorUserId && actorName !== null && actorEmail !== null
          ? { id: entry.actorUserId, name: actorName, email: actorEmail }
          : null,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details,
      ip: entry.ip,
      createdAt: entry.createdAt.toISOString(),
    })),
    total: totals[0]?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
