import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/** The cells' key before this migration and after it: the same columns, the aggregate moved back. */
const BY_AGGREGATE = 'county_id, township_id, agg, grain, bucket, end_bucket, from_bucket, value';
const BY_PERIOD = 'county_id, township_id, grain, bucket, agg, end_bucket, from_bucket, value';

/**
 * PostgreSQL: the indicator cells' key puts the grain and bucket before the aggregate, so a
 * township's or county's read of one year goes down the key to that year's cells instead of
 * running over every month and year of the organisation and keeping the ones asked for (at
 * province size a township has tens of thousands of cells, of which a year's read wants a few
 * hundred). The key's columns are the same, so every upsert's conflict target still names it.
 * Not on SQLite: it reads the key with one probe per aggregate of the IN list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await rekey(db, BY_PERIOD);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await rekey(db, BY_AGGREGATE);
}

async function rekey(db: Kysely<any>, columns: string): Promise<void> {
  await sql`alter table indicator_cells drop constraint indicator_cells_pk`.execute(db);
  await sql
    .raw(`alter table indicator_cells add constraint indicator_cells_pk primary key (${columns})`)
    .execute(db);
}
