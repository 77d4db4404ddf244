import type { Kysely, Transaction } from 'kysely';
import type { Database, MessageRow, NewMessageRow } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Stores messages not stored before (per user and key); returns how many were new. */
export async function insertMessages(db: Q, rows: readonly NewMessageRow[]): Promise<number> {
  let n = 0;
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 200) {
    const r = await db
      .insertInto('messages')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .executeTakeFirst();
    n += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

/** Stores a message that replaces the user's earlier one of the same key, unread again. */
export async function replaceMessage(db: Q, row: NewMessageRow): Promise<void> {
  await db
    .insertInto('messages')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['user_id', 'key']).doUpdateSet({
        title: row.title,
        body: row.body,
        link: row.link ?? null,
        created_at: row.created_at,
        read_at: null,
      }),
    )
    .execute();
}

export interface MessageQuery {
  readonly unreadOnly?: boolean;
  readonly kind?: string;
  readonly limit: number;
  readonly offset: number;
}

/** A page of a user's messages, newest first, with the total and the unread count. */
export async function listMessages(
  db: Q,
  userId: number,
  q: MessageQuery,
): Promise<{ total: number; unread: number; items: MessageRow[] }> {
  let base = db.selectFrom('messages').where('user_id', '=', userId);
  if (q.kind) base = base.where('kind', '=', q.kind);
  const filtered = q.unreadOnly ? base.where('read_at', 'is', null) : base;
  const items = await filtered.selectAll().orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
  const total = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { total: Number(total.n), unread: await unreadCount(db, userId), items };
}

/** The user's unread count. */
export async function unreadCount(db: Q, userId: number): Promise<number> {
  const r = await db
    .selectFrom('messages')
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks the user's own messages read: the listed ones, or all of them; returns how many changed. */
export async function markRead(
  db: Q,
  userId: number,
  ids: readonly number[] | 'all',
  at: string,
): Promise<number> {
  if (ids !== 'all' && ids.length === 0) return 0;
  let u = db
    .updateTable('messages')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') u = u.where('id', 'in', [...ids]);
  const r = await u.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The user's latest message of a kind, if any. */
export async function latestOfKind(db: Q, userId: number, kind: string): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Records that a recipient is told of these item keys; returns the keys new to it. Of several
 * servers inserting the same key, one gets it back: each item is told once.
 */
export async function claimNoticeKeys(
  trx: Transaction<Database>,
  target: string,
  keys: readonly string[],
  at: string,
): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < keys.length; i += 300) {
    const rows = await trx
      .insertInto('notice_keys')
      .values(keys.slice(i, i + 300).map((key) => ({ target, key, created_at: at })))
      .onConflict((oc) => oc.columns(['target', 'key']).doNothing())
      .returning('key')
      .execute();
    out.push(...rows.map((r) => r.key));
  }
  return out;
}

/** A user who may be told of business items: enabled, with a role, and the organisation's path. */
export interface Recipient {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly orgId: number;
  readonly orgPath: string;
}

/** Every enabled account with a role, with its organisation's path. */
export async function recipients(db: Q): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.org_id', 'o.path'])
    .where('u.disabled', '=', 0)
    .where('u.role', '!=', '')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    username: r.username,
    name: r.display_name,
    role: r.role,
    orgId: Number(r.org_id),
    orgPath: r.path,
  }));
}
