import type { Kysely } from 'kysely';
import { idType, isPostgres } from './helpers.ts';

/**
 * Case workflow around ledger records of case-type kinds: `cases` holds the current state, owner and
 * the next due date (for due lists); `case_events` the full history, refused attempts included.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('cases')
    .addColumn('record_id', idType(db, true), (c) =>
      c.primaryKey().references('records.id').onDelete('cascade'),
    )
    .addColumn('county_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('opened_on', pg ? 'date' : 'text', (c) => c.notNull())
    .addColumn('next_due', pg ? 'date' : 'text')
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cases_township_due')
    .on('cases')
    .columns(['township_id', 'closed', 'next_due'])
    .execute();
  await db.schema
    .createIndex('cases_township_type_state')
    .on('cases')
    .columns(['township_id', 'type', 'state'])
    .execute();
  await db.schema
    .createTable('case_events')
    .addColumn('id', idType(db, true), (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('record_id', idType(db, true), (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('date', pg ? 'date' : 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('error', 'text')
    .addColumn('detail', pg ? 'jsonb' : 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One sequence per case: two concurrent steps on the same case cannot both be recorded.
  await db.schema
    .createIndex('case_events_record_seq')
    .on('case_events')
    .columns(['record_id', 'seq'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_events').execute();
  await db.schema.dropTable('cases').execute();
}
