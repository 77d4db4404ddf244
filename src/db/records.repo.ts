import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Period } from '../core/dates.ts';
import type { Scope } from '../core/scope.ts';
import { caseTypes, isUnderWay } from '../catalogue/cases.ts';
import { kinds } from '../catalogue/kinds.ts';
import { dialectOf } from './dialect.ts';
import { CELL_COLS, applyRecordCells, inTransaction, replaceRecordCells } from './indicator-cells.repo.ts';
import type { Database, NewRecordRow, RecordRow } from './schema.ts';

const catalogueKinds = kinds.map((k) => k.id);

type Q = Kysely<Database> | Transaction<Database>;
const COLS = [
  'records.id',
  'records.county_id',
  'records.township_id',
  'records.org_id',
  'records.kind',
  'records.date',
  'records.end_date',
  'records.title',
  'records.data',
  'records.dedup_key',
  'records.import_id',
  'records.created_by',
  'records.created_at',
  'records.updated_at',
] as const;

/**
 * Which records an aggregate or list reads: a county's, a township's, or one village's/department's,
 * by the column that names it, and by its county, which the tables are partitioned on (PostgreSQL
 * then reads the county's partition alone). `path`, the organisation's materialised path, lets a
 * read inside the reader's scope leave out the scope's condition (see withinScope).
 */
export type OrgFilter = {
  readonly column: 'county_id' | 'township_id' | 'org_id';
  readonly id: number;
  readonly countyId: number;
  readonly path?: string;
};

/** The filter's conditions on `records`: its own column and, where tables are partitioned, the county. */
function byOrg<O>(db: Q, q: SelectQueryBuilder<Database, 'records', O>, org: OrgFilter) {
  q = q.where(`records.${org.column}`, '=', org.id);
  return org.column === 'county_id' || !dialectOf(db).partitioned
    ? q
    : q.where('records.county_id', '=', org.countyId);
}

/**
 * True when every record the filter selects lies inside the scope's subtree, so the scope's
 * organisation condition adds nothing: a county or township inside the scope (a village's records
 * belong to its township, which may lie outside a scope drawn round the village).
 */
export function withinScope(scope: Scope, org: OrgFilter | undefined): boolean {
  return (
    'path' in scope && org?.path !== undefined && org.column !== 'org_id' && org.path.startsWith(scope.path)
  );
}

export interface RecordQuery {
  readonly org?: OrgFilter;
  readonly kinds?: readonly string[];
  /** Event kinds by date in the period; registry kinds by being active at its end (see inPeriod). */
  readonly period?: Period;
  readonly registryKinds?: readonly string[];
  readonly text?: string;
  /** Only records with no evidence file attached. */
  readonly withoutEvidence?: boolean;
  /** Only records whose case is in one of these states (case kinds; records without a case drop out). */
  readonly caseStates?: readonly string[];
  /** Only records whose open case is due: `overdue` before `today`, `soon` from `today` through `until`. */
  readonly due?: DueFilter;
  /** Only records whose case was opened in the period, or before it and still open (a case list's year). */
  readonly casePeriod?: Period;
  /** Only these records (a selection), still within every other filter and the scope. */
  readonly ids?: readonly number[];
  readonly limit?: number;
  readonly offset?: number;
}

/** Each case type's states still under way (not settled), from the declarations. */
const underWay = caseTypes.map((t) => ({
  kind: t.kind,
  states: t.states.filter((s) => isUnderWay(t, s.id)).map((s) => s.id),
}));

/**
 * Cases of a year as case lists show them: opened in the period, or opened before it and still under
 * way (a state the case moves on from; a dispute mediated successfully is settled though 回访 remains).
 */
export function openedOrUnderWay(eb: ExpressionBuilder<Database, 'cases'>, p: Period) {
  return eb.and([
    eb('cases.opened_on', '<=', p.to),
    eb.or([
      eb('cases.opened_on', '>=', p.from),
      ...underWay
        .filter((u) => u.states.length > 0)
        .map((u) => eb.and([eb('cases.type', '=', u.kind), eb('cases.state', 'in', u.states)])),
    ]),
  ]);
}

/** Open cases by their next due date: past it, or due within the coming days. */
export type DueFilter =
  | { readonly kind: 'overdue'; readonly today: string }
  | { readonly kind: 'soon'; readonly today: string; readonly until: string };

