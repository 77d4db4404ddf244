import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/connect.ts';
import {
  FEED_CHANNEL,
  appendChange,
  type ChangeNote,
  changesAfter,
  lastChange,
  pruneChanges,
} from '../db/change-feed.repo.ts';

/** How often every server reads the change feed. */
export const FEED_POLL_MS = 200;
/**
 * The bound: a server serves a cached answer or session only while its last successful read of
 * the feed began less than this long ago. A write answered by any server is in the feed before
 * its answer goes out, so every server stops serving what it changed within FEED_BOUND_MS; a
 * server that cannot read the feed computes every answer until it can again.
 */
export const FEED_BOUND_MS = 1_000;
/** Entries older than this are pruned; a server that read nothing for half of it forgets all it kept. */
const RETENTION_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;
/**
 * PostgreSQL hands out sequence numbers before commit, so an entry can appear after a higher one
 * was read. A missing number is looked for this long, then taken for a rolled-back insert.
 */
const GAP_WAIT_MS = 10_000;
const BATCH = 500;
const REREAD_AT_START = 50;
const MAX_UNSENT = 100;
/** How long a lost LISTEN connection waits before it is opened again (polling goes on meanwhile). */
const RELISTEN_MS = 5_000;

export type ApplyChange = (scope: string | null, accounts: boolean) => void;

export interface FeedLog {
  warn(msg: string): void;
  info(msg: string): void;
}

/**
 * The change feed of one server: `publish` records this server's writes for the others; a poll
 * every FEED_POLL_MS (and at once on a PostgreSQL notification) applies the others' writes to
 * this server's read cache.
 */
export class ChangeFeed {
  /** Every sequence up to floor is applied (or given up on as rolled back). */
  private floor = 0;
  private readonly seen = new Set<number>();
  private readonly gaps = new Map<number, number>();
  /** Marks this server's own entries, which were applied when written. */
  private readonly origin = randomUUID();
  private readonly unsent: { scope: string | null; accounts: boolean }[] = [];
  private lastOk = -Infinity;
  private lastPrune = -Infinity;
  private failing = false;
  private running?: Promise<void>;
  private again = false;
  private closed = false;
  private started = false;
  private timer?: NodeJS.Timeout;
  private unlisten?: () => Promise<void>;
  private listenAt = -Infinity;

  constructor(
    private readonly h: Db,
    private readonly onChange: ApplyChange,
    private readonly log: FeedLog = { warn: () => undefined, info: () => undefined },
  ) {}

  /** True while cached answers may be served: the last successful read began within the bound. */
  fresh(): boolean {
    return performance.now() - this.lastOk < FEED_BOUND_MS;
  }

  /** Starts reading from the feed's current end (this server's cache holds nothing older). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const at = performance.now();
    try {
      // A few entries before the end are read again: one may have taken its number before a
      // higher one committed. Applying them to an empty cache costs nothing.
      this.floor = Math.max(0, (await lastChange(this.h.db)) - REREAD_AT_START);
      this.lastOk = at;
    } catch (e) {
      this.fail(e);
    }
    await this.listen();
    this.timer = setInterval(() => this.wake(), FEED_POLL_MS);
    this.timer.unref();
  }

  /**
   * A request's note of what its writes may change: each audited write carrying it (in its
   * actor) appends this server's entry in its own transaction.
   */
  note(scope: string | null, accounts: boolean): ChangeNote {
    return { scope, accounts, origin: this.origin, announced: false };
  }

  /**
   * Records a write of this server for the others, when no audited write announced it. An entry that cannot be written now is kept
   * and written again before each read of the feed, so no committed write goes unannounced.
   */
  async publish(scope: string | null, accounts: boolean): Promise<void> {
    try {
      await this.append(scope, accounts);
    } catch (e) {
      // Many unsent entries (the database is down) are as good as one saying "anything".
      if (this.unsent.length >= MAX_UNSENT)
        this.unsent.splice(0, this.unsent.length, { scope: null, accounts: true });
      else this.unsent.push({ scope, accounts });
      throw e;
    }
  }

