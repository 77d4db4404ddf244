import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Db } from './connect.ts';
import type { Dialect } from './dialect.ts';
import type { Database } from './schema.ts';

/** The channel a change-feed entry is announced on (PostgreSQL NOTIFY). */
export const FEED_CHANNEL = 'fazhi_changes';

type Q = Kysely<Database> | Transaction<Database>;

export interface FeedEntry {
  readonly seq: number;
  readonly scope: string | null;
  readonly accounts: boolean;
  /** The writing server's id; null from the CLI. */
  readonly origin: string | null;
}

/**
 * One entry: what a write may have changed, and the server that wrote it. Its time is stamped when
 * it is written, by the writing process's clock (entries are pruned by it), never the write's own
 * stated time.
 */
export interface ChangeEntry {
  readonly scope: string | null;
  readonly accounts: boolean;
  /** The writing server's id; absent from the CLI. */
  readonly origin?: string;
}

/**
 * What a request's writes may change, carried by its audit actor: each audited write of the
 * request appends it in the write's own transaction (services/audit.ts), so the entry commits
 * with the write and no committed write goes unannounced.
 */
export interface ChangeNote {
  readonly scope: string | null;
  readonly accounts: boolean;
  readonly origin: string;
  /** Set once a write carrying the note has committed: its entry is in the feed. */
  announced: boolean;
}

/**
 * The insert of one entry, as a statement or a part of one. On PostgreSQL it also announces the
 * entry: the notification goes out when the entry commits, so a server woken by it finds the row,
 * and it carries the writing server's id (empty from the CLI), so that server need not read its
 * own entry back.
 */
export function changeInsert(dialect: Dialect, e: ChangeEntry): RawBuilder<unknown> {
  const at = new Date().toISOString();
  const values = sql`(scope, accounts, at, origin) values (${e.scope}, ${e.accounts ? 1 : 0}, ${at}, ${e.origin ?? null})`;
  return dialect.notifies
    ? sql`insert into change_feed ${values} returning pg_notify(${FEED_CHANNEL}, ${e.origin ?? ''})`
    : sql`insert into change_feed ${values}`;
}

/** Appends one entry, on `on` when given (a write's transaction, to commit with it). */
export async function appendChange(h: Db, e: ChangeEntry, on: Q = h.db): Promise<void> {
  await changeInsert(h.dialect, e).execute(on);
}

/** Entries above `after`, oldest first (one range read on the primary key). */
export async function changesAfter(db: Kysely<Database>, after: number, limit: number): Promise<FeedEntry[]> {
  const rows = await db
    .selectFrom('change_feed')
    .select(['seq', 'scope', 'accounts', 'origin'])
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    scope: r.scope,
    accounts: Number(r.accounts) === 1,
    origin: r.origin,
  }));
}

/** The highest sequence written so far (0 for an empty feed). */
export async function lastChange(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('change_feed')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(r?.seq ?? 0);
}

/** Drops entries written before `before` (ISO time). */
export async function pruneChanges(db: Kysely<Database>, before: string): Promise<number> {
  const r = await db.deleteFrom('change_feed').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