/**
 * The conflict target of a ledger insert: a record is a duplicate of one with the same dedup key in
 * the same township. The county is part of the key because on PostgreSQL the table is partitioned by
 * county (0026) and every unique key must hold the partition key; a township is in one county, so
 * the key means the same as (township, dedup key).
 */
export const DEDUP_CONFLICT = ['county_id', 'township_id', 'dedup_key'] as const;

/** Rows per INSERT: well below SQLite's 32,766 bound parameters at 12 columns a row. */
export const INSERT_CHUNK = 500;

/**
 * Inserts rows, skipping any whose (township, dedup key) is already stored. Returns how many were
 * inserted. Runs on the caller's transaction; the rows actually inserted are added to the
 * indicator cells in it.
 */
export async function insertRecords(db: Q, rows: readonly NewRecordRow[]): Promise<number> {
  return inTransaction(db, async (trx) => {
    const added: NewRecordRow[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const got = await trx
        .insertInto('records')
        .values(chunk)
        .onConflict((oc) => oc.columns([...DEDUP_CONFLICT]).doNothing())
        .returning(['township_id', 'dedup_key'])
        .execute();
      // Within one statement the first of two rows with the same key is the one stored.
      const byKey = new Map<string, NewRecordRow>();
      for (const r of chunk) {
        const k = `${r.township_id}\u0000${r.dedup_key}`;
        if (!byKey.has(k)) byKey.set(k, r);
      }
      for (const g of got) added.push(byKey.get(`${Number(g.township_id)}\u0000${g.dedup_key}`)!);
    }
    await applyRecordCells(trx, added);
    return added.length;
  });
}

/**
 * Inserts one row and returns it as stored, or `undefined` when its (township, dedup key) is
 * already stored; the row is added to the indicator cells on the caller's transaction.
 */
export async function insertRecord(db: Q, row: NewRecordRow): Promise<RecordRow | undefined> {
  return inTransaction(db, async (trx) => {
    const stored = await trx
      .insertInto('records')
      .values(row)
      .onConflict((oc) => oc.columns([...DEDUP_CONFLICT]).doNothing())
      .returning(COLS)
      .executeTakeFirst();
    if (stored) await applyRecordCells(trx, [row]);
    return stored;
  });
}

/** The cell columns of records about to change, locked on PostgreSQL until the change commits. */
export async function lockedCellRows(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const q = db
    .selectFrom('records')
    .select(['id', ...CELL_COLS])
    .where('id', 'in', [...ids]);
  return dialectOf(db).rowLocks ? q.forUpdate().execute() : q.execute();
}

/** Keys among `keys` already stored for the township (a re-import's duplicates). */
export async function existingDedupKeys(
  db: Q,
  townshipId: number,
  keys: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 1000) {
    // The event loop turns between look-ups: SQLite answers synchronously, and 200,000 keys
    // looked up in one go would hold every other request for a quarter of a second.
    if (i > 0) await nextTurn();
    const rows = await db
      .selectFrom('records')
      .select('dedup_key')
      .where('township_id', '=', townshipId)
      .where('dedup_key', 'in', keys.slice(i, i + 1000))
      .execute();
    for (const r of rows) found.add(r.dedup_key);
  }
  return found;
}

/** The records in the scope; the organisation condition is left out when `org` lies inside it. */
function scoped(db: Q, scope: Scope, org?: OrgFilter) {
  let q = db.selectFrom('records');
  if ('path' in scope) {
    if (!withinScope(scope, org))
      q = q.where('records.township_id', 'in', (eb) =>
        eb.selectFrom('orgs').select('orgs.id').where('orgs.path', 'like', `${scope.path}%`),
      );
    if (scope.author !== undefined) q = q.where('records.created_by', '=', scope.author);
  }
  return q;
}

/**
 * Title contains `text` literally. `%`, `_` and `\` are escaped with a backslash; SQLite has no
 * default LIKE escape character, so the ESCAPE clause is spelled out (PostgreSQL's default is the same).
 */
