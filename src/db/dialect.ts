import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Everything that differs between SQLite and PostgreSQL, in one place: JSON access, JSON values
 * on the way in and out. Numbers from `pg` (bigint counts, numeric sums) are parsed in connect.ts.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** The text value of `data.<key>` (null when absent). */
  jsonText(key: string): RawBuilder<string | null>;
  /** The numeric value of `data.<key>`. */
  jsonNumber(key: string): RawBuilder<number | null>;
  /** True when `data.<key>` is JSON true. */
  jsonTrue(key: string): RawBuilder<boolean>;
  /** Parses the `data` column as read from the driver. */
  readJson(v: unknown): Record<string, unknown>;
  /**
   * How the indicator statement is shaped. SQLite: one UNION ALL branch per kind, each on its
   * (org, kind, date) index range, so a row meets only its kind's aggregates (2× faster for a
   * township, even for a county). PostgreSQL: one pass, because per-kind index scans revisit the
   * same heap pages once per kind (3× slower than one pass on a 1M-record county).
   */
  readonly indicatorBranches: boolean;
  /**
   * A read-modify-write locks the rows it read (SELECT … FOR UPDATE) on PostgreSQL, where
   * transactions run side by side. SQLite has no row locks and needs none: its one connection
   * runs one transaction at a time.
   */
  readonly rowLocks: boolean;
  /**
   * A change-feed entry also wakes the other servers with NOTIFY (PostgreSQL), so they read it at
   * once rather than at their next poll. SQLite has no notifications: servers poll.
   */
  readonly notifies: boolean;
  /**
   * The ledger tables are partitioned by county (PostgreSQL, migration 0026): a read that names the
   * county reads that county's partition alone. SQLite's tables are not partitioned and its indexes
   * lead with the township, so naming the county there only adds a table read per row.
   */
  readonly partitioned: boolean;
  /**
   * A township's newest page of records, with no filter but the period, is read along its
   * (township, date) index and stops at the page's end (SQLite, migration 0030); its total is a
   * count on the kind index. PostgreSQL has no such index and keeps the union of kind ranges.
   */
  readonly pageByDate: boolean;
}

const KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Keys come from the catalogue, never from requests; still, refuse anything but a plain identifier. */
function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid JSON key: ${key}`);
  return key;
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  indicatorBranches: true,
  rowLocks: false,
  notifies: false,
  partitioned: false,
  pageByDate: true,
  jsonText: (key) => sql<string | null>`json_extract(data, ${sql.lit('$.' + checkKey(key))})`,
  jsonNumber: (key) => sql<number | null>`json_extract(data, ${sql.lit('$.' + checkKey(key))})`,
  // SQLite's json_extract turns JSON true into 1.
  jsonTrue: (key) => sql<boolean>`json_extract(data, ${sql.lit('$.' + checkKey(key))}) = 1`,
  readJson: (v) => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : {}),
};

export const postgresDialect: Dialect = {
  name: 'postgres',
  indicatorBranches: false,
  rowLocks: true,
  notifies: true,
  partitioned: true,
  pageByDate: false,
  jsonText: (key) => sql<string | null>`(data->>${sql.lit(checkKey(key))})`,
  jsonNumber: (key) => sql<number | null>`(data->>${sql.lit(checkKey(key))})::numeric`,
  jsonTrue: (key) => sql<boolean>`(data->${sql.lit(checkKey(key))}) = 'true'::jsonb`,
  readJson: (v) =>
    typeof v === 'string'
      ? (JSON.parse(v) as Record<string, unknown>)
      : ((v ?? {}) as Record<string, unknown>),
};

/**
 * The dialect of a handle, for repository functions given only `db | trx`: a read that a write
 * depends on takes row locks (FOR UPDATE) on PostgreSQL only.
 */
export function dialectOf(db: Kysely<Database>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresDialect : sqliteDialect;
}
