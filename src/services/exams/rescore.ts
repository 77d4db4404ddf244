/**
 * 重新评分: when a question turns out to have had a wrong key, the organiser corrects it in the bank
 * (a new version under the same 题号) and re-scores the exam's papers that carried it, before the
 * exam is closed and its scores go into the ledger. Each paper keeps its own option order: the
 * corrected key is carried over by the options' text, so only a correction that keeps the options
 * can re-score. The re-scoring, with how many papers and scores it changed, is in the audit log.
 */
import { UserError, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/exams.repo.ts';
import * as questions from '../../db/questions.repo.ts';
import type { Principal } from '../access.ts';
import { withAudit, type AuditActor } from '../audit.ts';
import { managedExam } from './exams.ts';
import type { PaperQuestion } from './paper.ts';
import { paperOf, scoreSitting, settleOverdue, toBankQuestion } from './shared.ts';

export interface Rescored {
  readonly code: string;
  readonly version: number;
  /** Papers that carried the question. */
  readonly papers: number;
  /** Submitted papers whose score changed. */
  readonly changed: number;
}

const sameOptions = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

export async function rescoreQuestion(
  h: Db,
  p: Principal,
  actor: AuditActor,
  examId: number,
  code: string,
  at: string,
): Promise<Rescored> {
  const e = await managedExam(h, p, examId);
  if (e.state === 'closed')
    throw new UserError('本场考试已结束，成绩已登记入台账，不能再重新评分', 'closed', 409);
  const row = await questions.currentByCode(h.db, questions.visibleOwners(e.org_path), code.trim());
  if (!row) throw notFound(`题号“${code}”不在本单位可用的题库中`);
  const fixed = toBankQuestion(row);
  await settleOverdue(h, e, at);
  return withAudit(h, actor, at, async (trx) => {
    await repo.lockExam(trx, examId, h.dialect.rowLocks);
    const sittings = (await repo.sittingsOf(trx, [examId])).filter((s) => s.paper !== null);
    const answers = await repo.latestAnswers(
      trx,
      sittings.map((s) => Number(s.id)),
    );
    let papers = 0;
    let changed = 0;
    for (const s of sittings) {
      const paper = paperOf(s);
      if (!paper.some((q) => q.code === fixed.code)) continue;
      const next = paper.map((q): PaperQuestion => {
        if (q.code !== fixed.code) return q;
        if (!sameOptions(q.options, fixed.options))
          throw new UserError(
            `题号“${code}”修正后的选项与试卷上的不同，不能按新答案重新评分：只修正答案时才能重新评分`,
            'options_changed',
            409,
          );
        const key = fixed.answer.map((i) => q.options.indexOf(fixed.options[i]!)).sort((a, b) => a - b);
        return { ...fixed, options: q.options, answer: key, position: q.position, points: q.points };
      });
      papers++;
      const json = JSON.stringify(next);
      if (s.submitted_at === null) {
        await repo.rescoreSitting(trx, Number(s.id), { paper: json, score: null, grade: null });
        continue;
      }
      const scored = scoreSitting(e, { ...s, paper: json }, answers.get(Number(s.id)));
      if (scored.score !== s.score || scored.grade !== s.grade) changed++;
      await repo.rescoreSitting(trx, Number(s.id), { paper: json, ...scored });
    }
    const result = { code: fixed.code, version: fixed.version, papers, changed };
    return {
      result,
      events: [{ action: 'exam.rescore', targetType: 'exam', targetId: examId, after: result }],
    };
  });
}
