import type { FieldValue } from '../catalogue/fields.ts';
import {
  APPROX_KEY,
  type Aggregate,
  type Cond,
  type Formula,
  type Indicator,
} from '../catalogue/indicators.ts';
import { getKind } from '../catalogue/kinds.ts';
import type { Period } from './dates.ts';

/**
 * The pure half of the indicator engine. Indicators reduce to a set of distinct aggregates; an
 * adapter evaluates all of them in one pass (one SQL statement, or `evaluateRows` in memory), and
 * `finish` turns the aggregate values into indicator values.
 */

/** The part of a record the engine reads. */
export interface IndicatorRow {
  readonly id: number;
  readonly kind: string;
  readonly date: string;
  readonly endDate: string | null;
  readonly data: Readonly<Record<string, FieldValue>>;
}

export interface IndicatorValue {
  readonly key: string;
  readonly label: string;
  /** The value; null for a rate whose denominator is zero (nothing to rate). */
  readonly value: number | null;
  readonly unit: string;
  /** How many records the value stands on (for a rate, the denominator's records). */
  readonly records: number;
  /** A sum of which some part was written as approximate (200余份): printed with 余. */
  readonly approx?: boolean;
  /** A rate's numerator and denominator, so the text can print the counts it was computed from. */
  readonly num?: number;
  readonly den?: number;
}

/**
 * A value made once per aggregate object: a derived aggregate is then the same object each time,
 * so its id is kept too.
 */
function perAggregate<T>(make: (a: Aggregate) => T): (a: Aggregate) => T {
  const made = new WeakMap<Aggregate, T>();
  return (a) => {
    if (!made.has(a)) made.set(a, make(a));
    return made.get(a)!;
  };
}

/**
 * A stable text identity for an aggregate, so indicators sharing one are evaluated once. Kept per
 * aggregate object: the catalogue's are read on every indicator answer.
 */
export const aggregateId = perAggregate((a): string =>
  JSON.stringify([a.op, a.kind, 'field' in a ? a.field : null, a.where ?? []]),
);

export function aggregatesOf(formula: Formula): Aggregate[] {
  return formula.op === 'rate' ? [formula.num, formula.den] : [formula];
}

/** The distinct aggregates behind a list of indicators, each with its count companion for `records`. */
export function planAggregates(list: readonly Indicator[]): Map<string, Aggregate> {
  const plan = new Map<string, Aggregate>();
  for (const ind of list) {
    for (const a of aggregatesOf(ind.formula)) {
      plan.set(aggregateId(a), a);
      const c = recordCount(a);
      plan.set(aggregateId(c), c);
      const x = approxCount(a);
      if (x) plan.set(aggregateId(x), x);
    }
  }
  return plan;
}

/** The count of records an aggregate reads (a sum's records are those where the field is set). */
export const recordCount = perAggregate((a): Aggregate => ({ op: 'count', kind: a.kind, where: a.where }));

/** For a sum: the count of its records whose field was written as approximate (200余份). */
export const approxCount = perAggregate((a): Aggregate | null =>
  a.op === 'sum'
    ? { op: 'count', kind: a.kind, where: [...(a.where ?? []), { op: 'approx', field: a.field }] }
    : null,
);

/** True when a row of a kind falls in the period: by date for events, by being active at the end for registries. */
export function inPeriod(row: Pick<IndicatorRow, 'kind' | 'date' | 'endDate'>, p: Period): boolean {
  if (getKind(row.kind).temporal === 'registry') {
    return row.date <= p.to && (row.endDate === null || row.endDate > p.to);
  }
  return row.date >= p.from && row.date <= p.to;
}

export function condHolds(c: Cond, data: Readonly<Record<string, FieldValue>>, p: Period): boolean {
  switch (c.op) {
    case 'any':
      return c.any.some((x) => condHolds(x, data, p));
    case 'in': {
      const v = data[c.field];
      return typeof v === 'string' && c.in.includes(v);
    }
    case 'truthy':
      return data[c.field] === true;
    case 'onOrBeforeEnd': {
      const v = data[c.field];
      return typeof v === 'string' && v <= p.to;
    }
    case 'notAfter': {
      const v = data[c.field];
      const w = data[c.notAfter];
      return typeof v === 'string' && typeof w === 'string' && v <= w;
    }
    case 'approx': {
      const v = data[APPROX_KEY];
      return typeof v === 'string' && v.includes(`,${c.field},`);
    }
  }
}

/** True when the row counts toward the aggregate (kind, period and conditions). */
export function rowMatches(a: Aggregate, row: IndicatorRow, p: Period): boolean {
  return row.kind === a.kind && inPeriod(row, p) && (a.where ?? []).every((c) => condHolds(c, row.data, p));
}

/** Evaluates aggregates over rows in memory: the reference the SQL path is tested against. */
export function evaluateRows(
  plan: Map<string, Aggregate>,
  rows: readonly IndicatorRow[],
  p: Period,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, a] of plan) {
    const matched = rows.filter((r) => rowMatches(a, r, p));
    switch (a.op) {
      case 'count':
        out.set(id, matched.length);
        break;
      case 'sum':
        out.set(
          id,
          matched.reduce(
            (s, r) => s + (typeof r.data[a.field] === 'number' ? (r.data[a.field] as number) : 0),
            0,
          ),
        );
        break;
      case 'distinct':
        out.set(
          id,
          new Set(matched.map((r) => r.data[a.field]).filter((v) => v !== undefined && v !== null)).size,
        );
        break;
    }
  }
  return out;
}

/** Rounds a percentage to one decimal place, as reports give it (98.6%). */
export function percent(num: number, den: number): number | null {
  return den === 0 ? null : Math.round((num / den) * 1000) / 10;
}

/** Turns aggregate values into indicator values. */
export function finish(list: readonly Indicator[], values: ReadonlyMap<string, number>): IndicatorValue[] {
  const get = (a: Aggregate): number => values.get(aggregateId(a)) ?? 0;
  return list.map((ind) => {
    const f = ind.formula;
    const value = f.op === 'rate' ? percent(get(f.num), get(f.den)) : get(f);
    const basis = f.op === 'rate' ? f.den : f;
    const records = get(recordCount(basis));
    if (f.op === 'rate')
      return {
        key: ind.key,
        label: ind.label,
        value,
        unit: ind.unit,
        records,
        num: get(f.num),
        den: get(f.den),
      };
    const x = approxCount(f);
    const approx = x !== null && get(x) > 0;
    return { key: ind.key, label: ind.label, value, unit: ind.unit, records, ...(approx ? { approx } : {}) };
  });
}
