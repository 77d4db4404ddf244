import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * 公众参与 on major administrative decisions (重大行政决策程序暂行条例 第14–15条): the draft a
 * township publishes for comment with its 说明 and window (one per decision case), the comments
 * the public leaves on the portal (name and contact optional, kept as personal information), each
 * comment's handling (采纳/部分采纳/不采纳, reason, a digest for publication), and the published
 * 意见采纳情况 with its counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
  await db.schema
    .createTable('consultations')
    .addColumn('id', 'integer', id)
    .addColumn('record_id', 'integer', (c) => c.notNull().unique().references('records.id'))
    .addColumn('county_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('short_reason', 'text')
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('summary_at', 'text')
    .addColumn('received', 'integer')
    .addColumn('adopted', 'integer')
    .addColumn('partly', 'integer')
    .addColumn('rejected', 'integer')
    .execute();
  await db.schema
    .createIndex('consultations_county')
    .on('consultations')
    .columns(['county_id', 'closes_on'])
    .execute();
  await db.schema
    .createTable('consultation_comments')
    .addColumn('id', 'integer', id)
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('contact', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('reason', 'text')
    .addColumn('digest', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('consultation_comments_consultation')
    .on('consultation_comments')
    .columns(['consultation_id', 'id'])
    .execute();
  await db.schema
    .createIndex('consultation_comments_content')
    .on('consultation_comments')
    .columns(['consultation_id', 'content_hash', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consultation_comments').execute();
  await db.schema.dropTable('consultations').execute();
}
