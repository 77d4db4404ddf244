import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * SQLite: a township's records in date order, so its newest page is read along the index and stops
 * at the page's end (see Dialect.pageByDate) instead of sorting the township's whole year. Not on
 * PostgreSQL: at province size every index of the ledger costs each import, and its pages keep the
 * union of kind ranges.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createIndex('records_township_date')
    .on('records')
    .columns(['township_id', 'date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists records_township_date`.execute(db);
}
