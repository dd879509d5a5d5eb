// Token buckets per key (a validated token, or a client address), held in an LRU cache with a
// TTL so memory stays bounded however many keys an attacker invents. A bucket that would be full
// again is simply forgotten.
import { LRUCache } from 'lru-cache';

export interface BucketConfig {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  private readonly buckets: LRUCache<string, Bucket>;

  constructor(
    private readonly config: BucketConfig,
    private readonly now: () => number = Date.now,
    maxKeys = 100_000,
  ) {
    const refillMs = Math.ceil((config.capacity / config.refillPerSecond) * 1000);
    this.buckets = new LRUCache<string, Bucket>({ max: maxKeys, ttl: Math.max(1, refillMs), ttlAutopurge: false, perf: { now } });
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait before retrying. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.config.capacity, updated: now };
    bucket.tokens = Math.min(this.config.capacity, bucket.tokens + ((now - bucket.updated) / 1000) * this.config.refillPerSecond);
    bucket.updated = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      return 0;
    }
    this.buckets.set(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.config.refillPerSecond));
  }

  get size(): number {
    return this.buckets.size;
  }
}
