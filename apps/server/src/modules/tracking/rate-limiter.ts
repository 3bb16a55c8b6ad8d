import { BoundedCache } from './bounded-cache';

export interface TokenBucketOptions {
  /** Tokens added per second (the sustained rate). */
  ratePerSecond: number;
  /** Bucket size: how much may be spent at once after a quiet spell. */
  burst: number;
  /** Buckets kept; beyond it the oldest are forgotten (a forgotten key starts again with a full bucket). */
  maxKeys?: number;
  /** Milliseconds clock; tests pass their own. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * In-memory token buckets, one per key (a client IP, a site): the public ingest's flood guard. Per process, so
 * behind N instances the effective limit is N× — fine for a guard whose job is to keep one abuser from starving
 * everyone, not to meter. Memory is bounded by `maxKeys`.
 */
export class TokenBuckets {
  private readonly buckets: BoundedCache<string, Bucket>;
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.buckets = new BoundedCache(options.maxKeys ?? 100_000);
    this.now = options.now ?? Date.now;
  }

  /**
   * Spends `cost` tokens of `key`'s bucket. Returns 0 when allowed, else the whole seconds to wait before the
   * same request would pass (the `retry-after` of a 429). A refused request spends nothing.
   */
  take(key: string, cost = 1): number {
    const { ratePerSecond, burst } = this.options;
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: burst, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond);
    bucket.updatedAt = now;
    // A request larger than the whole bucket can pass once the bucket is full, else it could never pass.
    const needed = Math.min(cost, burst);
    if (bucket.tokens >= needed) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((needed - bucket.tokens) / ratePerSecond));
  }
}
