import { sql } from 'kysely';
import { unreachableReason, type Db } from './connect.ts';

/**
 * The longest a user's reads stay on the primary after that user's own write. A streaming standby
 * releases them as soon as it has replayed the write (its replay position passes the primary's WAL
 * insert position, read right after the write); a copy that cannot say how far it has replayed holds them the whole window.
 */
export const OWN_WRITE_WINDOW_MS = 30_000;
/** After the replica fails to answer, reads stay on the primary this long before it is tried again. */
export const REPLICA_RETRY_MS = 30_000;
/** Users tracked at most; past it, entries whose window has passed are dropped. */
const MAX_TRACKED = 10_000;

export interface ReadRoutingOptions {
  /** One line for the operator: the replica went away. */
  readonly log: (line: string) => void;
  /** Milliseconds; tests move it. */
  readonly now?: () => number;
}

/**
 * Where a read goes when the server has a read replica (`serve --db-read`): the replica, except
 * for a user who has just written (until the replica has that write) and while the replica does not
 * answer. Without a replica every read goes to the primary.
 */
export class ReadRouting {
  private readonly pending = new Map<number, { lsn: string | null; at: number }>();
  private downUntil = 0;
  private readonly now: () => number;

  constructor(
    readonly primary: Db,
    readonly replica: Db | null,
    private readonly opts: ReadRoutingOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** The database a read for `userId` goes to. */
  async handleFor(userId: number): Promise<Db> {
    const replica = this.replica;
    if (!replica) return this.primary;
    const now = this.now();
    if (now < this.downUntil) return this.primary;
    const own = this.pending.get(userId);
    if (!own) return replica;
    if (
      now - own.at >= OWN_WRITE_WINDOW_MS ||
      (own.lsn !== null && (await this.replayed(replica, own.lsn)))
    ) {
      this.pending.delete(userId);
      return replica;
    }
    return this.primary;
  }

  /** Call when a user's write has committed: that user's reads go to the primary until the replica has it. */
  async noteWrite(userId: number): Promise<void> {
    if (!this.replica) return;
    let lsn: string | null = null;
    try {
      // The insert position, not the write position: with synchronous_commit off the user's commit
      // record may still be in the WAL buffers, past what has been written.
      const r = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(
        this.primary.db,
      );
      lsn = r.rows[0]?.lsn ?? null;
    } catch {
      // Without the position the window alone holds the user's reads on the primary.
    }
    const now = this.now();
    if (this.pending.size >= MAX_TRACKED)
      for (const [id, p] of this.pending) if (now - p.at >= OWN_WRITE_WINDOW_MS) this.pending.delete(id);
    this.pending.set(userId, { lsn, at: now });
  }

  /**
   * Whether `e`, thrown by a read on `used`, means the replica is unreachable; if so, reads go to
   * the primary for a while and the first such failure is logged, once.
   */
  replicaFailed(used: Db, e: unknown): boolean {
    if (used !== this.replica || this.replica === null) return false;
    const reason = unreachableReason(e);
    if (!reason) return false;
    const now = this.now();
    const wasUp = now >= this.downUntil;
    this.downUntil = now + REPLICA_RETRY_MS;
    if (wasUp)
      this.opts.log(
        `只读副本 ${this.replica.label} 无法连接（${reason}），读取改由主库提供，${REPLICA_RETRY_MS / 1000} 秒后再试副本`,
      );
    return true;
  }

  /** Whether the replica has replayed the primary's WAL up to `lsn` (false on a copy that is not a standby). */
  private async replayed(replica: Db, lsn: string): Promise<boolean> {
    try {
      const r = await sql<{ ok: boolean | null }>`
        select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as ok`.execute(replica.db);
      return r.rows[0]?.ok === true;
    } catch (e) {
      this.replicaFailed(replica, e);
      return false;
    }
  }
}
