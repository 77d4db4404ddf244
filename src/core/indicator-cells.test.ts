import { describe, expect, it } from 'vitest';
import { indicators } from '../catalogue/indicators.ts';
import { ledgerRandom } from '../testing/cell-ledger.ts';
import type { Period } from './dates.ts';
import {
  CELL_PLAN,
  addCells,
  aggKey,
  cellSpan,
  cellsOf,
  tallyChanges,
  valuesFromCells,
  wholeCells,
  type CellRow,
  type TownshipCell,
} from './indicator-cells.ts';
import { evaluateRows, planAggregates, type IndicatorRow } from './indicators.ts';

const plan = planAggregates(indicators);

function periods(r: ReturnType<typeof ledgerRandom>): Period[] {
  const last = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const out: Period[] = [];
  for (let y = 2021; y <= 2026; y++) out.push({ from: `${y}-01-01`, to: `${y}-12-31` });
  for (let i = 0; i < 30; i++) {
    const y1 = 2021 + r.int(6);
    const m1 = 1 + r.int(12);
    const span = r.int(30);
    const y2 = y1 + Math.floor((m1 - 1 + span) / 12);
    const m2 = ((m1 - 1 + span) % 12) + 1;
    out.push({ from: `${y1}-${String(m1).padStart(2, '0')}-01`, to: last(y2, m2) });
  }
  return out;
}

function expectSame(cells: Map<string, number>, scan: Map<string, number>) {
  expect([...cells.keys()].sort()).toEqual([...scan.keys()].sort());
  for (const [id, v] of scan) expect(cells.get(id), id).toBeCloseTo(v, 6);
}

function ledger(seed: number, n: number) {
  const r = ledgerRandom(seed, { oddDates: true });
  const rows: (IndicatorRow & CellRow)[] = [];
  for (let i = 0; i < n; i++)
    rows.push({ ...r.row(), id: i + 1, countyId: 1 + r.int(2), townshipId: 10 + r.int(4) });
  return { r, rows };
}

