import type { Kysely } from 'kysely';
import { idType, isPostgres } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('imports')
    .addColumn('id', 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('records')
    .addColumn('id', idType(db, true), (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('county_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', pg ? 'date' : 'text', (c) => c.notNull())
    .addColumn('end_date', pg ? 'date' : 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('data', pg ? 'jsonb' : 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('records_township_kind_date')
    .on('records')
    .columns(['township_id', 'kind', 'date'])
    .execute();
  await db.schema
    .createIndex('records_county_kind_date')
    .on('records')
    .columns(['county_id', 'kind', 'date'])
    .execute();
  await db.schema
    .createIndex('records_dedup')
    .on('records')
    .columns(['township_id', 'dedup_key'])
    .unique()
    .execute();
  await db.schema.createIndex('records_import').on('records').column('import_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('records').execute();
  await db.schema.dropTable('imports').execute();
}
