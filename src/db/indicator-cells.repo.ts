import { sql, type Compilable, type Kysely, type Transaction } from 'kysely';
import type { Aggregate } from '../catalogue/indicators.ts';
import type { FieldValue } from '../catalogue/fields.ts';
import type { Period } from '../core/dates.ts';
import {
  CELL_KINDS,
  CELL_PLAN,
  COUNTY_TOTAL,
  addCells,
  cellKey,
  cellSpan,
  isTalliedValue,
  plannedById,
  roundSum,
  sortedCells,
  tallyChanges,
  valueGrain,
  wholeCells,
  withCountyTotals,
  type Cell,
  type CellGrain,
  type CellMap,
  type CellRow,
  type PlannedAggregate,
  type TownshipCell,
} from '../core/indicator-cells.ts';
import { compiledOnce, runCompiled, slot } from './compiled.ts';
import type { Db } from './connect.ts';
import { dialectOf } from './dialect.ts';
import { countyPartition } from './partitions.ts';
import { evaluateAggregates } from './indicators.repo.ts';
import type { Database, IndicatorCellTable } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The record columns the cells read. */
export const CELL_COLS = ['county_id', 'township_id', 'kind', 'date', 'end_date', 'data'] as const;

export interface CellSource {
  readonly county_id: number;
  readonly township_id: number;
  readonly kind: string;
  readonly date: string;
  readonly end_date?: string | null;
  readonly data: unknown;
}

// The data object a row's JSON text was made from, where the caller still has it (an import's
// validated rows): the cells then need not parse the text again.
const parsedData = new WeakMap<object, Readonly<Record<string, FieldValue>>>();

/** Notes the object a new row's `data` text was serialised from; the row must not change afterwards. */
export function rememberData<T extends object>(row: T, data: Readonly<Record<string, FieldValue>>): T {
  parsedData.set(row, data);
  return row;
}

/** A stored or new record as the cells read it (`data` is JSON text on SQLite and on the way in). */
export function cellRowOf(r: CellSource): CellRow {
  return {
    countyId: Number(r.county_id),
    townshipId: Number(r.township_id),
    kind: r.kind,
    date: r.date,
    endDate: r.end_date ?? null,
    data:
      parsedData.get(r) ??
      ((typeof r.data === 'string' ? JSON.parse(r.data) : (r.data ?? {})) as Record<string, FieldValue>),
  };
}

/** Runs `f` on `db` when it is a transaction, else in a new one: cells change with their records. */
export function inTransaction<T>(db: Q, f: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? f(db as Transaction<Database>) : db.transaction().execute(f);
}

const KEY = [
  'county_id',
  'township_id',
  'agg',
  'grain',
  'bucket',
  'end_bucket',
  'from_bucket',
  'value',
] as const;
// 10 parameters a row: well within SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 1000;

const rowOf = (c: TownshipCell) => ({
  county_id: c.countyId,
  township_id: c.townshipId,
  agg: c.agg,
  grain: c.grain,
  bucket: c.bucket,
  end_bucket: c.endBucket,
  from_bucket: c.fromBucket,
  value: c.value,
  n: c.n,
  total: c.total,
});

/** A stored cell's row as a cell. */
function cellOfRow(r: IndicatorCellTable): TownshipCell {
  return {
    countyId: Number(r.county_id),
    townshipId: Number(r.township_id),
    agg: r.agg,
    grain: r.grain as CellGrain,
    bucket: Number(r.bucket),
    endBucket: Number(r.end_bucket),
    fromBucket: Number(r.from_bucket),
    value: r.value,
    n: Number(r.n),
    total: Number(r.total),
  };
}

