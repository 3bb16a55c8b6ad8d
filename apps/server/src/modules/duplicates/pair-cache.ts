import { leadsGeneration } from '../leads/count-cache';
import type { CandidatePair, DetectedPairs } from './find-pairs';

/**
 * The detected pairs of a workspace, kept for a short while: turning the pages of the duplicate list must not
 * scan the workspace each time (at a million leads one scan takes seconds). A lead write in this process makes
 * the entry stale at once; writes from another instance show within TTL_MS.
 *
 * Merging and dismissing — the list's own actions, done pair after pair — patch the entry instead of dropping
 * it, so working through the list does not rescan after every click. The patch removes exactly the pairs the
 * action ended; pairs the action might create (a merged lead took an email) appear at the next scan.
 */
const TTL_MS = 30_000;
const MAX_WORKSPACES = 100;

interface Entry {
  detected: DetectedPairs;
  generation: number;
  expiresAt: number;
}

/** Workspace → scope (a reason, or all) → entry. */
const entries = new Map<string, Map<string, Entry>>();

export async function cachedPairs(
  workspaceId: string,
  scope: string,
  detect: () => Promise<DetectedPairs>,
): Promise<DetectedPairs> {
  const generation = leadsGeneration(workspaceId);
  const hit = entries.get(workspaceId)?.get(scope);
  if (hit && hit.generation === generation && hit.expiresAt > Date.now()) return hit.detected;
  const detected = await detect();
  if (!entries.has(workspaceId) && entries.size >= MAX_WORKSPACES) entries.clear();
  const scopes = entries.get(workspaceId) ?? new Map<string, Entry>();
  scopes.set(scope, { detected, generation, expiresAt: Date.now() + TTL_MS });
  entries.set(workspaceId, scopes);
  return detected;
}

/**
 * Keeps the pairs `keep` accepts. `advance` moves entries computed at generation `from` to `to`: the caller
 * knows that the one write in between is the one this patch accounts for.
 */
function patch(
  workspaceId: string,
  keep: (pair: CandidatePair) => boolean,
  advance?: { from: number; to: number },
): void {
  for (const entry of entries.get(workspaceId)?.values() ?? []) {
    entry.detected = { ...entry.detected, pairs: entry.detected.pairs.filter(keep) };
    if (advance && entry.generation === advance.from) entry.generation = advance.to;
  }
}

/**
 * For a merge: call before its transaction, and call the returned function once it has committed. Every pair
 * with the merged (now deleted) lead goes; when the merge was the only lead write meanwhile, the entries stay
 * current — otherwise the next read rescans.
 */
export function pairCacheForMerge(workspaceId: string, mergedLeadId: string): () => void {
  const before = leadsGeneration(workspaceId);
  const merged = mergedLeadId.toLowerCase();
  return () => {
    const now = leadsGeneration(workspaceId);
    const onlyTheMerge = now === before + 1;
    patch(
      workspaceId,
      (pair) => pair.a !== merged && pair.b !== merged,
      onlyTheMerge ? { from: before, to: now } : undefined,
    );
  };
}

/** After a committed dismissal: the pair is no longer a likely duplicate (no lead changed). */
export function forgetDismissedPair(workspaceId: string, leadIds: [string, string]): void {
  const ids = new Set(leadIds.map((id) => id.toLowerCase()));
  patch(workspaceId, (pair) => !(ids.has(pair.a) && ids.has(pair.b)));
}
