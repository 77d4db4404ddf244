import { describe, expect, it } from 'vitest';
import { JUDGE_OPTIONS } from '../../catalogue/questions.ts';
import {
  answerProblem,
  drawPaper,
  gradeOf,
  isRight,
  paperTotal,
  scorePaper,
  shortfalls,
  type BankQuestion,
  type PaperRule,
} from './paper.ts';
import { bandOf } from './results.ts';

let id = 0;
function q(law: string, type: BankQuestion['type'], answer: number[]): BankQuestion {
  id++;
  return {
    id,
    code: `Q${id}`,
    version: 1,
    law,
    type,
    stem: `题${id}`,
    options: type === 'judge' ? [...JUDGE_OPTIONS] : ['A', 'B', 'C', 'D'].map((o) => `${o}${id}`),
    answer,
    article: '第一条',
    note: null,
  };
}

const bank: BankQuestion[] = [
  ...Array.from({ length: 10 }, (_, i) => q('civil_code', 'single', [i % 4])),
  ...Array.from({ length: 6 }, () => q('civil_code', 'multiple', [1, 3])),
  ...Array.from({ length: 8 }, (_, i) => q('constitution', 'judge', [i % 2])),
];
const rules: PaperRule[] = [
  { law: 'constitution', type: 'judge', count: 4, points: 5 },
  { law: 'civil_code', type: 'single', count: 5, points: 4 },
  { law: 'civil_code', type: 'multiple', count: 3, points: 10 },
];
const byId = new Map(bank.map((b) => [b.id, b]));

describe('drawing a paper', () => {
  it('takes N per law and type, lays out 单选, 多选, 判断 in that order, points per rule', () => {
    const p = drawPaper({ bank, rules, fixed: null }, 'seed-1');
    expect(p.map((x) => x.type)).toEqual([
      ...Array<string>(5).fill('single'),
      ...Array<string>(3).fill('multiple'),
      ...Array<string>(4).fill('judge'),
    ]);
    expect(p.map((x) => x.position)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(p.map((x) => x.id)).size).toBe(12);
    expect(p.reduce((s, x) => s + x.points, 0)).toBe(paperTotal(rules));
    expect(paperTotal(rules)).toBe(70);
  });

  it('is the same for the same seed and differs between people', () => {
    const a = drawPaper({ bank, rules, fixed: null }, 'exam1:user1');
    expect(drawPaper({ bank, rules, fixed: null }, 'exam1:user1')).toEqual(a);
    const others = ['u2', 'u3', 'u4', 'u5'].map((s) => drawPaper({ bank, rules, fixed: null }, s));
    expect(
      others.some((o) => JSON.stringify(o.map((x) => x.id)) !== JSON.stringify(a.map((x) => x.id))),
    ).toBe(true);
  });

  it('shuffles options and remaps the key to the same option texts; judgements stay 正确, 错误', () => {
    let moved = false;
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      for (const x of drawPaper({ bank, rules, fixed: null }, seed)) {
        const orig = byId.get(x.id)!;
        expect([...x.options].sort()).toEqual([...orig.options].sort());
        expect(x.answer.map((i) => x.options[i]).sort()).toEqual(
          orig.answer.map((i) => orig.options[i]).sort(),
        );
        expect([...x.answer]).toEqual([...x.answer].sort((m, n) => m - n));
        if (x.type === 'judge') expect(x.options).toEqual(['正确', '错误']);
        if (x.type !== 'judge' && x.options.join() !== orig.options.join()) moved = true;
      }
    }
    expect(moved).toBe(true);
  });

  it('asks everyone the same questions in fixed mode, each in their own order', () => {
    const fixed = [
      bank[0]!,
      bank[1]!,
      bank[2]!,
      bank[3]!,
      bank[4]!,
      bank[10]!,
      bank[11]!,
      bank[12]!,
      ...bank.slice(16, 20),
    ];
    const papers = ['p1', 'p2', 'p3'].map((s) => drawPaper({ bank, rules, fixed }, s));
    for (const p of papers)
      expect(p.map((x) => x.id).sort((m, n) => m - n)).toEqual(fixed.map((x) => x.id).sort((m, n) => m - n));
    expect(new Set(papers.map((p) => p.map((x) => x.id).join())).size).toBeGreaterThan(1);
  });

  it('names what the bank lacks in the organiser’s words', () => {
    const want: PaperRule[] = [{ law: 'civil_code', type: 'single', count: 20, points: 1 }];
    expect(shortfalls(want, () => 12)).toEqual(['民法典单选题只有 12 道，试卷要求 20 道']);
    expect(shortfalls(rules, () => 100)).toEqual([]);
  });
});

describe('scoring', () => {
  const paper = drawPaper({ bank, rules, fixed: null }, 'score');
  const key = new Map(paper.map((x) => [x.position, [...x.answer]]));

  it('gives full marks for the key and nothing for no answers', () => {
    expect(scorePaper(paper, key).score).toBe(70);
    expect(scorePaper(paper, new Map()).score).toBe(0);
  });

  it('scores 多选 all or nothing: a partial or over-full choice earns 0', () => {
    const m = paper.find((x) => x.type === 'multiple')!;
    expect(isRight(m, [...m.answer].reverse())).toBe(true);
    expect(isRight(m, [m.answer[0]!])).toBe(false);
    expect(isRight(m, [0, 1, 2, 3])).toBe(false);
    const partial = new Map(key).set(m.position, [m.answer[0]!]);
    expect(scorePaper(paper, partial).score).toBe(60);
    expect(scorePaper(paper, partial).right.get(m.position)).toBe(false);
  });

  it('grades from the pass and excellent marks', () => {
    const marks = { passMark: 60, excellentMark: 85 };
    expect([gradeOf(59.5, marks), gradeOf(60, marks), gradeOf(84.9, marks), gradeOf(85, marks)]).toEqual([
      'fail',
      'pass',
      'pass',
      'excellent',
    ]);
  });

  it('refuses an option that is not there and two options for 单选 or 判断', () => {
    const s = paper.find((x) => x.type === 'single')!;
    const m = paper.find((x) => x.type === 'multiple')!;
    expect(answerProblem(s, [4])).toMatch(/选项的序号/);
    expect(answerProblem(s, [0, 1])).toBe('单选题只能选一项');
    expect(answerProblem(s, [])).toBeNull();
    expect(answerProblem(m, [0, 1, 2])).toBeNull();
  });

  it('bands scores as a share of the total', () => {
    expect([bandOf(59, 100), bandOf(60, 100), bandOf(45, 50), bandOf(0, 90), bandOf(90, 90)]).toEqual([
      '0-59',
      '60-69',
      '90-100',
      '0-59',
      '90-100',
    ]);
  });
});
