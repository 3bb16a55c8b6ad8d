/**
 * A bounded map for the ingest's hot-path caches (user agents, IP regions, visitors written, rate buckets): when
 * full it forgets the entry inserted longest ago. A hit moves nothing (a true LRU's delete-and-reinsert on every
 * hit makes V8 rehash big maps over and over, which cost more than the lookups it saves); a hot key that falls out
 * is simply looked up again. Memory stays fixed however many distinct keys the internet sends.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error('BoundedCache: maxEntries must be ≥ 1');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
