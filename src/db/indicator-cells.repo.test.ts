import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicators } from '../catalogue/indicators.ts';
import type { Period } from '../core/dates.ts';
import {
  CELL_PLAN,
  COUNTY_TOTAL,
  isTalliedValue,
  type Cell,
  type TownshipCell,
} from '../core/indicator-cells.ts';
import { planAggregates } from '../core/indicators.ts';
import { ALL } from '../core/scope.ts';
import { ledgerRandom, recordRowOf, type LedgerRandom } from '../testing/cell-ledger.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, smallCounty } from '../testing/fixtures.ts';
import { generateDemo } from '../services/demo/index.ts';
import { computeIndicatorsAll } from '../services/indicators.ts';
import { toOrg, type Org } from '../services/orgs.ts';
import type { Db } from './connect.ts';
import { listCells, readCells, rebuildCells, syncCellPlan, verifyCells } from './indicator-cells.repo.ts';
import * as county0027 from './migrations/0027_county_totals.ts';
import { evaluateAggregates } from './indicators.repo.ts';
import { migrateToLatest } from './migrate.ts';
import { insertOrg } from './orgs.repo.ts';
import { deletePowersStarting, endPowersBefore } from './powers.repo.ts';
import { rewriteRecordPersonal } from './public.repo.ts';
import {
  deleteRecord,
  insertRecord,
  insertRecords,
  insertRecordsBulk,
  updateRecord,
} from './records.repo.ts';
import type { NewRecordRow } from './schema.ts';
import { orgFilter } from '../services/orgs.ts';

const plan = planAggregates(indicators);

const talliedKeys = [...CELL_PLAN.values()].filter((p) => p.tallied).map((p) => p.key);
const isTally = (c: Cell) =>
  c.value === '' && (c.grain === 'y' || c.grain === 'm') && talliedKeys.includes(c.agg);

/** Every aggregate, for the county and each township, for each period: cells against the scan. */
async function mismatches(h: Db, county: Org, townships: readonly Org[], periods: readonly Period[]) {
  const out: string[] = [];
  for (const p of periods)
    for (const org of [county, ...townships]) {
      const filter =
        org.kind === 'county' ? { countyId: org.id } : { countyId: county.id, townshipId: org.id };
      const cells = (await readCells(h.db, filter, p, plan))!;
      const scan = await evaluateAggregates(h.db, h.dialect, orgFilter(org), p, plan);
      for (const [id, v] of scan) {
        const c = cells.get(id)!;
        if (Math.abs(c - v) > 1e-6 * Math.max(1, Math.abs(v)))
          out.push(`${org.name} ${p.from}..${p.to} ${id}: cells ${c}, scan ${v}`);
      }
    }
  return out;
}

const YEARS: Period[] = [2021, 2022, 2023, 2024, 2025, 2026].map((y) => ({
  from: `${y}-01-01`,
  to: `${y}-12-31`,
}));
const MONTHS: Period[] = [
  { from: '2023-03-01', to: '2023-03-31' },
  { from: '2024-02-01', to: '2024-02-29' },
  { from: '2022-07-01', to: '2024-06-30' },
  { from: '2025-11-01', to: '2026-01-31' },
];
const PERIODS = [...YEARS, ...MONTHS];

let serial = 0;
function newRow(r: LedgerRandom, county: Org, t: Org, kind?: string): NewRecordRow {
  return recordRowOf(r.row(kind), county.id, t.id, ++serial);
}

async function ids(h: Db, townshipId: number, kind?: string): Promise<number[]> {
  let q = h.db.selectFrom('records').select('id').where('township_id', '=', townshipId);
  if (kind) q = q.where('kind', '=', kind);
  return (await q.orderBy('id').execute()).map((x) => Number(x.id));
}

