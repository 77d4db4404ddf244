import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchPostgres } from '../testing/databases.ts';
import { openDb, type Db } from './connect.ts';
import { migrateTo, migrateToLatest } from './migrate.ts';
import { countyPartition, type CountyTable } from './partitions.ts';

const TABLES: readonly CountyTable[] = ['indicator_cells', 'records'];

describe('countyPartition on SQLite', () => {
  it('names the table itself: SQLite is not partitioned', async () => {
    const h = openDb('sqlite::memory:');
    await migrateToLatest(h);
    for (const t of TABLES) expect(await countyPartition(h.db, t, 7)).toBe(t);
    await h.close();
  });
});

const pgUrl = process.env.FAZHI_TEST_PG;
describe.skipIf(!pgUrl)('countyPartition on PostgreSQL', () => {
  let h: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const s = await scratchPostgres(pgUrl!);
    drop = () => s.drop();
    h = openDb(s.url);
    await migrateToLatest(h);
  }, 120_000);
  afterAll(async () => {
    await h.close();
    await drop();
  });

  it("names the partition a county's rows are stored in, for every county id tried", async () => {
    const ids = [...Array.from({ length: 60 }, (_, i) => i + 1), 1000, 65_537, 2_000_000_000];
    await sql`insert into indicator_cells
                (county_id, township_id, agg, grain, bucket, end_bucket, from_bucket, value, n, total)
              select c, 0, 'x', 'y', 2025, 9999, 0, '', 1, 0 from unnest(${ids}::int[]) as c`.execute(h.db);
    const stored = await sql<{ county: number; part: string }>`
      select county_id as county, tableoid::regclass::text as part from indicator_cells`.execute(h.db);
    expect(stored.rows).toHaveLength(ids.length);
    const used = new Set<string>();
    for (const r of stored.rows) {
      const named = await countyPartition(h.db, 'indicator_cells', r.county);
      expect(named, `县 ${r.county}`).toBe(r.part);
      used.add(named);
    }
    // The ids spread over many partitions, so a wrong mapping could not pass by chance.
    expect(used.size).toBeGreaterThan(10);
    for (const id of ids) expect(await countyPartition(h.db, 'records', id)).toMatch(/^records_p\d+$/);
  });

  it('keys the cells by period before aggregate, keeping every cell through the change and back', async () => {
    const key = async () =>
      (
        await sql<{ def: string }>`
          select pg_get_constraintdef(oid) as def from pg_constraint
          where conrelid = 'indicator_cells'::regclass and contype = 'p'`.execute(h.db)
      ).rows[0]!.def;
    const cells = async () =>
      (await sql<{ n: string }>`select count(*) as n from indicator_cells`.execute(h.db)).rows[0]!.n;
    const before = await cells();
    expect(await key()).toBe(
      'PRIMARY KEY (county_id, township_id, grain, bucket, agg, end_bucket, from_bucket, value)',
    );
    await migrateTo(h, '0030_records_township_date');
    expect(await key()).toBe(
      'PRIMARY KEY (county_id, township_id, agg, grain, bucket, end_bucket, from_bucket, value)',
    );
    await migrateToLatest(h);
    expect(await key()).toMatch(/^PRIMARY KEY \(county_id, township_id, grain, bucket, agg/);
    expect(await cells()).toBe(before);
  });

  it("carries the id, county and end date in a township's (kind, date) index, and takes them out going back", async () => {
    const def = async () =>
      (
        await sql<{ def: string }>`
          select pg_get_indexdef('records_township_kind_date'::regclass) as def`.execute(h.db)
      ).rows[0]!.def;
    expect(await def()).toMatch(/\(township_id, kind, date\) INCLUDE \(id, county_id, end_date\)$/);
    await migrateTo(h, '0031_cells_key_by_period');
    expect(await def()).toMatch(/\(township_id, kind, date\)$/);
    await migrateToLatest(h);
    expect(await def()).toMatch(/INCLUDE \(id, county_id, end_date\)$/);
  });
});
