import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * Indicator cells: per township, aggregate and month (and calendar year), the pre-summed records,
 * so indicators of a township or county read cells instead of scanning records. The key leads
 * with county_id so the table can be partitioned or distributed by county as records can.
 * indicator_cell_plan lists the aggregates the cells hold; the start-up step fills in new ones.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('indicator_cells')
    .addColumn('county_id', 'integer', (c) => c.notNull())
    .addColumn('township_id', 'integer', (c) => c.notNull())
    .addColumn('agg', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('end_bucket', 'integer', (c) => c.notNull())
    .addColumn('from_bucket', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('n', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('total', pg ? 'double precision' : 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_cells_pk', [
      'county_id',
      'township_id',
      'agg',
      'grain',
      'bucket',
      'end_bucket',
      'from_bucket',
      'value',
    ])
    .execute();
  // A county's or the province's read picks one grain of each aggregate across its townships.
  await db.schema
    .createIndex('indicator_cells_county_grain')
    .on('indicator_cells')
    .columns(['county_id', 'grain', 'agg', 'bucket'])
    .execute();
  await db.schema
    .createTable('indicator_cell_plan')
    .addColumn('agg', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .execute();
  if (pg) await sql`analyze indicator_cells`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_cell_plan').execute();
  await db.schema.dropTable('indicator_cells').execute();
}
