/**
 * The official working calendar: public holidays (法定节假日) and make-up workdays (调休上班日)
 * as announced each year by the State Council General Office, from the `chinese-days` data set.
 * Pure: a lookup over bundled data, no clock and no I/O.
 */
import days from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** How a day counts: a normal weekday, a weekend, a holiday, or a weekend turned into a workday. */
export type DayType = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  readonly date: string;
  readonly type: DayType;
  /** Chinese name of the holiday a holiday or make-up workday belongs to (国庆节, 春节…). */
  readonly holiday?: string;
  /** False when the date's year is outside the calendar data: then only weekends are known. */
  readonly covered: boolean;
}

type Table = Readonly<Record<string, string>>;
const holidays: Table = days.holidays;
const makeups: Table = days.workdays;

// Entries read "National Day,国庆节,3": English name, Chinese name, length in the announcement.
const chineseName = (entry: string): string => entry.split(',')[1] ?? entry;

function yearRange(t: Table): { from: number; to: number } {
  let from = Infinity;
  let to = -Infinity;
  for (const d of Object.keys(t)) {
    const y = Number(d.slice(0, 4));
    if (y < from) from = y;
    if (y > to) to = y;
  }
  return { from, to };
}

/** The years whose holidays and make-up workdays the calendar knows (2004–2026 in chinese-days 1.5.7). */
export const CALENDAR_YEARS: { readonly from: number; readonly to: number } = yearRange(holidays);

export function coversYear(year: number): boolean {
  return year >= CALENDAR_YEARS.from && year <= CALENDAR_YEARS.to;
}

const DAY_MS = 86_400_000;
const toUtc = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const fromUtc = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** The date `n` calendar days after (or before, if negative) `iso`. */
export function addDays(iso: string, n: number): string {
  return fromUtc(toUtc(iso) + n * DAY_MS);
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(toUtc(iso)).getUTCDay();
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
export function weekdayLabel(iso: string): string {
  return WEEKDAYS[weekday(iso)]!;
}

export function dayInfo(date: string): DayInfo {
  const covered = coversYear(Number(date.slice(0, 4)));
  const h = holidays[date];
  if (h !== undefined) return { date, type: 'holiday', holiday: chineseName(h), covered };
  const m = makeups[date];
  if (m !== undefined) return { date, type: 'makeup', holiday: chineseName(m), covered };
  const wd = weekday(date);
  return { date, type: wd === 0 || wd === 6 ? 'weekend' : 'workday', covered };
}

/** A working day: a weekday that is not a holiday, or a make-up workday. */
export function isWorkingDay(date: string): boolean {
  const t = dayInfo(date).type;
  return t === 'workday' || t === 'makeup';
}

/** Chinese description of a day's type, for explanations (“2024-10-01 国庆节假期”). */
export function describeDay(d: DayInfo): string {
  switch (d.type) {
    case 'holiday':
      return `${d.date}（${weekdayLabel(d.date)}）${d.holiday ?? ''}假期`;
    case 'makeup':
      return `${d.date}（${weekdayLabel(d.date)}）${d.holiday ?? ''}调休上班日`;
    case 'weekend':
      return `${d.date}（${weekdayLabel(d.date)}）周末`;
    case 'workday':
      return `${d.date}（${weekdayLabel(d.date)}）工作日`;
  }
}