/** Upserts sorted cell changes, CHUNK rows a statement; the cells as stored after. */
async function upsertCells(db: Q, list: readonly TownshipCell[]): Promise<TownshipCell[]> {
  const stored: TownshipCell[] = [];
  for (let i = 0; i < list.length; i += CHUNK) {
    const rows = await db
      .insertInto('indicator_cells')
      .values(list.slice(i, i + CHUNK).map(rowOf))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet({
          n: sql<number>`indicator_cells.n + excluded.n`,
          total: sql<number>`indicator_cells.total + excluded.total`,
        }),
      )
      .returningAll()
      .execute();
    for (const r of rows) stored.push(cellOfRow(r));
  }
  return stored;
}

/**
 * Adds merged changes of township cells, and of their county totals, to the stored cells on the
 * caller's transaction: one upsert per distinct cell, in key order (concurrent writers lock cells in
 * the same order, a county's totals first, so none deadlock); then the tallies of the values that
 * appeared or went (their cells' n before and after, read under the cells' locks), also in key
 * order; cells left at n = 0 are deleted.
 */
export async function applyCellChanges(db: Q, changes: CellMap | Iterable<TownshipCell>): Promise<void> {
  const list = sortedCells(withCountyTotals(changes instanceof Map ? changes.values() : changes));
  if (list.length === 0) return;
  const stored = await upsertCells(db, list);
  const after = new Map(stored.filter(isTalliedValue).map((c) => [cellKey(c), c.n]));
  const tallies = tallyChanges(
    list.filter(isTalliedValue).map((cell) => {
      const n = after.get(cellKey(cell))!;
      return { cell, before: n - cell.n, after: n };
    }),
  );
  if (tallies.length > 0) stored.push(...(await upsertCells(db, sortedCells(tallies))));
  const emptied = stored.filter((c) => c.n <= 0).map(rowOf);
  for (let i = 0; i < emptied.length; i += 200) {
    const part = emptied.slice(i, i + 200);
    await db
      .deleteFrom('indicator_cells')
      .where(
        sql<boolean>`(${sql.join(KEY.map((k) => sql.ref(k)))}) in (${sql.join(
          part.map((r) => sql`(${sql.join(KEY.map((k) => r[k]))})`),
        )})`,
      )
      .where('n', '<=', 0)
      .execute();
  }
}

/** The contract's form: one township's changes. */
export function applyCells(
  db: Q,
  countyId: number,
  townshipId: number,
  deltas: Iterable<Cell>,
): Promise<void> {
  return applyCellChanges(
    db,
    [...deltas].map((c) => ({ ...c, countyId, townshipId })),
  );
}

/** Adds (or with -1 takes away) the cells of records on the caller's transaction. */
export function applyRecordCells(db: Q, rows: readonly CellSource[], sign: 1 | -1 = 1): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  return applyCellChanges(db, addCells(new Map(), rows.map(cellRowOf), sign));
}

/** Takes records' old cells away and adds their new ones, merged into one change. */
export function replaceRecordCells(
  db: Q,
  old: readonly CellSource[],
  now: readonly CellSource[],
): Promise<void> {
  const changes = addCells(new Map(), old.map(cellRowOf), -1);
  addCells(changes, now.map(cellRowOf), 1);
  return applyCellChanges(db, changes);
}

/**
 * Which cells a read covers: a county, one of its townships, or (null) every county. A county and
 * the province read the counties' total cells.
 */
export type CellFilter = { readonly countyId: number; readonly townshipId?: number } | null;

/**
 * The plan's aggregates as the cells hold them, by key, and split into those summed in one grouped
 * pass and the distinct counts read as values: for a one-bucket period (`one`: a tallied distinct
 * count is summed, its tally) and for a span of buckets or the province (`span`). Null when the
 * cells hold not all of them. Worked out once per plan.
 */
