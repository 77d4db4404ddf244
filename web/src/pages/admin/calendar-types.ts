/** Calendar shapes the API answers with (GET /api/calendar, POST /api/calendar/preview, POST /api/calendar). */
export type { CalendarUpdate, CalendarYear } from '../../../../src/services/calendar.ts';
export type { YearPreview } from '../../../../src/services/calendar-preview.ts';
export type { Arrangement, CalendarEntry } from '../../../../src/core/calendar.ts';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'] as const;

/** 星期X of an ISO date. */
export function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `星期${WEEKDAYS[new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)).getUTCDay()] ?? ''}`;
}
