import { createHash, createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import pLimit, { type LimitFunction } from 'p-limit';
import * as repo from '../db/audit.repo.ts';
import type { ChainHead } from '../db/audit.repo.ts';
import { appendChange, changeInsert, type ChangeNote } from '../db/change-feed.repo.ts';
import type { Db } from '../db/connect.ts';
import type { AuditLogRow, Database } from '../db/schema.ts';
import type { Principal } from './access.ts';
import { auditKeyOf, type AuditKey } from './audit-key.ts';

/** Who did something, and from where. `null` fields for the system itself (CLI, seeding). */
export interface AuditActor {
  readonly id: number | null;
  readonly username: string | null;
  readonly role: string | null;
  readonly ip: string | null;
  /**
   * What the request's writes may change, for the other servers' caches: each audited write of
   * the request appends it to the change feed in its own transaction. Absent outside the API.
   */
  readonly change?: ChangeNote;
}

/** The audit actor of a principal acting from an address (null: the server's console). */
export function actorOf(p: Principal, ip: string | null): AuditActor {
  return { id: p.id, username: p.username, role: p.role, ip };
}

/** What was done to which record; `before`/`after` are the record's JSON on either side of the write. */
export interface AuditEvent {
  /** e.g. `login`, `login_failed`, `record.update`. */
  readonly action: string;
  readonly targetType?: string;
  readonly targetId?: string | number | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/**
 * SHA-256 over the previous hash and the canonical JSON of every field of the entry but its hash;
 * HMAC-SHA256 under the server's key for entries from the key's `since` on.
 */
export function entryHash(e: Omit<AuditLogRow, 'hash'>, key: AuditKey | null = null): string {
  const fields = {
    seq: Number(e.seq),
    at: e.at,
    actor_id: e.actor_id,
    actor: e.actor,
    role: e.role,
    ip: e.ip,
    action: e.action,
    target_type: e.target_type,
    target_id: e.target_id,
    before: e.before,
    after: e.after,
  };
  const h = key && Number(e.seq) >= key.since ? createHmac('sha256', key.key) : createHash('sha256');
  return h.update(e.prev_hash).update(canonicalJson(fields)).digest('hex');
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : canonicalJson(v));

/** The entries of one write, chained from `head`. */
function chainFrom(
  head: ChainHead,
  actor: AuditActor,
  events: readonly AuditEvent[],
  at: string,
  key: AuditKey | null,
): AuditLogRow[] {
  const rows: AuditLogRow[] = [];
  let prev = head;
  for (const e of events) {
    const entry: Omit<AuditLogRow, 'hash'> = {
      seq: prev.seq + 1,
      at,
      actor_id: actor.id,
      actor: actor.username,
      role: actor.role,
      ip: actor.ip,
      action: e.action,
      target_type: e.targetType ?? null,
      target_id: e.targetId === undefined || e.targetId === null ? null : String(e.targetId),
      before: json(e.before),
      after: json(e.after),
      prev_hash: prev.hash,
    };
    const row = { ...entry, hash: entryHash(entry, key) };
    rows.push(row);
    prev = row;
  }
  return rows;
}

/**
 * PostgreSQL: the chain head as this process last moved it, per database handle, and its appends
 * taken one at a time. Each append is sent when the one before has been written (its transaction
 * then commits while this one waits for the head's lock in PostgreSQL), chains its entries from
 * the head that one left, and writes them in one statement that takes the head's lock and moves
 * the head only if it is still there. The lock is then held for that statement and the commit, not
 * also for a round trip that reads the head first. A wrong guess (another server or the CLI
 * appended, or the append before was rolled back) writes nothing but finds the head, locked, and
 * the entries are chained from it.
 */
const guessedHead = new WeakMap<Db, ChainHead>();
const appending = new WeakMap<Db, LimitFunction>();

/**
 * PostgreSQL: the audited writes of this process that may hold a connection at once (writersOf):
 * the others wait here, holding nothing, rather than in PostgreSQL, holding a connection the reads
 * need. An audited write never starts another from within its own (each is one transaction), so
 * no write waits for a turn its caller holds.
 */
const writing = new WeakMap<Db, LimitFunction>();

/** The limiter of `h` in `of`, made with `concurrency` the first time. */
function limiter(of: WeakMap<Db, LimitFunction>, h: Db, concurrency: number): LimitFunction {
  let l = of.get(h);
  if (!l) of.set(h, (l = pLimit(concurrency)));
  return l;
}

/**
 * Appends the entries on the caller's transaction, locking the chain head once, and the actor's
 * change-feed entry (on PostgreSQL in the same statement as the entries when it can).
 */
async function appendAudit(
  trx: Transaction<Database>,
  h: Db,
  actor: AuditActor,
  events: readonly AuditEvent[],
  at: string,
): Promise<void> {
  const c = actor.change;
  let change = c ? { scope: c.scope, accounts: c.accounts, origin: c.origin } : null;
  if (change && (events.length === 0 || h.dialect.name !== 'postgres' || !guessedHead.has(h))) {
    await appendChange(h, change, trx);
    change = null;
  }
  if (events.length === 0) return;
  const key = auditKeyOf(h);
  const chained = (head: ChainHead) => chainFrom(head, actor, events, at, key);
  /** Locks the head (unless `found` holds it already), then appends after it; the new head. */
  const afterHead = async (found: ChainHead | null) => {
    const rows = chained(found ?? (await repo.lockHead(trx, h.dialect)));
    await repo.insertEntries(trx, h.dialect, rows);
    return rows.at(-1)!;
  };
  if (h.dialect.name !== 'postgres') {
    await afterHead(null);
    return;
  }
  await limiter(
    appending,
    h,
    1,
  )(async () => {
    const guess = guessedHead.get(h);
    let found: ChainHead | null = null;
    if (guess) {
      const rows = chained(guess);
      // A change entry not written above goes with this statement, wherever the head is.
      found = await repo.appendIfHead(
        trx,
        guess.seq,
        rows,
        change ? changeInsert(h.dialect, change) : undefined,
      );
      if (!found) {
        guessedHead.set(h, rows.at(-1)!);
        return;
      }
    }
    guessedHead.set(h, await afterHead(found));
  });
}

/**
 * Runs a write and its audit entries in one transaction: either both are stored or neither. This
 * is the only way an entry is appended to the chain. `fn` returns the result and the events
 * describing what it changed; it must read through `trx` only (SQLite has one connection). The
 * actor's change-feed entry, if any, commits with them.
 */
export async function withAudit<T>(
  h: Db,
  actor: AuditActor,
  at: string,
  fn: (trx: Transaction<Database>) => Promise<{ result: T; events: readonly AuditEvent[] }>,
): Promise<T> {
  const write = () =>
    h.db.transaction().execute(async (trx) => {
      const { result, events } = await fn(trx);
      await appendAudit(trx, h, actor, events, at);
      return result;
    });
  const result = await (h.writers === undefined ? write() : limiter(writing, h, h.writers)(write));
  if (actor.change) actor.change.announced = true;
  return result;
}

/** Records a sensitive read (an export, a download, a review) in the chain; nothing else is written. */
export async function auditRead(h: Db, actor: AuditActor, at: string, e: AuditEvent): Promise<void> {
  await withAudit(h, actor, at, () => Promise.resolve({ result: undefined, events: [e] }));
}

export type AuditCheck =
  | { readonly ok: true; readonly count: number; readonly headHash: string }
  | { readonly ok: false; readonly seq: number; readonly message: string };

/** Walks the chain from the start and reports the first entry that was edited, deleted, inserted or moved. */
export async function verifyAudit(h: Db): Promise<AuditCheck> {
  const key = auditKeyOf(h);
  let prevSeq = 0;
  let prevHash = GENESIS;
  for (;;) {
    const page = await repo.entriesAfter(h.db, prevSeq, 1000);
    for (const r of page) {
      if (r.seq !== prevSeq + 1) {
        return {
          ok: false,
          seq: prevSeq + 1,
          message: `第 ${prevSeq + 1} 条至第 ${r.seq - 1} 条审计记录缺失（已被删除）`,
        };
      }
      if (r.prev_hash !== prevHash) {
        return {
          ok: false,
          seq: r.seq,
          message: `第 ${r.seq} 条审计记录与第 ${prevSeq} 条衔接不上（前后记录被删除、插入、改动或调换了顺序）`,
        };
      }
      if (entryHash(r, key) !== r.hash) {
        const keyed = key !== null && r.seq >= key.since;
        return {
          ok: false,
          seq: r.seq,
          message: `第 ${r.seq} 条审计记录（${r.at} ${r.action}）的内容被改动过${keyed ? '，或与本服务器的审计密钥不符' : key ? '' : '（若服务器使用审计密钥，请在同一数据目录下校验）'}`,
        };
      }
      prevSeq = r.seq;
      prevHash = r.hash;
    }
    if (page.length < 1000) break;
  }
  const head = await repo.getHead(h.db);
  if (head.seq !== prevSeq || head.hash !== prevHash) {
    return {
      ok: false,
      seq: prevSeq + 1,
      message: `审计日志应有 ${head.seq} 条，实有 ${prevSeq} 条：末尾的记录被删除或链头被改动`,
    };
  }
  return { ok: true, count: prevSeq, headHash: prevHash };
}

/** An entry as shown to auditors and exported. */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actorId: number | null;
  readonly actor: string | null;
  readonly role: string | null;
  readonly ip: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly hash: string;
}

const parse = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));

