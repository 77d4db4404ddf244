/**
 * A token bucket per key, in memory: `capacity` requests at once, refilled at `perMinute`. Enough
 * for one server process; keys idle long enough to be full again are dropped.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly perMinute: number,
  ) {}

  /** Takes one token for `key`; false when none is left. */
  take(key: string, now: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) * this.perMinute) / 60_000);
    b.at = now;
    if (this.buckets.size > 10_000) this.sweep(now);
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    return true;
  }

  /** Seconds until `key` has a token again. */
  retryAfter(key: string, now: number): number {
    const b = this.buckets.get(key);
    if (!b) return 0;
    const have = Math.min(this.capacity, b.tokens + ((now - b.at) * this.perMinute) / 60_000);
    return Math.max(1, Math.ceil(((1 - have) * 60) / this.perMinute));
  }

  private sweep(now: number): void {
    const full = (this.capacity * 60_000) / this.perMinute;
    for (const [k, b] of this.buckets) if (now - b.at > full) this.buckets.delete(k);
  }
}

export interface RateLimits {
  /** Login attempts per client address. */
  readonly loginPerIp: RateLimiter;
  /** Login attempts per username, whatever the address. */
  readonly loginPerUser: RateLimiter;
  /** File uploads (evidence, spreadsheets, reports) per user. */
  readonly uploads: RateLimiter;
  /** Changes of one's own password per user: a stolen session cannot guess the current password. */
  readonly passwordChange: RateLimiter;
}

export function defaultRateLimits(): RateLimits {
  return {
    loginPerIp: new RateLimiter(20, 20),
    loginPerUser: new RateLimiter(10, 10),
    uploads: new RateLimiter(30, 60),
    passwordChange: new RateLimiter(5, 0.2),
  };
}
