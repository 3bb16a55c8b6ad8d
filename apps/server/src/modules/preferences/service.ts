import type { ErrorDetail } from '@kindling/contracts/errors';
import { DEFAULT_LEAD_COLUMNS } from '@kindling/contracts/preferences';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { invalid, unauthenticated } from '../../platform/http/errors';
import { getFieldCatalog } from '../fields/service';
import { userPreferences } from './schema';

const LEAD_COLUMNS_KEY = 'lead-columns';

function userOf(ctx: ServiceContext): string {
  if (!ctx.userId) throw unauthenticated();
  return ctx.userId;
}

async function readPreference(tx: Db, ctx: ServiceContext, key: string): Promise<unknown> {
  const [row] = await tx
    .select({ value: userPreferences.value })
    .from(userPreferences)
    .where(
      and(
        eq(userPreferences.workspaceId, ctx.workspaceId),
        eq(userPreferences.userId, userOf(ctx)),
        eq(userPreferences.key, key),
      ),
    );
  return row?.value;
}

async function writePreference(tx: Db, ctx: ServiceContext, key: string, value: unknown): Promise<void> {
  await tx
    .insert(userPreferences)
    .values({ workspaceId: ctx.workspaceId, userId: userOf(ctx), key, value })
    .onConflictDoUpdate({
      target: [userPreferences.workspaceId, userPreferences.userId, userPreferences.key],
      set: { value, updatedAt: new Date() },
    });
}

/** The lead-list columns the caller chose (field catalogue keys, in order), or null when they never chose. */
export async function savedLeadColumns(tx: Db, ctx: ServiceContext): Promise<string[] | null> {
  const stored = await readPreference(tx, ctx, LEAD_COLUMNS_KEY);
  const columns = Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
  return columns.length > 0 ? columns : null;
}

/** The caller's lead-list columns (field catalogue keys, in order), or the defaults when never chosen. */
export async function getLeadColumns(tx: Db, ctx: ServiceContext): Promise<string[]> {
  return (await savedLeadColumns(tx, ctx)) ?? [...DEFAULT_LEAD_COLUMNS];
}

/**
 * Saves the caller's lead-list columns. Every key must be in the workspace's field catalogue (archived custom
 * fields included: their values are kept, and the console simply hides them while archived).
 */
export async function setLeadColumns(tx: Db, ctx: ServiceContext, columns: string[]): Promise<string[]> {
  const known = new Set((await getFieldCatalog(tx, ctx)).map((field) => field.key));
  const details: ErrorDetail[] = [];
  columns.forEach((key, i) => {
    if (!known.has(key)) details.push({ path: `body.columns.${i}`, message: `Unknown field "${key}"` });
  });
  if (details.length > 0) throw invalid(details, details[0]?.message);
  await writePreference(tx, ctx, LEAD_COLUMNS_KEY, columns);
  return columns;
}
