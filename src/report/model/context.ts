import { findIndicator } from '../../catalogue/indicators.ts';
import type { IndicatorValue } from '../../core/indicators.ts';
import type { LedgerRecord } from '../../core/records.ts';
import { choose, hash } from './phrase.ts';
import type { Figure, Inline, ReportInputs } from './types.ts';

/** Prints a number in a figure: integers plain, rates with one decimal where there is one. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, '');
}

export const withUnit = (n: number, unit: string): string => `${formatNumber(n)}${unit}`;

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Year-over-year change: percent for counts, percentage points for rates (a rate's percent change misleads). */
export function yoyChange(current: number, previous: number, isRate: boolean): number | null {
  if (isRate) return round1(current - previous);
  return previous === 0 ? null : round1(((current - previous) / previous) * 100);
}

/**
 * What every part of the model builder reads: the inputs, indicator values by key, figure helpers
 * and the seed that varies phrasing between townships.
 */
export class ReportContext {
  readonly seed: string;
  readonly cur = new Map<string, IndicatorValue>();
  readonly prev = new Map<string, IndicatorValue>();
  /** The organisation's name, e.g. 曹溪镇. */
  readonly self: string;
  /** 全镇 / 全乡 / 全街道 / 全县. */
  readonly whole: string;
  /** The government head's title: 镇长, 乡长, 街道办事处主任, 县长. */
  readonly headTitle: string;
  /** The party organ: 党委, or 党工委 for a 街道. */
  readonly party: string;
  /** The government organ in prose: 政府, or 办事处 for a 街道. */
  readonly government: string;

  constructor(readonly inputs: ReportInputs) {
    this.seed = `${inputs.org.name}|${inputs.year}`;
    for (const v of inputs.current) this.cur.set(v.key, v);
    for (const v of inputs.previous ?? []) this.prev.set(v.key, v);
    this.self = inputs.org.name;
    const n = inputs.org.name;
    this.whole =
      inputs.org.kind === 'county'
        ? n.endsWith('区')
          ? '全区'
          : '全县'
        : n.endsWith('街道')
          ? '全街道'
          : n.endsWith('乡')
            ? '全乡'
            : '全镇';
    this.headTitle = this.whole === '全街道' ? '街道办事处主任' : `${this.whole.slice(1)}长`;
    this.party = this.whole === '全街道' ? '党工委' : '党委';
    this.government = this.whole === '全街道' ? '办事处' : '政府';
  }

  get year(): number {
    return this.inputs.year;
  }

  pick<T>(slot: string, options: readonly T[]): T {
    return choose(this.seed, slot, options);
  }

  /**
   * A sentence made of parts, one option from each. The townships of one county take consecutive
   * combinations (by their place in the county), so no two of them write the same sentence while
   * there are at least as many combinations as townships; without a place, the seed chooses.
   */
  compose(slot: string, parts: readonly (readonly string[])[]): string {
    const total = parts.reduce((n, p) => n * Math.max(1, p.length), 1);
    const place = this.inputs.org.place;
    let i = place === undefined ? hash(`${this.seed}|${slot}`) % total : (place + hash(slot)) % total;
    return parts
      .map((p) => {
        const v = p[i % p.length] ?? '';
        i = Math.floor(i / Math.max(1, p.length));
        return v;
      })
      .join('');
  }

  /** A meeting type's label as this organisation names it (党委会 → 党工委会 in a 街道, 依法治镇 → 依法治乡). */
  organLabel(label: string): string {
    const own = label.replace(/依法治镇/, `依法治${this.whole.slice(1)}`);
    if (this.party !== '党工委') return own;
    return own.replace(/^党委/, '党工委').replace(/^政府常务会/, '办事处主任办公会');
  }

  /** The value of an indicator, or null when it is null or has no records behind it. */
  value(key: string): number | null {
    const v = this.cur.get(key);
    return v && v.value !== null && v.records > 0 ? v.value : null;
  }

  /** True when the indicator has a positive value. */
  has(key: string): boolean {
    const v = this.value(key);
    return v !== null && v > 0;
  }

  private unit(key: string): string {
    return this.cur.get(key)?.unit ?? findIndicator(key)?.unit ?? '';
  }

  /** The indicator's value as a figure inline; throws when there is none (callers check `has`/`value`). */
  fig(key: string): Inline {
    const value = this.value(key);
    if (value === null) throw new Error(`indicator ${key} has no value`);
    const unit = this.unit(key);
    // A sum of which some part was written as approximate reads as the ledger wrote it: 200余份.
    const text = this.cur.get(key)?.approx ? `${formatNumber(value)}余${unit}` : withUnit(value, unit);
    const figure: Figure = { source: { op: 'value', key }, value, unit, text };
    return { t: 'figure', figure };
  }

  /** A rate's numerator, denominator or what the numerator falls short by, as a figure in `unit`. */
  part(key: string, op: 'num' | 'den' | 'gap', unit: string): Inline {
    const v = this.cur.get(key);
    const value = op === 'num' ? (v?.num ?? 0) : op === 'den' ? (v?.den ?? 0) : (v?.den ?? 0) - (v?.num ?? 0);
    return { t: 'figure', figure: { source: { op, key }, value, unit, text: withUnit(value, unit) } };
  }

  /** The rate's denominator, when the rate has one. */
  den(key: string): number | null {
    return this.value(key) === null ? null : (this.cur.get(key)?.den ?? null);
  }

  /** The rate's numerator, when the rate has one. */
  num(key: string): number | null {
    return this.value(key) === null ? null : (this.cur.get(key)?.num ?? null);
  }

  /** `key` minus `minus`, as a figure. */
  diff(key: string, minus: string): Inline {
    const value = (this.value(key) ?? 0) - (this.value(minus) ?? 0);
    const unit = this.unit(key);
    return {
      t: 'figure',
      figure: { source: { op: 'diff', key, minus }, value, unit, text: withUnit(value, unit) },
    };
  }

  /** Last year's value when last year's ledger had records for it. */
  previous(key: string): number | null {
    const v = this.prev.get(key);
    return v && v.value !== null && v.records > 0 ? v.value : null;
  }

  /** "同比增长12.5%" / "较上年提高2.1个百分点" / "与上年持平", or nothing without last year's data. */
  yoy(key: string): Inline[] {
    const current = this.value(key);
    const previous = this.previous(key);
    if (current === null || previous === null) return [];
    const isRate = this.unit(key) === '%';
    const change = yoyChange(current, previous, isRate);
    if (change === null) return [];
    if (change === 0) return [{ t: 'text', text: '，与上年持平' }];
    const value = Math.abs(change);
    const unit = isRate ? '个百分点' : '%';
    const figure: Figure = {
      source: { op: 'yoy', key, current, previous },
      value,
      unit,
      text: withUnit(value, unit),
    };
    const word = isRate ? (change > 0 ? '较上年提高' : '较上年下降') : change > 0 ? '同比增长' : '同比下降';
    return [
      { t: 'text', text: `，${word}` },
      { t: 'figure', figure },
    ];
  }

  /** The year's records of a kind, in date order. */
  records(kind: string, where: (r: LedgerRecord) => boolean = () => true): LedgerRecord[] {
    return this.inputs.records
      .filter((r) => r.kind === kind && where(r))
      .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  }

  /** For a county report, "（甲镇）" after an example, so the reader knows whose it is. */
  whose(r: LedgerRecord): string {
    const names = this.inputs.townshipNames;
    return this.inputs.org.kind === 'county' && names?.[r.townshipId] ? `（${names[r.townshipId]}）` : '';
  }
}
