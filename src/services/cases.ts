/**
 * Case workflows: a case is a ledger record of a case-type kind plus its history and clocks. Every
 * step updates the record's data (status, dates) in the same transaction as the event, so the
 * indicators always agree with case outcomes. Refused attempts are kept in the history too.
 */
import { findCaseType, isTerminal, stateOf, type CaseType } from '../catalogue/cases.ts';
import type { FieldValue } from '../catalogue/fields.ts';
import { getKind } from '../catalogue/kinds.ts';
import {
  clockViews,
  decide,
  openCase as planOpen,
  todayOf,
  type CaseEvent,
  type CaseSnapshot,
  type ClockView,
  type Decision,
  type MoveCommand,
  type SideRecord,
} from '../core/cases.ts';
import { markOf, type Calendar } from '../core/calendar.ts';
import { UserError, notFound } from '../core/errors.ts';
import type { LedgerRecord } from '../core/records.ts';
import { ALL, type Scope } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import * as repo from '../db/cases.repo.ts';
import * as records from '../db/records.repo.ts';
import type { Database } from '../db/schema.ts';
import type { Transaction } from 'kysely';
import { countyOf, type Org } from './orgs.ts';
import { prepareRows, subOrgIndex, toRecord, type OrgDraft } from './records.ts';
import { checkCasePower } from './powers.ts';
import { workingCalendar } from './working-calendar.ts';
import { eventRow, toCaseEvent } from './cases/event-rows.ts';

export { eventRow, toCaseEvent };

type Trx = Transaction<Database>;

/** A case as lists show it. */
export interface CaseSummary {
  readonly id: number;
  readonly type: string;
  readonly typeLabel: string;
  readonly townshipId: number;
  readonly orgId: number | null;
  readonly date: string;
  readonly title: string;
  readonly state: string;
  readonly stateLabel: string;
  readonly owner: string | null;
  readonly closed: boolean;
  /** Earliest due date of the running clocks, as of the last step. */
  readonly nextDue: string | null;
  /** “按法定节日推算，未含调休” when the next due date was reckoned with statutory holidays only. */
  readonly nextDueMark: string | null;
  readonly data: Readonly<Record<string, FieldValue>>;
}

/** A case with its history and clocks, each clock explaining its deadline. */
export interface CaseDetail extends CaseSummary {
  readonly events: readonly CaseEvent[];
  readonly clocks: readonly ClockView[];
  /** The steps possible in the current state: id and Chinese label. */
  readonly actions: readonly { id: string; label: string }[];
}

export function caseTypeOrFail(s: string): CaseType {
  const t = findCaseType(s);
  if (!t)
    throw new UserError(
      `“${s}”不是案件类型，应为：${['dispute', 'petition', 'disclosure_request', 'inspection', 'penalty', 'legal_review', 'major_decision', 'lawsuit'].join('、')}`,
      'unknown_case_type',
    );
  return t;
}

function toSummary(h: Db, r: repo.CaseListRow, cal: Calendar): CaseSummary {
  const t = caseTypeOrFail(r.type);
  return {
    id: Number(r.record_id),
    type: r.type,
    typeLabel: t.label,
    townshipId: r.township_id,
    orgId: r.org_id,
    date: r.date,
    title: r.title,
    state: r.state,
    stateLabel: stateOf(t, r.state)?.label ?? r.state,
    owner: r.owner,
    closed: r.closed === 1,
    nextDue: r.next_due,
    nextDueMark: r.next_due ? markOf(cal, r.opened_on, r.next_due) : null,
    data: h.dialect.readJson(r.data) as Record<string, FieldValue>,
  };
}

/** Earliest due date among the running clocks, for the `next_due` column. */
export function nextDue(events: readonly CaseEvent[], now: string, cal: Calendar): string | null {
  const due = clockViews(events, now, cal)
    .filter((c) => c.status !== 'stopped')
    .map((c) => c.deadline.due)
    .sort();
  return due[0] ?? null;
}

/** Options for opening a case. */
export interface OpenOptions {
  readonly role: string;
  readonly owner?: string | null;
  readonly actor?: string | null;
  readonly now: string;
  readonly createdBy?: number | null;
  /** Extra values stored with the opening event (the case that opened this one). */
  readonly openValues?: Readonly<Record<string, FieldValue>>;
}

/** A township with what writing its records needs, read before a transaction opens (SQLite has one connection). */
export interface TownshipContext {
  readonly township: Org;
  readonly countyId: number;
  readonly subOrgs: ReadonlyMap<string, number>;
}

