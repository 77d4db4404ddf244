import { sql, type Kysely } from 'kysely';

/**
 * The server that wrote a change-feed entry (a random id per process; null from the CLI and from
 * entries written before this migration). A server passes over its own entries by this mark: a
 * read of the feed can see an entry between its commit and the moment its writer learns its number.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table change_feed add column origin text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table change_feed drop column origin`.execute(db);
}
