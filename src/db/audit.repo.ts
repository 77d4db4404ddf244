import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from './dialect.ts';
import type { AuditLogRow, Database } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
const COLS = [
  'seq',
  'at',
  'actor_id',
  'actor',
  'role',
  'ip',
  'action',
  'target_type',
  'target_id',
  'before',
  'after',
  'prev_hash',
  'hash',
] as const;

/**
 * The chain head, locked until the transaction ends. PostgreSQL: `select … for update` on the
 * one-row table; SQLite: the write transaction already holds the database's only writer lock
 * (and `seq` is the primary key, so two appends can never share a position).
 */
export async function lockHead(
  trx: Transaction<Database>,
  dialect: Dialect,
): Promise<{ seq: number; hash: string }> {
  let q = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialect.name === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirstOrThrow();
  return { seq: Number(r.seq), hash: r.hash };
}

export async function insertEntry(trx: Transaction<Database>, row: AuditLogRow): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
  await trx.updateTable('audit_head').set({ seq: row.seq, hash: row.hash }).where('id', '=', 1).execute();
}

export async function getHead(db: Q): Promise<{ seq: number; hash: string }> {
  const r = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(r.seq), hash: r.hash };
}

/** Entries in chain order from `afterSeq` on, a page at a time (verification streams the log). */
export async function entriesAfter(db: Q, afterSeq: number, limit: number): Promise<AuditLogRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(COLS)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export interface AuditQuery {
  /** Inclusive ISO timestamps or dates (compared as text). */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset?: number;
}

export async function listEntries(db: Q, q: AuditQuery): Promise<AuditLogRow[]> {
  let s = db.selectFrom('audit_log').select(COLS);
  if (q.from) s = s.where('at', '>=', q.from);
  if (q.to) s = s.where('at', '<', q.to);
  const rows = await s
    .orderBy('seq')
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