export function titleContains(text: string) {
  const pattern = `%${text.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
  return sql<boolean>`records.title like ${pattern} escape '\\'`;
}

/** Filters other than the period: organisation, kinds, title text, missing evidence. */
function filteredBase(db: Q, scope: Scope, f: RecordQuery, kindsIn: readonly string[] | undefined) {
  let q = scoped(db, scope, f.org);
  if (f.org) q = byOrg(db, q, f.org);
  if (kindsIn) q = q.where('records.kind', 'in', kindsIn.length > 0 ? [...kindsIn] : ['']);
  if (f.text) q = q.where(titleContains(f.text));
  if (f.withoutEvidence)
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('evidence').select('evidence.id').whereRef('evidence.record_id', '=', 'records.id'),
        ),
      ),
    );
  if (f.ids) q = q.where('records.id', 'in', f.ids.length > 0 ? [...f.ids] : [0]);
  if (f.caseStates || f.due || f.casePeriod) {
    const states = f.caseStates;
    const due = f.due;
    const cp = f.casePeriod;
    q = q.where('records.id', 'in', (eb) => {
      let c = eb.selectFrom('cases').select('cases.record_id');
      if (states) c = c.where('cases.state', 'in', states.length > 0 ? [...states] : ['']);
      if (cp) c = c.where((w) => openedOrUnderWay(w, cp));
      if (due) {
        c = c.where('cases.closed', '=', 0).where('cases.next_due', 'is not', null);
        c =
          due.kind === 'overdue'
            ? c.where('cases.next_due', '<', due.today)
            : c.where('cases.next_due', '>=', due.today).where('cases.next_due', '<=', due.until);
      }
      return c;
    });
  }
  return q;
}

/**
 * The matching records' ids and dates. With a period, event kinds dated in it and registry kinds
 * active at its end are two branches joined by UNION ALL, each an index range on (township or
 * county, kind, date) — one OR over both would read every record of the organisation.
 */
function matching(db: Q, scope: Scope, f: RecordQuery) {
  const cols = ['records.id', 'records.date'] as const;
  if (!f.period) return filteredBase(db, scope, f, f.kinds).select(cols);
  const p = f.period;
  const { events, registry } = kindsOf(f);
  const dated = filteredBase(db, scope, f, events)
    .where('records.date', '>=', p.from)
    .where('records.date', '<=', p.to)
    .select(cols);
  if (registry.length === 0) return dated;
  return dated.unionAll(
    filteredBase(db, scope, f, registry)
      .where('records.date', '<=', p.to)
      .where((eb) => notEndedBy(eb, p.to))
      .select(cols),
  );
}

/** The query's kinds, split into event kinds (counted by date) and registry kinds (by being active). */
function kindsOf(f: RecordQuery): { events: string[]; registry: string[] } {
  const reg = new Set(f.registryKinds ?? []);
  const all = f.kinds ?? catalogueKinds;
  return { events: all.filter((k) => !reg.has(k)), registry: all.filter((k) => reg.has(k)) };
}

/** A registry record not ended by `date`. */
function notEndedBy(eb: ExpressionBuilder<Database, 'records'>, date: string) {
  return eb.or([eb('records.end_date', 'is', null), eb('records.end_date', '>', date)]);
}

/** One page of the matching records, newest first: the page's ids are chosen on the index, then read. */
export async function listRecords(db: Q, scope: Scope, f: RecordQuery): Promise<RecordRow[]> {
  const page = db
    .selectFrom(matching(db, scope, f).as('m'))
    .select('m.id')
    .orderBy('m.date', 'desc')
    .orderBy('m.id', 'desc')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0);
  return db
    .selectFrom('records')
    .select(COLS)
    .where('records.id', 'in', page)
    .orderBy('records.date', 'desc')
    .orderBy('records.id', 'desc')
    .execute();
}

/**
 * A township's page of every kind in a period, with no other filter: the ledger's first screen,
 * read again after each of the township's writes. See Dialect.pageByDate.
 */
function plainTownshipPage(db: Q, f: RecordQuery): boolean {
  return (
    dialectOf(db).pageByDate &&
    f.org?.column === 'township_id' &&
    f.period !== undefined &&
    (f.kinds === undefined || f.kinds.length >= catalogueKinds.length) &&
    !f.text &&
    !f.withoutEvidence &&
    !f.ids &&
    !f.caseStates &&
    !f.due &&
    !f.casePeriod
  );
}

/**
 * The page along the township's (township, date) index, newest first, stopping at the page's end:
 * event kinds dated in the period and registry kinds active at its end, as one condition on the
 * rows the index yields.
 */
function newestAlongDate(db: Q, scope: Scope, f: RecordQuery, p: Period): Promise<RecordRow[]> {
  const { events, registry } = kindsOf(f);
  return filteredBase(db, scope, f, undefined)
    .where('records.date', '<=', p.to)
    .where((eb) =>
      eb.or([
        ...(events.length > 0
          ? [eb.and([eb('records.kind', 'in', events), eb('records.date', '>=', p.from)])]
          : []),
        ...(registry.length > 0 ? [eb.and([eb('records.kind', 'in', registry), notEndedBy(eb, p.to)])] : []),
      ]),
    )
    .select(COLS)
    .orderBy('records.date', 'desc')
    .orderBy('records.id', 'desc')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
}

/** Pages up to this long are read by their ids. */
const PAGE_BY_IDS = 500;

/**
 * One page of the matching records, newest first, and how many match in all: the matching set is
 * read once, its size counted by a window over it while the page's ids are chosen on the index;
 * then the page's rows are read by id. A long page (the CLI's) is chosen by a subquery instead, as
 * its ids would be too many values for one statement.
 */
export async function pageOfRecords(
  db: Q,
  scope: Scope,
  f: RecordQuery,
): Promise<{ total: number; rows: RecordRow[] }> {
  if (plainTownshipPage(db, f)) {
    const total = await countRecords(db, scope, f);
    return { total, rows: await newestAlongDate(db, scope, f, f.period!) };
  }
  if ((f.limit ?? 100) > PAGE_BY_IDS) {
    const [total, rows] = await Promise.all([countRecords(db, scope, f), listRecords(db, scope, f)]);
    return { total, rows };
  }
  const page = await db
    .selectFrom(matching(db, scope, f).as('m'))
    .select((eb) => ['m.id', eb.fn.countAll<number>().over().as('total')])
    .orderBy('m.date', 'desc')
    .orderBy('m.id', 'desc')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  // A page past the end has no row to carry the total.
  if (page.length === 0) return { total: await countRecords(db, scope, f), rows: [] };
  const rows = await db
    .selectFrom('records')
    .select(COLS)
    .where(
      'records.id',
      'in',
      page.map((r) => Number(r.id)),
    )
    .orderBy('records.date', 'desc')
    .orderBy('records.id', 'desc')
    .execute();
  return { total: Number(page[0]!.total), rows };
}

/** What a list shows beside each record of a page. */
export interface Listing {
  /** Evidence files per record (records with none are absent). */
  readonly evidence: Map<number, number>;
  /** The case state of each record that is a case. */
  readonly states: Map<number, string>;
}

/**
 * Each record's evidence count and case state, in one statement for a page; `counties`, when
 * given, holds the records' counties, so only their partitions are read (PostgreSQL).
 */
export async function listingOf(
  db: Q,
  recordIds: readonly number[],
  counties?: readonly number[],
): Promise<Listing> {
  const out: Listing = { evidence: new Map(), states: new Map() };
  if (recordIds.length === 0) return out;
  const ids = [...recordIds];
  const inCounties =
    counties && dialectOf(db).partitioned ? (counties.length > 0 ? [...counties] : [0]) : null;
  let files = db
    .selectFrom('evidence')
    .select((eb) => [
      'record_id',
      sql<string>`'e'`.as('what'),
      eb.fn.countAll<number>().as('n'),
      sql<string | null>`null`.as('state'),
    ])
    .where('record_id', 'in', ids);
  let cases = db
    .selectFrom('cases')
    .select(['record_id', sql<string>`'c'`.as('what'), sql<number>`0`.as('n'), 'state'])
    .where('record_id', 'in', ids);
  if (inCounties) {
    files = files.where('county_id', 'in', inCounties);
    cases = cases.where('county_id', 'in', inCounties);
  }
  for (const r of await files.groupBy('record_id').unionAll(cases).execute()) {
    if (r.what === 'e') out.evidence.set(Number(r.record_id), Number(r.n));
    else out.states.set(Number(r.record_id), r.state!);
  }
  return out;
}

/** One month's count of one kind's records (month 1–12). */
export interface MonthKindCount {
  readonly month: number;
  readonly kind: string;
  readonly n: number;
}

/**
 * Records per month of the date and kind, for event kinds dated within `from`–`to`: one grouped
 * statement. The date is cast to text first (a `date` on PostgreSQL, ISO text on SQLite), so the
 * same substring picks the month on both.
 */
export async function countByMonthAndKind(
  db: Q,
  scope: Scope,
  f: {
    readonly org?: OrgFilter;
    readonly kinds: readonly string[];
    readonly from: string;
    readonly to: string;
  },
): Promise<MonthKindCount[]> {
  const month = sql<string>`substr(cast(records.date as text), 6, 2)`;
  let q = scoped(db, scope, f.org)
    .where('records.kind', 'in', f.kinds.length > 0 ? [...f.kinds] : [''])
    .where('records.date', '>=', f.from)
    .where('records.date', '<=', f.to);
  if (f.org) q = byOrg(db, q, f.org);
  const rows = await q
    .select((eb) => [month.as('month'), 'records.kind', eb.fn.countAll<number>().as('n')])
    .groupBy([month, 'records.kind'])
    .execute();
  return rows.map((r) => ({ month: Number(r.month), kind: r.kind, n: Number(r.n) }));
}

export async function countRecords(db: Q, scope: Scope, f: RecordQuery): Promise<number> {
  const r = await db
    .selectFrom(matching(db, scope, f).as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function getRecord(db: Q, scope: Scope, id: number): Promise<RecordRow | undefined> {
  return scoped(db, scope).select(COLS).where('records.id', '=', id).executeTakeFirst();
}

export async function getRecordByDedupKey(
  db: Q,
  townshipId: number,
  key: string,
): Promise<RecordRow | undefined> {
  return db
    .selectFrom('records')
    .select(COLS)
    .where('records.township_id', '=', townshipId)
    .where('records.dedup_key', '=', key)
    .executeTakeFirst();
}

export async function updateRecord(
  db: Q,
  scope: Scope,
  id: number,
  set: Pick<NewRecordRow, 'date' | 'end_date' | 'title' | 'data' | 'dedup_key' | 'org_id' | 'updated_at'>,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const old = await lockedCellRows(trx, [id]);
    const r = await trx
      .updateTable('records')
      .set(set)
      .where('id', '=', id)
      .where('id', 'in', scoped(trx, scope).select('records.id').where('records.id', '=', id))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await replaceRecordCells(
      trx,
      old,
      old.map((o) => ({ ...o, date: set.date, end_date: set.end_date ?? null, data: set.data })),
    );
    return true;
  });
}

export async function deleteRecord(db: Q, scope: Scope, id: number): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const gone = await trx
      .deleteFrom('records')
      .where('id', '=', id)
      .where('id', 'in', scoped(trx, scope).select('records.id').where('records.id', '=', id))
      .returning(CELL_COLS)
      .execute();
    await applyRecordCells(trx, gone, -1);
    return gone.length > 0;
  });
}

/** Records one spreadsheet import (on the caller's transaction, before its rows) and returns its id. */
export async function insertImport(
  db: Q,
  row: import('kysely').Insertable<import('./schema.ts').ImportTable>,
): Promise<number> {
  const r = await db.insertInto('imports').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Sets an import's final counts once its rows are written. */
export async function setImportCounts(db: Q, id: number, inserted: number, skipped: number): Promise<void> {
  await db.updateTable('imports').set({ inserted, skipped }).where('id', '=', id).execute();
}

/**
 * Inserts many rows inside `trx`, a transaction opened on `h`, skipping stored duplicates as
 * insertRecords does; returns how many were inserted. On SQLite one prepared single-row INSERT runs
 * per row on the raw handle: faster there than multi-row VALUES and no query tree per row. It runs
 * inside `trx` because Kysely holds SQLite's only connection for the whole transaction.
 */
export async function insertRecordsBulk(
  h: import('./connect.ts').Db,
  trx: Transaction<Database>,
  rows: readonly NewRecordRow[],
): Promise<number> {
  const raw = h.sqlite;
  if (!raw) return insertRecords(trx, rows);
  if (!raw.inTransaction)
    throw new Error('insertRecordsBulk must run inside a transaction on the same database');
  const stmt = raw.prepare(
    `insert into records (county_id, township_id, org_id, kind, date, end_date, title, data, dedup_key, import_id, created_by, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (${DEDUP_CONFLICT.join(', ')}) do nothing`,
  );
  const added: NewRecordRow[] = [];
  for (const r of rows) {
    const changed = stmt.run(
      r.county_id,
      r.township_id,
      r.org_id ?? null,
      r.kind,
      r.date,
      r.end_date ?? null,
      r.title,
      r.data,
      r.dedup_key,
      r.import_id ?? null,
      r.created_by ?? null,
      r.created_at,
      r.updated_at,
    ).changes;
    if (changed > 0) added.push(r);
  }
  // The whole batch's contributions merge before they are written: one upsert per distinct cell.
  await applyRecordCells(trx, added);
  return added.length;
}
