import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * Ledger layouts a township has mapped by hand: a sheet whose header reads the same (its
 * signature) imports next time with the same choice of kind and columns, without questions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
  await db.schema
    .createTable('import_layouts')
    .addColumn('id', 'integer', id)
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_layouts_township_signature', ['township_id', 'signature'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_layouts').execute();
}
