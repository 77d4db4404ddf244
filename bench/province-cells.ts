import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { FieldValue } from '../src/catalogue/fields.ts';
import { yearPeriod } from '../src/core/dates.ts';
import { CELL_PLAN, cellsOf, wholeCells, type TownshipCell } from '../src/core/indicator-cells.ts';
import type { Db } from '../src/db/connect.ts';
import { readCells, verifyCells, type CellDifference } from '../src/db/indicator-cells.repo.ts';
import { evaluateAggregates } from '../src/db/indicators.repo.ts';
import type { AfterCounty, GeneratedRecord, ProvinceCounty, RecordSink } from './province-data.ts';
import { orgFilter } from '../src/services/orgs.ts';

const esc = (s: string): string =>
  /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : s;

/** A township cell being summed in place. */
type Acc = { -readonly [K in keyof TownshipCell]: TownshipCell[K] };

/**
 * Gathers the indicator cells of the records as they are generated (each record's contributions
 * from `cellsOf`, as every ledger write computes them) and COPYs a county's cells, with its totals
 * and tallies (`wholeCells`, as a rebuild stores them), once its records are in. The contributions
 * are summed in place: `addCells` makes a new object for every merge, which at 30 million records
 * costs more than generating them. `sinkMs` is the time computing the cells, `copyMs` the time
 * COPYing them (on the county's connection, while the other streams go on), for comparing with a
 * rebuild from the loaded records.
 */
export function cellsDuringLoad(): {
  sink: RecordSink;
  afterCounty: AfterCounty;
  stats: { sinkMs: number; copyMs: number; cells: number };
} {
  const maps = new Map<number, Map<string, Acc>>();
  const stats = { sinkMs: 0, copyMs: 0, cells: 0 };
  const sink: RecordSink = (countyId: number, townshipId: number, g: GeneratedRecord) => {
    const t = performance.now();
    let m = maps.get(countyId);
    if (!m) maps.set(countyId, (m = new Map<string, Acc>()));
    const row = {
      countyId,
      townshipId,
      kind: g.kind,
      date: g.date,
      endDate: g.endDate,
      data: g.data as Record<string, FieldValue>,
    };
    for (const c of cellsOf(row)) {
      const k = `${townshipId}|${c.agg}|${c.grain}|${c.bucket}|${c.endBucket}|${c.fromBucket}|${c.value}`;
      const had = m.get(k);
      if (had) {
        had.n += c.n;
        had.total += c.total;
      } else m.set(k, { ...c, countyId, townshipId });
    }
    stats.sinkMs += performance.now() - t;
  };
  const afterCounty: AfterCounty = async (client: pg.Client, countyId: number) => {
    const t = performance.now();
    const m = maps.get(countyId);
    maps.delete(countyId);
    if (!m) return;
    function* lines() {
      let buf = '';
      for (const c of wholeCells(m!.values())) {
        const { townshipId, n, total } = c;
        if (n <= 0) continue;
        stats.cells++;
        buf += `${countyId}\t${townshipId}\t${c.agg}\t${c.grain}\t${c.bucket}\t${c.endBucket}\t${c.fromBucket}\t${esc(c.value)}\t${n}\t${total}\n`;
        if (buf.length > 1 << 19) {
          yield buf;
          buf = '';
        }
      }
      if (buf) yield buf;
    }
    const stream = client.query(
      copyFrom(
        'copy indicator_cells (county_id, township_id, agg, grain, bucket, end_bucket, from_bucket, value, n, total) from stdin',
      ),
    );
    await pipeline(Readable.from(lines(), { objectMode: false }), stream as unknown as Writable);
    stats.copyMs += performance.now() - t;
  };
  return { sink, afterCounty, stats };
}

/**
 * Cells against the full scan, for every indicator aggregate: every county-year of the province
 * (the county's cells summed over its townships, against a scan of the county's records), and
 * every year of `sample` townships of each county through the cells code's own `verifyCells`.
 */
export async function verifyProvince(
  h: Db,
  tree: readonly ProvinceCounty[],
  years: readonly number[],
  sample: number,
  onCounty?: (done: number) => void,
): Promise<{ checked: number; differences: CellDifference[] }> {
  const plan = new Map([...CELL_PLAN.values()].map((p) => [p.id, p.a]));
  const differences: CellDifference[] = [];
  let checked = 0;
  for (const [i, { county, townships }] of tree.entries()) {
    for (const year of years) {
      const p = yearPeriod(year);
      const cells = await readCells(h.db, { countyId: county.id }, p, plan);
      if (!cells) throw new Error(`${year} 年不是整月统计期`);
      const scan = await evaluateAggregates(h.db, h.dialect, orgFilter(county), p, plan);
      checked++;
      for (const [id, v] of scan) {
        const c = cells.get(id) ?? 0;
        if (Math.abs(c - v) > 1e-6 * Math.max(1, Math.abs(v)))
          differences.push({ countyId: county.id, townshipId: null, year, aggregate: id, cells: c, scan: v });
      }
    }
    // A different township of each county each time round, so the sample covers every position.
    for (let k = 0; k < Math.min(sample, townships.length); k++) {
      const t = townships[(i + k * 7) % townships.length]!;
      const r = await verifyCells(h, { countyId: county.id, townshipId: t.id });
      checked += r.checked;
      differences.push(...r.differences);
    }
    onCounty?.(i + 1);
  }
  return { checked, differences };
}
