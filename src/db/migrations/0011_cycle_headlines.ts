import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * The county office's choice of a report's headline figure per indicator: the figure the
 * comparison shows when a report states several under one indicator, confirmed or changed by a
 * person. Kept per reviewed version (the figure is found by its offset in that version's text).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
  await db.schema
    .createTable('cycle_headlines')
    .addColumn('id', 'integer', id)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('cycle_reports.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('value', pg ? 'double precision' : 'real', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    /** Whether the person kept the figure the rules chose (else they chose another). */
    .addColumn('kept', 'integer', (c) => c.notNull())
    .addColumn('chosen_by', 'text', (c) => c.notNull())
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cycle_headlines_report_seq_key', ['report_id', 'seq', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cycle_headlines').execute();
}
