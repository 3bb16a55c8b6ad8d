import { IMPORTED_LEAD_KEYS, type ImportCompanies, type ImportCounts } from '@kindling/contracts/imports';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../platform/db/client';
import { newId } from '../../platform/db/ids';
import { withTenant } from '../../platform/db/tenant';
import type { ServiceContext } from '../../platform/http/context';
import { matchCompaniesForLeads } from '../companies/matching';
import { leadsChanged } from '../leads/count-cache';
import {
  addImportCounts,
  findMatchingLeads,
  findUniqueHolders,
  insertActivities,
  insertLeads,
  updateLeads,
  type ImportActivity,
  type ImportRef,
  type MatchKeys,
} from './batch-sql';

import type { ImportRow, RejectedRow } from './normalise-row';
import { planBatch, type BatchOptions, type BatchPlan, type LeadUpdate, type UniqueOwners } from './plan-batch';

export interface BatchTarget {
  database: Database;
  ctx: ServiceContext;
  ref: ImportRef;
  options: BatchOptions;
}

export interface BatchOutcome {
  counts: ImportCounts;
  /** Every rejected row of the batch (unreadable ones and those refused when matched), in row order. */
  rejected: RejectedRow[];
}

/** A concurrent writer changed what the batch was planned on: plan it again on fresh data. */
class BatchRaced extends Error {}

const MAX_ATTEMPTS = 4;
/** unique_violation (a concurrent writer took an email), deadlock_detected, serialization_failure. */
const RACE_CODES = new Set(['23505', '40P01', '40001']);

function isRace(error: unknown): boolean {
  if (error instanceof BatchRaced) return true;
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RACE_CODES.has(code)) return true;
  }
  return false;
}

function matchKeys(rows: readonly ImportRow[], options: BatchOptions): MatchKeys {
  const emails = new Set<string>();
  const phones = new Set<string>();
  const openids = new Set<string>();
  for (const { values } of rows) {
    // Emails are unique in the workspace: always looked up, to match on or to refuse a duplicate.
    if (values.email) emails.add(values.email);
    if (values.phone && options.keys.has('phone')) phones.add(values.phone);
    if (values.wechatOpenid && options.keys.has('wechatOpenid')) openids.add(values.wechatOpenid);
  }
  return { emails: [...emails], phones: [...phones], openids: [...openids] };
}

/** Timeline entries for updated leads, as the console writes them: one `lead_updated` with from → to per field. */
function updateActivities(ref: ImportRef, updates: readonly LeadUpdate[]): ImportActivity[] {
  const activities: ImportActivity[] = [];
  for (const { id, rows, before, after } of updates) {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of IMPORTED_LEAD_KEYS) {
      if (key !== 'ownerId' && before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
    }
    for (const key of new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)])) {
      const [from, to] = [before.attributes[key] ?? null, after.attributes[key] ?? null];
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[`attributes.${key}`] = { from, to };
    }
    const origin = { importId: ref.id, fileName: ref.fileName, rows };
    if (Object.keys(changes).length > 0) {
      activities.push({ leadId: id, type: 'lead_updated', properties: { changes, ...origin } });
    }
    if (before.ownerId !== after.ownerId) {
      activities.push({
        leadId: id,
        type: 'lead_assigned',
        properties: { from: before.ownerId, to: after.ownerId, via: 'import', ...origin },
      });
    }
  }
  return activities;
}

/**
 * Links the batch's written leads to companies (by work-email domain or exact name), creating the missing ones if
 * asked: in the batch's transaction, so a lead and its company link commit together. Leads that already have a
 * company keep it.
 */
async function linkCompanies(tx: Db, ctx: ServiceContext, plan: BatchPlan, mode: ImportCompanies): Promise<void> {
  if (mode === 'none') return;
  const written = [
    ...plan.creates.map(({ id, values }) => ({ leadId: id, companyName: values.companyName, email: values.email })),
    ...plan.updates.map(({ id, after }) => ({ leadId: id, companyName: after.companyName, email: after.email })),
  ].filter((lead) => lead.companyName || lead.email);
  await matchCompaniesForLeads(tx, ctx, written, { createMissing: mode === 'create' });
}

async function uniqueHolders(target: BatchTarget, tx: Db, rows: readonly ImportRow[]): Promise<UniqueOwners> {
  const holders: UniqueOwners = new Map();
  for (const { key } of target.options.unique) {
    const values = new Map<string, unknown>();
    for (const row of rows) {
      const value = row.attributes[key];
      if (value !== undefined) values.set(JSON.stringify(value), value);
    }
    holders.set(key, await findUniqueHolders(tx, target.ctx, key, [...values.values()]));
  }
  return holders;
}

/**
 * Writes one batch in one transaction: looks up the leads its rows match (one query), plans every row, inserts
 * the new leads with their activities, updates the matched ones, and adds the batch's counts to the import. If a
 * concurrent writer gets in the way (an email taken meanwhile, a deadlock), the batch is planned and written again.
 */
export async function writeBatch(
  target: BatchTarget,
  rows: readonly ImportRow[],
  unreadable: readonly RejectedRow[],
): Promise<BatchOutcome> {
  const { database, ctx, ref, options } = target;
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await withTenant(database.db, ctx.workspaceId, async (tx) => {
        // Hundreds of batch commits need not each wait for the disk: a crash loses at most the last moments of
        // work, and a re-run import starts over anyway (the batch and its counts commit together either way).
        await tx.execute(sql`set local synchronous_commit = off`);
        const existing = await findMatchingLeads(tx, ctx, matchKeys(rows, options), options.mode !== 'skip');
        const plan = planBatch(rows, existing, await uniqueHolders(target, tx, rows), options, newId);
        const inserted = await insertLeads(tx, ctx, ref, plan.creates);
        if (inserted !== plan.creates.length) throw new BatchRaced('a concurrent writer took an email');
        await updateLeads(tx, ctx, plan.updates);
        await insertActivities(tx, ctx, updateActivities(ref, plan.updates));
        await linkCompanies(tx, ctx, plan, options.companies);
        const rejected = [...unreadable, ...plan.rejected].sort((a, b) => a.row - b.row);
        const counts: ImportCounts = {
          created: plan.creates.length,
          updated: plan.updatedRows,
          skipped: plan.skippedRows,
          rejected: rejected.length,
        };
        await addImportCounts(tx, ctx, ref.id, counts);
        return { counts, rejected };
      });
      if (outcome.counts.created + outcome.counts.updated > 0) leadsChanged(ctx.workspaceId);
      return outcome;
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRace(error)) continue;
      throw error;
    }
  }
}
