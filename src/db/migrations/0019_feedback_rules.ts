import type { Kysely } from 'kysely';

/**
 * 群众诉求 rules per county: the categories residents choose from on the public portal and the
 * case type (and its subtype) each becomes, as JSON. A county without a row uses the catalogue's
 * defaults.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feedback_rules')
    .addColumn('county_id', 'integer', (c) => c.primaryKey().references('orgs.id'))
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feedback_rules').execute();
}
