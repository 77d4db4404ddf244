import dayjs, { type Dayjs } from 'dayjs';

/**
 * Today's date in China (UTC+8), whatever time zone the browser is set to: the day a record or a
 * step is dated and deadlines are counted from, the same day the server counts by.
 */
export function chinaToday(): Dayjs {
  return dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
}

/** The current year in China. */
export const chinaYear = (): number => chinaToday().year();

/** Days from today in China to a `YYYY-MM-DD` date (negative when past), as the server counts them. */
export const daysUntil = (date: string, today: Dayjs = chinaToday()): number =>
  dayjs(date.slice(0, 10)).diff(today, 'day');
