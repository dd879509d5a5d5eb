// Token buckets in memory, one per key (an IP address or a bearer token hash).
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
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: BucketConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait before retrying. */
  take(key: string): number {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size > 100_000) this.sweep(now);
      bucket = { tokens: this.config.capacity, updated: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.config.capacity, bucket.tokens + ((now - bucket.updated) / 1000) * this.config.refillPerSecond);
    bucket.updated = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.config.refillPerSecond));
  }

  /** Drops full buckets so memory stays bounded under many distinct keys. */
  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.updated) / 1000) * this.config.refillPerSecond >= this.config.capacity) this.buckets.delete(key);
    }
  }
}
