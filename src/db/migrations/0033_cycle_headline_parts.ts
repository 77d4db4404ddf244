import type { Kysely } from 'kysely';

/**
 * A headline choice may add up several figures the report states under one indicator (separate
 * activities with no total stated): `parts` keeps every figure's offset, as a JSON array in the
 * text's order; null for a single figure.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycle_headlines').addColumn('parts', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycle_headlines').dropColumn('parts').execute();
}
