import { notFound } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/exams.repo.ts';
import { requireAction, type Principal } from '../access.ts';
import { isRight, questionCount } from './paper.ts';
import { answerMap, bestSittings, lastClose, marksOf, paperOf, parseRules, settleOverdue } from './shared.ts';
import {
  candidateExam,
  makeupOf,
  statusOf,
  summary,
  type MyExamStatus,
  type ResultSummary,
} from './windows.ts';

/** 我的考试: the person's own exams and result; the key only once the last window closed. */

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
