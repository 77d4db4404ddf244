/**
 * Keeping the working calendar current: a year's official arrangement (pasted notice, JSON or ICS
 * file) replaces what was stored for it, and every open case's due date is worked out again in the
 * same transaction, each change audited as “节假日安排更新，期限由X调整为Y”.
 */
import type { Transaction } from 'kysely';
import { transitionsOf, type CaseType, type SetValue } from '../catalogue/cases.ts';
import type { FieldValue } from '../catalogue/fields.ts';
import { getKind } from '../catalogue/kinds.ts';
import {
  buildCalendar,
  calendarYears,
  STATUTORY_MARK,
  type Arrangement,
  type Calendar,
  type CalendarEntry,
} from '../core/calendar.ts';
import { resolveSet } from '../core/case-clocks.ts';
import { replayClocks, type CaseEvent } from '../core/cases.ts';
import { isIsoDate } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import { ALL } from '../core/scope.ts';
import * as repo from '../db/calendar.repo.ts';
import * as cases from '../db/cases.repo.ts';
import type { Db } from '../db/connect.ts';
import * as records from '../db/records.repo.ts';
import type { Database } from '../db/schema.ts';
import { statutoryHolidays } from '../core/statutory-holidays.ts';
import { requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor, type AuditEvent } from './audit.ts';
import { caseTypeOrFail, nextDue, toCaseEvent } from './cases.ts';
import { forgetCalendar, readCalendar } from './working-calendar.ts';

/** A year of the calendar as shown: its days and where they came from, or the statutory days. */
export interface CalendarYear {
  readonly year: number;
  /** True when the year's official arrangement is stored. */
  readonly official: boolean;
  readonly source: string | null;
  readonly storedBy: string | null;
  readonly storedAt: string | null;
  readonly holidays: readonly { date: string; name: string }[];
  readonly workdays: readonly { date: string; name: string }[];
  /** “按法定节日推算，未含调休” for a year without an arrangement. */
  readonly mark: string | null;
}

/** The stored arrangement of a year, or its statutory holidays when none is stored. */
export async function calendarYear(h: Db, p: Principal, year: number): Promise<CalendarYear> {
  requireAction(p, 'calendar.read');
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new UserError(`年份应为 2000 至 2100 之间的整数，收到“${year}”`, 'bad_year');
  const row = await repo.getYear(h.db, year);
  if (row && row.official === 1) {
    const days = await repo.listYearDays(h.db, year);
    const pick = (k: string) => days.filter((d) => d.kind === k).map((d) => ({ date: d.date, name: d.name }));
    return {
      year,
      official: true,
      source: row.source,
      storedBy: row.stored_by,
      storedAt: row.stored_at,
      holidays: pick('holiday'),
      workdays: pick('workday'),
      mark: null,
    };
  }
  return {
    year,
    official: false,
    source: null,
    storedBy: null,
    storedAt: null,
    holidays: statutoryHolidays(year),
    workdays: [],
    mark: STATUTORY_MARK,
  };
}

