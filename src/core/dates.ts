/** Calendar dates as `YYYY-MM-DD` strings: what the ledger stores and users type. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The earliest and latest dates the ledger accepts. */
export const MIN_DATE = '2000-01-01';
export const MAX_DATE = '2100-12-31';

/** True when `s` is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Reads the date forms found in township spreadsheets: 2023-03-05, 2023/3/5, 2023.3.5,
 * 2023年3月5日, 20230305, and Excel Date objects. Returns YYYY-MM-DD or null.
 */
export function parseDate(v: unknown): string | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return v.toISOString().slice(0, 10);
  }
  if (typeof v !== 'string') return null;
  // Most values are already ISO (exports, forms): check those without the general patterns.
  if (v.length === 10 && isIsoDate(v)) return v;
  const s = v.trim();
  let m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) {
    m = /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+Z?$/.exec(s);
    if (!m) return null;
  }
  const out = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(out) ? out : null;
}

/** A closed range of dates: a year, a quarter, or any from–to. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/** China has one time zone (UTC+8) and no daylight saving, so a fixed offset is exact. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar day in China (UTC+8) of an ISO timestamp; a plain YYYY-MM-DD date is taken as it is. */
export function todayOf(now: string): string {
  if (isIsoDate(now)) return now;
  const t = Date.parse(now);
  if (Number.isNaN(t)) throw new Error(`invalid now: ${now}`);
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
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
