import type { QuestionType } from '../../catalogue/questions.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/exams.repo.ts';
import type { QuestionRow } from '../../db/questions.repo.ts';
import {
  gradeOf,
  normaliseAnswer,
  scorePaper,
  type BankQuestion,
  type Grade,
  type PaperQuestion,
  type PaperRule,
} from './paper.ts';

/** What the exam services share: reading stored rows, the windows, and scoring a sitting that ran out of time. */

export const parseRules = (e: Pick<repo.ExamRow, 'rules'>): PaperRule[] => JSON.parse(e.rules) as PaperRule[];

export const paperOf = (s: Pick<repo.ExamSittingRow, 'paper'>): PaperQuestion[] =>
  s.paper ? (JSON.parse(s.paper) as PaperQuestion[]) : [];

export function toBankQuestion(r: QuestionRow): BankQuestion {
  return {
    id: Number(r.id),
    code: r.code,
    version: r.version,
    law: r.law,
    type: r.type as QuestionType,
    stem: r.stem,
    options: JSON.parse(r.options) as string[],
    answer: JSON.parse(r.answer) as number[],
    article: r.article,
    note: r.note,
  };
}

export { pathIds } from '../../db/orgs.repo.ts';

/** When the last window (the make-up one if any) closes: until then nobody sees a key. */
export const lastClose = (e: repo.ExamRow): string => e.makeup_closes_at ?? e.closes_at;

/** ISO instants compare as text only in one form: the server's `toISOString()`. */
export const iso = (s: string): string => new Date(s).toISOString();

export const marksOf = (e: repo.ExamRow) => ({
  passMark: Number(e.pass_mark),
  excellentMark: Number(e.excellent_mark),
});

/** A sitting's latest answers by position. */
export function answerMap(stored: ReadonlyMap<number, string> | undefined): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [pos, a] of stored ?? []) out.set(pos, normaliseAnswer(JSON.parse(a) as number[]));
  return out;
}

export function scoreSitting(
  e: repo.ExamRow,
  s: repo.ExamSittingRow,
  stored: ReadonlyMap<number, string> | undefined,
): { score: number; grade: Grade } {
  const { score } = scorePaper(paperOf(s), answerMap(stored));
  return { score, grade: gradeOf(score, marksOf(e)) };
}

/**
 * Scores the online sittings whose server-side deadline has passed from the answers saved by then
 * (交卷方式 timeout, at the deadline): run before any read of an exam's sittings and at its close,
 * so an abandoned tab never leaves a sitting open. `all` scores every open sitting (the close).
 */
export async function settleOverdue(
  h: Db,
  e: repo.ExamRow,
  now: string,
  f: { userId?: number; all?: boolean } = {},
): Promise<number> {
  const due = await repo.overdueSittings(h.db, {
    examId: Number(e.id),
    now: f.all ? null : now,
    ...(f.userId !== undefined ? { userId: f.userId } : {}),
  });
  if (due.length === 0) return 0;
  return h.db.transaction().execute(async (trx) => {
    const answers = await repo.latestAnswers(
      trx,
      due.map((s) => Number(s.id)),
    );
    let n = 0;
    for (const s of due) {
      const { score, grade } = scoreSitting(e, s, answers.get(Number(s.id)));
      const at = s.deadline_at && s.deadline_at < now ? s.deadline_at : now;
      if (await repo.finishSitting(trx, Number(s.id), { submittedAt: at, how: 'timeout', score, grade })) n++;
    }
    return n;
  });
}

/** The best submitted sitting of each person (by user id, or by sitting for paper scores without an account). */
export function bestSittings<S extends { user_id: number | null; id: number; score: number | null }>(
  sittings: readonly S[],
): Map<string, S> {
  const best = new Map<string, S>();
  for (const s of sittings) {
    const k = s.user_id === null ? `s${s.id}` : `u${s.user_id}`;
    const cur = best.get(k);
    if (!cur || Number(s.score ?? 0) > Number(cur.score ?? 0)) best.set(k, s);
  }
  return best;
}

export { GRADES } from './paper.ts';