/** A record field a case step set to a clock's due date (信访、纠纷的办结期限), moved with the calendar. */
export interface DueFieldChange {
  readonly field: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

/** One open case whose due date moved with the new calendar. */
export interface DueChange {
  readonly caseId: number;
  readonly title: string;
  readonly from: string | null;
  readonly to: string | null;
  /** The record's stored due fields that moved too; absent when none did. */
  readonly fields?: readonly DueFieldChange[];
}

export interface CalendarUpdate {
  readonly years: readonly { year: number; holidays: number; workdays: number; source: string }[];
  readonly changed: readonly DueChange[];
}

/** Refuses an arrangement the calendar cannot hold (year, dates, source), in Chinese. */
export function checkArrangement(a: Arrangement): void {
  if (!Number.isInteger(a.year) || a.year < 2000 || a.year > 2100)
    throw new UserError(`年份应为 2000 至 2100 之间的整数，收到“${a.year}”`, 'bad_year');
  if (!a.entries.some((e) => e.kind === 'holiday'))
    throw new UserError(`${a.year}年的安排没有放假日`, 'calendar_empty');
  const seen = new Set<string>();
  for (const e of a.entries) {
    if (!isIsoDate(e.date)) throw new UserError(`日期“${e.date}”无效`, 'bad_date');
    if (seen.has(e.date)) throw new UserError(`${e.date}出现了两次`, 'calendar_duplicate');
    if (Math.abs(Number(e.date.slice(0, 4)) - a.year) > 1)
      throw new UserError(`${e.date}不属于${a.year}年的安排`, 'bad_date');
    seen.add(e.date);
  }
  if (!a.source.trim()) throw new UserError('须注明节假日安排的来源', 'calendar_source');
}

const BATCH = 500;

const isDue = (v: SetValue): boolean => v !== null && typeof v === 'object' && v.kind === 'due';

/**
 * The record fields whose value the case's steps took from a clock's due date, as the engine would
 * write them under `cal`: each step's `set` replayed on the clocks as they stood after that step.
 * A field a later step set to anything else is no longer the calendar's, and is left out.
 */
export function dueFieldValues(
  decl: CaseType,
  events: readonly CaseEvent[],
  cal: Calendar,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const done = events.filter((e) => e.outcome === 'done');
  done.forEach((e, i) => {
    const set = e.action === 'open' ? decl.openSet : transitionsOf(decl).find((t) => t.id === e.action)?.set;
    const entries = Object.entries(set ?? {});
    for (const [k, v] of entries) if (!isDue(v)) delete out[k];
    const due = entries.filter(([, v]) => isDue(v));
    if (due.length === 0) return;
    Object.assign(out, resolveSet(Object.fromEntries(due), e.date, replayClocks(done.slice(0, i + 1), cal)));
  });
  return out;
}

/**
 * The stored due fields that move from `before` to `after`; a value no longer what the engine
 * wrote under the old calendar (entered by hand) stands.
 */
function movedFields(
  decl: CaseType,
  data: Readonly<Record<string, FieldValue>>,
  before: Readonly<Record<string, FieldValue>>,
  after: Readonly<Record<string, FieldValue>>,
): DueFieldChange[] {
  const fields = getKind(decl.kind).fields;
  return Object.entries(after).flatMap(([k, to]) => {
    const from = before[k];
    if (typeof to !== 'string' || typeof from !== 'string' || to === from || data[k] !== from) return [];
    return [{ field: k, label: fields.find((f) => f.key === k)?.label ?? k, from, to }];
  });
}

/**
 * Stores the official arrangement of one or more years (replacing what each had) and re-computes
 * the next due date of every open case, all in one audited transaction. System administrator only.
 */
export async function replaceCalendarYears(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { readonly arrangements: readonly Arrangement[] },
  at: string,
): Promise<CalendarUpdate> {
  requireAction(p, 'calendar.write');
  if (input.arrangements.length === 0) throw new UserError('没有要保存的节假日安排', 'calendar_empty');
  for (const a of input.arrangements) checkArrangement(a);
  const result = await withAudit(h, actor, at, async (trx) => {
    const events: AuditEvent[] = [];
    const oldCal = await readCalendar(trx);
    for (const a of input.arrangements) {
      const before = await repo.getYear(trx, a.year);
      const beforeDays = before ? await repo.listYearDays(trx, a.year) : [];
      await repo.replaceYear(trx, a.year, a.entries, { source: a.source, storedBy: actor.username, at });
      events.push({
        action: 'calendar.replace',
        targetType: 'calendar_year',
        targetId: a.year,
        before: before
          ? { source: before.source, days: beforeDays.map((d) => `${d.date} ${d.kind} ${d.name}`) }
          : null,
        after: {
          source: a.source,
          days: a.entries.map((e: CalendarEntry) => `${e.date} ${e.kind} ${e.name}`),
        },
      });
    }
    const cal = await readCalendar(trx);
    const open = await cases.listCaseRows(trx, ALL, { open: true, limit: 10_000_000 });
    const changed: DueChange[] = [];
    for (let i = 0; i < open.length; i += BATCH) {
      const rows = open.slice(i, i + BATCH);
      const evs = await cases.listEvents(
        trx,
        rows.map((r) => Number(r.record_id)),
      );
      for (const r of rows) {
        const id = Number(r.record_id);
        const mine = evs.filter((e) => Number(e.record_id) === id).map((e) => toCaseEvent(h, e));
        const due = nextDue(mine, at, cal);
        const decl = caseTypeOrFail(r.type);
        const data = h.dialect.readJson(r.data) as Record<string, FieldValue>;
        const fields = movedFields(
          decl,
          data,
          dueFieldValues(decl, mine, oldCal),
          dueFieldValues(decl, mine, cal),
        );
        if (due === r.next_due && fields.length === 0) continue;
        if (due !== r.next_due)
          await cases.updateCase(trx, id, {
            state: r.state,
            owner: r.owner,
            closed: r.closed,
            next_due: due,
            updated_at: at,
          });
        if (fields.length > 0) await storeFields(trx, id, data, fields, at);
        changed.push({
          caseId: id,
          title: r.title,
          from: r.next_due,
          to: due,
          ...(fields.length ? { fields } : {}),
        });
        const notes = [
          ...(due === r.next_due ? [] : [`期限由${r.next_due ?? '无'}调整为${due ?? '无'}`]),
          ...fields.map((f) => `${f.label}由${f.from}调整为${f.to}`),
        ];
        events.push({
          action: 'case.due_recomputed',
          targetType: 'case',
          targetId: id,
          before: { nextDue: r.next_due, ...Object.fromEntries(fields.map((f) => [f.field, f.from])) },
          after: {
            nextDue: due,
            ...Object.fromEntries(fields.map((f) => [f.field, f.to])),
            note: `节假日安排更新，${notes.join('，')}`,
          },
        });
      }
    }
    const years = input.arrangements.map((a) => ({
      year: a.year,
      holidays: a.entries.filter((e) => e.kind === 'holiday').length,
      workdays: a.entries.filter((e) => e.kind === 'workday').length,
      source: a.source,
    }));
    return { result: { years, changed }, events };
  });
  forgetCalendar(h);
  return result;
}

/** Writes the moved due fields into the case's record, keeping its other columns as they are. */
async function storeFields(
  trx: Transaction<Database>,
  id: number,
  data: Readonly<Record<string, FieldValue>>,
  fields: readonly DueFieldChange[],
  at: string,
): Promise<void> {
  const rec = await records.getRecord(trx, ALL, id);
  if (!rec) return;
  // Keys keep their order (validateRecord wrote them in catalogue order); the dedup key stays, as a step leaves it.
  const next = { ...data, ...Object.fromEntries(fields.map((f) => [f.field, f.to])) };
  await records.updateRecord(trx, ALL, id, {
    date: rec.date,
    end_date: rec.end_date,
    title: rec.title,
    data: JSON.stringify(next),
    dedup_key: rec.dedup_key,
    org_id: rec.org_id,
    updated_at: at,
  });
}

/** The years with an official arrangement, for `calendar check` and the admin page. */
export async function calendarCoverage(h: Db, p: Principal): Promise<{ from: number; to: number } | null> {
  requireAction(p, 'calendar.read');
  return calendarYears(buildCalendar(await repo.loadCalendarData(h.db)));
}