interface CellsPlan {
  readonly planned: readonly PlannedAggregate[];
  readonly byKey: ReadonlyMap<string, PlannedAggregate>;
  readonly one: Passes;
  readonly span: Passes;
}
interface Passes {
  readonly summed: readonly PlannedAggregate[];
  readonly distinct: readonly PlannedAggregate[];
}
const cellsPlanOf = new WeakMap<ReadonlyMap<string, Aggregate>, CellsPlan | null>();
function cellsPlan(plan: ReadonlyMap<string, Aggregate>): CellsPlan | null {
  if (cellsPlanOf.has(plan)) return cellsPlanOf.get(plan)!;
  const planned: PlannedAggregate[] = [];
  for (const id of plan.keys()) {
    const p = plannedById(id);
    if (!p) {
      cellsPlanOf.set(plan, null);
      return null;
    }
    planned.push(p);
  }
  const passes = (one: boolean): Passes => ({
    summed: planned.filter((p) => p.a.op !== 'distinct' || (one && p.tallied)),
    distinct: planned.filter((p) => p.a.op === 'distinct' && !(one && p.tallied)),
  });
  const out = {
    planned,
    byKey: new Map(planned.map((p) => [p.key, p])),
    one: passes(true),
    span: passes(false),
  };
  cellsPlanOf.set(plan, out);
  return out;
}

/**
 * The plan's aggregate values from the cells, in one statement; null when the cells cannot give
 * them (a period not month-aligned, or an aggregate the cells do not hold). The statements depend
 * on the plan and on whether the filter names a township, a county or neither; they are compiled
 * once for each, and the organisation and the span are slots.
 */
