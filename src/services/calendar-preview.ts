/**
 * Reading an arrangement from a pasted notice or a calendar file, and what storing it would change
 * against the stored year: what the administrator confirms before `replaceCalendarYears` runs.
 */
import type { Arrangement, CalendarEntry } from '../core/calendar.ts';
import { parseCalendarIcs, parseCalendarJson } from '../core/calendar-files.ts';
import { parseHolidayNotice } from '../core/holiday-notice.ts';
import type { Db } from '../db/connect.ts';
import { requireAction, type Principal } from './access.ts';
import { calendarYear, checkArrangement, type CalendarYear } from './calendar.ts';

/** Where an arrangement comes from: a pasted notice, or a JSON or ICS calendar file's text. */
export type CalendarSource =
  | { readonly text: string }
  | { readonly file: string; readonly format: 'json' | 'ics'; readonly name?: string };

/** The arrangements a notice or file announces, each checked as the write would check it. */
export function readCalendarSource(src: CalendarSource): Arrangement[] {
  const out =
    'text' in src
      ? [parseHolidayNotice(src.text)]
      : src.format === 'ics'
        ? parseCalendarIcs(src.file, src.name ?? 'calendar.ics')
        : [parseCalendarJson(src.file, src.name ?? 'calendar.json')];
  for (const a of out) checkArrangement(a);
  return out;
}

type Day = { readonly date: string; readonly kind: CalendarEntry['kind']; readonly name: string };

/** One year of a preview: the days read, and how they differ from what is stored now. */
export interface YearPreview {
  readonly arrangement: Arrangement;
  /** The year as stored now (its statutory holidays when it has no arrangement). */
  readonly current: CalendarYear;
  /** Days the arrangement adds, or whose kind or festival it changes. */
  readonly added: readonly Day[];
  /** Stored days the arrangement drops, or whose kind or festival it changes. */
  readonly removed: readonly Day[];
}

/** What storing the arrangements would change, year by year; nothing is stored. System administrator only. */
export async function previewCalendar(
  h: Db,
  p: Principal,
  arrangements: readonly Arrangement[],
): Promise<YearPreview[]> {
  requireAction(p, 'calendar.write');
  const key = (d: Day) => `${d.date}|${d.kind}|${d.name}`;
  return Promise.all(
    arrangements.map(async (arrangement) => {
      const current = await calendarYear(h, p, arrangement.year);
      const before: Day[] = [
        ...current.holidays.map((d) => ({ ...d, kind: 'holiday' as const })),
        ...current.workdays.map((d) => ({ ...d, kind: 'workday' as const })),
      ];
      const had = new Set(before.map(key));
      const has = new Set(arrangement.entries.map(key));
      const byDate = (a: Day, b: Day) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
      return {
        arrangement,
        current,
        added: arrangement.entries.filter((d) => !had.has(key(d))).sort(byDate),
        removed: before.filter((d) => !has.has(key(d))).sort(byDate),
      };
    }),
  );
}
