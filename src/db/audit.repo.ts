import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
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

/** The chain's last entry: its sequence number and hash. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * The chain head, locked until the transaction ends. PostgreSQL: `select … for update` on the
 * one-row table; SQLite: the write transaction already holds the database's only writer lock
 * (and `seq` is the primary key, so two appends can never share a position).
 */
export async function lockHead(trx: Transaction<Database>, dialect: Dialect): Promise<ChainHead> {
  let q = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialect.name === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirstOrThrow();
  return { seq: Number(r.seq), hash: r.hash };
}

/** Entries a statement appends: 13 parameters each, within both databases' limits. */
const ENTRY_CHUNK = 500;

/**
 * Appends entries (in chain order) and moves the head to the last; on PostgreSQL the last
 * chunk and the head move are one statement: each statement of a write is a round trip the
 * request waits on.
 */
export async function insertEntries(
  trx: Transaction<Database>,
  dialect: Dialect,
  rows: readonly AuditLogRow[],
): Promise<void> {
  const last = rows.at(-1);
  if (!last) return;
  const lastChunk = Math.floor((rows.length - 1) / ENTRY_CHUNK) * ENTRY_CHUNK;
  for (let i = 0; i < lastChunk; i += ENTRY_CHUNK)
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + ENTRY_CHUNK))
      .execute();
  const tail = rows.slice(lastChunk);
  const head = { seq: last.seq, hash: last.hash };
  if (dialect.name === 'postgres') {
    await trx
      .with('appended', (db) => db.insertInto('audit_log').values(tail))
      .updateTable('audit_head')
      .set(head)
      .where('id', '=', 1)
      .execute();
    return;
  }
  await trx.insertInto('audit_log').values(tail).execute();
  await trx.updateTable('audit_head').set(head).where('id', '=', 1).execute();
}

/**
 * PostgreSQL: appends entries (in chain order, as one JSON parameter, so any number of them) and
 * moves the head to the last, in one statement, only if the head is at `seq`. The head is locked first, waiting for a write
 * that holds it, and read as that write left it (a condition on the update alone would be tested
 * on the head as it was when the statement began). Null when appended; otherwise nothing is
 * written and the head found is returned, locked until the transaction ends. `also`, an insert,
 * runs in the same statement either way (the write's change-feed entry: one round trip less).
 */
export async function appendIfHead(
  trx: Transaction<Database>,
  seq: number,
  rows: readonly AuditLogRow[],
  also?: RawBuilder<unknown>,
): Promise<ChainHead | null> {
  const last = rows.at(-1);
  if (!last) return null;
  // The rows are typed by the table's own row type.
  const cols = sql.join(COLS.map((c) => sql.id(c)));
  const r = await sql<{ n: number | string; seq: number | string; hash: string }>`
    with head as (
      select seq, hash from audit_head where id = 1 for update
    ), moved as (
      update audit_head set seq = ${last.seq}, hash = ${last.hash}
      where id = 1 and (select seq from head) = ${seq}
      returning seq
    ), appended as (
      insert into audit_log (${cols})
      select ${cols} from json_populate_recordset(null::audit_log, ${JSON.stringify(rows)}::json)
      where exists (select 1 from moved)
      returning seq
    )${also ? sql`, announced as (${also})` : sql``}
    select (select count(*) from appended) as n, head.seq, head.hash${also ? sql`, (select count(*) from announced) as announced` : sql``}
    from head`.execute(trx);
  const found = r.rows[0]!;
  return Number(found.n) === rows.length ? null : { seq: Number(found.seq), hash: found.hash };
}

export async function getHead(db: Q): Promise<ChainHead> {
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
  /** The account that acted, by username (a refused login keeps the name it tried). */
  readonly actor?: string;
  readonly actions?: readonly string[];
  readonly targetType?: string;
  readonly targetId?: string;
  readonly limit: number;
  readonly offset?: number;
  /** Chain order (default) or newest first. */
  readonly order?: 'asc' | 'desc';
}

type Filter = Omit<AuditQuery, 'limit' | 'offset' | 'order'>;

function filtered(db: Q, q: Filter) {
  let s = db.selectFrom('audit_log');
  if (q.from) s = s.where('at', '>=', q.from);
  if (q.to) s = s.where('at', '<', q.to);
  if (q.actor !== undefined) s = s.where('actor', '=', q.actor);
  if (q.actions !== undefined) s = s.where('action', 'in', q.actions.length ? [...q.actions] : ['']);
  if (q.targetType !== undefined) s = s.where('target_type', '=', q.targetType);
  if (q.targetId !== undefined) s = s.where('target_id', '=', q.targetId);
  return s;
}

export async function listEntries(db: Q, q: AuditQuery): Promise<AuditLogRow[]> {
  const rows = await filtered(db, q)
    .select(COLS)
    .orderBy('seq', q.order ?? 'asc')
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function countEntries(db: Q, q: Filter): Promise<number> {
  const r = await filtered(db, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The accounts that appear as actors, with how many entries each (for the auditor's filter). */
export async function actorsOf(db: Q): Promise<{ actorId: number | null; actor: string; n: number }[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['actor', (eb) => eb.fn.max('actor_id').as('actor_id'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('actor', 'is not', null)
    .groupBy('actor')
    .orderBy('actor')
    .execute();
  return rows.map((r) => ({
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actor: r.actor ?? '',
    n: Number(r.n),
  }));
}

/** The distinct actions and object types in the log. */
export async function distinctOf(db: Q, column: 'action' | 'target_type'): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select(column).distinct().orderBy(column).execute();
  return rows.map((r) => r[column]).filter((x): x is string => x !== null);
}

/** True when the account acted in any entry (an account that wrote anything is never deleted). */
export async function hasActed(db: Q, actorId: number): Promise<boolean> {
  const r = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('actor_id', '=', actorId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** The ids of every account that acted in any entry. */
export async function actorIds(db: Q): Promise<Set<number>> {
  const rows = await db
    .selectFrom('audit_log')
    .select('actor_id')
    .distinct()
    .where('actor_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => Number(r.actor_id)));
}
