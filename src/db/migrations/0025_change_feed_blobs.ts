import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * The change feed: one row per write request (or console command), so every server on the database
 * drops the cached answers the write may have changed, and the sessions when it touched accounts.
 * Servers read rows above the last sequence they applied; old rows are pruned.
 *
 * Blobs: on PostgreSQL, stored files (evidence, disclosure replies, feedback photos) live in the
 * database, content-addressed, so every server reads them and pg_dump backs them up. SQLite keeps
 * them in the data folder, so the table is created on PostgreSQL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('change_feed')
    .addColumn('seq', pg ? 'bigint' : 'integer', (c) =>
      pg ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    /** The organisation path written (its subtree and ancestors may have changed); null: anything. */
    .addColumn('scope', 'text')
    /** 1 when the write may have changed accounts or sessions (sign-in, logout, passwords, roles). */
    .addColumn('accounts', 'integer', (c) => c.notNull())
    /** When the entry was written (ISO time), for pruning. */
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_feed_at').on('change_feed').column('at').execute();
  if (!pg) return;
  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Photos and scans are already compressed: store them as they are, out of line.
  await sql`alter table blobs alter column bytes set storage external`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await db.schema.dropTable('blobs').ifExists().execute();
  await db.schema.dropTable('change_feed').execute();
}