export async function readCells(
  db: Q,
  filter: CellFilter,
  period: Period,
  plan: ReadonlyMap<string, Aggregate>,
): Promise<Map<string, number> | null> {
  const span = cellSpan(period);
  if (!span) return null;
  const cp = cellsPlan(plan);
  if (!cp) return null;
  const out = new Map<string, number>();
  for (const p of cp.planned) out.set(p.id, 0);
  if (cp.planned.length === 0) return out;
  const shape = filter === null ? 'all' : filter.townshipId === undefined ? 'county' : 'township';
  // A township's cells are read from its county's partition, named (see countyPartition): the
  // statement is then planned once per connection, and its generic plan is the one a township's
  // values would get. A county's read stays on the partitioned table, planned for its values: a
  // generic plan of it, not knowing the span, reads the county's cells half as fast again.
  const table =
    filter?.townshipId === undefined
      ? 'indicator_cells'
      : await countyPartition(db, 'indicator_cells', filter.countyId);
  const from = (table === 'indicator_cells' ? table : `${table} as indicator_cells`) as 'indicator_cells';
  const single = span.from === span.to && shape !== 'all';
  // The cells a period covers, of the aggregates given: events dated in it, registry entries
  // started by its end and not ended then, whose conditions hold by its end. Events and registries
  // are separate branches of a union, each a plain conjunction the key's prefix answers (an OR
  // between them led SQLite to scan the county's cells of every township).
  const branches = (aggs: readonly PlannedAggregate[], grain: 'grain' | 'values') =>
    [false, true].flatMap((registry) => {
      const keys = aggs.filter((p) => p.registry === registry).map((p) => p.key);
      if (keys.length === 0) return [];
      // The keys are the plan's, fixed for the statement: written into its text, not sent at every run.
      let q = db
        .selectFrom(from)
        .where('township_id', '=', slot<number>('township'))
        .where(
          'agg',
          'in',
          keys.map((k) => sql.lit(k)),
        )
        .where('grain', '=', slot<string>(grain))
        .where('from_bucket', '<=', slot<number>('to'))
        .where('n', '>', 0);
      // A generic plan must not look dearer than a custom one, or PostgreSQL plans every run: a
      // one-bucket period's events are an equality, and a registry's start buckets a range whose
      // lower bound (no bucket is below 0) is a constant, so that the planner estimates it as a
      // range (a few rows), not as one open inequality (a third of the partition). An event's
      // cell has no end bucket: saying so skips a registry's cells of the same start bucket inside
      // the index, not after reading them.
      if (registry)
        q = q
          .where('bucket', '>=', sql.lit(0))
          .where('bucket', '<=', slot<number>('to'))
          .where('end_bucket', '>', slot<number>('to'));
      else {
        q = single
          ? q.where('bucket', '=', slot<number>('to'))
          : q.where('bucket', '>=', slot<number>('from')).where('bucket', '<=', slot<number>('to'));
        q = q.where('end_bucket', '=', sql.lit(0));
      }
      return [shape === 'all' ? q : q.where('county_id', '=', slot<number>('county'))];
    });
  const values = {
    township: filter?.townshipId ?? COUNTY_TOTAL,
    county: filter?.countyId ?? null,
    grain: span.grain,
    values: valueGrain(span.grain),
    from: span.from,
    to: span.to,
  };
  // Counts and sums in one grouped pass; distinct values in another, grouped by value first, so
  // neither sorts every cell (a province's exam takers are hundreds of thousands of cells). A
  // township's or county's period of one bucket reads a tallied distinct count's tally among the
  // counts, not its values; the province's counts values across counties, so it reads them. A
  // township's cells are few, so both passes go in one statement (an uncached dashboard is one
  // round trip); a county's or the province's are many, so the two run at once on two connections.
  const { summed, distinct } = single ? cp.one : cp.span;
  type Row = { agg: string; n: number; total: number | null };
  const sums = () =>
    branches(summed, 'grain')
      .map((q) =>
        q
          .select((eb) => [
            'agg',
            eb.fn.sum<number>('n').as('n'),
            eb.fn.sum<number | null>('total').as('total'),
          ])
          .groupBy('agg'),
      )
      .reduce((a, b) => a.unionAll(b));
  const counts = () =>
    db
      .selectFrom(
        branches(distinct, 'values')
          .map((q) => q.select(['agg', 'value']).distinct())
          .reduce((a, b) => a.unionAll(b))
          .as('v'),
      )
      .select((eb) => [
        'v.agg as agg',
        eb.fn.countAll<number>().as('n'),
        sql<number | null>`null`.as('total'),
      ])
      .groupBy('v.agg');
  const run = (name: string, build: () => Compilable<unknown>) =>
    runCompiled<Row>(
      db,
      compiledOnce(db, plan, `${name}|${shape}|${table}|${single ? 'one' : 'span'}`, build),
      values,
    );
  const parts =
    shape === 'township' && summed.length > 0 && distinct.length > 0
      ? [run('cells', () => sums().unionAll(counts()))]
      : [
          ...(summed.length > 0 ? [run('sums', sums)] : []),
          ...(distinct.length > 0 ? [run('distinct', counts)] : []),
        ];
  const rows = (await Promise.all(parts)).flat();
  for (const r of rows) {
    const p = cp.byKey.get(r.agg)!;
    out.set(p.id, p.a.op === 'sum' ? roundSum(Number(r.total)) : Number(r.n));
  }
  return out;
}

/** Every cell of a county, its totals (township id 0) among them (tests and verification). */
export async function listCells(db: Q, countyId: number): Promise<TownshipCell[]> {
  const rows = await db.selectFrom('indicator_cells').selectAll().where('county_id', '=', countyId).execute();
  return rows.map(cellOfRow);
}

const PAGE = 20_000;

/**
 * Rebuilds one county's cells (of `aggs`, or all) from its records on the caller's transaction:
 * reads them kind by kind in (date, id) pages on the (county, kind, date) index, merges their
 * contributions in memory, and replaces the cells. On PostgreSQL it first takes a SHARE ROW
 * EXCLUSIVE lock on the cells, which waits for writers that changed cells to commit and holds back
 * new ones (and other rebuilds) until the rebuild commits, so no write is counted twice or lost.
 */
