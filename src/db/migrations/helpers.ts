import { PostgresAdapter, type Kysely } from 'kysely';

// Frozen with the migrations that use it: change nothing here, add a new helper instead.

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An identity primary key: `integer primary key` (the rowid) in SQLite, an identity column in PostgreSQL. */
export function idType(db: Kysely<unknown>, big = false): 'integer' | 'bigint' {
  return big && isPostgres(db) ? 'bigint' : 'integer';
}