export async function townshipContext(h: Db, township: Org): Promise<TownshipContext> {
  return { township, countyId: (await countyOf(h, township)).id, subOrgs: await subOrgIndex(h, township) };
}

/** Inserts the record, the case and its opening event on the caller's transaction; returns its id. */
export async function insertCase(
  h: Db,
  trx: Trx,
  ctx: TownshipContext,
  type: CaseType,
  draft: OrgDraft,
  opts: OpenOptions,
): Promise<number> {
  const kind = getKind(type.kind);
  const { township } = ctx;
  // Validate the draft as entered first, so errors name the user's fields.
  const check = prepareRows(
    kind,
    township,
    ctx.countyId,
    ctx.subOrgs,
    [{ ...draft, data: { ...draft.data, ...(stateOf(type, type.initial)?.data ?? {}) } }],
    {
      now: opts.now,
      createdBy: opts.createdBy ?? null,
      importId: null,
    },
  );
  const first = check.rows[0];
  if (check.errors.length > 0 || !first) {
    const errs = check.errors[0]?.errors ?? [];
    throw new UserError(
      `${kind.label}记录有误：${errs.map((e) => `${e.label}：${e.message}`).join('；')}`,
      'invalid_record',
      400,
      errs,
    );
  }
  const clean = h.dialect.readJson(first.data) as Record<string, FieldValue>;
  const cal = await workingCalendar(h, trx);
  const plan = planOpen(
    type,
    kind,
    { date: first.date, title: first.title, data: clean },
    { role: opts.role, actor: opts.actor, owner: opts.owner },
    opts.now,
    cal,
  );
  await checkCasePower(h, trx, type, township.id, first.date, clean);
  const row = { ...first, data: JSON.stringify(plan.data) };
  const stored = await records.insertRecord(trx, row);
  if (!stored) throw new UserError(`${township.name}已有一条内容相同的${kind.label}记录`, 'duplicate', 409);
  const id = Number(stored.id);
  const event = { ...plan.event, values: { ...plan.event.values, ...(opts.openValues ?? {}) } };
  await repo.insertCase(trx, {
    record_id: id,
    county_id: ctx.countyId,
    township_id: township.id,
    type: type.kind,
    state: plan.state,
    owner: plan.owner,
    opened_on: first.date,
    next_due: nextDue([event], opts.now, cal),
    closed: isTerminal(type, plan.state) ? 1 : 0,
    created_at: opts.now,
    updated_at: opts.now,
  });
  await repo.insertEvent(trx, eventRow(id, { township_id: township.id, county_id: ctx.countyId }, event));
  return id;
}

async function loadSnapshot(
  h: Db,
  db: Db['db'] | Trx,
  scope: Scope,
  id: number,
): Promise<{ row: repo.CaseListRow; snap: CaseSnapshot }> {
  const row = await repo.getCase(db, scope, id);
  if (!row) throw notFound(`案件 ${id} 不存在或无权查看`);
  const events = (await repo.listEvents(db, [id])).map((e) => toCaseEvent(h, e));
  const snap: CaseSnapshot = {
    id,
    type: caseTypeOrFail(row.type).kind,
    state: row.state,
    owner: row.owner,
    date: row.date,
    title: row.title,
    data: h.dialect.readJson(row.data) as Record<string, FieldValue>,
    events,
  };
  return { row, snap };
}

async function addSideRecord(trx: Trx, ctx: TownshipContext, side: SideRecord, now: string): Promise<number> {
  const kind = getKind(side.kind);
  const { township } = ctx;
  const { rows, errors } = prepareRows(
    kind,
    township,
    ctx.countyId,
    new Map(),
    [{ date: side.date, title: side.title, data: side.data }],
    { now, createdBy: null, importId: null },
  );
  const row = rows[0];
  if (errors.length > 0 || !row)
    throw new UserError(
      `${kind.label}记录有误：${(errors[0]?.errors ?? []).map((e) => `${e.label}：${e.message}`).join('；')}`,
      'invalid_record',
    );
  // A side record already stored (the same content) is the one the step links to.
  const stored =
    (await records.insertRecord(trx, row)) ??
    (await records.getRecordByDedupKey(trx, township.id, row.dedup_key));
  return stored ? Number(stored.id) : 0;
}

/** A step's effect on a case (state and record data before and after), or the refusal kept in its history. */
export interface StepOutcome {
  readonly before: { readonly state: string; readonly data: Readonly<Record<string, FieldValue>> };
  readonly after: { readonly state: string; readonly data: Readonly<Record<string, FieldValue>> };
  readonly refusal: Extract<Decision, { ok: false }> | null;
}

