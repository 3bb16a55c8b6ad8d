import type { Activity } from '@kindling/contracts/activities';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { invalid } from '../../platform/http/errors';
import { leads } from '../leads/schema';
import { activities } from './schema';

export interface NewActivity {
  leadId: string;
  type: string;
  source: string;
  properties?: Record<string, unknown>;
  occurredAt?: Date;
  /** Natural idempotency key of the source (client event id, provider message id). */
  dedupeKey?: string | null;
}

/**
 * Appends activities in the caller's transaction. Rows whose dedupe key was already recorded are skipped, so a
 * replayed batch or callback changes nothing. Returns how many were stored.
 */
export async function appendActivities(tx: Db, ctx: ServiceContext, items: NewActivity[]): Promise<number> {
  if (items.length === 0) return 0;
  const rows = await tx
    .insert(activities)
    .values(
      items.map((a) => ({
        workspaceId: ctx.workspaceId,
        leadId: a.leadId,
        type: a.type,
        source: a.source,
        properties: a.properties ?? {},
        occurredAt: a.occurredAt ?? new Date(),
        actorUserId: ctx.userId,
        dedupeKey: a.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing({
      target: [activities.workspaceId, activities.dedupeKey],
      where: sql`${activities.dedupeKey} is not null`,
    })
    .returning({ id: activities.id });
  return rows.length;
}

function encodeCursor(occurredAt: Date, id: string): string {
  return Buffer.from(`${occurredAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const occurredAt = new Date(iso ?? '');
  if (!id || Number.isNaN(occurredAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw invalid([{ path: 'query.before', message: 'Invalid cursor' }]);
  }
  return { occurredAt, id };
}

/** Keyset condition: activities older than the cursor's (occurred_at, id), the timeline's sort order. */
function olderThan(cursor: { occurredAt: Date; id: string } | null) {
  return cursor
    ? or(
        lt(activities.occurredAt, cursor.occurredAt),
        and(eq(activities.occurredAt, cursor.occurredAt), lt(activities.id, cursor.id)),
      )
    : undefined;
}

function toActivity(a: typeof activities.$inferSelect, actorName: string | null): Activity {
  return {
    id: a.id,
    leadId: a.leadId,
    type: a.type,
    source: a.source,
    occurredAt: a.occurredAt.toISOString(),
    actor: a.actorUserId && actorName !== null ? { id: a.actorUserId, name: actorName } : null,
    properties: a.properties,
  };
}

/** A lead's timeline, newest first, keyset-paginated (stable under concurrent appends); optionally some types only. */
export async function listLeadActivities(
  tx: Db,
  ctx: ServiceContext,
  leadId: string,
  query: { limit: number; before?: string | undefined; types?: string[] | undefined },
): Promise<{ items: Activity[]; nextCursor: string | null }> {
  const cursor = query.before ? decodeCursor(query.before) : null;
  const rows = await tx
    .select({ a: activities, actorName: users.name })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorUserId))
    .where(
      and(
        eq(activities.workspaceId, ctx.workspaceId),
        eq(activities.leadId, leadId),
        query.types ? inArray(activities.type, query.types) : undefined,
        olderThan(cursor),
      ),
    )
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ a, actorName }) => toActivity(a, actorName)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.a.occurredAt, last.a.id) : null,
  };
}

/**
 * The recent activity of a company's live leads (an account's timeline), newest first, keyset-paginated like a
 * lead's timeline; each entry names its lead.
 */
export async function listCompanyActivities(
  tx: Db,
  ctx: ServiceContext,
  companyId: string,
  query: { limit: number; before?: string | undefined; types?: string[] | undefined },
): Promise<{ items: (Activity & { lead: { id: string; name: string } })[]; nextCursor: string | null }> {
  const cursor = query.before ? decodeCursor(query.before) : null;
  const rows = await tx
    .select({ a: activities, actorName: users.name, leadName: leads.name })
    .from(activities)
    .innerJoin(leads, and(eq(leads.workspaceId, activities.workspaceId), eq(leads.id, activities.leadId)))
    .leftJoin(users, eq(users.id, activities.actorUserId))
    .where(
      and(
        eq(activities.workspaceId, ctx.workspaceId),
        eq(leads.companyId, companyId),
        isNull(leads.deletedAt),
        query.types ? inArray(activities.type, query.types) : undefined,
        olderThan(cursor),
      ),
    )
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ a, actorName, leadName }) => ({
      ...toActivity(a, actorName),
      lead: { id: a.leadId, name: leadName },
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.a.occurredAt, last.a.id) : null,
  };
}
