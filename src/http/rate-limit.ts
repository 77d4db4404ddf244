import type { Kysely } from 'kysely';
import { bucketOf, dropIdleBuckets, takeToken } from '../db/rate.repo.ts';
import type { Database } from '../db/schema.ts';

/** A limit that answers whether a request may go on: 0, or the seconds to wait (Retry-After). */
export interface Limiter {
  check(key: string, now: number): Promise<number>;
}

/**
 * A token bucket per key, in memory: `capacity` requests at once, refilled at `perMinute`. Enough
 * for one server process (uploads); keys idle long enough to be full again are dropped.
 */
export class RateLimiter implements Limiter {
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

  check(key: string, now: number): Promise<number> {
    return Promise.resolve(this.take(key, now) ? 0 : this.retryAfter(key, now));
  }

  private sweep(now: number): void {
    const full = (this.capacity * 60_000) / this.perMinute;
    for (const [k, b] of this.buckets) if (now - b.at > full) this.buckets.delete(k);
  }
}

/** Buckets swept of idle keys once in this many takes. */
const SWEEP_EVERY = 500;

/**
 * The same token bucket kept in the database (table rate_buckets), so every server on one
 * database counts the same attempts: two servers behind a load balancer allow what one does.
 * Each take is one statement, so concurrent attempts are each counted.
 */
export class SharedRateLimiter implements Limiter {
  private takes = 0;

  constructor(
    private readonly db: Kysely<Database>,
    readonly name: string,
    readonly capacity: number,
    readonly perMinute: number,
  ) {}

  async check(key: string, now: number): Promise<number> {
    const perMs = this.perMinute / 60_000;
    if (++this.takes % SWEEP_EVERY === 0)
      await dropIdleBuckets(this.db, this.name, now - this.capacity / perMs);
    const left = await takeToken(this.db, {
      name: this.name,
      key,
      capacity: this.capacity,
      perMs,
      now,
    });
    if (left !== null) return 0;
    const b = await bucketOf(this.db, this.name, key);
    const have = b ? Math.min(this.capacity, Number(b.tokens) + (now - Number(b.at)) * perMs) : 1;
    return Math.max(1, Math.ceil((1 - have) / perMs / 1000));
  }
}

export interface RateLimits {
  /** Login attempts per client address. */
  readonly loginPerIp: Limiter;
  /** Login attempts per username, whatever the address. */
  readonly loginPerUser: Limiter;
  /** File uploads (evidence, spreadsheets, reports) per user, per server (a load limit). */
  readonly uploads: RateLimiter;
  /** Changes of one's own password per user: a stolen session cannot guess the current password. */
  readonly passwordChange: Limiter;
  /** Submissions on the public portal (requests, 补正, comments, ratings) per client address. */
  readonly publicSubmit: Limiter;
  /** Lookups and follow-ups of one tracking code, whatever the address (a code cannot be guessed at). */
  readonly publicCode: Limiter;
  /** Any request to the public portal per client address, per server (a load limit). */
  readonly publicRead: RateLimiter;
}

/** The server's limits: those that defend accounts are shared through the database. */
export function defaultRateLimits(db: Kysely<Database>): RateLimits {
  return {
    loginPerIp: new SharedRateLimiter(db, 'loginPerIp', 20, 20),
    loginPerUser: new SharedRateLimiter(db, 'loginPerUser', 10, 10),
    uploads: new RateLimiter(30, 60),
    passwordChange: new SharedRateLimiter(db, 'passwordChange', 5, 0.2),
    publicSubmit: new SharedRateLimiter(db, 'publicSubmit', 10, 10 / 60),
    publicCode: new SharedRateLimiter(db, 'publicCode', 30, 30 / 60),
    publicRead: new RateLimiter(300, 300),
  };
}
