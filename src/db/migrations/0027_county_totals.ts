import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * County totals of the indicator cells: for every cell key, the sum of the county's township cells,
 * stored as township 0. A county's read then covers one row per key instead of one per township,
 * and the province's one per county. The totals are made afresh here from the township cells
 * (any already written are replaced); from then on every write keeps them in its transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`delete from indicator_cells where township_id = 0`.execute(db);
  await sql`
    insert into indicator_cells
      (county_id, township_id, agg, grain, bucket, end_bucket, from_bucket, value, n, total)
    select county_id, 0, agg, grain, bucket, end_bucket, from_bucket, value, sum(n), sum(total)
    from indicator_cells
    where township_id <> 0
    group by county_id, agg, grain, bucket, end_bucket, from_bucket, value
    having sum(n) > 0`.execute(db);
  // The province's read: every county's totals of an aggregate at one grain, by bucket.
  await sql`create index if not exists indicator_cells_totals on indicator_cells (grain, agg, bucket) where township_id = 0`.execute(
    db,
  );
  if (isPostgres(db)) await sql`analyze indicator_cells`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index indicator_cells_totals`.execute(db);
  await sql`delete from indicator_cells where township_id = 0`.execute(db);
}
