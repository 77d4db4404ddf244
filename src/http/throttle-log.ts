import type { Db } from '../db/connect.ts';
import { auditRead } from '../services/audit.ts';

interface Tally {
  readonly limit: string;
  readonly key: string;
  readonly ip: string | null;
  count: number;
  readonly first: string;
  last: string;
}

/** How often the tallies are written: a flood of refused requests becomes one entry a minute per source. */
const FLUSH_MS = 60_000;

/**
 * Requests refused by a rate limit (429), audited in aggregate: one entry per limit and key for
 * each minute they keep coming, with the count and the first and last time, so a password-guessing
 * flood is on the record without writing to the chain at the flood's own pace.
 */
export class ThrottleLog {
  private tallies = new Map<string, Tally>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly h: Db) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), FLUSH_MS);
    this.timer.unref();
  }

  /** One refused request: `limit` is the limiter's name, `key` what it counts (address, account). */
  note(limit: string, key: string, ip: string | null, at: string): void {
    const id = `${limit}|${key}`;
    const t = this.tallies.get(id);
    if (t) {
      t.count++;
      t.last = at;
    } else this.tallies.set(id, { limit, key, ip, count: 1, first: at, last: at });
  }

  /** Writes the tallies so far, one audit entry each, and starts counting afresh. */
  async flush(): Promise<void> {
    const done = [...this.tallies.values()];
    this.tallies = new Map();
    for (const t of done)
      await auditRead(this.h, { id: null, username: null, role: null, ip: t.ip }, t.last, {
        action: 'rate_limited',
        targetType: 'rate_limit',
        targetId: t.limit,
        after: { key: t.key, count: t.count, first: t.first, last: t.last },
      });
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
