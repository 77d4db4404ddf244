import type { FieldValue } from '../catalogue/fields.ts';
import { APPROX_KEY, type Cond } from '../catalogue/indicators.ts';
import { CELL_PLAN } from '../core/indicator-cells.ts';
import type { NewRecordRow } from '../db/schema.ts';
import { NOW } from './fixtures.ts';
import { prng } from './synthetic-files.ts';

/**
 * Random ledgers for checking the indicator cells against the scan: every kind the indicators read,
 * with the fields their conditions, sums and distinct counts read, set or not at random.
 */

interface FieldSpec {
  readonly ins: Map<string, Set<string>>;
  readonly flags: Set<string>;
  readonly dates: Set<string>;
  readonly numbers: Set<string>;
  readonly texts: Set<string>;
  readonly registry: boolean;
}

function specs(): Map<string, FieldSpec> {
  const out = new Map<string, FieldSpec>();
  const walk = (s: FieldSpec, c: Cond) => {
    switch (c.op) {
      case 'any':
        c.any.forEach((x) => walk(s, x));
        break;
      case 'in': {
        const set = s.ins.get(c.field) ?? new Set<string>();
        c.in.forEach((v) => set.add(v));
        s.ins.set(c.field, set);
        break;
      }
      case 'truthy':
        s.flags.add(c.field);
        break;
      case 'onOrBeforeEnd':
        s.dates.add(c.field);
        break;
      case 'notAfter':
        s.dates.add(c.field);
        s.dates.add(c.notAfter);
        break;
      case 'approx':
        s.numbers.add(c.field);
        break;
    }
  };
  for (const p of CELL_PLAN.values()) {
    let s = out.get(p.a.kind);
    if (!s)
      out.set(
        p.a.kind,
        (s = {
          ins: new Map(),
          flags: new Set(),
          dates: new Set(),
          numbers: new Set(),
          texts: new Set(),
          registry: p.registry,
        }),
      );
    (p.a.where ?? []).forEach((c) => walk(s, c));
    if (p.a.op === 'sum') s.numbers.add(p.a.field);
    if (p.a.op === 'distinct') s.texts.add(p.a.field);
  }
  return out;
}

const SPECS = specs();
export const LEDGER_KINDS = [...SPECS.keys()];

export interface LedgerRow {
  readonly kind: string;
  readonly date: string;
  readonly endDate: string | null;
  readonly data: Record<string, FieldValue>;
}

export interface LedgerRandom {
  readonly next: () => number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  date(fromYear?: number, toYear?: number): string;
  row(kind?: string): LedgerRow;
}

/** A seeded source of random ledger rows, dated 2022–2025. */
export function ledgerRandom(seed: number, opts: { oddDates?: boolean } = {}): LedgerRandom {
  const next = prng(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = (fromYear = 2022, toYear = 2025) =>
    `${fromYear + int(toYear - fromYear + 1)}-${pad(1 + int(12))}-${pad(1 + int(28))}`;
  // Text a date field may hold that is not a date: compared as text, as the scan compares it.
  const odd = ['2024-05', '2023-13-40', '2024', '', 'x', '2025-02-29x'];
  const row = (kind = pick(LEDGER_KINDS)): LedgerRow => {
    const s = SPECS.get(kind)!;
    const data: Record<string, FieldValue> = {};
    for (const [f, values] of s.ins) if (next() < 0.85) data[f] = next() < 0.8 ? pick([...values]) : 'other';
    for (const f of s.flags) if (next() < 0.8) data[f] = next() < 0.5;
    for (const f of s.dates)
      if (next() < 0.8) data[f] = opts.oddDates && next() < 0.1 ? pick(odd) : date(2021, 2026);
    const approx: string[] = [];
    for (const f of s.numbers)
      if (next() < 0.8) {
        data[f] = next() < 0.3 ? int(500) : Math.round(next() * 100000) / 100;
        if (next() < 0.3) approx.push(f);
      }
    if (approx.length > 0) data[APPROX_KEY] = `,${approx.join(',')},`;
    for (const f of s.texts)
      if (next() < 0.9) data[f] = pick(['张三', '李四', '王五', '赵六', '钱七', '孙八']);
    const start = date();
    let endDate: string | null = null;
    if (s.registry && next() < 0.5) {
      endDate = date(Number(start.slice(0, 4)), 2026);
      if (endDate <= start) endDate = null;
    }
    return { kind, date: start, endDate, data };
  };
  return { next, int, pick, date, row };
}

/**
 * A ledger row as `records` stores it, for inserting through the repository: titled 记录`n`, with
 * dedup key k`n` (so `n` must differ between rows of one township).
 */
export function recordRowOf(
  row: LedgerRow,
  countyId: number,
  townshipId: number,
  n: number | string,
): NewRecordRow {
  return {
    county_id: countyId,
    township_id: townshipId,
    org_id: null,
    kind: row.kind,
    date: row.date,
    end_date: row.endDate,
    title: `记录${n}`,
    data: JSON.stringify(row.data),
    dedup_key: `k${n}`,
    import_id: null,
    created_by: null,
    created_at: NOW,
    updated_at: NOW,
  };
}
