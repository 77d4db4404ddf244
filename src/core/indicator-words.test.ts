import { describe, expect, it } from 'vitest';
import { findIndicator, indicators } from '../catalogue/indicators.ts';
import { yearPeriod } from './dates.ts';
import { aggregateText, formulaText, methodText, whyNot } from './indicator-words.ts';
import { rowMatches, type IndicatorRow } from './indicators.ts';

const p = yearPeriod(2024);
const row = (kind: string, date: string, data: IndicatorRow['data'], endDate: string | null = null) => ({
  id: 1,
  kind,
  date,
  endDate,
  data,
});

describe('indicators in words', () => {
  it('names a distinct numerator and denominator for every rate, each with its own conditions', () => {
    const rates = indicators.filter((i) => i.formula.op === 'rate');
    expect(rates.length).toBeGreaterThan(5);
    for (const ind of rates) {
      if (ind.formula.op !== 'rate') continue;
      const num = aggregateText(ind.formula.num);
      const den = aggregateText(ind.formula.den);
      expect(num, ind.key).not.toBe(den);
      expect(formulaText(ind), ind.key).toBe(`${num} ÷ ${den} × 100%`);
      expect(methodText(ind), ind.key).toContain(`分子为${num}，分母为${den}`);
    }
  });

  it('says the 化解率 counts resolved disputes over those closed or due', () => {
    const ind = findIndicator('disputes.resolution_rate')!;
    expect(formulaText(ind)).toBe(
      '调处状态为“调解成功”的矛盾纠纷记录数 ÷ 调处状态为“调解成功”或“调解不成”，或办结期限不晚于统计期末的矛盾纠纷记录数 × 100%',
    );
    expect(methodText(ind)).toContain('矛盾纠纷按登记日期统计');
  });

  it('words every indicator without raw field keys or option values', () => {
    for (const ind of indicators) {
      const text = formulaText(ind) + methodText(ind);
      expect(text, ind.key).not.toMatch(/[A-Za-z_]{3,}/);
    }
  });

  it('says why a record does not count: outside the period, another status, a field missing, off the roll', () => {
    const ind = findIndicator('disputes.resolution_rate')!;
    if (ind.formula.op !== 'rate') throw new Error('not a rate');
    const { num, den } = ind.formula;
    expect(whyNot(num, row('dispute', '2023-12-30', { status: 'resolved' }), p)).toBe(
      '登记日期 2023-12-30 不在统计期间（2024-01-01 至 2024-12-31）内',
    );
    expect(whyNot(num, row('dispute', '2024-03-01', { status: 'failed' }), p)).toBe(
      '调处状态为“调解不成”，不是“调解成功”',
    );
    expect(whyNot(num, row('dispute', '2024-03-01', {}), p)).toBe('未填写“调处状态”');
    expect(whyNot(den, row('dispute', '2024-12-20', { status: 'pending', dueDate: '2025-01-19' }), p)).toBe(
      '调处状态为“调处中”，不是“调解成功”或“调解不成”，且办结期限 2025-01-19 在统计期末 2024-12-31 之后，尚未到期',
    );
    const members = findIndicator('grid.members')!;
    if (members.formula.op === 'rate') throw new Error('a rate');
    const left = row('grid_member', '2020-01-01', {}, '2024-06-30');
    expect(whyNot(members.formula, left, p)).toContain('2024-06-30 不晚于统计期末，期末已不在册');
  });

  it('finds a reason exactly when the record does not match, for every aggregate', () => {
    const samples = [
      row('dispute', '2024-05-01', { status: 'resolved', satisfaction: 'satisfied' }),
      row('dispute', '2024-05-01', { status: 'pending', dueDate: '2024-06-01' }),
      row('dispute', '2025-05-01', { status: 'resolved' }),
      row('petition', '2024-02-01', { status: 'closed', closedDate: '2024-03-01', dueDate: '2024-02-20' }),
      row('exam_score', '2024-04-01', { grade: 'pass', person: '张三' }),
    ];
    for (const ind of indicators)
      for (const a of ind.formula.op === 'rate' ? [ind.formula.num, ind.formula.den] : [ind.formula])
        for (const r of samples)
          expect(whyNot(a, r, p) === null, `${ind.key} ${r.kind}`).toBe(rowMatches(a, r, p));
  });
});
