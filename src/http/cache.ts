import type { Db } from '../db/connect.ts';
import type { Authenticated } from '../services/sessions.ts';

/**
 * Read caches for the hot GET routes (indicators, record lists) and for sessions, invalidated by
 * the data version: any write through this server bumps a counter, and on SQLite the database's
 * own change counters catch writes from other processes (the CLI) at once. PostgreSQL has no such
 * counter, so there an answer older than TTL_MS is refreshed in the background while the previous
 * one is still served: another process's writes show within about TTL_MS.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  readonly version: string;
  readonly at: number;
  readonly body: string;
}

export class ReadCache {
  private local = 0;
  private readonly bodies = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly sessions = new Map<string, { auth: Authenticated; until: number }>();
  private readonly counters?: { data: { get(): unknown }; total: { get(): unknown } };

  /** `enabled: false` computes every answer (benchmarks measure the uncached cost with it). */
  constructor(
    h: Db,
    private readonly enabled = true,
  ) {
    const raw = h.sqlite;
    // data_version moves when another connection commits; total_changes() counts this connection's writes.
    if (raw)
      this.counters = {
        data: raw.prepare('pragma data_version').pluck(),
        total: raw.prepare('select total_changes()').pluck(),
      };
  }

  /** Called after every write request, before its answer goes out. */
  bump(): void {
    this.local++;
    this.sessions.clear();
  }

  /** The version cached answers must match. */
  version(): string {
    return this.counters
      ? `${this.local}:${String(this.counters.data.get())}:${String(this.counters.total.get())}`
      : String(this.local);
  }

  /**
   * The cached answer, or `compute()`'s, stored under the version read before computing. Concurrent
   * misses on one key share a single computation, so a burst after a write computes once.
   */
  async getOrCompute(key: string, now: number, compute: () => Promise<string>): Promise<string> {
    if (!this.enabled) return compute();
    const version = this.version();
    const e = this.bodies.get(key);
    if (e && e.version === version) {
      if (this.counters || now - e.at < TTL_MS) return e.body;
      void this.refresh(key, version, now, compute).catch(() => undefined);
      return e.body;
    }
    return this.refresh(key, version, now, compute);
  }

  private async refresh(
    key: string,
    version: string,
    now: number,
    compute: () => Promise<string>,
  ): Promise<string> {
    const flight = `${version}|${key}`;
    const running = this.pending.get(flight);
    if (running) return running;
    const p = compute().then((body) => {
      this.bodies.delete(key);
      this.bodies.set(key, { version, at: now, body });
      if (this.bodies.size > MAX_ENTRIES) this.bodies.delete(this.bodies.keys().next().value!);
      return body;
    });
    this.pending.set(flight, p);
    try {
      return await p;
    } finally {
      this.pending.delete(flight);
    }
  }

  session(sid: string, now: number): Authenticated | undefined {
    const e = this.sessions.get(sid);
    if (!e) return undefined;
    if (e.until > now) return e.auth;
    this.sessions.delete(sid);
    return undefined;
  }

  keepSession(sid: string, auth: Authenticated, now: number): void {
    if (this.sessions.size > MAX_ENTRIES) this.sessions.clear();
    this.sessions.set(sid, { auth, until: now + TTL_MS });
  }
}
