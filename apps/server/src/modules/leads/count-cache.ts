/**
 * Totals for the lead list, cached for a few seconds. Counting a large workspace on every page turn costs more
 * than the page itself (milliseconds of database CPU per request at 10k leads, hundreds at 1M). Writes made in
 * this process invalidate the workspace's counts at once; writes from another instance show within TTL_MS.
 */
const TTL_MS = 3_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  total: number;
  expiresAt: number;
  generation: number;
}

const entries = new Map<string, Entry>();
const generations = new Map<string, number>();

/** Call after any write that can change which leads a list shows or how many. */
export function leadsChanged(workspaceId: string): void {
  generations.set(workspaceId, (generations.get(workspaceId) ?? 0) + 1);
}

/** How many times the workspace's leads changed in this process: caches derived from them compare it. */
export function leadsGeneration(workspaceId: string): number {
  return generations.get(workspaceId) ?? 0;
}

export async function cachedLeadCount(
  workspaceId: string,
  filterKey: string,
  count: () => Promise<number>,
): Promise<number> {
  const key = `${workspaceId}:${filterKey}`;
  const generation = generations.get(workspaceId) ?? 0;
  const hit = entries.get(key);
  if (hit && hit.generation === generation && hit.expiresAt > Date.now()) return hit.total;
  const total = await count();
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(key, { total, expiresAt: Date.now() + TTL_MS, generation });
  return total;
}
