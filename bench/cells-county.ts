import { sql } from 'kysely';
import { yearPeriod } from '../src/core/dates.ts';
import { planAggregates } from '../src/core/indicators.ts';
import { indicators } from '../src/catalogue/indicators.ts';
import { rebuildCells, readCells } from '../src/db/indicator-cells.repo.ts';
import { evaluateAggregates } from '../src/db/indicators.repo.ts';
import { insertRecords } from '../src/db/records.repo.ts';
import type { NewRecordRow } from '../src/db/schema.ts';
import { prepareRows } from '../src/services/records.ts';
import { startPostgres } from '../test/postgres-server.ts';
import { benchCounty, benchDatabases } from './dbs.ts';
import { bestOf } from './harness.ts';
import { syntheticDrafts } from './synthetic.ts';
import { orgFilter } from '../src/services/orgs.ts';

/**
 * A county-year's indicators from the cells against the scan of its records, on PostgreSQL, over a
 * synthetic county (default 1,000,000 records, 20 townships, two years): `node bin/run-ts.js
 * bench/cells-county.ts [records]`. Prints both times, the ratio, and the rebuild's time.
 */
const total = Number(process.argv[2] ?? 1_000_000);
const TOWNSHIPS = 20;
const YEAR = 2024;

let pgUrl = process.env.FAZHI_TEST_PG;
let stop = () => {};
if (!pgUrl) {
  const r = await startPostgres();
  if ('error' in r) throw new Error(r.error);
  pgUrl = r.url;
  stop = () => r.stop();
}
const dbs = await benchDatabases({ pgUrl, quick: false });
const b = dbs.find((d) => d.name === 'postgres')!;
try {
  const { county, townships } = await benchCounty(b.h, TOWNSHIPS);
  const per = Math.ceil(total / TOWNSHIPS / 2);
  let t0 = performance.now();
  for (const [i, t] of townships.entries()) {
    const batch: NewRecordRow[] = [];
    for (const year of [YEAR - 1, YEAR])
      for (const { kind, draft } of syntheticDrafts(per, year, i * 100 + year)) {
        const r = prepareRows(kind, t, county.id, new Map(), [draft], {
          now: '2024-01-01',
          createdBy: null,
          importId: null,
        });
        batch.push(...r.rows);
      }
    await b.h.db.transaction().execute((trx) => insertRecords(trx, batch));
  }
  const loadMs = performance.now() - t0;
  await sql`analyze`.execute(b.h.db);
  const plan = planAggregates(indicators);
  const p = yearPeriod(YEAR);
  const cells = () => readCells(b.h.db, { countyId: county.id }, p, plan);
  const scan = () => evaluateAggregates(b.h.db, b.h.dialect, orgFilter(county), p, plan);
  const a = (await cells())!;
  const s = await scan();
  for (const [id, v] of s)
    if (Math.abs((a.get(id) ?? 0) - v) > 1e-6 * Math.max(1, Math.abs(v)))
      throw new Error(`${id}: cells ${a.get(id)} ≠ scan ${v}`);
  const tCells = await bestOf(7, cells);
  const tScan = await bestOf(3, scan);
  const town = townships[0]!;
  const tTown = await bestOf(7, () =>
    readCells(b.h.db, { countyId: county.id, townshipId: town.id }, p, plan),
  );
  const tTownScan = await bestOf(3, () => evaluateAggregates(b.h.db, b.h.dialect, orgFilter(town), p, plan));
  const n = await b.h.db
    .selectFrom('indicator_cells')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  t0 = performance.now();
  const rebuilt = await rebuildCells(b.h, county.id);
  const rebuildMs = performance.now() - t0;
  console.log(
    JSON.stringify(
      {
        records: total,
        loadSeconds: Math.round(loadMs / 1000),
        cells: Number(n.n),
        countyYear: { cellsMs: tCells, scanMs: tScan, ratio: tScan / tCells },
        townshipYear: { cellsMs: tTown, scanMs: tTownScan, ratio: tTownScan / tTown },
        rebuild: { ms: Math.round(rebuildMs), records: rebuilt.records, cells: rebuilt.cells },
      },
      null,
      2,
    ),
  );
} finally {
  for (const d of dbs) await d.dispose();
  stop();
}
