import { lawLabel } from '../../catalogue/laws.ts';
import { QUESTION_TYPES, type QuestionType } from '../../catalogue/questions.ts';

/**
 * A paper as drawn for one person, and its scoring: pure (the random seed is passed in, the bank's
 * questions too). The paper keeps each question's id and version, its options in the order this
 * person sees them and the answer key remapped to that order, so a later correction of the bank
 * never changes a paper already drawn.
 */

/** One rule of an exam's paper: `count` questions of a law and type, each worth `points`. */
export interface PaperRule {
  readonly law: string;
  readonly type: QuestionType;
  readonly count: number;
  readonly points: number;
}

/** A question of the bank as a paper draws it (one version). */
export interface BankQuestion {
  readonly id: number;
  readonly code: string;
  readonly version: number;
  readonly law: string;
  readonly type: QuestionType;
  readonly stem: string;
  readonly options: readonly string[];
  readonly answer: readonly number[];
  readonly article: string;
  readonly note: string | null;
}

/** A question on a person's paper: options shuffled (judgements keep 正确/错误), the key remapped. */
export interface PaperQuestion extends BankQuestion {
  /** 1-based 题号 on this person's paper. */
  readonly position: number;
  readonly points: number;
}

/** Section order of a paper: 单选, 多选, 判断, as printed papers are laid out. */
const SECTION_ORDER: readonly QuestionType[] = ['single', 'multiple', 'judge'];

/** A small seeded generator (mulberry32 over an FNV-1a hash of the seed): the same seed, the same paper. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator; returns a new array. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Points rounded to one decimal, the precision marks are given in. */
export const roundPoints = (n: number): number => Math.round(n * 10) / 10;

export function paperTotal(rules: readonly PaperRule[]): number {
  return roundPoints(rules.reduce((s, r) => s + r.count * r.points, 0));
}

export function questionCount(rules: readonly PaperRule[]): number {
  return rules.reduce((s, r) => s + r.count, 0);
}

const ruleKey = (law: string, type: string): string => `${law}|${type}`;

/** What a rule lacks in the bank, in the organiser's words: 民法典单选题只有 12 道，试卷要求 20 道. */
export function shortfalls(
  rules: readonly PaperRule[],
  available: (law: string, type: QuestionType) => number,
): string[] {
  return rules
    .filter((r) => available(r.law, r.type) < r.count)
    .map(
      (r) =>
        `${lawLabel(r.law)}${QUESTION_TYPES[r.type]}只有 ${available(r.law, r.type)} 道，试卷要求 ${r.count} 道`,
    );
}

/**
 * The questions a paper asks, before shuffling: per rule, `count` drawn at random from the bank's
 * questions of that law and type. Used for each person (random mode) or once for everyone (fixed).
 * Throws when a rule lacks questions (callers check with `shortfalls` first for a clear message).
 */
export function pickQuestions(
  bank: readonly BankQuestion[],
  rules: readonly PaperRule[],
  random: () => number,
): BankQuestion[] {
  const byRule = new Map<string, BankQuestion[]>();
  for (const q of bank) {
    const k = ruleKey(q.law, q.type);
    byRule.set(k, [...(byRule.get(k) ?? []), q]);
  }
  return rules.flatMap((r) => {
    const pool = byRule.get(ruleKey(r.law, r.type)) ?? [];
    if (pool.length < r.count) throw new Error(`bank short for ${r.law}/${r.type}`);
    return shuffle(pool, random).slice(0, r.count);
  });
}

/**
 * One person's paper from the questions it asks: sections in the order 单选, 多选, 判断, questions
 * shuffled within each, options of choice questions shuffled with the key remapped (a judgement's
 * options stay 正确, 错误), points from the question's rule.
 */
