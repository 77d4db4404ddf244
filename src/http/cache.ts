import type { Db } from '../db/connect.ts';
import type { Authenticated } from '../services/sessions.ts';

/**
 * Read caches for the hot GET routes (indicators, record lists) and for sessions. A write drops
 * the cached answers of the organisations it touches — the writer's subtree and the organisations
 * above it — and leaves the rest: a township's write does not recompute another township's
 * dashboard. Writes through this server call bump() before their answer goes out; writes through
 * other servers arrive through the change feed (change-feed.ts), and an answer is served only
 * while the feed has been read within FEED_BOUND_MS, so they show within that bound. On SQLite the
 * database's data_version also catches commits from other processes (the CLI) at once.
 */
/**
 * What a cached answer reads: anything in its scope, or only cases (their steps, clocks and the
 * records they are about) and the calendar.
 */
export type Reads = 'all' | 'cases';
/** What a write changes: anything in its scope, or only new ledger records (no case, account or calendar). */
export type Writes = 'any' | 'new-records';
/** A write leaves an answer standing when it adds records and the answer reads only cases. */
const leaves = (reads: Reads, writes: Writes): boolean => reads === 'cases' && writes === 'new-records';

/** Sessions are kept this long at most: their idle timeout is checked again when they are read anew. */
const SESSION_MS = 5_000;
const MAX_ENTRIES = 2_000;
/** Scoped writes remembered, so an answer computed across a write is not stored. */
const RECENT_WRITES = 256;

/** Whether cached answers may be served now (the change feed has been read within its bound). */
export interface Freshness {
  fresh(): boolean;
  /** Fresh now, or after reading the feed at once. */
  catchUp(): Promise<boolean>;
}

const ALWAYS: Freshness = { fresh: () => true, catchUp: () => Promise.resolve(true) };

interface Entry {
  readonly version: string;
  readonly body: string;
  /** The organisation path the answer was computed for (the user's scope). */
  readonly scope: string;
  readonly reads: Reads;
}

/** One organisation path lies inside the other: a write under either may change the other's answers. */
const related = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

export class ReadCache {
  /** Moves on a write that may touch anything (no writer scope); cached answers of older generations are stale. */
  private generation = 0;
  private epoch = 0;
  private readonly recent: { epoch: number; scope: string; writes: Writes }[] = [];
  private readonly bodies = new Map<string, Entry>();
  private readonly pending = new Map<string, { scope: string; reads: Reads; p: Promise<string> }>();
  private readonly sessions = new Map<string, { auth: Authenticated; until: number }>();
  private readonly dataVersion?: { get(): unknown };

  /** `enabled: false` computes every answer (benchmarks measure the uncached cost with it). */
  constructor(
    h: Db,
    private readonly enabled = true,
    private readonly feed: Freshness = ALWAYS,
  ) {
    // data_version moves when another connection commits (this server's own writes call bump()).
    if (h.sqlite) this.dataVersion = h.sqlite.prepare('pragma data_version').pluck();
  }

  /**
   * Called after every write request, before its answer goes out, with the writer's organisation
   * path (null when the write may touch anything: administrators' writes, public routes) and what
   * it changed. Kept sessions are dropped when the write may touch accounts or sessions, or anything.
   */
  bump(scope: string | null, accounts = true, writes: Writes = 'any'): void {
    if (accounts || scope === null) this.sessions.clear();
    this.epoch++;
    const stale = (e: { scope: string; reads: Reads }) =>
      scope === null || (related(e.scope, scope) && !leaves(e.reads, writes));
    // A request from now on must not join a computation begun before the write.
    for (const [k, f] of this.pending) if (stale(f)) this.pending.delete(k);
    if (scope === null) {
      this.generation++;
      return;
    }
    for (const [k, e] of this.bodies) if (stale(e)) this.bodies.delete(k);
    this.recent.push({ epoch: this.epoch, scope, writes });
    if (this.recent.length > RECENT_WRITES) this.recent.shift();
  }

  /** The version cached answers must match. */
  version(): string {
    return this.dataVersion
      ? `${this.generation}:${String(this.dataVersion.get())}`
      : String(this.generation);
  }

  /** True when a write changing what an answer of `scope` reads was made after `epoch` (or too long ago to tell). */
  private writtenSince(epoch: number, scope: string, reads: Reads): boolean {
    if (this.epoch === epoch) return false;
    const oldest = this.recent[0];
    if (!oldest || oldest.epoch > epoch + 1) return true;
    return this.recent.some((w) => w.epoch > epoch && related(w.scope, scope) && !leaves(reads, w.writes));
  }

  /**
   * The cached answer, or `compute()`'s, stored under the version read before computing. Concurrent
   * misses on one key share a single computation, so a burst after a write computes once. An
   * answer is valid until a write changes what it reads in its scope; while the change feed is
   * unread for longer than its bound, every answer is computed.
   */
  async getOrCompute(
    key: string,
    scope: string,
    compute: () => Promise<string>,
    reads: Reads = 'all',
  ): Promise<string> {
    if (!this.enabled || !(await this.usable())) return compute();
    const version = this.version();
    const e = this.bodies.get(key);
    if (e && e.version === version) return e.body;
    const flight = `${version}|${key}`;
    const running = this.pending.get(flight);
    if (running) return running.p;
    const started = this.epoch;
    const p = compute().then((body) => {
      // A write to this scope while computing may or may not be in the answer: serve it, keep it not.
      if (this.writtenSince(started, scope, reads)) return body;
      this.bodies.delete(key);
      this.bodies.set(key, { version, body, scope, reads });
      if (this.bodies.size > MAX_ENTRIES) this.bodies.delete(this.bodies.keys().next().value!);
      return body;
    });
    const f = { scope, reads, p };
    this.pending.set(flight, f);
    try {
      return await p;
    } finally {
      if (this.pending.get(flight) === f) this.pending.delete(flight);
    }
  }

  /** Whether kept answers and sessions may be served now, reading the change feed first if it is due. */
  usable(): Promise<boolean> {
    return this.feed.fresh() ? Promise.resolve(true) : this.feed.catchUp();
  }

  /** A kept session; call usable() first (a kept session is not served while the feed is unread). */
  session(sid: string, now: number): Authenticated | undefined {
    if (!this.feed.fresh()) return undefined;
    const e = this.sessions.get(sid);
    if (!e) return undefined;
    if (e.until > now) return e.auth;
    this.sessions.delete(sid);
    return undefined;
  }

  keepSession(sid: string, auth: Authenticated, now: number): void {
    if (this.sessions.size > MAX_ENTRIES) this.sessions.clear();
    if (!this.feed.fresh()) return;
    this.sessions.set(sid, { auth, until: now + SESSION_MS });
  }
}
