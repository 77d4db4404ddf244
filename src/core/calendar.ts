/**
 * The working calendar: public holidays (法定节假日) and make-up workdays (调休上班日) as a value built
 * from data (the database keeps them; see db/calendar.repo.ts), and the statutory holidays of
 * 全国年节及纪念日放假办法 for a year without an official arrangement. Pure: no clock and no I/O.
 */
import { addDays, daysBetween, weekday } from './dates.ts';
import { statutoryHolidays } from './statutory-holidays.ts';

export { addDays, daysBetween, weekday };

/** How a day counts: a normal weekday, a weekend, a holiday, or a weekend turned into a workday. */
export type DayType = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  readonly date: string;
  readonly type: DayType;
  /** Chinese name of the holiday a holiday or make-up workday belongs to (国庆节, 春节…). */
  readonly holiday?: string;
  /**
   * False when the date's year has no official arrangement: its holidays are then the statutory
   * ones only, and no 调休 is known.
   */
  readonly covered: boolean;
}

/** One day of an official arrangement: a holiday, or a weekend day worked (调休上班日). */
export interface CalendarEntry {
  readonly date: string;
  readonly kind: 'holiday' | 'workday';
  /** The festival it belongs to: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆节. */
  readonly name: string;
}

/** A year's official arrangement as announced, with where it came from. */
export interface Arrangement {
  readonly year: number;
  /** `国务院办公厅通知 国办发明电〔2025〕7号`, `ics:holidays.ics`, `json:2027.json`. */
  readonly source: string;
  readonly entries: readonly CalendarEntry[];
}

/** What a calendar is built from: the stored days, and the years whose arrangement was announced. */
export interface CalendarData {
  readonly entries: readonly CalendarEntry[];
  readonly years: readonly number[];
}

/** A working calendar. Build it with `buildCalendar`; read it with `dayInfo` and `isWorkingDay`. */
export interface Calendar {
  readonly holidays: ReadonlyMap<string, string>;
  readonly makeups: ReadonlyMap<string, string>;
  /** Years with an official arrangement (国务院办公厅通知). */
  readonly years: ReadonlySet<number>;
  /** Statutory holidays of the years without one, computed once each. */
  readonly statutory: Map<number, ReadonlyMap<string, string>>;
}

/** The mark on every date reckoned with statutory holidays only. */
export const STATUTORY_MARK = '按法定节日推算，未含调休';

export function buildCalendar(data: CalendarData): Calendar {
  const holidays = new Map<string, string>();
  const makeups = new Map<string, string>();
  for (const e of data.entries) (e.kind === 'holiday' ? holidays : makeups).set(e.date, e.name);
  return { holidays, makeups, years: new Set(data.years), statutory: new Map() };
}

export function coversYear(cal: Calendar, year: number): boolean {
  return cal.years.has(year);
}

/** The first and last year with an official arrangement, or null for an empty calendar. */
export function calendarYears(cal: Calendar): { readonly from: number; readonly to: number } | null {
  if (cal.years.size === 0) return null;
  const ys = [...cal.years];
  return { from: Math.min(...ys), to: Math.max(...ys) };
}

function statutoryOf(cal: Calendar, year: number): ReadonlyMap<string, string> {
  let m = cal.statutory.get(year);
  if (!m) {
    m = new Map(statutoryHolidays(year).map((d) => [d.date, d.name]));
    cal.statutory.set(year, m);
  }
  return m;
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
export function weekdayLabel(iso: string): string {
  return WEEKDAYS[weekday(iso)]!;
}

export function dayInfo(cal: Calendar, date: string): DayInfo {
  const year = Number(date.slice(0, 4));
  const covered = coversYear(cal, year);
  // An announced day stands even in a year without its own arrangement (元旦 notices reach into December).
  const h = cal.holidays.get(date) ?? (covered ? undefined : statutoryOf(cal, year).get(date));
  if (h !== undefined) return { date, type: 'holiday', holiday: h, covered };
  const m = cal.makeups.get(date);
  if (m !== undefined) return { date, type: 'makeup', holiday: m, covered };
  const wd = weekday(date);
  return { date, type: wd === 0 || wd === 6 ? 'weekend' : 'workday', covered };
}

/** A working day: a weekday that is not a holiday, or a make-up workday. */
export function isWorkingDay(cal: Calendar, date: string): boolean {
  const t = dayInfo(cal, date).type;
  return t === 'workday' || t === 'makeup';
}

/** The years from `from` to `to` (dates) that have no official arrangement. */
export function uncoveredYears(cal: Calendar, from: string, to: string): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    if (!coversYear(cal, y)) out.push(y);
  return out;
}

/** The mark for a date range: null when every year in it has an official arrangement. */
export function markOf(cal: Calendar, from: string, to: string): string | null {
  return uncoveredYears(cal, from, to).length > 0 ? STATUTORY_MARK : null;
}

/** Chinese description of a day's type, for explanations (“2024-10-01 国庆节假期”). */
export function describeDay(d: DayInfo): string {
  switch (d.type) {
    case 'holiday':
      return `${d.date}（${weekdayLabel(d.date)}）${d.holiday ?? ''}假期${d.covered ? '' : '（法定节日）'}`;
    case 'makeup':
      return `${d.date}（${weekdayLabel(d.date)}）${d.holiday ?? ''}调休上班日`;
    case 'weekend':
      return `${d.date}（${weekdayLabel(d.date)}）周末`;
    case 'workday':
      return `${d.date}（${weekdayLabel(d.date)}）工作日`;
  }
}
