import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Takes one token from the bucket `name`/`key` in one statement (so concurrent requests on any
 * server count each): a new bucket starts full; a bucket is refilled by the time since it was
 * last counted, up to `capacity`. Returns the tokens left, or null when none was left to take.
 */
export async function takeToken(
  db: Kysely<Database>,
  b: { name: string; key: string; capacity: number; perMs: number; now: number },
): Promise<number | null> {
  const refilled = sql`rate_buckets.tokens + (${b.now} - rate_buckets.at) * ${b.perMs}`;
  const have = sql`CASE WHEN ${refilled} < ${b.capacity} THEN ${refilled} ELSE ${b.capacity} END`;
  const r = await sql<{ tokens: number }>`
    INSERT INTO rate_buckets (name, key, tokens, at)
    VALUES (${b.name}, ${b.key}, ${b.capacity - 1}, ${b.now})
    ON CONFLICT (name, key) DO UPDATE SET tokens = ${have} - 1, at = ${b.now}
    WHERE ${have} >= 1
    RETURNING tokens`.execute(db);
  const row = r.rows[0];
  return row ? Number(row.tokens) : null;
}

/** The bucket's tokens and when they were counted (undefined: a full bucket). */
export async function bucketOf(db: Kysely<Database>, name: string, key: string) {
  return db
    .selectFrom('rate_buckets')
    .select(['tokens', 'at'])
    .where('name', '=', name)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Drops buckets of `name` not counted since `before` (they are full again). */
export async function dropIdleBuckets(db: Kysely<Database>, name: string, before: number): Promise<void> {
  await db.deleteFrom('rate_buckets').where('name', '=', name).where('at', '<', before).execute();
}
