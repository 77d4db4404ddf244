import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * The public portal: proof-of-work challenges (each answered once), and the requests the public
 * files without an account (依申请公开, 群众诉求), each tracked by an unguessable code of which
 * only the SHA-256 is stored, tied to the case it opened. `person` holds the requester's personal
 * information (JSON) until the retention period ends and it is anonymised.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
  await db.schema
    .createTable('public_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('public_requests')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('county_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('record_id', 'integer', (c) => c.references('records.id'))
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('rating', 'text')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('anonymised_at', 'text')
    .execute();
  await db.schema
    .createIndex('public_requests_content')
    .on('public_requests')
    .columns(['content_hash', 'created_at'])
    .execute();
  await db.schema.createIndex('public_requests_record').on('public_requests').column('record_id').execute();
  await db.schema
    .createIndex('public_requests_retention')
    .on('public_requests')
    .columns(['anonymised_at', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_requests').execute();
  await db.schema.dropTable('public_challenges').execute();
}
