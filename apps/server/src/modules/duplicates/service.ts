import type { DuplicatePage, DuplicatePair, DuplicateReason, LeadDuplicates } from '@kindling/contracts/duplicates';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { findDuplicatePairs, type CandidatePair } from './find-pairs';
import { findLeadDuplicates } from './find-lead-duplicates';
import { leadSummaries } from './lead-summaries';
import { cachedPairs } from './pair-cache';

/** The pairs with both leads' summaries; a pair whose lead went meanwhile (another instance) is left out. */
export async function withSummaries(tx: Db, ctx: ServiceContext, pairs: CandidatePair[]): Promise<DuplicatePair[]> {
  const summaries = await leadSummaries(
    tx,
    ctx,
    pairs.flatMap((pair) => [pair.a, pair.b]),
  );
  return pairs.flatMap((pair) => {
    const a = summaries.get(pair.a);
    const b = summaries.get(pair.b);
    return a && b ? [{ leads: [a, b] as [typeof a, typeof b], reasons: pair.reasons }] : [];
  });
}

/** One page of the workspace's likely duplicate pairs (optionally of one reason). */
export async function listDuplicatePairs(
  tx: Db,
  ctx: ServiceContext,
  query: { page: number; pageSize: number; reason?: DuplicateReason | undefined },
): Promise<DuplicatePage> {
  const detected = await cachedPairs(ctx.workspaceId, query.reason ?? 'all', () =>
    findDuplicatePairs(tx, ctx, { reason: query.reason }),
  );
  const start = (query.page - 1) * query.pageSize;
  return {
    items: await withSummaries(tx, ctx, detected.pairs.slice(start, start + query.pageSize)),
    total: detected.pairs.length,
    page: query.page,
    pageSize: query.pageSize,
    capped: detected.capped,
  };
}

/** The likely duplicates of one lead, for its page. */
export async function listLeadDuplicates(tx: Db, ctx: ServiceContext, leadId: string): Promise<LeadDuplicates> {
  const found = await findLeadDuplicates(tx, ctx, leadId);
  const summaries = await leadSummaries(
    tx,
    ctx,
    found.map((f) => f.id),
  );
  return {
    items: found.flatMap(({ id, reasons }) => {
      const lead = summaries.get(id);
      return lead ? [{ lead, reasons }] : [];
    }),
  };
}
