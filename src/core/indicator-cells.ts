import { createHash } from 'node:crypto';
import type { FieldValue } from '../catalogue/fields.ts';
import { APPROX_KEY, indicators, type Aggregate, type Cond } from '../catalogue/indicators.ts';
import { getKind } from '../catalogue/kinds.ts';
import type { Period } from './dates.ts';
import { aggregateId, condHolds, planAggregates, type IndicatorRow } from './indicators.ts';

/**
 * Indicator cells: every aggregate of the global plan, pre-summed per township and month (and per
 * calendar year), so a township's or county's indicators for a month-aligned period are a read of
 * a few cells instead of a scan of its records. A record adds n = 1 (and its figure, for a sum) to
 * one cell per aggregate it meets, at grain 'y' and at grain 'm'; the cell's key carries what the
 * period decides: the record's date bucket, a registry's end bucket, and the bucket from which
 * its end-dependent conditions (onOrBeforeEnd) hold.
 */

export type Grain = 'y' | 'm';

/**
 * The grain a distinct count's values are kept at: one cell per value, apart from the counts and
 * sums (a period's counts and sums are read without passing over them). A distinct count of an
 * event kind whose conditions do not read the period is also kept as a tally: its cell at the plain
 * grain (value '') holds how many values the bucket has, so a one-bucket period (a year, a month)
 * reads one row instead of every value.
 */
export type ValueGrain = 'yv' | 'mv';
export type CellGrain = Grain | ValueGrain;

export function valueGrain(g: Grain): ValueGrain {
  return g === 'y' ? 'yv' : 'mv';
}

/** One aggregate of the plan with its stable key (the first 16 hex chars of sha256 of its id). */
export interface PlannedAggregate {
  readonly key: string;
  readonly id: string;
  readonly a: Aggregate;
  readonly registry: boolean;
  /** A distinct count whose values a one-bucket period reads as a tally (see ValueGrain). */
  readonly tallied: boolean;
  /** What the key's stored cells hold, as the plan table records it (a change rebuilds them). */
  readonly stored: string;
}

/** One cell's contribution (or stored value) within a township. */
export interface Cell {
  readonly agg: string;
  readonly grain: CellGrain;
  readonly bucket: number;
  readonly endBucket: number;
  readonly fromBucket: number;
  readonly value: string;
  readonly n: number;
  readonly total: number;
}

export interface TownshipCell extends Cell {
  readonly countyId: number;
  readonly townshipId: number;
}

/** The part of a record the cells read. */
export type CellRow = Pick<IndicatorRow, 'kind' | 'date' | 'endDate' | 'data'> & {
  readonly countyId: number;
  readonly townshipId: number;
};

/** Merged contributions by full cell key (added to in place as rows merge). */
export type CellMap = Map<string, { -readonly [K in keyof TownshipCell]: TownshipCell[K] }>;

export function aggKey(a: Aggregate): string {
  return createHash('sha256').update(aggregateId(a)).digest('hex').slice(0, 16);
}

/** True when the condition reads the period (its end), so a record's cells depend on it. */
function readsPeriod(c: Cond): boolean {
  return c.op === 'onOrBeforeEnd' || (c.op === 'any' && c.any.some(readsPeriod));
}

function plannedOf(plan: ReadonlyMap<string, Aggregate>): Map<string, PlannedAggregate> {
  const out = new Map<string, PlannedAggregate>();
  for (const [id, a] of plan) {
    const key = aggKey(a);
    const registry = getKind(a.kind).temporal === 'registry';
    const tallied = a.op === 'distinct' && !registry && !(a.where ?? []).some(readsPeriod);
    const stored = a.op !== 'distinct' ? id : `${id} values:${tallied ? 'tallied' : 'apart'}`;
    out.set(key, { key, id, a, registry, tallied, stored });
  }
  return out;
}

