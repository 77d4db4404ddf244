import type { Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * Rate-limit buckets kept in the database, so several servers on one database share them: a
 * client cannot double its login attempts by being sent to two servers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const real = isPostgres(db) ? 'double precision' : 'real';
  await db.schema
    .createTable('rate_buckets')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('tokens', real, (c) => c.notNull())
    /** Milliseconds since the epoch when the tokens were last counted. */
    .addColumn('at', real, (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_buckets_pk', ['name', 'key'])
    .execute();
  await db.schema.createIndex('rate_buckets_at').on('rate_buckets').columns(['name', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_buckets').execute();
}
