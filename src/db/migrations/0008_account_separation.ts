import type { Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * 三员分立 and login defences: who last reset an account's password and when (shown to its owner
 * at the next login), password history (no reuse of the last five), password resets waiting for
 * the other administrator's approval, and failed logins per source address.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema.alterTable('users').addColumn('password_reset_by', 'text').execute();
  await db.schema.alterTable('users').addColumn('password_reset_at', 'text').execute();
  await db.schema
    .createTable('password_history')
    .addColumn('id', 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('password_history_user')
    .on('password_history')
    .columns(['user_id', 'id'])
    .execute();
  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by_id', 'integer')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_role', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by_id', 'integer')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('password_resets_status')
    .on('password_resets')
    .columns(['status', 'user_id'])
    .execute();
  await db.schema
    .createTable('login_address_failures')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_failed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_address_failures').execute();
  await db.schema.dropTable('password_resets').execute();
  await db.schema.dropTable('password_history').execute();
  await db.schema.alterTable('users').dropColumn('password_reset_at').execute();
  await db.schema.alterTable('users').dropColumn('password_reset_by').execute();
}