/** Every aggregate the catalogue's indicators read, by key: what the cells hold. */
export const CELL_PLAN: ReadonlyMap<string, PlannedAggregate> = plannedOf(planAggregates(indicators));

const byId = new Map([...CELL_PLAN.values()].map((p) => [p.id, p]));

/** The planned aggregate behind an aggregate id; undefined when the cells do not hold it. */
export function plannedById(id: string): PlannedAggregate | undefined {
  return byId.get(id);
}

const byKind = new Map<string, PlannedAggregate[]>();
for (const p of CELL_PLAN.values()) {
  const list = byKind.get(p.a.kind) ?? [];
  list.push(p);
  byKind.set(p.a.kind, list);
}

/** The record kinds some planned aggregate reads. */
export const CELL_KINDS: readonly string[] = [...byKind.keys()];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The bucket of a YYYY-MM-DD date: YYYY, or YYYYMM. */
export function bucketOf(date: string, grain: Grain): number {
  const y = Number(date.slice(0, 4));
  return grain === 'y' ? y : y * 100 + Number(date.slice(5, 7));
}

const lastDayOf = (y: number, m: number) =>
  `${pad(y, 4)}-${pad(m, 2)}-${pad(m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31, 2)}`;

/** The last day of the period a bucket stands for. */
function bucketEnd(index: number, grain: Grain): string {
  return grain === 'y' ? `${pad(index, 4)}-12-31` : lastDayOf(Math.floor(index / 12), (index % 12) + 1);
}

/**
 * The first bucket whose last day is on or after `v` (text order, as the scan compares): from it
 * on, `v ≤ period end` holds. 0 when it holds for every bucket; null when for none. Buckets are
 * searched as indexes (years, or months since year 0) so any text, not only a date, is placed exactly.
 */
function firstBucketFrom(v: string, grain: Grain): number | null {
  const max = grain === 'y' ? 9999 : 9999 * 12 + 11;
  if (bucketEnd(max, grain) < v) return null;
  let lo = 0;
  let hi = max;
  // A well-formed date is its own bucket: check that guess before searching.
  if (/^\d{4}-\d{2}/.test(v)) {
    const y = Number(v.slice(0, 4));
    const guess = grain === 'y' ? y : y * 12 + Number(v.slice(5, 7)) - 1;
    if (guess >= 0 && guess <= max && bucketEnd(guess, grain) >= v) {
      if (guess === 0 || bucketEnd(guess - 1, grain) < v) lo = hi = guess;
      else hi = guess;
    }
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bucketEnd(mid, grain) >= v) hi = mid;
    else lo = mid + 1;
  }
  if (lo === 0) return 0;
  return grain === 'y' ? lo : Math.floor(lo / 12) * 100 + (lo % 12) + 1;
}

const NEVER = null;
const ALWAYS = 0;

/** From which bucket a condition holds for the row (0 always, null never). */
function condFrom(c: Cond, data: Readonly<Record<string, FieldValue>>, grain: Grain): number | null {
  switch (c.op) {
    case 'onOrBeforeEnd': {
      const v = data[c.field];
      return typeof v === 'string' ? firstBucketFrom(v, grain) : NEVER;
    }
    case 'any': {
      let best: number | null = NEVER;
      for (const x of c.any) {
        const f = condFrom(x, data, grain);
        if (f !== null && (best === null || f < best)) best = f;
      }
      return best;
    }
    case 'in':
    case 'truthy':
    case 'notAfter':
    case 'approx':
      // These do not read the period.
      return condHolds(c, data, { from: '', to: '' }) ? ALWAYS : NEVER;
  }
}

function whereFrom(
  where: readonly Cond[] | undefined,
  data: Readonly<Record<string, FieldValue>>,
  grain: Grain,
) {
  let from = ALWAYS;
  for (const c of where ?? []) {
    const f = condFrom(c, data, grain);
    if (f === null) return NEVER;
    if (f > from) from = f;
  }
  return from;
}

