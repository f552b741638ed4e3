// Rate limits: a token bucket per connection (messages) and per client address (connection attempts
// and sign-ins before anyone is authenticated).

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  get full(): boolean {
    this.take();
    this.tokens += 1;
    return this.tokens >= this.burst;
  }
}

/** One bucket per key (an IP address); buckets that refilled are forgotten so the map stays small. */
export class KeyedLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.sweep = setInterval(() => {
      for (const [key, bucket] of this.buckets) if (bucket.full) this.buckets.delete(key);
    }, 60_000);
    this.sweep.unref();
  }

  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.perSecond, this.burst);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  close(): void {
    clearInterval(this.sweep);
  }
}