export async function rebuildCountyIn(
  trx: Transaction<Database>,
  countyId: number,
  aggs?: ReadonlySet<string>,
): Promise<{ records: number; cells: number }> {
  if (dialectOf(trx).name === 'postgres')
    await sql`lock table indicator_cells in share row exclusive mode`.execute(trx);
  let del = trx.deleteFrom('indicator_cells').where('county_id', '=', countyId);
  if (aggs) del = del.where('agg', 'in', aggs.size > 0 ? [...aggs] : ['']);
  await del.execute();
  const kinds = aggs
    ? CELL_KINDS.filter((k) => [...CELL_PLAN.values()].some((p) => p.a.kind === k && aggs.has(p.key)))
    : CELL_KINDS;
  const cells: CellMap = new Map();
  let records = 0;
  for (const kind of kinds) {
    let after: { date: string; id: number } | null = null;
    for (;;) {
      const a = after;
      let q = trx
        .selectFrom('records')
        .select(['id', ...CELL_COLS])
        .where('county_id', '=', countyId)
        .where('kind', '=', kind);
      if (a)
        q = q.where((eb) =>
          eb.or([eb('date', '>', a.date), eb.and([eb('date', '=', a.date), eb('id', '>', a.id)])]),
        );
      const page = await q.orderBy('date').orderBy('id').limit(PAGE).execute();
      if (page.length === 0) break;
      addCells(cells, page.map(cellRowOf));
      records += page.length;
      const last = page[page.length - 1]!;
      after = { date: last.date, id: Number(last.id) };
      if (page.length < PAGE) break;
    }
  }
  const list = sortedCells(wholeCells(cells.values())).filter((c) => c.n > 0 && (!aggs || aggs.has(c.agg)));
  for (let i = 0; i < list.length; i += CHUNK)
    await trx
      .insertInto('indicator_cells')
      .values(list.slice(i, i + CHUNK).map(rowOf))
      .execute();
  return { records, cells: list.length };
}

/** Rebuilds one county's cells in a transaction of its own. */
export function rebuildCounty(
  h: Db,
  countyId: number,
  aggs?: ReadonlySet<string>,
): Promise<{ records: number; cells: number }> {
  return h.db.transaction().execute((trx) => rebuildCountyIn(trx, countyId, aggs));
}

/** The ids of the counties (all, or the one given). */
export async function countyIds(db: Q, countyId?: number): Promise<number[]> {
  let q = db.selectFrom('orgs').select('id').where('kind', '=', 'county');
  if (countyId !== undefined) q = q.where('id', '=', countyId);
  return (await q.orderBy('id').execute()).map((r) => Number(r.id));
}

export interface RebuildCount {
  readonly counties: number;
  readonly records: number;
  readonly cells: number;
}

/** Rebuilds the cells of one county, or of every county, a transaction per county. */
export async function rebuildCells(h: Db, countyId?: number): Promise<RebuildCount> {
  let records = 0;
  let cells = 0;
  const ids = await countyIds(h.db, countyId);
  for (const id of ids) {
    const r = await rebuildCounty(h, id);
    records += r.records;
    cells += r.cells;
  }
  return { counties: ids.length, records, cells };
}

/** Rebuilds the cells of one county, or of every county, on the caller's transaction. */
export async function rebuildCellsIn(trx: Transaction<Database>, countyId?: number): Promise<RebuildCount> {
  let records = 0;
  let cells = 0;
  const ids = await countyIds(trx, countyId);
  for (const id of ids) {
    const r = await rebuildCountyIn(trx, id);
    records += r.records;
    cells += r.cells;
  }
  return { counties: ids.length, records, cells };
}

/**
 * Brings the cells to this release's plan, after migrating: builds the cells of aggregates not yet
 * held from the stored records (a database from before the cells, a new indicator, or cells laid
 * out as an earlier release kept them: see PlannedAggregate.stored), deletes those of aggregates no
 * longer planned. One read of the plan table when nothing changed.
 */
