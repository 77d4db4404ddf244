import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/exams.repo.ts';
import type { Principal } from '../access.ts';
import { managedExam } from './exams.ts';
import { isRight } from './paper.ts';
import { answerMap, bestSittings, paperOf, settleOverdue } from './shared.ts';

/**
 * 考试情况 for the organiser: how many sat and passed, the spread of scores, the questions most
 * often answered wrong (what to study next) and who has not sat.
 */

export interface ExamResults {
  readonly required: number;
  readonly sat: number;
  readonly passed: number;
  readonly excellent: number;
  /** Best scores as a share of the paper's total: 0–59, 60–69, 70–79, 80–89, 90–100 (%). */
  readonly distribution: readonly { band: string; n: number }[];
  readonly wrong: readonly {
    questionId: number;
    code: string;
    law: string;
    stem: string;
    article: string;
    asked: number;
    wrong: number;
  }[];
  readonly notSat: readonly { name: string; unit: string | null; township: string }[];
}

export const BANDS: readonly { band: string; from: number }[] = [
  { band: '0-59', from: 0 },
  { band: '60-69', from: 60 },
  { band: '70-79', from: 70 },
  { band: '80-89', from: 80 },
  { band: '90-100', from: 90 },
];

/** The band of a score as a percentage of the total (a score of 59.5 of 100 is in 0–59). */
export function bandOf(score: number, total: number): string {
  const pct = total > 0 ? (score / total) * 100 : 0;
  return [...BANDS].reverse().find((b) => pct >= b.from)?.band ?? BANDS[0]!.band;
}

const WRONG_LIST = 20;

export async function examResults(h: Db, p: Principal, id: number, at: string): Promise<ExamResults> {
  const e = await managedExam(h, p, id);
  if (e.state === 'open') await settleOverdue(h, e, at);
  const [candidates, sittings] = await Promise.all([
    repo.candidatesOf(h.db, id),
    repo.sittingsOf(h.db, [id]),
  ]);
  const done = sittings.filter((s) => s.submitted_at !== null);
  const best = [...bestSittings(done).values()];
  const total = Number(e.total);
  const counts = new Map(BANDS.map((b) => [b.band, 0]));
  for (const s of best) {
    const b = bandOf(Number(s.score ?? 0), total);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  // Every submitted online paper counts toward a question's asked/wrong, make-up papers too.
  const online = done.filter((s) => s.paper !== null);
  const answers = await repo.latestAnswers(
    h.db,
    online.map((s) => Number(s.id)),
  );
  const tally = new Map<number, ExamResults['wrong'][number]>();
  for (const s of online) {
    const given = answerMap(answers.get(Number(s.id)));
    for (const q of paperOf(s)) {
      const t = tally.get(q.id) ?? {
        questionId: q.id,
        code: q.code,
        law: q.law,
        stem: q.stem,
        article: q.article,
        asked: 0,
        wrong: 0,
      };
      tally.set(q.id, {
        ...t,
        asked: t.asked + 1,
        wrong: t.wrong + (isRight(q, given.get(q.position)) ? 0 : 1),
      });
    }
  }
  const sat = new Set(best.map((s) => s.user_id));
  return {
    required: candidates.length,
    sat: best.length,
    passed: best.filter((s) => s.grade === 'pass' || s.grade === 'excellent').length,
    excellent: best.filter((s) => s.grade === 'excellent').length,
    distribution: BANDS.map((b) => ({ band: b.band, n: counts.get(b.band) ?? 0 })),
    wrong: [...tally.values()]
      .filter((t) => t.wrong > 0)
      .sort(
        (a, b) => b.wrong - a.wrong || b.wrong / b.asked - a.wrong / a.asked || a.questionId - b.questionId,
      )
      .slice(0, WRONG_LIST),
    notSat: candidates
      .filter((c) => !sat.has(c.user_id))
      .map((c) => ({ name: c.name, unit: c.unit, township: c.township })),
  };
}
