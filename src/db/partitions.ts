import { sql, type Kysely, type Transaction } from 'kysely';
import { dialectOf } from './dialect.ts';
import type { Database } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Tables hash-partitioned by county on PostgreSQL (migration 0026) that statements may name a partition of. */
export type CountyTable = 'indicator_cells' | 'records';

/**
 * The partition of `table` that holds a county's rows, by the PostgreSQL catalogue's hash bounds; the
 * table itself on SQLite, or where it is not partitioned. A statement on one county's rows that
 * names its partition is planned once per connection and then run from a generic plan: on the
 * partitioned table PostgreSQL plans it again at every run, to prune the other partitions, and
 * for a township's indicators that planning costs as much as the reading.
 *
 * The answer is kept for the process: partitions and their bounds change only by migration, which
 * runs before the server starts, and migration 0026 gives every database the same ones.
 */
export async function countyPartition(db: Q, table: CountyTable, countyId: number): Promise<string> {
  if (dialectOf(db).name !== 'postgres') return table;
  const key = `${table}|${countyId}`;
  const known = partitions.get(key);
  if (known !== undefined) return known;
  const { rows } = await sql<{ name: string }>`
    select c.relname as name
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    cross join lateral (
      select regexp_match(pg_get_expr(c.relpartbound, c.oid), 'modulus (\\d+), remainder (\\d+)') as m
    ) b
    where i.inhparent = ${table}::regclass
      and b.m is not null
      and satisfies_hash_partition(${table}::regclass, b.m[1]::int, b.m[2]::int, ${countyId}::int)`.execute(
    db,
  );
  const name = rows.length === 1 ? rows[0]!.name : table;
  if (partitions.size >= MAX_KEPT) partitions.clear();
  partitions.set(key, name);
  return name;
}

/** Counties × tables kept at most (a province has about 100 counties). */
const MAX_KEPT = 10_000;
const partitions = new Map<string, string>();
