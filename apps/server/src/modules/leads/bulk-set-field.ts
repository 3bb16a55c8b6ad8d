import type { ErrorDetail } from '@kindling/contracts/errors';
import { LEAD_OPTIONAL_TEXT_FIELDS, ZLeadWritable } from '@kindling/contracts/leads';
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { AppError, conflict, invalid, uniqueViolation } from '../../platform/http/errors';
import { appendActivities } from '../activities/service';
import { BUILT_IN_COLUMNS } from '../fields/builtin';
import { getFieldCatalog, validateAttributes } from '../fields/service';
import type { ChunkApplier } from './bulk-actions';
import { leadsChanged } from './count-cache';
import { leads } from './schema';

/**
 * Bulk "set field": one value for one field on many leads, validated exactly as a single-lead update (the same
 * Zod schema for built-in fields, validateAttributes for custom ones). The owner is not a field here: handing
 * leads out is assignment, with its own permission.
 */
const BULK_BUILT_IN_FIELDS = ['name', ...LEAD_OPTIONAL_TEXT_FIELDS, 'source'] as const;
type BulkBuiltInField = (typeof BULK_BUILT_IN_FIELDS)[number];
const isBulkBuiltIn = (key: string): key is BulkBuiltInField =>
  (BULK_BUILT_IN_FIELDS as readonly string[]).includes(key);

const REQUIRED_BUILT_INS: ReadonlySet<string> = new Set(['name', 'source']);
const UNIQUE_BUILT_INS: ReadonlySet<string> = new Set(['email']);

const atValue = (message: string): ErrorDetail => ({ path: 'body.value', message });

/** A value that only one lead may have cannot be given to several at once (clearing it is fine). */
function refuseSharedUniqueValue(value: unknown, targetSize: number | null): void {
  if (value !== null && targetSize !== 1) {
    throw invalid([atValue('Each lead needs its own value for this field: set it on one lead at a time')]);
  }
}

function builtInValue(field: BulkBuiltInField, raw: unknown): string | null {
  if (raw === null && REQUIRED_BUILT_INS.has(field)) throw invalid([atValue('This field is required')]);
  const parsed = ZLeadWritable.shape[field].safeParse(raw);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((issue) => atValue(issue.message)));
  }
  return (parsed.data as string | null | undefined) ?? null;
}

/** validateAttributes reports at `body.attributes.<key>`; here the value is `body.value`. */
async function customValue(tx: Db, ctx: ServiceContext, key: string, raw: unknown, leadId: string | undefined) {
  try {
    const normalised = await validateAttributes(tx, ctx, { [key]: raw }, { partial: true, leadId });
    return normalised[key] ?? null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(
      error.statusCode,
      error.code,
      error.message,
      error.details.map((detail) => atValue(detail.message)),
    );
  }
}

interface FieldWrite {
  /** The key in a `lead_updated` activity's `changes` (as a single update writes it). */
  changeKey: string;
  /** The stored value (read for the activity's `from`). */
  current: SQL;
  /** True for leads whose stored value differs from the new one. */
  differs: SQL;
  set: PgUpdateSetSource<typeof leads>;
}

function columnWrite(field: BulkBuiltInField, value: string | null): FieldWrite {
  const column = BUILT_IN_COLUMNS[field]!;
  return {
    changeKey: field,
    current: sql`${column}`,
    differs: sql`${column} is distinct from ${value}::text`,
    set: Object.assign({}, { [field]: value }),
  };
}

function attributeWrite(key: string, value: unknown): FieldWrite {
  const stored = sql`(${leads.attributes} -> ${key}::text)`;
  return {
    changeKey: `attributes.${key}`,
    current: stored,
    differs:
      value === null ? sql`${stored} is not null` : sql`${stored} is distinct from ${JSON.stringify(value)}::jsonb`,
    // Merged in SQL (jsonb || and -), so values written concurrently to other keys survive, as in updateLead.
    set: {
      attributes:
        value === null
          ? sql`${leads.attributes} - ${key}::text`
          : sql`${leads.attributes} || ${JSON.stringify({ [key]: value })}::jsonb`,
    },
  };
}

async function resolveWrite(
  tx: Db,
  ctx: ServiceContext,
  fieldKey: string,
  raw: unknown,
  targetIds: string[] | null,
): Promise<{ write: FieldWrite; to: unknown }> {
  const targetSize = targetIds?.length ?? null;
  if (isBulkBuiltIn(fieldKey)) {
    const value = builtInValue(fieldKey, raw);
    if (UNIQUE_BUILT_INS.has(fieldKey)) refuseSharedUniqueValue(value, targetSize);
    return { write: columnWrite(fieldKey, value), to: value };
  }
  const field = (await getFieldCatalog(tx, ctx)).find((f) => f.key === fieldKey);
  if (!field || field.builtIn) {
    const message = field ? 'This field cannot be set in bulk' : `Unknown field "${fieldKey}"`;
    throw invalid([{ path: 'body.field', message }], message);
  }
  if (field.archived) throw invalid([{ path: 'body.field', message: 'This field is archived and cannot be changed' }]);
  const leadId = targetSize === 1 ? targetIds?.[0] : undefined;
  const value = await customValue(tx, ctx, field.key, raw, leadId);
  if (field.unique) refuseSharedUniqueValue(value, targetSize);
  return { write: attributeWrite(field.key, value), to: value };
}

const TAKEN = 'Another lead already has this value';

/** Two leads cannot share an email: the database's unique index has the last word (409, as for one lead). */
function uniqueTaken(error: unknown): never {
  if (uniqueViolation(error) !== null) throw conflict(TAKEN, [atValue(TAKEN)]);
  throw error;
}

/**
 * Checks the field and value now (400 at body.field / body.value) and returns the chunk applier: leads whose
 * value differs are updated, each gets one `lead_updated` activity (from → to, via bulk); the others are counted
 * as unchanged.
 */
export async function prepareSetField(
  tx: Db,
  ctx: ServiceContext,
  input: { field: string; value: unknown },
  targetIds: string[] | null,
): Promise<ChunkApplier> {
  const { write, to } = await resolveWrite(tx, ctx, input.field, input.value, targetIds);
  return async (chunkTx, ids) => {
    const rows = await chunkTx
      .select({ id: leads.id, from: sql<unknown>`${write.current}`, differs: sql<boolean>`${write.differs}` })
      .from(leads)
      .where(and(eq(leads.workspaceId, ctx.workspaceId), inArray(leads.id, ids), isNull(leads.deletedAt)))
      // Locked in id order, so two bulk edits over overlapping leads cannot deadlock.
      .orderBy(leads.id)
      .for('update');
    const changing = rows.filter((row) => row.differs);
    if (changing.length > 0) {
      const changingIds = changing.map((row) => row.id);
      await chunkTx
        .update(leads)
        .set(write.set)
        .where(and(eq(leads.workspaceId, ctx.workspaceId), inArray(leads.id, changingIds)))
        .catch(uniqueTaken);
      await appendActivities(
        chunkTx,
        ctx,
        changing.map((row) => ({
          leadId: row.id,
          type: 'lead_updated',
          source: 'console',
          properties: { changes: { [write.changeKey]: { from: row.from ?? null, to } }, via: 'bulk' },
        })),
      );
      leadsChanged(ctx.workspaceId);
    }
    return { updated: changing.length, unchanged: rows.length - changing.length };
  };
}