for (const tdb of testDatabases()) {
  describe(`indicator cells on ${tdb.name}`, () => {
    let h: Db;
    let org: Awaited<ReturnType<typeof smallCounty>>;
    let towns: Org[];
    const r = ledgerRandom(20);
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
      towns = [org.a, org.b];
    });
    afterAll(() => h.close());

    it('equal the scan after inserts, re-imports with duplicates, bulk imports and single inserts', async () => {
      const rows = Array.from({ length: 400 }, () => newRow(r, org.county, r.pick(towns)));
      await h.db.transaction().execute((trx) => insertRecords(trx, rows));
      expect(await mismatches(h, org.county, towns, PERIODS)).toEqual([]);
      // A re-import: half already stored (skipped, so not counted again), half new, one key twice.
      const again = [
        ...rows.slice(0, 100),
        ...Array.from({ length: 100 }, () => newRow(r, org.county, org.a)),
      ];
      again.push({ ...again[150]!, data: JSON.stringify(r.row(again[150]!.kind).data) });
      const n = await h.db.transaction().execute((trx) => insertRecords(trx, again));
      expect(n).toBe(100);
      const bulk = [
        ...rows.slice(100, 150),
        ...Array.from({ length: 150 }, () => newRow(r, org.county, org.b)),
      ];
      const m = await h.db.transaction().execute((trx) => insertRecordsBulk(h, trx, bulk));
      expect(m).toBe(150);
      // Single inserts, as a form or a case opens a record: a new one is stored and counted once,
      // one already stored is refused and not counted again.
      for (let i = 0; i < 20; i++) {
        const one = newRow(r, org.county, r.pick(towns));
        const stored = await insertRecord(h.db, one);
        expect(stored).toMatchObject({ dedup_key: one.dedup_key, kind: one.kind });
        expect(await insertRecord(h.db, { ...one, title: '重复' })).toBeUndefined();
      }
      expect(await mismatches(h, org.county, towns, PERIODS)).toEqual([]);
    });

    it('equal the scan after random updates, deletes and anonymising rewrites', async () => {
      for (let i = 0; i < 60; i++) {
        const t = r.pick(towns);
        const list = await ids(h, t.id);
        const id = r.pick(list);
        const op = r.int(3);
        await h.db.transaction().execute(async (trx) => {
          const cur = await trx
            .selectFrom('records')
            .select(['kind', 'dedup_key'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          if (op === 0) {
            const row = r.row(cur.kind);
            await updateRecord(trx, ALL, id, {
              date: row.date,
              end_date: row.endDate,
              title: '改',
              data: JSON.stringify(row.data),
              dedup_key: cur.dedup_key,
              org_id: null,
              updated_at: NOW,
            });
          } else if (op === 1) await deleteRecord(trx, ALL, id);
          else
            await rewriteRecordPersonal(trx, id, {
              title: '匿名',
              data: JSON.stringify(r.row(cur.kind).data),
              at: NOW,
            });
        });
      }
      expect(await mismatches(h, org.county, towns, PERIODS)).toEqual([]);
    });

    it('count a person once when writers in two townships add and remove them at once', async () => {
      const county = org.county;
      const exam = (t: Org, date: string) => {
        const row = newRow(r, county, t, 'exam_score');
        return { ...row, date, data: JSON.stringify({ ...JSON.parse(row.data), person: '并发同名人' }) };
      };
      const year = { from: '2026-01-01', to: '2026-12-31' };
      const distinctId = [...plan].find(([, a]) => a.op === 'distinct')![0];
      const read = async (filter: { countyId: number; townshipId?: number }) =>
        (await readCells(h.db, filter, year, plan))!.get(distinctId)!;
      const before = await read({ countyId: county.id });
      // Four writers at once, two townships, the same new person in the same months.
      const rows = [
        exam(org.a, '2026-03-02'),
        exam(org.b, '2026-03-03'),
        exam(org.a, '2026-03-04'),
        exam(org.b, '2026-05-05'),
      ];
      await Promise.all(rows.map((row) => h.db.transaction().execute((trx) => insertRecords(trx, [row]))));
      expect(await read({ countyId: county.id })).toBe(before + 1);
      expect(await mismatches(h, county, towns, [year, { from: '2026-03-01', to: '2026-03-31' }])).toEqual(
        [],
      );
      const added = await h.db
        .selectFrom('records')
        .select('id')
        .where(
          'dedup_key',
          'in',
          rows.map((x) => x.dedup_key),
        )
        .execute();
      expect(added.length).toBe(4);
      await Promise.all(
        added.map((x) => h.db.transaction().execute((trx) => deleteRecord(trx, ALL, Number(x.id)))),
      );
      expect(await read({ countyId: county.id })).toBe(before);
      expect(await mismatches(h, county, towns, [year, { from: '2026-03-01', to: '2026-03-31' }])).toEqual(
        [],
      );
      // No tally is left at zero.
      const zero = await h.db.selectFrom('indicator_cells').select('agg').where('n', '<=', 0).execute();
      expect(zero).toEqual([]);
    });

    it('equal the scan after a power list is replaced and earlier powers end', async () => {
      const powers = Array.from({ length: 40 }, () => newRow(r, org.county, org.a, 'power'));
      await h.db.transaction().execute((trx) => insertRecords(trx, powers));
      await h.db.transaction().execute(async (trx) => {
        await deletePowersStarting(trx, org.a.id, '2024-01-01', '2025-01-01');
        await endPowersBefore(trx, org.a.id, '2024-01-01', NOW);
        const list = Array.from({ length: 10 }, () => ({
          ...newRow(r, org.county, org.a, 'power'),
          date: '2024-01-01',
          end_date: null,
        }));
        await insertRecords(trx, list);
      });
      expect((await ids(h, org.a.id, 'power')).length).toBeGreaterThan(10);
      expect(await mismatches(h, org.county, towns, PERIODS)).toEqual([]);
    });

    it('keep the write out when its transaction rolls back', async () => {
      const before = await verifyCells(h);
      expect(before.differences).toEqual([]);
      await expect(
        h.db.transaction().execute(async (trx) => {
          await insertRecords(trx, [newRow(r, org.county, org.a), newRow(r, org.county, org.b)]);
          const first = await trx
            .selectFrom('records')
            .select('id')
            .where('township_id', '=', org.a.id)
            .executeTakeFirstOrThrow();
          await deleteRecord(trx, ALL, Number(first.id));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await mismatches(h, org.county, towns, PERIODS)).toEqual([]);
    });

    it('are repaired by a rebuild, and verify reports the damage first', async () => {
      await h.db
        .updateTable('indicator_cells')
        .set({ n: 9 })
        .where('grain', '=', 'y')
        .where('bucket', '=', 2023)
        .execute();
      await h.db.deleteFrom('indicator_cells').where('grain', '=', 'y').where('bucket', '=', 2024).execute();
      const bad = await verifyCells(h, { countyId: org.county.id });
      expect(bad.differences.length).toBeGreaterThan(0);
      // Registry cells started in 2024 count in later years too: those years differ as well.
      const years = new Set(bad.differences.map((d) => d.year));
      expect(years.has(2023) && years.has(2024) && !years.has(2022)).toBe(true);
      const done = await rebuildCells(h, org.county.id);
      expect(done.counties).toBe(1);
      expect(await mismatches(h, org.county, towns, PERIODS)).toEqual([]);
      const good = await verifyCells(h, { countyId: org.county.id });
      expect(good.differences).toEqual([]);
      expect(good.checked).toBeGreaterThan(0);
    });

    it('are built for a database that had none when it migrates', async () => {
      const other = toOrg(
        await insertOrg(h.db, { code: '440000', name: '另一县', kind: 'county', parentId: null }, NOW),
      );
      const town = toOrg(
        await insertOrg(h.db, { code: '440001', name: '丙镇', kind: 'township', parentId: other.id }, NOW),
      );
      await h.db.transaction().execute((trx) =>
        insertRecords(
          trx,
          Array.from({ length: 120 }, () => newRow(r, other, town)),
        ),
      );
      await h.db.deleteFrom('indicator_cells').execute();
      await h.db.deleteFrom('indicator_cell_plan').execute();
      expect(
        (await readCells(h.db, { countyId: org.county.id }, YEARS[3]!, plan))!.get([...plan.keys()][0]!),
      ).toBe(0);
      await migrateToLatest(h);
      expect(await mismatches(h, org.county, towns, PERIODS)).toEqual([]);
      expect(await mismatches(h, other, [town], PERIODS)).toEqual([]);
      // The province (every county) from the cells: counts and sums add up over the counties.
      for (const p of YEARS) {
        const all = (await readCells(h.db, null, p, plan))!;
        const parts = await Promise.all(
          [org.county, other].map((c) => evaluateAggregates(h.db, h.dialect, orgFilter(c), p, plan)),
        );
        for (const [id, a] of plan)
          if (a.op !== 'distinct')
            expect(all.get(id)).toBeCloseTo(parts[0]!.get(id)! + parts[1]!.get(id)!, 6);
      }
      const province = await computeIndicatorsAll(h, YEARS[3]!);
      expect(province.length).toBe(indicators.length);
      await expect(computeIndicatorsAll(h, { from: '2024-01-05', to: '2024-12-31' })).rejects.toThrow(/整月/);
      const held = await h.db.selectFrom('indicator_cell_plan').select('agg').execute();
      expect(held.length).toBe(plan.size);
      // A plan entry no longer shipped loses its cells at the next start.
      await h.db
        .insertInto('indicator_cell_plan')
        .values({ agg: 'ffffffffffffffff', definition: '[]' })
        .execute();
      await h.db
        .insertInto('indicator_cells')
        .values({
          county_id: other.id,
          township_id: town.id,
          agg: 'ffffffffffffffff',
          grain: 'y',
          bucket: 2024,
          end_bucket: 0,
          from_bucket: 0,
          value: '',
          n: 1,
          total: 0,
        })
        .execute();
      await migrateToLatest(h);
      const left = await h.db
        .selectFrom('indicator_cells')
        .select('agg')
        .where('agg', '=', 'ffffffffffffffff')
        .execute();
      expect(left).toEqual([]);
    });
  });

  describe(`indicator cells of the demo county on ${tdb.name}`, () => {
    let h: Db;
    let demoCounty: Org | undefined;
    beforeAll(async () => {
      h = await tdb.open();
    });
    afterAll(() => h.close());

    it('equal the scan for every indicator, each year, for the county and its townships', async () => {
      const demo = await generateDemo(h, {
        now: '2024-06-30T08:00:00.000Z',
        year: 2023,
        townships: 3,
        seed: 5,
      });
      const years = [2022, 2023, 2024].map((y) => ({ from: `${y}-01-01`, to: `${y}-12-31` }));
      demoCounty = demo.county;
      expect(await mismatches(h, demo.county, demo.townships, years)).toEqual([]);
      const v = await verifyCells(h);
      expect(v.differences).toEqual([]);
      expect(v.checked).toBeGreaterThanOrEqual(4);
    });

    it('hold county totals equal to the sums of the township cells, which migration 0027 makes afresh', async () => {
      // The demo county of the test above.
      const county = demoCounty!;
      const key = (c: TownshipCell) =>
        [c.agg, c.grain, c.bucket, c.endBucket, c.fromBucket, c.value].join('|');
      const all = await listCells(h.db, county.id);
      // A tally counts its values, at the township and the county alike: it is no sum.
      const tallies = all.filter(isTally);
      const stored = all.filter((c) => !isTally(c));
      const values = new Map<string, number>();
      for (const c of stored.filter(isTalliedValue)) {
        const k = `${c.townshipId}|${c.agg}|${c.grain}|${c.bucket}`;
        values.set(k, (values.get(k) ?? 0) + 1);
      }
      expect(tallies.filter((t) => t.townshipId === COUNTY_TOTAL).length).toBeGreaterThan(3);
      expect(tallies.length).toBe(values.size);
      for (const t of tallies)
        expect(t.n).toBe(values.get(`${t.townshipId}|${t.agg}|${t.grain}v|${t.bucket}`));
      const totals = stored.filter((c) => c.townshipId === COUNTY_TOTAL);
      const summed = new Map<string, { n: number; total: number }>();
      for (const c of stored.filter((x) => x.townshipId !== COUNTY_TOTAL)) {
        const t = summed.get(key(c)) ?? { n: 0, total: 0 };
        summed.set(key(c), { n: t.n + c.n, total: t.total + c.total });
      }
      expect(totals.length).toBe(summed.size);
      expect(totals.length).toBeGreaterThan(100);
      for (const c of totals) {
        expect(c.n, key(c)).toBe(summed.get(key(c))?.n);
        expect(c.total).toBeCloseTo(summed.get(key(c))!.total, 6);
      }
      // A database of 0027's time (cells without tallies) whose totals are missing or wrong gets
      // them right from its township cells.
      await h.db
        .deleteFrom('indicator_cells')
        .where('value', '=', '')
        .where('agg', 'in', talliedKeys)
        .execute();
      await h.db
        .deleteFrom('indicator_cells')
        .where('township_id', '=', COUNTY_TOTAL)
        .where('grain', '=', 'm')
        .execute();
      await h.db
        .updateTable('indicator_cells')
        .set({ n: 999 })
        .where('township_id', '=', COUNTY_TOTAL)
        .execute();
      await county0027.up(h.db);
      const sorted = (xs: TownshipCell[]) => xs.map((c) => `${c.townshipId}|${key(c)}|${c.n}`).sort();
      expect(sorted(await listCells(h.db, county.id))).toEqual(sorted(stored));
      await rebuildCells(h, county.id);
      expect(sorted(await listCells(h.db, county.id))).toEqual(sorted(all));
    });

    it("bring the cells of an earlier release (a distinct count's values among the counts) to the tallied layout", async () => {
      const county = demoCounty!;
      const before = await listCells(h.db, county.id);
      // As the release before the tallies kept them: values at the plain grains, no tallies.
      await h.db
        .deleteFrom('indicator_cells')
        .where('value', '=', '')
        .where('agg', 'in', talliedKeys)
        .execute();
      for (const [from, to] of [
        ['yv', 'y'],
        ['mv', 'm'],
      ] as const)
        await h.db.updateTable('indicator_cells').set({ grain: to }).where('grain', '=', from).execute();
      for (const p of CELL_PLAN.values())
        await h.db
          .updateTable('indicator_cell_plan')
          .set({ definition: p.id })
          .where('agg', '=', p.key)
          .execute();
      expect((await syncCellPlan(h)).added).toBe(talliedKeys.length);
      const sorted = (xs: TownshipCell[]) => xs.map((c) => JSON.stringify(c)).sort();
      expect(sorted(await listCells(h.db, county.id))).toEqual(sorted(before));
      expect((await verifyCells(h, { countyId: county.id })).differences).toEqual([]);
      expect(await syncCellPlan(h)).toEqual({ added: 0, removed: 0 });
    });
  });
}
