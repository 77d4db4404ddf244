/**
 * The statutory holidays (法定节日) of a year without an official arrangement, by 全国年节及纪念日放假办法:
 * only the days the law names, with no 调休 (moved days are announced each year by the State Council
 * General Office). Lunar dates from chinese-days' lunar calendar. Pure.
 */
import chineseDays from 'chinese-days';
import { addDays } from './dates.ts';

/** One statutory holiday: its date and the festival's Chinese name (as chinese-days names them). */
export interface StatutoryDay {
  readonly date: string;
  readonly name: string;
}

const iso = (y: number, m: number, d: number): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The solar date of a lunar month and day in lunar year `y` (never the leap month's). */
const lunar = (y: number, m: number, d: number): string =>
  chineseDays.getSolarDateFromLunar(iso(y, m, d)).date;

const run = (from: string, n: number, name: string): StatutoryDay[] =>
  Array.from({ length: n }, (_, i) => ({ date: addDays(from, i), name }));

/** Which revision of the 放假办法 governs a year, and how it sets 春节 and 劳动节. */
function rules(year: number): {
  springFrom: -1 | 0;
  springDays: number;
  labourDays: number;
  lunarFestivals: boolean;
} {
  // 2024 修订 (from 2025): 春节 除夕至初三 (4 days), 劳动节 5月1–2日.
  if (year >= 2025) return { springFrom: -1, springDays: 4, labourDays: 2, lunarFestivals: true };
  // 2013 修订 (from 2014): 春节 初一至初三.
  if (year >= 2014) return { springFrom: 0, springDays: 3, labourDays: 1, lunarFestivals: true };
  // 2007 修订 (from 2008): 春节 除夕至初二; 清明、端午、中秋 added, 劳动节 1 day.
  if (year >= 2008) return { springFrom: -1, springDays: 3, labourDays: 1, lunarFestivals: true };
  // 1999 修订: 春节 初一至初三, 劳动节 and 国庆节 3 days, no lunar festivals besides 春节.
  return { springFrom: 0, springDays: 3, labourDays: 3, lunarFestivals: false };
}

/** The statutory holidays of `year`, in date order. 除夕 is the day before 正月初一 (腊月 has 29 or 30 days). */
export function statutoryHolidays(year: number): StatutoryDay[] {
  const r = rules(year);
  const springFestival = lunar(year, 1, 1);
  const days: StatutoryDay[] = [
    { date: iso(year, 1, 1), name: '元旦' },
    ...run(addDays(springFestival, r.springFrom), r.springDays, '春节'),
    ...(r.lunarFestivals
      ? [{ date: chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), name: '清明' }]
      : []),
    ...run(iso(year, 5, 1), r.labourDays, '劳动节'),
    ...(r.lunarFestivals
      ? [
          { date: lunar(year, 5, 5), name: '端午' },
          { date: lunar(year, 8, 15), name: '中秋' },
        ]
      : []),
    ...run(iso(year, 10, 1), 3, '国庆节'),
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The statutory date of a lunar festival in a year (for naming the days of a combined 中秋、国庆 notice). */
export function festivalDate(year: number, name: string): string | null {
  switch (name) {
    case '春节':
      return lunar(year, 1, 1);
    case '端午':
      return lunar(year, 5, 5);
    case '中秋':
      return lunar(year, 8, 15);
    case '清明':
      return chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
    default:
      return null;
  }
}