/**
 * Takes one step of a case on the caller's transaction: the record's data, the case row and the
 * event (a refused attempt is stored as an event too). `ctx` is the case's township, read before.
 */
export async function stepCase(
  h: Db,
  trx: Trx,
  ctx: TownshipContext,
  scope: Scope,
  id: number,
  cmd: MoveCommand,
  now: string,
): Promise<StepOutcome> {
  // The step reads the case, decides, then writes the next event: two steps at once must not both
  // read the same state (one would fail on the event's sequence number instead of being refused).
  if (h.dialect.rowLocks) await repo.lockCase(trx, id);
  const { row, snap } = await loadSnapshot(h, trx, scope, id);
  const before = { state: snap.state, data: snap.data };
  const type = caseTypeOrFail(row.type);
  const kind = getKind(type.kind);
  const cal = await workingCalendar(h, trx);
  const d = decide(snap, type, kind, cmd, now, cal);
  if (!d.ok) {
    await repo.insertEvent(trx, eventRow(id, row, d.event));
    return { before, after: before, refusal: d };
  }
  const extra: Record<string, FieldValue> = {};
  if (d.opens) {
    extra.openedCase = await insertCase(
      h,
      trx,
      ctx,
      caseTypeOrFail(d.opens.kind),
      { date: d.opens.date, title: d.opens.title, data: d.opens.data },
      {
        role: cmd.role,
        actor: cmd.actor,
        owner: snap.owner,
        now,
        openValues: { fromCase: id },
      },
    );
  }
  if (d.creates) extra.createdRecord = await addSideRecord(trx, ctx, d.creates, now);
  const event = { ...d.event, values: { ...d.event.values, ...extra } };
  const rec = await records.getRecord(trx, ALL, id);
  if (!rec) throw notFound(`案件 ${id} 的台账记录不存在`);
  await records.updateRecord(trx, ALL, id, {
    date: rec.date,
    end_date: rec.end_date,
    title: rec.title,
    data: JSON.stringify(d.data),
    dedup_key: rec.dedup_key,
    org_id: rec.org_id,
    updated_at: now,
  });
  await repo.insertEvent(trx, eventRow(id, row, event));
  await repo.updateCase(trx, id, {
    state: d.state,
    owner: d.owner,
    next_due: nextDue([...snap.events, event], now, cal),
    closed: isTerminal(type, d.state) ? 1 : 0,
    updated_at: now,
  });
  return { before, after: { state: d.state, data: d.data }, refusal: null };
}

/** The error a refused step is reported as, once its event is stored. */
export function refusalError(r: Extract<Decision, { ok: false }>): UserError {
  return new UserError(r.error, r.code, r.code === 'forbidden_role' ? 403 : 409, { event: r.event });
}

/** A case with its full history and its clocks as of `now`. */
export async function showCase(h: Db, scope: Scope, id: number, now: string): Promise<CaseDetail> {
  const { row, snap } = await loadSnapshot(h, h.db, scope, id);
  const cal = await workingCalendar(h);
  const type = caseTypeOrFail(row.type);
  const done = new Set(snap.events.filter((e) => e.outcome === 'done').map((e) => e.action));
  const actions = type.transitions.filter((t) => t.from.includes(row.state) && !(t.once && done.has(t.id)));
  return {
    ...toSummary(h, row, cal),
    events: snap.events,
    clocks: clockViews(snap.events, now, cal),
    actions: [
      ...actions.map((t) => ({ id: t.id, label: t.label })),
      ...(isTerminal(type, row.state) ? [] : [{ id: 'assign', label: '指定承办人' }]),
    ],
  };
}

export type CaseListQuery = Omit<repo.CaseQuery, 'dueBy'>;

export async function listCases(
  h: Db,
  scope: Scope,
  q: CaseListQuery,
): Promise<{ total: number; items: CaseSummary[] }> {
  const [total, rows, cal] = await Promise.all([
    repo.countCaseRows(h.db, scope, q),
    repo.listCaseRows(h.db, scope, q),
    workingCalendar(h),
  ]);
  return { total, items: rows.map((r) => toSummary(h, r, cal)) };
}

/** The ledger record behind a case, for callers that show it beside the ledger. */
export async function caseRecord(h: Db, scope: Scope, id: number): Promise<LedgerRecord> {
  const r = await records.getRecord(h.db, scope, id);
  if (!r) throw notFound(`记录 ${id} 不存在或无权查看`);
  return toRecord(h, r);
}

export { todayOf };
