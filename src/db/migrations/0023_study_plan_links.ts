import type { Kysely } from 'kysely';

/**
 * A study record fulfils at most one item of a study plan: a unique index on the link (NULLs,
 * the items not yet fulfilled, do not collide on SQLite or PostgreSQL).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('study_plan_items_record')
    .on('study_plan_items')
    .column('record_id')
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('study_plan_items_record').execute();
}
