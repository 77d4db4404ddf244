import type { Kysely, Transaction } from 'kysely';
import type { Period } from '../core/dates.ts';
import type { Scope } from '../core/scope.ts';
import { dialectOf } from './dialect.ts';
import {
  openedOrUnderWay,
  titleContains,
  withinScope,
  type DueFilter,
  type OrgFilter,
} from './records.repo.ts';
import type { CaseEventRow, CaseRow, Database, NewCaseEventRow, NewCaseRow } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const CASE_COLS = [
  'cases.record_id',
  'cases.county_id',
  'cases.township_id',
  'cases.type',
  'cases.state',
  'cases.owner',
  'cases.opened_on',
  'cases.next_due',
  'cases.closed',
  'cases.created_at',
  'cases.updated_at',
] as const;
const RECORD_COLS = ['records.org_id', 'records.date', 'records.title', 'records.data'] as const;
const EVENT_COLS = [
  'id',
  'record_id',
  'township_id',
  'county_id',
  'seq',
  'action',
  'label',
  'from_state',
  'to_state',
  'date',
  'role',
  'actor',
  'outcome',
  'reason',
  'error',
  'detail',
  'created_at',
] as const;

/** A case row with the columns of its ledger record that lists show. */
export type CaseListRow = CaseRow & { org_id: number | null; date: string; title: string; data: unknown };

export interface CaseQuery {
  readonly org?: OrgFilter;
  readonly types?: readonly string[];
  readonly states?: readonly string[];
  /** Only open (true) or only closed (false) cases. */
  readonly open?: boolean;
  /** Open cases whose next due date is on or before this date. */
  readonly dueBy?: string;
  /** Open cases past their next due date, or due within the coming days. */
  readonly due?: DueFilter;
  /** Cases opened in the period, and those opened before it still under way (openedOrUnderWay). */
  readonly period?: Period;
  /** Title contains this text literally. */
  readonly text?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** The cases in the scope; the organisation condition is left out when `org` lies inside it. */
function scoped(db: Q, scope: Scope, org?: OrgFilter) {
  // The record is in its case's county: PostgreSQL reads that county's partition of records alone.
  let q = db
    .selectFrom('cases')
    .innerJoin('records', (j) =>
      j.onRef('records.id', '=', 'cases.record_id').onRef('records.county_id', '=', 'cases.county_id'),
    );
  if ('path' in scope) {
    if (!withinScope(scope, org))
      q = q.where('cases.township_id', 'in', (eb) =>
        eb.selectFrom('orgs').select('orgs.id').where('orgs.path', 'like', `${scope.path}%`),
      );
    if (scope.author !== undefined) q = q.where('records.created_by', '=', scope.author);
  }
  return q;
}

function filtered(db: Q, scope: Scope, f: CaseQuery) {
  let q = scoped(db, scope, f.org);
  // A case carries its county and township, so those filters reach the cases' own indexes.
  if (f.org) {
    q =
      f.org.column === 'org_id'
        ? q.where('records.org_id', '=', f.org.id)
        : q.where(`cases.${f.org.column}`, '=', f.org.id);
    if (f.org.column !== 'county_id' && dialectOf(db).partitioned)
      q = q.where('cases.county_id', '=', f.org.countyId);
  }
  if (f.types) q = q.where('cases.type', 'in', f.types.length > 0 ? [...f.types] : ['']);
  if (f.states) q = q.where('cases.state', 'in', f.states.length > 0 ? [...f.states] : ['']);
  if (f.open !== undefined) q = q.where('cases.closed', '=', f.open ? 0 : 1);
  if (f.dueBy)
    q = q
      .where('cases.closed', '=', 0)
      .where('cases.next_due', 'is not', null)
      .where('cases.next_due', '<=', f.dueBy);
  if (f.due) {
    const due = f.due;
    q = q.where('cases.closed', '=', 0).where('cases.next_due', 'is not', null);
    q =
      due.kind === 'overdue'
        ? q.where('cases.next_due', '<', due.today)
        : q.where('cases.next_due', '>=', due.today).where('cases.next_due', '<=', due.until);
  }
  if (f.period) {
    const p = f.period;
    q = q.where((eb) => openedOrUnderWay(eb, p));
  }
  if (f.text) q = q.where(titleContains(f.text));
  return q;
}

export async function insertCase(db: Q, row: NewCaseRow): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

export async function getCase(db: Q, scope: Scope, recordId: number): Promise<CaseListRow | undefined> {
  return scoped(db, scope)
    .select([...CASE_COLS, ...RECORD_COLS])
    .where('cases.record_id', '=', recordId)
    .executeTakeFirst();
}

/** Locks a case's row until the transaction ends, so concurrent steps on one case run one after another. */
export async function lockCase(db: Q, recordId: number): Promise<void> {
  await db.selectFrom('cases').select('record_id').where('record_id', '=', recordId).forUpdate().execute();
}

export async function updateCase(
  db: Q,
  recordId: number,
  set: Pick<NewCaseRow, 'state' | 'owner' | 'next_due' | 'closed' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('cases').set(set).where('record_id', '=', recordId).execute();
}

export async function listCaseRows(db: Q, scope: Scope, f: CaseQuery): Promise<CaseListRow[]> {
  let q = filtered(db, scope, f).select([...CASE_COLS, ...RECORD_COLS]);
  q = f.dueBy
    ? q.orderBy('cases.next_due', 'asc').orderBy('cases.record_id', 'asc')
    : q.orderBy('records.date', 'desc').orderBy('cases.record_id', 'desc');
  return q
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
}

export async function countCaseRows(db: Q, scope: Scope, f: CaseQuery): Promise<number> {
  const r = await filtered(db, scope, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertEvent(db: Q, row: NewCaseEventRow): Promise<void> {
  await db.insertInto('case_events').values(row).execute();
}

/** A case's history in order. */
export async function listEvents(db: Q, recordIds: readonly number[]): Promise<CaseEventRow[]> {
  if (recordIds.length === 0) return [];
  return db
    .selectFrom('case_events')
    .select(EVENT_COLS)
    .where('record_id', 'in', [...recordIds])
    .orderBy('record_id')
    .orderBy('seq')
    .execute();
}

/** Ledger records of the given kinds in a township that have no case yet (imported or demo rows). */
export async function recordsWithoutCase(
  db: Q,
  townshipId: number,
  kinds: readonly string[],
): Promise<{ id: number; kind: string; date: string; title: string; data: unknown }[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('records')
    .leftJoin('cases', 'cases.record_id', 'records.id')
    .select(['records.id', 'records.kind', 'records.date', 'records.title', 'records.data'])
    .where('records.township_id', '=', townshipId)
    .where('records.kind', 'in', [...kinds])
    .where('cases.record_id', 'is', null)
    .orderBy('records.id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

// Rows per INSERT: well below SQLite's 32,766 bound parameters at 16 columns a row.
const CHUNK = 500;

/** Inserts many cases at once (case histories attached to existing records). */
export async function insertCases(db: Q, rows: readonly NewCaseRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('cases')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export async function insertEvents(db: Q, rows: readonly NewCaseEventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('case_events')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}
