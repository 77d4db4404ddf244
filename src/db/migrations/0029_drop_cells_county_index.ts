import { sql, type Kysely } from 'kysely';

/**
 * The county index of the indicator cells is left over from before the county totals (0027): a
 * county reads its total rows and a township its own, both by the key's prefix, and the province
 * reads the totals' own index. Kept, it cost every cell write a second index and led PostgreSQL to
 * read a whole county's cells for one township when it misjudged the township's share.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists indicator_cells_county_grain`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('indicator_cells_county_grain')
    .on('indicator_cells')
    .columns(['county_id', 'grain', 'agg', 'bucket'])
    .execute();
}
