import { randomBytes } from 'node:crypto';
import { UserError, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/exams.repo.ts';
import { requireAction, type Principal } from '../access.ts';
import { withAudit, type AuditActor } from '../audit.ts';
import {
  answerProblem,
  drawPaper,
  GRADES,
  isRight,
  normaliseAnswer,
  questionCount,
  type Grade,
} from './paper.ts';
import {
  answerMap,
  bestSittings,
  lastClose,
  marksOf,
  paperOf,
  parseRules,
  pathIds,
  scoreSitting,
  settleOverdue,
  toBankQuestion,
} from './shared.ts';

/**
 * 参加考试: a person's own exams, their sitting (one active tab: each start hands out a new token and
 * the older tab stops), answers saved as they go, submission and the result. Time is the server's
 * only; the answer key never leaves the server before the last window closed.
 */

export type MyExamStatus =
  'upcoming' | 'open' | 'in_progress' | 'submitted' | 'missed' | 'makeup_open' | 'closed';

export interface ResultSummary {
  readonly score: number;
  readonly grade: string;
  readonly gradeLabel: string;
  readonly submittedAt: string;
}

export interface MyExam {
  readonly id: number;
  readonly title: string;
  readonly organiser: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly durationMin: number;
  readonly display: string;
  readonly questionCount: number;
  readonly total: number;
  readonly passMark: number;
  readonly status: MyExamStatus;
  readonly makeup: { opensAt: string; closesAt: string } | null;
  readonly result: ResultSummary | null;
}

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

export interface ReviewItem {
  readonly position: number;
  readonly type: string;
  readonly law: string;
  readonly stem: string;
  readonly options: readonly string[];
  readonly given: number[];
  readonly answer: readonly number[];
  readonly right: boolean;
  readonly article: string;
  readonly note: string | null;
}

export interface Result {
  readonly score: number;
  readonly grade: string;
  readonly gradeLabel: string;
  readonly total: number;
  readonly passMark: number;
  readonly submittedAt: string;
  readonly submittedHow: string;
  readonly review: ReviewItem[] | null;
}

const conflict = (code: string, message: string) => new UserError(message, code, 409);
export const TIME_UP = '考试时间已到，试卷已自动交卷';
export const TAKEN_OVER = '本场考试已在其他窗口继续作答，此窗口已停止作答';

const makeupOf = (e: repo.ExamRow) =>
  e.makeup_opens_at && e.makeup_closes_at
    ? { opensAt: e.makeup_opens_at, closesAt: e.makeup_closes_at }
    : null;

const remaining = (deadline: string, now: string): number =>
  Math.max(0, Math.floor((Date.parse(deadline) - Date.parse(now)) / 1000));

const summary = (s: repo.ExamSittingRow): ResultSummary => ({
  score: Number(s.score),
  grade: s.grade ?? 'fail',
  gradeLabel: GRADES[(s.grade ?? 'fail') as Grade] ?? s.grade ?? '',
  submittedAt: s.submitted_at ?? '',
});

/** What a person may do now: which attempt a start would be, or why none. */
function attemptNow(
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

function statusOf(e: repo.ExamRow, own: readonly repo.ExamSittingRow[], now: string): MyExamStatus {
  if (e.state === 'closed') return 'closed';
  if (own.some((s) => s.submitted_at === null)) return 'in_progress';
  if (now < e.opens_at) return 'upcoming';
  const can = attemptNow(e, own, now);
  if ('attempt' in can) return can.attempt === 1 ? 'open' : 'makeup_open';
  return own.some((s) => s.submitted_at !== null) ? 'submitted' : 'missed';
}

/** The exams the signed-in person must sit, each with what they can do now and their result. */
export async function myExams(h: Db, p: Principal, at: string): Promise<MyExam[]> {
  requireAction(p, 'exams.sit');
  if (p.id === null) return [];
  const exams = await repo.examsOfCandidate(h.db, p.id);
  for (const e of exams) if (e.state === 'open') await settleOverdue(h, e, at, { userId: p.id });
  const sittings = await repo.sittingsOf(
    h.db,
    exams.map((e) => Number(e.id)),
    p.id,
  );
  return exams.map((e) => {
    const own = sittings.filter((s) => Number(s.exam_id) === Number(e.id));
    const best = [...bestSittings(own.filter((s) => s.submitted_at !== null)).values()][0];
    const rules = parseRules(e);
    return {
      id: Number(e.id),
      title: e.title,
      organiser: e.organiser,
      opensAt: e.opens_at,
      closesAt: e.closes_at,
      durationMin: e.duration_min,
      display: e.display,
      questionCount: questionCount(rules),
      total: Number(e.total),
      passMark: Number(e.pass_mark),
      status: statusOf(e, own, at),
      makeup: makeupOf(e),
      result: best ? summary(best) : null,
    };
  });
}

/** An exam the person is a candidate of; anyone else is told it does not exist. */
async function candidateExam(h: Db, p: Principal, examId: number): Promise<repo.ExamWithOrgRow> {
  requireAction(p, 'exams.sit');
  const e = await repo.getExam(h.db, { all: true }, examId);
  if (!e || p.id === null || !(await repo.candidate(h.db, examId, p.id)))
    throw notFound('考试不存在，或您不是本场考试的参考人员');
  return e;
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
      : (
          await repo.currentQuestions(trx, pathIds(e.org_path), {
            laws: [...new Set(rules.map((r) => r.law))],
          })
        ).map(toBankQuestion);
    const fixed = fixedIds ? (await repo.questionsById(trx, fixedIds)).map(toBankQuestion) : null;
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

/**
 * The person's result (their best attempt). The paper with the right answers, articles and notes
 * only once the last window closed: before, another candidate could still be sitting it.
 */
export async function sittingResult(h: Db, p: Principal, examId: number, at: string): Promise<Result> {
  const e = await candidateExam(h, p, examId);
  await settleOverdue(h, e, at, { userId: p.id! });
  const own = (await repo.sittingsOf(h.db, [examId], p.id!)).filter((s) => s.submitted_at !== null);
  const best = [...bestSittings(own).values()][0];
  if (!best) throw notFound('您还没有本场考试的成绩');
  const open = at < lastClose(e) && e.state !== 'closed';
  let review: ReviewItem[] | null = null;
  if (!open) {
    const given = answerMap((await repo.latestAnswers(h.db, [Number(best.id)])).get(Number(best.id)));
    review = paperOf(best).map((q) => ({
      position: q.position,
      type: q.type,
      law: q.law,
      stem: q.stem,
      options: q.options,
      given: given.get(q.position) ?? [],
      answer: q.answer,
      right: isRight(q, given.get(q.position)),
      article: q.article,
      note: q.note,
    }));
  }
  return {
    ...summary(best),
    total: Number(e.total),
    passMark: marksOf(e).passMark,
    submittedHow: best.submitted_how ?? '',
    review,
  };
}