/** A distinct aggregate's value as text, as the scan reads it (`data->>'f'`); null when unset. */
function valueText(v: FieldValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The cell contributions of one record. */
export function cellsOf(row: CellRow): Cell[] {
  const plan = byKind.get(row.kind);
  if (!plan) return [];
  const out: Cell[] = [];
  for (const grain of ['y', 'm'] as const) {
    const bucket = bucketOf(row.date, grain);
    for (const p of plan) {
      const endBucket = p.registry
        ? row.endDate === null
          ? grain === 'y'
            ? 9999
            : 999999
          : bucketOf(row.endDate, grain)
        : 0;
      const fromBucket = whereFrom(p.a.where, row.data, grain);
      if (fromBucket === null) continue;
      let value = '';
      let total = 0;
      if (p.a.op === 'distinct') {
        const v = valueText(row.data[p.a.field]);
        if (v === null) continue;
        value = v;
      } else if (p.a.op === 'sum') {
        const v = row.data[p.a.field];
        if (typeof v !== 'number') continue;
        total = v;
      }
      out.push({
        agg: p.key,
        grain: p.a.op === 'distinct' ? valueGrain(grain) : grain,
        bucket,
        endBucket,
        fromBucket,
        value,
        n: 1,
        total,
      });
    }
  }
  return out;
}

function keyOf(countyId: number, townshipId: number, c: Cell): string {
  return `${countyId}|${townshipId}|${c.agg}|${c.grain}|${c.bucket}|${c.endBucket}|${c.fromBucket}|${c.value}`;
}

/** A township cell's full key. */
export function cellKey(c: TownshipCell): string {
  return keyOf(c.countyId, c.townshipId, c);
}

/** What of a kind's records the cells read: the fields their conditions and distinct counts read, and the summed ones. */
interface KindReads {
  readonly fields: readonly string[];
  readonly sums: readonly string[];
}

function condFields(c: Cond, out: Set<string>): void {
  switch (c.op) {
    case 'any':
      c.any.forEach((x) => condFields(x, out));
      break;
    case 'notAfter':
      out.add(c.field).add(c.notAfter);
      break;
    case 'approx':
      out.add(APPROX_KEY);
      break;
    case 'in':
    case 'truthy':
    case 'onOrBeforeEnd':
      out.add(c.field);
      break;
  }
}

const reads = new Map<string, KindReads>();
for (const [kind, list] of byKind) {
  const fields = new Set<string>();
  const sums = new Set<string>();
  for (const p of list) {
    (p.a.where ?? []).forEach((c) => condFields(c, fields));
    if (p.a.op === 'distinct') fields.add(p.a.field);
    if (p.a.op === 'sum') sums.add(p.a.field);
  }
  reads.set(kind, { fields: [...fields], sums: [...sums] });
}

const SEP = '\u0001';
function fieldKey(v: FieldValue | undefined): string {
  return v === undefined ? 'u' : typeof v === 'string' ? 's' + v : (JSON.stringify(v) ?? 'u');
}

/**
 * Adds the rows' contributions into `into` (sign -1 takes them away: a deleted or replaced record).
 * Rows alike in everything the cells read (township, kind, month, end month, the fields the
 * conditions and distinct counts read, which sum fields are set) make the same cells: they are
 * grouped first and each group's cells computed once, so a large import costs one string key and
 * one map update a row.
 */
export function addCells(into: CellMap, rows: Iterable<CellRow>, sign: 1 | -1 = 1): CellMap {
  const groups = new Map<string, { row: CellRow; n: number; totals: number[] }>();
  for (const row of rows) {
    const r = reads.get(row.kind);
    if (!r) continue;
    let k = `${row.countyId}${SEP}${row.townshipId}${SEP}${row.kind}${SEP}${row.date.slice(0, 7)}${SEP}${row.endDate === null ? '' : row.endDate.slice(0, 7)}`;
    for (const f of r.fields) k += SEP + fieldKey(row.data[f]);
    for (const f of r.sums) k += typeof row.data[f] === 'number' ? '1' : '0';
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { row, n: 0, totals: r.sums.map(() => 0) }));
    g.n++;
    for (let i = 0; i < r.sums.length; i++) {
      const v = row.data[r.sums[i]!];
      if (typeof v === 'number') g.totals[i]! += v;
    }
  }
  for (const { row, n, totals } of groups.values()) {
    const r = reads.get(row.kind)!;
    for (const c of cellsOf(row)) {
      const p = CELL_PLAN.get(c.agg)!;
      const total = p.a.op === 'sum' ? totals[r.sums.indexOf(p.a.field)]! : 0;
      const k = keyOf(row.countyId, row.townshipId, c);
      const had = into.get(k);
      if (had) {
        had.n += sign * n;
        had.total += sign * total;
      } else
        into.set(k, {
          ...c,
          countyId: row.countyId,
          townshipId: row.townshipId,
          n: sign * n,
          total: sign * total,
        });
    }
  }
  return into;
}

