import { sql, type Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './schema.ts';

/** The channel a change-feed entry is announced on (PostgreSQL NOTIFY). */
export const FEED_CHANNEL = 'fazhi_changes';

export interface FeedEntry {
  readonly seq: number;
  readonly scope: string | null;
  readonly accounts: boolean;
  /** The writing server's id; null from the CLI. */
  readonly origin: string | null;
}

/**
 * Appends one entry; on PostgreSQL the same statement announces it, and the notification goes out
 * when the entry commits, so a server woken by it finds the row. The notification carries the
 * writing server's id (empty from the CLI), so that server need not read its own entry back.
 */
export async function appendChange(
  h: Db,
  e: { scope: string | null; accounts: boolean; at: string; origin?: string },
): Promise<void> {
  const row = { scope: e.scope, accounts: e.accounts ? 1 : 0, at: e.at, origin: e.origin ?? null };
  if (!h.dialect.notifies) {
    await h.db.insertInto('change_feed').values(row).execute();
    return;
  }
  await sql`
    WITH e AS (
      INSERT INTO change_feed (scope, accounts, at, origin)
      VALUES (${row.scope}, ${row.accounts}, ${row.at}, ${row.origin})
      RETURNING seq
    )
    SELECT pg_notify(${FEED_CHANNEL}, ${row.origin ?? ''}) FROM e`.execute(h.db);
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
