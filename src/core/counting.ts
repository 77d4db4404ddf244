/**
 * Counting a period in its unit (日, 工作日, 月, or a date fixed in a document). Each counter returns
 * a trace: what it counted and passed over, for the explanation; none of them writes a sentence.
 * Counting follows 民法典 第201–202条; the end-of-period shift (第203条) is applied afterwards.
 */
import { addDays, dayInfo, isWorkingDay, type Calendar } from './calendar.ts';

/** A suspension as counted: days after `from` up to and including `to` are not counted. */
export interface ClosedRange {
  readonly from: string;
  readonly to: string;
}

/** Days passed over because time was not counted (征求第三方意见), and how many were working days. */
export interface SuspendedDays {
  readonly days: number;
  readonly workdays: number;
}

/** What counting produced, by unit; `end` is the period's last day before any 第203条 shift. */
export type CountTrace =
  | { readonly unit: 'set'; readonly start: string; readonly end: string }
  | {
      readonly unit: 'month';
      readonly start: string;
      /** The corresponding day of the final month (民法典 第202条). */
      readonly monthEnd: string;
      /** Suspended days added after the month end. */
      readonly extra: number;
      readonly end: string;
    }
  | {
      readonly unit: 'day';
      readonly start: string;
      readonly total: number;
      readonly suspended: SuspendedDays;
      readonly end: string;
    }
  | {
      readonly unit: 'workday';
      readonly start: string;
      readonly total: number;
      readonly suspended: SuspendedDays;
      readonly weekends: number;
      readonly holidays: number;
      readonly makeups: number;
      readonly end: string;
    };

function inSuspension(d: string, ranges: readonly ClosedRange[]): boolean {
  return ranges.some((s) => d > s.from && d <= s.to);
}

/** Adds `n` months: the corresponding day of the final month, or its last day (民法典 第202条). */
export function addMonths(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const d = Number(iso.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${ty}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A date fixed in the document (整改通知书): taken as it is, not counted. */
export function countSet(start: string, setDue: string): CountTrace {
  return { unit: 'set', start, end: setDue };
}

/**
 * Walks from the day after `start` until `total` days have counted, skipping suspended days (and
 * tallying them); `counts(d)` says whether an unsuspended day counts.
 */
function walk(
  cal: Calendar,
  start: string,
  total: number,
  ranges: readonly ClosedRange[],
  counts: (d: string) => boolean,
): { end: string; suspended: { days: number; workdays: number } } {
  let d = start;
  let counted = 0;
  const suspended = { days: 0, workdays: 0 };
  while (counted < total) {
    d = addDays(d, 1);
    if (inSuspension(d, ranges)) {
      suspended.days++;
      if (isWorkingDay(cal, d)) suspended.workdays++;
    } else if (counts(d)) counted++;
  }
  return { end: d, suspended };
}

/** 日: calendar days from the day after the start (民法典 第201条), suspended days not counted. */
export function countDays(
  cal: Calendar,
  start: string,
  total: number,
  ranges: readonly ClosedRange[],
): CountTrace {
  const { end, suspended } = walk(cal, start, total, ranges, () => true);
  return { unit: 'day', start, total, suspended, end };
}

/** 工作日: weekends and holidays out, make-up workdays (调休上班日) in, suspended days not counted. */
export function countWorkdays(
  cal: Calendar,
  start: string,
  total: number,
  ranges: readonly ClosedRange[],
): CountTrace {
  const tally = { weekends: 0, holidays: 0, makeups: 0 };
  const { end, suspended } = walk(cal, start, total, ranges, (d) => {
    const type = dayInfo(cal, d).type;
    if (type === 'weekend') tally.weekends++;
    else if (type === 'holiday') tally.holidays++;
    else if (type === 'makeup') tally.makeups++;
    return type !== 'weekend' && type !== 'holiday';
  });
  return { unit: 'workday', start, total, suspended, ...tally, end };
}

/** 月: to the corresponding day (民法典 第202条), then one more day for each suspended day. */
export function countMonths(start: string, total: number, ranges: readonly ClosedRange[]): CountTrace {
  const monthEnd = addMonths(start, total);
  let extra = 0;
  if (ranges.length > 0)
    for (let d = addDays(start, 1); d <= monthEnd; d = addDays(d, 1)) if (inSuspension(d, ranges)) extra++;
  return { unit: 'month', start, monthEnd, extra, end: extra > 0 ? addDays(monthEnd, extra) : monthEnd };
}