/**
 * The township id of a county's total cells: every township's cells of the county summed, so a
 * county's or the province's read covers one row per cell key and county, not one per township.
 * No organisation has id 0.
 */
export const COUNTY_TOTAL = 0;

type MutableCell = { -readonly [K in keyof TownshipCell]: TownshipCell[K] };

/**
 * Township cell changes with the county totals they make: each township cell's change is added to
 * the same cell of its county's total. Changes given for a total already are merged into it.
 */
export function withCountyTotals(cells: Iterable<TownshipCell>): TownshipCell[] {
  const out: TownshipCell[] = [];
  const totals = new Map<string, MutableCell>();
  for (const c of cells) {
    if (c.townshipId !== COUNTY_TOTAL) out.push(c);
    const k = keyOf(c.countyId, COUNTY_TOTAL, c);
    const t = totals.get(k);
    if (t) {
      t.n += c.n;
      t.total += c.total;
    } else totals.set(k, { ...c, townshipId: COUNTY_TOTAL });
  }
  for (const t of totals.values()) out.push(t);
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The non-zero changes in key order: every writer locks cells in the same order, so none deadlock. */
export function sortedCells(cells: Iterable<TownshipCell>): TownshipCell[] {
  return [...cells]
    .filter((c) => c.n !== 0 || c.total !== 0)
    .sort(
      (a, b) =>
        a.countyId - b.countyId ||
        a.townshipId - b.townshipId ||
        cmp(a.agg, b.agg) ||
        cmp(a.grain, b.grain) ||
        a.bucket - b.bucket ||
        a.endBucket - b.endBucket ||
        a.fromBucket - b.fromBucket ||
        cmp(a.value, b.value),
    );
}

/** True for a value cell of a tallied distinct count. */
export function isTalliedValue(c: Cell): boolean {
  return (c.grain === 'yv' || c.grain === 'mv') && CELL_PLAN.get(c.agg)?.tallied === true;
}

/** The tally cell a value cell counts in, with the change `n`. */
function tallyOf(c: TownshipCell, n: number): MutableCell {
  return {
    countyId: c.countyId,
    townshipId: c.townshipId,
    agg: c.agg,
    grain: c.grain === 'yv' ? 'y' : 'm',
    bucket: c.bucket,
    endBucket: 0,
    fromBucket: 0,
    value: '',
    n,
    total: 0,
  };
}

function addTally(into: Map<string, MutableCell>, c: TownshipCell, n: number): void {
  const t = tallyOf(c, n);
  const k = cellKey(t);
  const had = into.get(k);
  if (had) had.n += n;
  else into.set(k, t);
}

/**
 * The whole set of cells a county's township cells make, as a rebuild or a load stores them: the
 * township cells, the county's totals (withCountyTotals), and the tallies their value cells make
 * (one per value with n > 0). A write's changes make their tallies from the stored cells instead
 * (tallyChanges).
 */
export function wholeCells(townshipCells: Iterable<TownshipCell>): TownshipCell[] {
  const out = withCountyTotals(townshipCells);
  const tallies = new Map<string, MutableCell>();
  for (const c of out) if (c.n > 0 && isTalliedValue(c)) addTally(tallies, c, 1);
  return [...out, ...tallies.values()];
}

/**
 * The tally changes of value cells whose stored n went from `before` to `after`: +1 where a value
 * appears in its bucket, -1 where it is gone. Exact under concurrent writers, since each read its
 * cell's before and after under the cell's row lock.
 */
export function tallyChanges(
  changed: Iterable<{ readonly cell: TownshipCell; readonly before: number; readonly after: number }>,
): TownshipCell[] {
  const tallies = new Map<string, MutableCell>();
  for (const { cell, before, after } of changed) {
    if (!isTalliedValue(cell)) continue;
    if (before <= 0 && after > 0) addTally(tallies, cell, 1);
    else if (before > 0 && after <= 0) addTally(tallies, cell, -1);
  }
  return [...tallies.values()].filter((t) => t.n !== 0);
}

/** How a month-aligned period reads the cells: its grain and first and last bucket. */
export interface CellSpan {
  readonly grain: Grain;
  readonly from: number;
  readonly to: number;
}

/** The span of a period that starts on a month's first day and ends on a month's last; else null. */
export function cellSpan(p: Period): CellSpan | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(p.from) || !iso.test(p.to) || p.from > p.to) return null;
  if (p.from.slice(8) !== '01') return null;
  const y = Number(p.to.slice(0, 4));
  const m = Number(p.to.slice(5, 7));
  if (m < 1 || m > 12 || lastDayOf(y, m) !== p.to) return null;
  if (p.from.slice(5) === '01-01' && p.to.slice(5) === '12-31' && p.from.slice(0, 4) === p.to.slice(0, 4))
    return { grain: 'y', from: y, to: y };
  return { grain: 'm', from: bucketOf(p.from, 'm'), to: bucketOf(p.to, 'm') };
}