export function layOutPaper(
  questions: readonly BankQuestion[],
  rules: readonly PaperRule[],
  random: () => number,
): PaperQuestion[] {
  const points = new Map(rules.map((r) => [ruleKey(r.law, r.type), r.points]));
  const ordered = SECTION_ORDER.flatMap((type) =>
    shuffle(
      questions.filter((q) => q.type === type),
      random,
    ),
  );
  return ordered.map((q, i) => {
    const shuffled =
      q.type === 'judge' ? { options: [...q.options], answer: [...q.answer] } : shuffleOptions(q, random);
    return {
      ...q,
      ...shuffled,
      position: i + 1,
      points: points.get(ruleKey(q.law, q.type)) ?? 0,
    };
  });
}

function shuffleOptions(q: BankQuestion, random: () => number): { options: string[]; answer: number[] } {
  // order[newIndex] = oldIndex
  const order = shuffle(
    q.options.map((_, i) => i),
    random,
  );
  const newIndexOf = new Map(order.map((old, i) => [old, i]));
  return {
    options: order.map((old) => q.options[old]!),
    answer: q.answer.map((a) => newIndexOf.get(a)!).sort((x, y) => x - y),
  };
}

/** Draws a person's paper: the questions (random mode) or the fixed ones, then lays it out. */
export function drawPaper(
  input: {
    bank: readonly BankQuestion[];
    rules: readonly PaperRule[];
    fixed: readonly BankQuestion[] | null;
  },
  seed: string,
): PaperQuestion[] {
  const random = seededRandom(seed);
  const questions = input.fixed ?? pickQuestions(input.bank, input.rules, random);
  return layOutPaper(questions, input.rules, random);
}

/** An answer as stored: option indexes, ascending, no repeats. */
export function normaliseAnswer(answer: readonly number[]): number[] {
  return [...new Set(answer)].sort((a, b) => a - b);
}

/**
 * Whether an answer is right. 单选 and 判断: the one option of the key. 多选: exactly the key's
 * options — a partly right choice (some but not all, or one wrong among them) earns nothing, as on
 * the provincial 学法考法 papers; there is no partial credit.
 */
export function isRight(q: Pick<PaperQuestion, 'answer'>, given: readonly number[] | undefined): boolean {
  if (!given || given.length === 0) return false;
  const a = normaliseAnswer(given);
  return a.length === q.answer.length && a.every((v, i) => v === q.answer[i]);
}

export interface Scored {
  readonly score: number;
  /** Per position (1-based), whether the answer was right. */
  readonly right: ReadonlyMap<number, boolean>;
}

/** Scores a paper from the latest answer per position (unanswered questions score nothing). */
export function scorePaper(
  paper: readonly PaperQuestion[],
  answers: ReadonlyMap<number, readonly number[]>,
): Scored {
  const right = new Map<number, boolean>();
  let score = 0;
  for (const q of paper) {
    const ok = isRight(q, answers.get(q.position));
    right.set(q.position, ok);
    if (ok) score += q.points;
  }
  return { score: roundPoints(score), right };
}

export const GRADES = { excellent: '优秀', pass: '合格', fail: '不合格' } as const;
export type Grade = keyof typeof GRADES;

/** The grade of a score: 优秀 from the excellent mark, 合格 from the pass mark, else 不合格. */
export function gradeOf(score: number, marks: { passMark: number; excellentMark: number }): Grade {
  if (score >= marks.excellentMark) return 'excellent';
  if (score >= marks.passMark) return 'pass';
  return 'fail';
}

/** Checks an answer against its question: known options, and one option at most for 单选/判断. */
export function answerProblem(
  q: Pick<PaperQuestion, 'type' | 'options'>,
  answer: readonly number[],
): string | null {
  if (answer.some((a) => !Number.isInteger(a) || a < 0 || a >= q.options.length))
    return `答案应为本题选项的序号（0 至 ${q.options.length - 1}）`;
  if (q.type !== 'multiple' && normaliseAnswer(answer).length > 1)
    return `${QUESTION_TYPES[q.type]}只能选一项`;
  return null;
}
