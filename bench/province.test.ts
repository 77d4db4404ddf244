import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getKind } from '../src/catalogue/kinds.ts';
import { indicators } from '../src/catalogue/indicators.ts';
import { yearPeriod } from '../src/core/dates.ts';
import { COUNTY_TOTAL } from '../src/core/indicator-cells.ts';
import { dedupKey, validateRecord } from '../src/core/records.ts';
import { openDb, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { scratchPostgres } from '../src/testing/databases.ts';
import { computeIndicators } from '../src/services/indicators.ts';
import { handwrittenSql, handwrittenValues } from './handwritten.ts';
import { cellsDuringLoad, verifyProvince } from './province-cells.ts';
import {
  insertProvinceOrgs,
  loadProvinceRecords,
  provincePlan,
  type ProvinceCounty,
  type ProvincePlan,
} from './province-data.ts';

const pgUrl = process.env.FAZHI_TEST_PG;

// The province generator at 15,000 records (scale 0.0005) on a fresh PostgreSQL database.
if (pgUrl)
  describe('province benchmark data', () => {
    let scratch: { url: string; drop(): Promise<void> };
    let h: Db;
    let raw: pg.Client;
    let plan: ProvincePlan;
    let tree: ProvinceCounty[];
    let cellCount = 0;
    /** Every index of every table, partitions included, by table: what the load must leave as it found. */
    const indexesOf = async (c: pg.Client) =>
      (
        await c.query<{ t: string; i: string }>(
          `select tablename as t, string_agg(indexname, ',' order by indexname) as i
             from pg_indexes where schemaname = current_schema() group by tablename order by tablename`,
        )
      ).rows;
    let indexesBefore: Awaited<ReturnType<typeof indexesOf>> = [];
    beforeAll(async () => {
      scratch = await scratchPostgres(pgUrl);
      h = openDb(scratch.url);
      await migrateToLatest(h);
      {
        const c = new pg.Client({ connectionString: scratch.url });
        await c.connect();
        indexesBefore = await indexesOf(c);
        await c.end();
      }
      plan = provincePlan(0.0005);
      tree = await insertProvinceOrgs(h, plan);
      const cells = cellsDuringLoad();
      await loadProvinceRecords(scratch.url, plan, tree, {
        streams: 2,
        quiet: true,
        sink: cells.sink,
        afterCounty: cells.afterCounty,
        alsoTables: ['indicator_cells'],
      });
      cellCount = cells.stats.cells;
      raw = new pg.Client({ connectionString: scratch.url });
      await raw.connect();
    });
    afterAll(async () => {
      await raw?.end();
      await h?.close();
      await scratch?.drop();
    });

    it('leaves every index and key it dropped for the load on every partition', async () => {
      expect(indexesBefore.some((r) => r.t === 'records_p0' && r.i.includes(','))).toBe(true);
      expect(await indexesOf(raw)).toEqual(indexesBefore);
    });

    it('loads every planned record into every township and year', async () => {
      expect(tree).toHaveLength(100);
      const { rows } = await raw.query<{ n: string; townships: string; years: string }>(
        `select count(*) as n, count(distinct township_id) as townships,
                count(distinct extract(year from date)) filter (where kind = 'exam_score') as years
           from records`,
      );
      expect(Number(rows[0]!.n)).toBe(15_000);
      expect(Number(rows[0]!.townships)).toBe(1_500);
      expect(Number(rows[0]!.years)).toBe(5);
    });

    it('writes rows the ledger accepts: valid data, their own dedup keys, registry end dates', async () => {
      const { rows } = await raw.query<{
        kind: string;
        date: Date;
        end_date: Date | null;
        title: string;
        data: Record<string, unknown>;
        dedup_key: string;
      }>(`select kind, date::text as date, end_date::text as end_date, title, data, dedup_key from records
           order by id limit 3000`);
      let ended = 0;
      for (const r of rows) {
        const kind = getKind(r.kind);
        const v = validateRecord(kind, { date: r.date, endDate: r.end_date, title: r.title, data: r.data });
        expect(v.ok, `${r.title}: ${JSON.stringify(v.ok ? null : v.errors)}`).toBe(true);
        if (!v.ok) continue;
        expect(dedupKey(r.kind, null, v.value)).toBe(r.dedup_key);
        if (r.end_date !== null) {
          expect(kind.temporal).toBe('registry');
          ended++;
        }
      }
      expect(ended).toBeGreaterThan(0);
      const marks = await raw.query<{ n: string }>(
        `select count(*) as n from records where data ? 'approxFields'`,
      );
      expect(Number(marks.rows[0]!.n)).toBeGreaterThan(0);
    });

    it('puts back the indexes and keys it dropped for the load', async () => {
      const idx = await raw.query<{ indexname: string }>(
        `select indexname from pg_indexes where tablename = 'records' order by indexname`,
      );
      expect(idx.rows.map((r) => r.indexname)).toEqual(
        expect.arrayContaining([
          'records_county_kind_date',
          'records_dedup',
          'records_pkey',
          'records_township_kind_date',
        ]),
      );
      const fk = await raw.query<{ n: string }>(
        `select count(*) as n from pg_constraint where confrelid = 'records'::regclass and contype = 'f'`,
      );
      expect(Number(fk.rows[0]!.n)).toBeGreaterThan(0);
      await expect(
        raw.query(
          `insert into records (county_id, township_id, kind, date, title, data, dedup_key, created_at, updated_at)
           values (-1, -1, 'dispute', '2024-01-01', 'x', '{}', 'x', 'x', 'x')`,
        ),
      ).rejects.toThrow(/foreign key/);
    });

    it('gives a county-year the same indicators through fazhi as through the hand-written scan', async () => {
      const { county } = tree[3]!;
      const p = yearPeriod(2024);
      const fazhi = await computeIndicators(h, county, p, indicators);
      const { rows } = await raw.query({
        text: handwrittenSql('postgres'),
        values: [county.id, p.from, p.to],
      });
      const hand = handwrittenValues(rows[0] as Record<string, unknown>);
      for (const v of fazhi) if (hand.has(v.key)) expect(v.value, v.key).toBe(hand.get(v.key));
      expect(fazhi.find((v) => v.key === 'disputes.found')!.value).toBeGreaterThan(0);
    });

    it('loads the indicator cells with the records, and they equal the full scan', async () => {
      const { rows } = await raw.query<{ n: string }>('select count(*) as n from indicator_cells');
      expect(Number(rows[0]!.n)).toBe(cellCount);
      expect(cellCount).toBeGreaterThan(15_000);
      const r = await verifyProvince(h, tree.slice(0, 10), plan.years, 2);
      expect(r.differences).toEqual([]);
      // Every county-year, and each county's two townships' years (registry records reach back
      // before the first year, so a township has more years than five).
      expect(r.checked).toBeGreaterThanOrEqual(10 * 5 + 10 * 2 * 5);
    });

    it('catches a cell that disagrees with the records, in a township or in a county total', async () => {
      // A row's ctid is unique only within its partition: the table is partitioned by county.
      const { county, townships } = tree[5]!;
      const tamper = async (townshipId: number, years: [number, number]) => {
        const { rows } = await raw.query<{ bucket: number }>(
          `update indicator_cells set n = n + 1, total = total + 1
            where (tableoid, ctid) = (select tableoid, ctid from indicator_cells
                           where county_id = $1 and township_id = $2 and grain = 'y' and bucket between $3 and $4
                             and end_bucket = 0 and from_bucket = 0 and value = '' limit 1)
            returning bucket`,
          [county.id, townshipId, ...years],
        );
        expect(rows).toHaveLength(1);
        return rows[0]!.bucket;
      };
      const year = await tamper(townships[0]!.id, [2021, 2025]);
      await tamper(COUNTY_TOTAL, [year, year]);
      // The township sampled first is townships[0].
      const r = await verifyProvince(h, [tree[5]!], plan.years, 1);
      expect(r.differences.every((d) => d.countyId === county.id && d.year === year)).toBe(true);
      expect(r.differences.some((d) => d.townshipId === townships[0]!.id)).toBe(true);
      expect(r.differences.some((d) => d.townshipId === null)).toBe(true);
    });
  });
