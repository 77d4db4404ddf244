import type { Kysely } from 'kysely';

/**
 * The reply document (答复文书) of a disclosure request filed on the public portal: uploaded by the
 * township's staff, its bytes in the content-addressed file store, downloadable by the applicant
 * with the tracking code once the case is 已答复 (政府信息公开条例 第36条). One per request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_replies')
    .addColumn('request_id', 'integer', (c) => c.primaryKey().references('public_requests.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_replies_sha').on('public_replies').column('sha256').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_replies').execute();
}