  private async append(scope: string | null, accounts: boolean): Promise<void> {
    await appendChange(this.h, { scope, accounts, origin: this.origin });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.unlisten?.();
  }

  /**
   * Fresh now, or after reading the feed at once: a busy server whose timer fell behind reads the
   * feed (one indexed select) rather than computing every answer. False when the read fails.
   */
  async catchUp(): Promise<boolean> {
    if (this.fresh()) return true;
    if (this.closed || !this.started) return false;
    this.wake();
    await this.running;
    return this.fresh();
  }

  /** Reads the feed now, or again right after the read in progress. */
  wake(): void {
    if (this.closed || !this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  /** Reads the feed until nothing new is asked for; resolves when done (tests await it). */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.poll();
        } while (this.again && !this.closed);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async poll(): Promise<void> {
    const at = performance.now();
    try {
      while (this.unsent.length) {
        const u = this.unsent[0]!;
        await this.append(u.scope, u.accounts);
        this.unsent.shift();
      }
      // Never read (the start failed): nothing is cached yet, so begin at the feed's end.
      if (this.lastOk === -Infinity)
        this.floor = Math.max(0, (await lastChange(this.h.db)) - REREAD_AT_START);
      // Too long without a read: entries may have been pruned unread, so forget everything.
      else if (at - this.lastOk > RETENTION_MS / 2) this.onChange(null, true);
      let cursor = this.floor;
      for (;;) {
        const rows = await changesAfter(this.h.db, cursor, BATCH);
        for (const r of rows) {
          if (this.seen.has(r.seq)) continue;
          this.seen.add(r.seq);
          this.gaps.delete(r.seq);
          if (r.origin !== this.origin) this.onChange(r.scope, r.accounts);
        }
        if (rows.length < BATCH) break;
        cursor = rows[rows.length - 1]!.seq;
      }
      this.advance(at);
      if (this.failing) {
        // What was kept before the failure may have missed entries another server could not write.
        this.onChange(null, true);
        this.log.info('已恢复读取变更记录，缓存重新启用');
      }
      this.failing = false;
      this.lastOk = at;
    } catch (e) {
      this.fail(e);
      return;
    }
    if (!this.unlisten && at - this.listenAt > RELISTEN_MS) await this.listen();
    if (at - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = at;
      await pruneChanges(this.h.db, new Date(Date.now() - RETENTION_MS).toISOString()).catch(() => undefined);
    }
  }

  /** Moves the floor over every sequence applied or waited for long enough. */
  private advance(at: number): void {
    let top = this.floor;
    for (const s of this.seen) if (s > top) top = s;
    for (let s = this.floor + 1; s < top; s++)
      if (!this.seen.has(s) && !this.gaps.has(s)) this.gaps.set(s, at);
    for (const [s, since] of this.gaps) if (at - since > GAP_WAIT_MS) this.gaps.delete(s);
    while (this.floor < top && (this.seen.has(this.floor + 1) || !this.gaps.has(this.floor + 1))) {
      this.floor++;
      this.seen.delete(this.floor);
    }
  }

  private fail(e: unknown): void {
    if (!this.failing)
      this.log.warn(
        `读取变更记录失败，本服务器暂不使用缓存、每个请求都从数据库计算，直至恢复：${e instanceof Error ? e.message : String(e)}`,
      );
    this.failing = true;
  }

  private async listen(): Promise<void> {
    if (!this.h.listen || this.closed) return;
    this.listenAt = performance.now();
    try {
      this.unlisten = await this.h.listen(
        FEED_CHANNEL,
        // This server's own entries were applied when written; the next poll still passes over them.
        (origin) => {
          if (origin !== this.origin) this.wake();
        },
        () => {
          this.unlisten = undefined;
        },
      );
      if (this.closed) await this.unlisten();
    } catch {
      // Polling still finds every entry; LISTEN is tried again later.
      this.unlisten = undefined;
    }
  }
}
