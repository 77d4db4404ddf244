import { UserError, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/exams.repo.ts';
import { requireAction, type Principal } from '../access.ts';
import { GRADES, type Grade } from './paper.ts';

/** Who may sit an exam now, in which attempt, or why not; what the person's list says of it. */

export type MyExamStatus =
  'upcoming' | 'open' | 'in_progress' | 'submitted' | 'missed' | 'makeup_open' | 'closed';

export interface ResultSummary {
  readonly score: number;
  readonly grade: string;
  readonly gradeLabel: string;
  readonly submittedAt: string;
}

export const conflict = (code: string, message: string) => new UserError(message, code, 409);
export const TIME_UP = '考试时间已到，试卷已自动交卷';
export const TAKEN_OVER = '本场考试已在其他窗口继续作答，此窗口已停止作答';

export const makeupOf = (e: repo.ExamRow) =>
  e.makeup_opens_at && e.makeup_closes_at
    ? { opensAt: e.makeup_opens_at, closesAt: e.makeup_closes_at }
    : null;

export const remaining = (deadline: string, now: string): number =>
  Math.max(0, Math.floor((Date.parse(deadline) - Date.parse(now)) / 1000));

export const summary = (s: repo.ExamSittingRow): ResultSummary => ({
  score: Number(s.score),
  grade: s.grade ?? 'fail',
  gradeLabel: GRADES[(s.grade ?? 'fail') as Grade] ?? s.grade ?? '',
  submittedAt: s.submitted_at ?? '',
});
/** What a person may do now: which attempt a start would be, or why none. */
export function attemptNow(
  e: repo.ExamRow,
  own: readonly repo.ExamSittingRow[],
  now: string,
): { attempt: 1 | 2; closes: string } | { refusal: UserError } {
  const makeup = makeupOf(e);
  if (e.state === 'closed') return { refusal: conflict('closed', '本场考试已结束') };
  if (now < e.opens_at) return { refusal: conflict('not_open', `考试尚未开始，开始时间为 ${e.opens_at}`) };
  if (now < e.closes_at) {
    const first = own.find((s) => s.attempt === 1);
    if (first)
      return {
        refusal: conflict(
          'submitted',
          first.submitted_how === 'timeout' ? `${TIME_UP}，不能再次作答` : '您已交卷，不能再次作答',
        ),
      };
    return { attempt: 1, closes: e.closes_at };
  }
  if (makeup && now >= makeup.opensAt && now < makeup.closesAt) {
    if (own.some((s) => s.attempt === 2))
      return { refusal: conflict('submitted', '您已参加补考，不能再次作答') };
    if (own.some((s) => s.submitted_at !== null && s.grade !== 'fail'))
      return { refusal: conflict('passed', '您已通过本场考试，无需补考') };
    return { attempt: 2, closes: makeup.closesAt };
  }
  if (makeup && now < makeup.opensAt)
    return {
      refusal: conflict('outside_window', `考试时间已过；补考时间为 ${makeup.opensAt} 至 ${makeup.closesAt}`),
    };
  return { refusal: conflict('outside_window', '考试时间已过，不能再作答') };
}
export function statusOf(e: repo.ExamRow, own: readonly repo.ExamSittingRow[], now: string): MyExamStatus {
  if (e.state === 'closed') return 'closed';
  if (own.some((s) => s.submitted_at === null)) return 'in_progress';
  if (now < e.opens_at) return 'upcoming';
  const can = attemptNow(e, own, now);
  if ('attempt' in can) return can.attempt === 1 ? 'open' : 'makeup_open';
  return own.some((s) => s.submitted_at !== null) ? 'submitted' : 'missed';
}
/** An exam the person is a candidate of; anyone else is told it does not exist. */
export async function candidateExam(h: Db, p: Principal, examId: number): Promise<repo.ExamWithOrgRow> {
  requireAction(p, 'exams.sit');
  const e = await repo.getExam(h.db, { all: true }, examId);
  if (!e || p.id === null || !(await repo.candidate(h.db, examId, p.id)))
    throw notFound('考试不存在，或您不是本场考试的参考人员');
  return e;
}