describe('indicator cells', () => {
  it('give every planned aggregate the value evaluateRows gives, for month-aligned periods', () => {
    for (const seed of [1, 2, 3]) {
      const { r, rows } = ledger(seed, 1500);
      const cells = [...addCells(new Map(), rows).values()];
      for (const p of periods(r))
        expectSame(valuesFromCells(cells, plan, cellSpan(p)!), evaluateRows(plan, rows, p));
    }
  });

  it('take a deleted record away exactly (signed contributions)', () => {
    const { r, rows } = ledger(7, 1200);
    const map = addCells(new Map(), rows);
    const gone = rows.filter((_, i) => i % 3 === 0);
    addCells(map, gone, -1);
    const kept = rows.filter((_, i) => i % 3 !== 0);
    const cells: TownshipCell[] = [...map.values()].filter((c) => c.n !== 0);
    for (const p of periods(r))
      expectSame(valuesFromCells(cells, plan, cellSpan(p)!), evaluateRows(plan, kept, p));
  });

  it('count a distinct value once across townships and months', () => {
    const a = [...CELL_PLAN.values()].find((p) => p.a.op === 'distinct')!;
    const row = (townshipId: number, date: string): IndicatorRow & CellRow => ({
      id: 1,
      countyId: 1,
      townshipId,
      kind: a.a.kind,
      date,
      endDate: null,
      data: { [(a.a as { field: string }).field]: '张三' },
    });
    const rows = [row(10, '2024-01-05'), row(11, '2024-03-05'), row(10, '2024-07-01')];
    const cells = [...addCells(new Map(), rows).values()];
    const one = new Map([[a.id, a.a]]);
    expect(valuesFromCells(cells, one, cellSpan({ from: '2024-01-01', to: '2024-12-31' })!).get(a.id)).toBe(
      1,
    );
    expect(valuesFromCells(cells, one, cellSpan({ from: '2024-02-01', to: '2024-06-30' })!).get(a.id)).toBe(
      1,
    );
    expect(valuesFromCells(cells, one, cellSpan({ from: '2024-04-01', to: '2024-06-30' })!).get(a.id)).toBe(
      0,
    );
  });

  it('place onOrBeforeEnd dates in the bucket from which they hold', () => {
    const p = [...CELL_PLAN.values()].find((x) => JSON.stringify(x.a.where ?? []).includes('onOrBeforeEnd'))!;
    const base = { countyId: 1, townshipId: 10, kind: p.a.kind, date: '2024-01-10', endDate: null };
    const from = (due: string) => {
      const cs = cellsOf({ ...base, data: { dueDate: due } }).filter((c) => c.agg === p.key);
      return cs.map((c) => `${c.grain}${c.fromBucket}`).sort();
    };
    expect(from('2024-05-31')).toEqual(['m202405', 'y2024']);
    expect(from('2024-05')).toEqual(['m202405', 'y2024']);
    expect(from('2024-05-31x')).toEqual(['m202406', 'y2024']);
    expect(from('2024-12-31z')).toEqual(['m202501', 'y2025']);
  });

  it('read only month-aligned periods, a calendar year at grain y', () => {
    expect(cellSpan({ from: '2024-01-01', to: '2024-12-31' })).toEqual({ grain: 'y', from: 2024, to: 2024 });
    expect(cellSpan({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
      grain: 'm',
      from: 202402,
      to: 202402,
    });
    expect(cellSpan({ from: '2023-01-01', to: '2024-12-31' })).toEqual({
      grain: 'm',
      from: 202301,
      to: 202412,
    });
    expect(cellSpan({ from: '2024-01-02', to: '2024-12-31' })).toBeNull();
    expect(cellSpan({ from: '2024-01-01', to: '2024-02-28' })).toBeNull();
    expect(cellSpan({ from: '2024-03-01', to: '2024-02-29' })).toBeNull();
  });

  it('keep a distinct count’s values at their own grain, and tally them per bucket', () => {
    const p = [...CELL_PLAN.values()].find((x) => x.a.op === 'distinct')!;
    expect(p.tallied).toBe(true);
    const exam = (townshipId: number, person: string, date: string) => ({
      countyId: 1,
      townshipId,
      kind: p.a.kind,
      date,
      endDate: null,
      data: { [(p.a as { field: string }).field]: person, score: 90 },
    });
    const rows = [
      exam(2, '甲', '2024-03-01'),
      exam(2, '甲', '2024-05-01'),
      exam(3, '甲', '2024-05-02'),
      exam(3, '乙', '2024-05-03'),
    ];
    const cells = wholeCells(addCells(new Map(), rows).values());
    const own = cells.filter((c) => c.agg === p.key);
    expect(new Set(own.filter((c) => c.value !== '').map((c) => c.grain))).toEqual(new Set(['yv', 'mv']));
    const tally = (townshipId: number, grain: string, bucket: number) =>
      own.find(
        (c) => c.townshipId === townshipId && c.grain === grain && c.bucket === bucket && c.value === '',
      )?.n;
    expect([tally(2, 'y', 2024), tally(3, 'y', 2024), tally(0, 'y', 2024)]).toEqual([1, 2, 2]);
    expect([tally(2, 'm', 202403), tally(0, 'm', 202405)]).toEqual([1, 2]);
    // A value counts in its tally when it appears and when it is gone, not in between.
    const value = own.find((c) => c.townshipId === 2 && c.grain === 'yv')!;
    const change = (before: number, after: number) =>
      tallyChanges([{ cell: value, before, after }]).map((c) => c.n);
    expect([change(0, 1), change(1, 2), change(2, 1), change(1, 0), change(0, 0)]).toEqual([
      [1],
      [],
      [],
      [-1],
      [],
    ]);
    // The counts and sums read as before; a tally is never read as a value.
    const span = cellSpan({ from: '2024-01-01', to: '2024-12-31' })!;
    const one = new Map([[p.id, p.a]]);
    expect(
      valuesFromCells(
        cells.filter((c) => c.townshipId === 0),
        one,
        span,
      ).get(p.id),
    ).toBe(2);
  });

  it('key aggregates by a stable hash of their definition', () => {
    expect(aggKey({ op: 'count', kind: 'dispute', where: [] })).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set([...CELL_PLAN.keys()]).size).toBe(plan.size);
  });
});
