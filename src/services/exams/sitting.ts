import { randomBytes } from 'node:crypto';
import { UserError, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/exams.repo.ts';
import * as questions from '../../db/questions.repo.ts';
import { visibleOwners } from '../../db/questions.repo.ts';
import type { Principal } from '../access.ts';
import { withAudit, type AuditActor } from '../audit.ts';
import { answerProblem, drawPaper, normaliseAnswer } from './paper.ts';
import { answerMap, paperOf, parseRules, scoreSitting, settleOverdue, toBankQuestion } from './shared.ts';
import { sittingResult, type Result } from './mine.ts';
import { candidateExam, conflict, remaining, TAKEN_OVER, TIME_UP, attemptNow } from './windows.ts';

export type { MyExam, Result, ReviewItem } from './mine.ts';
export type { MyExamStatus, ResultSummary } from './windows.ts';
export { TAKEN_OVER, TIME_UP } from './windows.ts';

/**
 * 参加考试: a person's sitting (one active tab: each start hands out a new token and the older tab
 * stops), answers saved as they go, and the submission. Time is the server's only; the answer key
 * never leaves the server before the last window closed.
 */

/** A sitting as the person's tab gets it: the paper without its key, the answers saved so far. */
export interface Sitting {
  readonly sittingId: number;
  readonly token: string;
  readonly title: string;
  readonly display: string;
  readonly total: number;
  readonly attempt: number;
  readonly deadlineAt: string;
  readonly remainingSeconds: number;
  readonly questions: readonly {
    position: number;
    type: string;
    law: string;
    stem: string;
    options: string[];
    points: number;
  }[];
  readonly answers: Record<number, number[]>;
}
function sittingView(
  e: repo.ExamRow,
  s: repo.ExamSittingRow,
  token: string,
  stored: ReadonlyMap<number, string> | undefined,
  now: string,
): Sitting {
  return {
    sittingId: Number(s.id),
    token,
    title: e.title,
    display: e.display,
    total: Number(e.total),
    attempt: s.attempt,
    deadlineAt: s.deadline_at ?? now,
    remainingSeconds: remaining(s.deadline_at ?? now, now),
    // Never the key, the article or the note before the windows closed.
    questions: paperOf(s).map((q) => ({
      position: q.position,
      type: q.type,
      law: q.law,
      stem: q.stem,
      options: [...q.options],
      points: q.points,
    })),
    answers: Object.fromEntries(answerMap(stored)),
  };
}

const newToken = (): string => randomBytes(24).toString('base64url');

/**
 * Starts the person's sitting, or resumes the running one: each call hands out a new token, so the
 * tab that called last is the one that answers (the other is told it was taken over). Audited.
 */
export async function startSitting(
  h: Db,
  p: Principal,
  actor: AuditActor,
  examId: number,
  at: string,
): Promise<Sitting> {
  const e = await candidateExam(h, p, examId);
  const userId = p.id!;
  await settleOverdue(h, e, at, { userId });
  const token = newToken();
  const sittingId = await withAudit(h, actor, at, async (trx) => {
    await repo.lockExam(trx, examId, h.dialect.rowLocks);
    const own = await repo.sittingsOf(trx, [examId], userId);
    const running = own.find((s) => s.submitted_at === null);
    if (running) {
      await repo.setSittingToken(trx, Number(running.id), token);
      const after = { exam: examId, attempt: running.attempt };
      return {
        result: Number(running.id),
        events: [{ action: 'exam.resume', targetType: 'exam_sitting', targetId: Number(running.id), after }],
      };
    }
    const can = attemptNow(e, own, at);
    if ('refusal' in can) throw can.refusal;
    const c = (await repo.candidate(trx, examId, userId))!;
    const rules = parseRules(e);
    const fixedIds = e.fixed_paper ? (JSON.parse(e.fixed_paper) as number[]) : null;
    const bank = fixedIds
      ? []
      : (await questions.drawable(trx, visibleOwners(e.org_path), [...new Set(rules.map((r) => r.law))])).map(
          toBankQuestion,
        );
    const fixed = fixedIds ? (await questions.getQuestions(trx, fixedIds)).map(toBankQuestion) : null;
    let paper;
    try {
      paper = drawPaper({ bank, rules, fixed }, randomBytes(16).toString('hex'));
    } catch {
      throw conflict('bank_short', '题库中的题目已少于组卷规则的要求（题目被停用），请联系考试组织单位');
    }
    const deadline = new Date(
      Math.min(Date.parse(at) + e.duration_min * 60_000, Date.parse(can.closes)),
    ).toISOString();
    const id = await repo.insertSitting(trx, {
      exam_id: examId,
      user_id: userId,
      township_id: c.township_id,
      name: c.name,
      unit: c.unit,
      attempt: can.attempt,
      source: 'online',
      paper: JSON.stringify(paper),
      token,
      started_at: at,
      deadline_at: deadline,
      submitted_at: null,
      submitted_how: null,
      score: null,
      grade: null,
    });
    const after = { exam: examId, attempt: can.attempt, deadlineAt: deadline, questions: paper.length };
    return {
      result: id,
      events: [{ action: 'exam.start', targetType: 'exam_sitting', targetId: id, after }],
    };
  });
  const s = (await repo.getSitting(h.db, sittingId))!;
  const answers = await repo.latestAnswers(h.db, [sittingId]);
  return sittingView(e, s, token, answers.get(sittingId), at);
}

/** The person's own sitting of the exam, still open and answered from the tab holding the token. */
async function ownSitting(h: Db, p: Principal, examId: number, sittingId: number) {
  const e = await candidateExam(h, p, examId);
  const s = await repo.getSitting(h.db, sittingId);
  if (!s || Number(s.exam_id) !== examId || s.user_id !== p.id) throw notFound('找不到该场作答');
  return { e, s };
}

/** Refuses a write to a sitting that ended or is answered in another tab; a late one is scored first. */
async function checkOpen(
  h: Db,
  e: repo.ExamRow,
  s: repo.ExamSittingRow,
  token: string,
  at: string,
): Promise<void> {
  if (s.submitted_at !== null) throw conflict('submitted', '试卷已交，不能再修改答案');
  if (s.deadline_at !== null && at >= s.deadline_at) {
    await settleOverdue(h, e, at, { userId: s.user_id ?? undefined });
    throw conflict('time_up', TIME_UP);
  }
  if (s.token !== token) throw conflict('taken_over', TAKEN_OVER);
}

/**
 * Saves one answer as given (appended with its time; the latest per question counts). The sitting's
 * own append-only answer log is the record of what was given when; the start and the submission are
 * the audited steps.
 */
export async function saveAnswer(
  h: Db,
  p: Principal,
  input: { examId: number; sittingId: number; position: number; token: string; answer: readonly number[] },
  at: string,
): Promise<{ savedAt: string; remainingSeconds: number }> {
  const { e, s } = await ownSitting(h, p, input.examId, input.sittingId);
  await checkOpen(h, e, s, input.token, at);
  const q = paperOf(s).find((x) => x.position === input.position);
  if (!q) throw new UserError(`试卷没有第 ${input.position} 题`, 'invalid_answer', 400);
  const problem = answerProblem(q, input.answer);
  if (problem) throw new UserError(`第 ${input.position} 题：${problem}`, 'invalid_answer', 400);
  await h.db.transaction().execute(async (trx) => {
    await repo.lockSitting(trx, input.sittingId, h.dialect.rowLocks);
    const now = await repo.getSitting(trx, input.sittingId);
    if (!now || now.submitted_at !== null) throw conflict('submitted', '试卷已交，不能再修改答案');
    if (now.token !== input.token) throw conflict('taken_over', TAKEN_OVER);
    await repo.insertAnswer(trx, {
      sittingId: input.sittingId,
      position: input.position,
      answer: JSON.stringify(normaliseAnswer(input.answer)),
      savedAt: at,
    });
  });
  return { savedAt: at, remainingSeconds: remaining(s.deadline_at ?? at, at) };
}

/** Submits the sitting: scored from the answers saved, and never changed after. Audited. */
export async function submitSitting(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { examId: number; sittingId: number; token: string },
  at: string,
): Promise<Result> {
  const { e, s } = await ownSitting(h, p, input.examId, input.sittingId);
  await checkOpen(h, e, s, input.token, at);
  await withAudit(h, actor, at, async (trx) => {
    await repo.lockSitting(trx, input.sittingId, h.dialect.rowLocks);
    const answers = await repo.latestAnswers(trx, [input.sittingId]);
    const { score, grade } = scoreSitting(e, s, answers.get(input.sittingId));
    if (
      !(await repo.finishSitting(trx, input.sittingId, { submittedAt: at, how: 'submitted', score, grade }))
    )
      throw conflict('submitted', '试卷已交，不能重复交卷');
    const after = { exam: input.examId, attempt: s.attempt, score, grade };
    return {
      result: undefined,
      events: [{ action: 'exam.submit', targetType: 'exam_sitting', targetId: input.sittingId, after }],
    };
  });
  return sittingResult(h, p, input.examId, at);
}
