/**
 * The first contents of the calendar tables: the holidays and make-up workdays `chinese-days` ships
 * (one official arrangement a year, 2004–2026 in 1.5.7). Read once when the database is seeded;
 * after that the database, not this package, is the calendar.
 */
import days from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { CalendarData, CalendarEntry } from '../core/calendar.ts';

/** The source recorded on seeded days. */
export const SEED_SOURCE = 'chinese-days';

/** One year's arrangement as chinese-days has it. */
export interface SeedYear {
  readonly year: number;
  readonly entries: readonly CalendarEntry[];
}

// Entries read "National Day,国庆节,3": English name, Chinese name, length in the announcement.
const chineseName = (entry: string): string => entry.split(',')[1] ?? entry;

/**
 * The arrangement a day belongs to: its own year, except a December day of 元旦 (worked or off),
 * which the next year's notice announces.
 */
function arrangementYear(date: string, name: string): number {
  const y = Number(date.slice(0, 4));
  return name === '元旦' && date.slice(5, 7) === '12' ? y + 1 : y;
}

/** Every year chinese-days covers, its days in date order. */
export function seedYears(): SeedYear[] {
  const byYear = new Map<number, CalendarEntry[]>();
  const add = (table: Readonly<Record<string, string>>, kind: CalendarEntry['kind']): void => {
    for (const [date, entry] of Object.entries(table)) {
      const name = chineseName(entry);
      const y = arrangementYear(date, name);
      byYear.set(y, [...(byYear.get(y) ?? []), { date, kind, name }]);
    }
  };
  add(days.holidays, 'holiday');
  add(days.workdays, 'workday');
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, entries]) => ({
      year,
      entries: entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    }));
}

/** The first and last year chinese-days covers. */
export function seedRange(): { readonly from: number; readonly to: number } {
  const ys = seedYears().map((s) => s.year);
  return { from: Math.min(...ys), to: Math.max(...ys) };
}

/** The seeded arrangements as calendar data, for a calendar without a database. */
export function seedCalendarData(): CalendarData {
  const years = seedYears();
  return { entries: years.flatMap((y) => y.entries), years: years.map((y) => y.year) };
}