export async function syncCellPlan(h: Db): Promise<{ added: number; removed: number }> {
  const held = new Map(
    (await h.db.selectFrom('indicator_cell_plan').select(['agg', 'definition']).execute()).map((r) => [
      r.agg,
      r.definition,
    ]),
  );
  const added = [...CELL_PLAN.values()].filter((p) => held.get(p.key) !== p.stored);
  const removed = [...held.keys()].filter((k) => !CELL_PLAN.has(k));
  if (added.length === 0 && removed.length === 0) return { added: 0, removed: 0 };
  if (removed.length > 0)
    await h.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('indicator_cells').where('agg', 'in', removed).execute();
      await trx.deleteFrom('indicator_cell_plan').where('agg', 'in', removed).execute();
    });
  if (added.length > 0) {
    const keys = new Set(added.map((p) => p.key));
    for (const id of await countyIds(h.db)) await rebuildCounty(h, id, keys);
    await h.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('indicator_cell_plan')
        .where('agg', 'in', [...keys])
        .execute();
      await trx
        .insertInto('indicator_cell_plan')
        .values(added.map((p) => ({ agg: p.key, definition: p.stored })))
        .execute();
    });
  }
  return { added: added.length, removed: removed.length };
}

/** One aggregate whose cells disagree with the scan of the records. */
export interface CellDifference {
  readonly countyId: number;
  /** null: the county as a whole. */
  readonly townshipId: number | null;
  readonly year: number;
  /** The aggregate's id (see aggregateId). */
  readonly aggregate: string;
  readonly cells: number;
  readonly scan: number;
}

/** The calendar years the county's records are dated in. */
async function recordYears(db: Q, countyId: number, townshipId?: number): Promise<number[]> {
  const year = sql<string>`substr(cast(date as text), 1, 4)`;
  let q = db.selectFrom('records').select(year.as('y')).where('county_id', '=', countyId);
  if (townshipId !== undefined) q = q.where('township_id', '=', townshipId);
  const rows = await q.groupBy(year).execute();
  return rows.map((r) => Number(r.y)).sort((a, b) => a - b);
}

/**
 * Compares the cells with a scan of the records for every planned aggregate: per county (all, or
 * the one given), for the county and each of its townships (or the one township given), for each
 * calendar year its records are dated in (or the year given).
 */
export async function verifyCells(
  h: Db,
  o: { countyId?: number; townshipId?: number; year?: number } = {},
): Promise<{ checked: number; differences: CellDifference[] }> {
  const plan = new Map([...CELL_PLAN.values()].map((p) => [p.id, p.a]));
  const differences: CellDifference[] = [];
  let checked = 0;
  for (const countyId of await countyIds(h.db, o.countyId)) {
    const townships =
      o.townshipId !== undefined
        ? [o.townshipId]
        : (
            await h.db
              .selectFrom('orgs')
              .select('id')
              .where('parent_id', '=', countyId)
              .where('kind', '=', 'township')
              .orderBy('id')
              .execute()
          ).map((r) => Number(r.id));
    const years = o.year !== undefined ? [o.year] : await recordYears(h.db, countyId, o.townshipId);
    const targets: (number | null)[] = o.townshipId !== undefined ? townships : [null, ...townships];
    for (const year of years) {
      const period = { from: `${year}-01-01`, to: `${year}-12-31` };
      for (const townshipId of targets) {
        const filter = townshipId === null ? { countyId } : { countyId, townshipId };
        const org =
          townshipId === null
            ? { column: 'county_id' as const, id: countyId, countyId }
            : { column: 'township_id' as const, id: townshipId, countyId };
        const cells = (await readCells(h.db, filter, period, plan))!;
        const scan = await evaluateAggregates(h.db, h.dialect, org, period, plan);
        checked++;
        for (const [id, v] of scan) {
          const c = cells.get(id) ?? 0;
          if (Math.abs(c - v) > 1e-6 * Math.max(1, Math.abs(v)))
            differences.push({ countyId, townshipId, year, aggregate: id, cells: c, scan: v });
        }
      }
    }
  }
  return { checked, differences };
}
