/**
 * Keeping the working calendar current: a year's official arrangement (pasted notice, JSON or ICS
 * file) replaces what was stored for it, and every open case's due date is worked out again in the
 * same transaction, each change audited as “节假日安排更新，期限由X调整为Y”.
 */
import {
  buildCalendar,
  calendarYears,
  STATUTORY_MARK,
  type Arrangement,
  type CalendarEntry,
} from '../core/calendar.ts';
import { isIsoDate } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import { ALL } from '../core/scope.ts';
import * as repo from '../db/calendar.repo.ts';
import * as cases from '../db/cases.repo.ts';
import type { Db } from '../db/connect.ts';
import { statutoryHolidays } from '../core/statutory-holidays.ts';
import { requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor, type AuditEvent } from './audit.ts';
import { nextDue, toCaseEvent } from './cases.ts';
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

/** One open case whose due date moved with the new calendar. */
export interface DueChange {
  readonly caseId: number;
  readonly title: string;
  readonly from: string | null;
  readonly to: string | null;
}

export interface CalendarUpdate {
  readonly years: readonly { year: number; holidays: number; workdays: number; source: string }[];
  readonly changed: readonly DueChange[];
}

function checkArrangement(a: Arrangement): void {
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
        if (due === r.next_due) continue;
        await cases.updateCase(trx, id, {
          state: r.state,
          owner: r.owner,
          closed: r.closed,
          next_due: due,
          updated_at: at,
        });
        changed.push({ caseId: id, title: r.title, from: r.next_due, to: due });
        events.push({
          action: 'case.due_recomputed',
          targetType: 'case',
          targetId: id,
          before: { nextDue: r.next_due },
          after: {
            nextDue: due,
            note: `节假日安排更新，期限由${r.next_due ?? '无'}调整为${due ?? '无'}`,
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

/** The years with an official arrangement, for `calendar check` and the admin page. */
export async function calendarCoverage(h: Db, p: Principal): Promise<{ from: number; to: number } | null> {
  requireAction(p, 'calendar.read');
  return calendarYears(buildCalendar(await repo.loadCalendarData(h.db)));
}
