import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * PostgreSQL: a township's (kind, date) index also carries the id, the county and the end date, so
 * a ledger page's count of every matching record (a township-year at province size is about 4,500)
 * is read from the index alone once its pages are vacuumed, not from a heap page for each record.
 * Not on SQLite, whose indexes carry the id already and whose pages go along (township, date).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create index records_township_kind_date_cover on records (township_id, kind, date)
            include (id, county_id, end_date)`.execute(db);
  await sql`drop index records_township_kind_date`.execute(db);
  await sql`alter index records_township_kind_date_cover rename to records_township_kind_date`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create index records_township_kind_date_plain on records (township_id, kind, date)`.execute(db);
  await sql`drop index records_township_kind_date`.execute(db);
  await sql`alter index records_township_kind_date_plain rename to records_township_kind_date`.execute(db);
}
