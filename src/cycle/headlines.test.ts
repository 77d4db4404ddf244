import { describe, expect, it } from 'vitest';
import { chosenFigure, sumOf, type HeadlineChoice, type PickFigure } from './headlines.ts';

const figure = (start: number, value: number, unit: string): PickFigure => ({
  start,
  value,
  unit,
  text: `${value}${unit}`,
  sentence: `开展活动${value}${unit}。`,
});

const choice = (c: Partial<HeadlineChoice>): HeadlineChoice => ({
  key: 'study.sessions',
  start: 0,
  value: 0,
  text: '',
  kept: false,
  by: '赵科长',
  at: '2025-02-20T02:00:00.000Z',
  ...c,
});

describe('sumOf', () => {
  it("adds counts in the indicator's unit, whatever each was stated in", () => {
    expect(sumOf([figure(3, 4, '次'), figure(40, 6, '场')], '次')).toEqual({
      value: 10,
      text: '4次＋6场＝10次',
    });
    expect(sumOf([figure(3, 0.1, '万人次'), figure(9, 0.2, '万人次')], '万人次')).toEqual({
      value: 0.3,
      text: '0.1万人次＋0.2万人次＝0.3万人次',
    });
  });

  it('refuses to add rates', () => {
    expect(sumOf([figure(3, 98, '%'), figure(9, 100, '%')], '%')).toEqual({
      refused: '比率不能相加：“98%”“100%”',
    });
  });
});

describe('chosenFigure', () => {
  const stated = [
    { key: 'study.sessions', value: 4, unit: '次', text: '4次', start: 10, sentence: '组织法治讲座4次。' },
    { key: 'study.sessions', value: 6, unit: '次', text: '6次', start: 30, sentence: '开展集中学法6次。' },
  ];

  it('shows a sum as one figure at its first part, with who added it', () => {
    const sum = choice({ start: 10, parts: [10, 30], value: 10, text: '4次＋6次＝10次' });
    const got = chosenFigure(stated, 'study.sessions', [sum])!;
    expect(got.figure).toMatchObject({ value: 10, text: '4次＋6次＝10次', start: 10 });
    expect(got.reason).toBe('取数已由赵科长于2025-02-20改为2处相加：“4次＋6次＝10次”。');
    expect(got.choice).toBe(sum);
  });

  it("falls back to the rules' figure when a part is no longer stated", () => {
    const stale = choice({ start: 10, parts: [10, 31], value: 10, text: '4次＋6次＝10次' });
    const got = chosenFigure(stated, 'study.sessions', [stale])!;
    expect(got.choice).toBeNull();
    expect(got.figure.value).toBe(6);
  });
});