export function toEntry(r: AuditLogRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor,
    role: r.role,
    ip: r.ip,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    before: parse(r.before),
    after: parse(r.after),
    hash: r.hash,
  };
}

/** Entries with `from <= at < to` (ISO text), in chain order. */
export async function listAudit(h: Db, q: repo.AuditQuery): Promise<AuditEntry[]> {
  return (await repo.listEntries(h.db, q)).map(toEntry);
}

const CSV_COLS = [
  'seq',
  'at',
  'actor',
  'role',
  'ip',
  'action',
  'targetType',
  'targetId',
  'before',
  'after',
  'hash',
] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // A leading = + - @ would be run as a formula by a spreadsheet: prefix it with a quote.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The chain's head: its length and last hash, the anchor an auditor keeps outside the database. */
export async function auditHead(h: Db): Promise<ChainHead> {
  return repo.getHead(h.db);
}

/**
 * Exports entries as JSON lines or CSV (with a BOM so Excel reads the Chinese correctly), ending
 * with the chain's head at the time of export: kept apart, it shows later whether the chain was
 * cut short or rewritten. Returns the number of entries.
 */
export async function exportAudit(
  h: Db,
  actor: AuditActor,
  at: string,
  range: { from?: string; to?: string },
  format: 'jsonl' | 'csv',
  write: (chunk: string) => void,
): Promise<number> {
  let offset = 0;
  if (format === 'csv') write('\ufeff' + CSV_COLS.join(',') + '\n');
  for (;;) {
    const page = await listAudit(h, { ...range, limit: 1000, offset });
    for (const e of page) {
      write(
        format === 'jsonl' ? JSON.stringify(e) + '\n' : CSV_COLS.map((c) => csvCell(e[c])).join(',') + '\n',
      );
    }
    offset += page.length;
    if (page.length < 1000) break;
  }
  const head = await auditHead(h);
  write(
    format === 'jsonl'
      ? JSON.stringify({ chainHead: head }) + '\n'
      : ['链头', '', '', '', '', '审计日志链头', 'audit_log', String(head.seq), '', '', head.hash].join(',') +
          '\n',
  );
  // The export itself is an entry after the head it printed.
  await auditRead(h, actor, at, {
    action: 'audit.export',
    targetType: 'audit_log',
    after: { ...range, format, entries: offset, head },
  });
  return offset;
}
