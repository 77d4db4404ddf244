import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * The annual reporting cycle: one report per township and year with its state, its versions (each
 * draft saved, the signed original, uploads made on a township's behalf, published copies) and the
 * history of every step taken or refused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
  await db.schema
    .createTable('cycle_reports')
    .addColumn('id', 'integer', id)
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('county_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signed_seq', 'integer')
    .addColumn('published_seq', 'integer')
    .addColumn('signed_by', 'text')
    .addColumn('signed_on', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cycle_reports_township_year', ['township_id', 'year'])
    .execute();
  await db.schema
    .createIndex('cycle_reports_county_year')
    .on('cycle_reports')
    .columns(['county_id', 'year'])
    .execute();
  await db.schema
    .createTable('cycle_versions')
    .addColumn('id', 'integer', id)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('cycle_reports.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('edits', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file', pg ? 'bytea' : 'blob')
    .addColumn('review', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cycle_versions_report_seq', ['report_id', 'seq'])
    .execute();
  await db.schema
    .createTable('cycle_events')
    .addColumn('id', 'integer', id)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('cycle_reports.id').onDelete('cascade'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('detail', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cycle_events_report')
    .on('cycle_events')
    .columns(['report_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cycle_events').execute();
  await db.schema.dropTable('cycle_versions').execute();
  await db.schema.dropTable('cycle_reports').execute();
}
