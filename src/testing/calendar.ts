import { buildCalendar, type Calendar } from '../core/calendar.ts';
import { seedCalendarData } from '../db/calendar-seed.ts';

/** The calendar a freshly seeded database holds: chinese-days' arrangements, nothing announced since. */
export function seededCalendar(): Calendar {
  return buildCalendar(seedCalendarData());
}
