/**
 * A small seeded random source for the demo data (mulberry32), so the same arguments always give
 * the same county. Never Math.random or the clock.
 */
import { addDays } from '../../core/calendar.ts';

/** 32-bit FNV-1a of a string: turns stream labels into seeds. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** An independent stream for one purpose (a township, a year, a work area), stable however the others draw. */
  fork(label: string): Rng {
    return new Rng(fnv1a(`${this.state}:${label}`));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of xs) {
      r -= w;
      if (r < 0) return v;
    }
    return xs[xs.length - 1]![0];
  }

  shuffle<T>(xs: readonly T[]): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }

  /** `n` distinct items (all of them when n ≥ length), in random order. */
  sample<T>(xs: readonly T[], n: number): T[] {
    return this.shuffle(xs).slice(0, Math.max(0, n));
  }
}

/** `from + (to − from) × t`, rounded: how a township's strength maps to a count. */
export function lerp(from: number, to: number, t: number): number {
  return Math.round(from + (to - from) * Math.min(1, Math.max(0, t)));
}

const DAY = 86_400_000;
const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
const ms = (d: string): number => Date.parse(`${d}T00:00:00Z`);

export function ymd(year: number, month: number, day: number): string {
  return iso(Date.UTC(year, month - 1, day));
}

/** Moves a Saturday or Sunday to the next Monday: meetings and office work fall on weekdays. */
export function weekday(date: string): string {
  const dow = new Date(ms(date)).getUTCDay();
  return dow === 6 ? addDays(date, 2) : dow === 0 ? addDays(date, 1) : date;
}

/** A random date between two months of a year (inclusive), on a weekday unless `anyDay`. */
export function dateIn(rng: Rng, year: number, fromMonth = 1, toMonth = 12, anyDay = false): string {
  const from = ms(ymd(year, fromMonth, 1));
  const to = ms(ymd(year, toMonth + 1, 1)) - DAY;
  const d = iso(from + rng.int(0, Math.round((to - from) / DAY)) * DAY);
  if (anyDay) return d;
  const w = weekday(d);
  return w > iso(to) ? addDays(d, -(new Date(ms(d)).getUTCDay() === 6 ? 1 : 2)) : w;
}

/** `n` dates spread over a year (sorted), each in its own slice so they do not bunch. */
export function spreadDates(rng: Rng, year: number, n: number, fromMonth = 1, toMonth = 12): string[] {
  const start = ms(ymd(year, fromMonth, 1));
  const span = (ms(ymd(year, toMonth + 1, 1)) - start) / DAY;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor((span * i) / n);
    const b = Math.max(a, Math.floor((span * (i + 1)) / n) - 1);
    out.push(weekday(iso(start + rng.int(a, b) * DAY)));
  }
  return out.map((d) => (d.slice(0, 4) === String(year) ? d : ymd(year, toMonth, 28))).sort();
}