/** True when a stored cell of a planned aggregate counts toward a period of that span (a tally never does: it stands for values). */
export function cellCounts(p: PlannedAggregate, c: Cell, s: CellSpan): boolean {
  const grain = p.a.op === 'distinct' ? valueGrain(s.grain) : s.grain;
  if (c.grain !== grain || c.n <= 0 || c.fromBucket > s.to) return false;
  return p.registry ? c.bucket <= s.to && c.endBucket > s.to : c.bucket >= s.from && c.bucket <= s.to;
}

/** Reads aggregate values from cells in memory: what readCells does in SQL. */
export function valuesFromCells(
  cells: Iterable<Cell>,
  plan: ReadonlyMap<string, Aggregate>,
  s: CellSpan,
): Map<string, number> {
  const acc = new Map<string, { n: number; total: number; values: Set<string> }>();
  const wanted = new Map<string, PlannedAggregate>();
  for (const id of plan.keys()) {
    const p = plannedById(id);
    if (!p) throw new Error(`aggregate not held in cells: ${id}`);
    wanted.set(p.key, p);
  }
  for (const c of cells) {
    const p = wanted.get(c.agg);
    if (!p || !cellCounts(p, c, s)) continue;
    let a = acc.get(c.agg);
    if (!a) acc.set(c.agg, (a = { n: 0, total: 0, values: new Set() }));
    a.n += c.n;
    a.total += c.total;
    a.values.add(c.value);
  }
  const out = new Map<string, number>();
  for (const p of wanted.values()) {
    const a = acc.get(p.key);
    out.set(p.id, !a ? 0 : p.a.op === 'count' ? a.n : p.a.op === 'sum' ? roundSum(a.total) : a.values.size);
  }
  return out;
}

/** Sums of many float figures carry binary noise (0.1 + 0.2); figures have at most a few decimals. */
export function roundSum(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
