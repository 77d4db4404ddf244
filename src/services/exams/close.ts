import { getKind } from '../../catalogue/kinds.ts';
import { todayOf } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/exams.repo.ts';
import { insertRecords } from '../../db/records.repo.ts';
import type { NewRecordRow } from '../../db/schema.ts';
import type { Principal } from '../access.ts';
import { withAudit, type AuditActor } from '../audit.ts';
import { requireOrg } from '../orgs.ts';
import { prepareRows, type OrgDraft } from '../records.ts';
import { examDetail, managedExam, type ExamDetail } from './exams.ts';
import { bestSittings, lastClose, settleOverdue } from './shared.ts';

/**
 * 结束考试: the exam's results go into the ledger (成绩入账), so 参考率, 合格率 and 优秀率 come from
 * the exam itself. Per township: one 学法考试 record (应参考人数 = its candidates) and one 考试成绩
 * record per person who sat (the best attempt), linked to the exam; all in one audited transaction.
 */

type Group = { candidates: number; scores: repo.ExamSittingRow[] };

function groups(candidates: readonly repo.ExamCandidateRow[], best: readonly repo.ExamSittingRow[]) {
  const by = new Map<number, Group>();
  const of = (t: number) => by.get(t) ?? by.set(t, { candidates: 0, scores: [] }).get(t)!;
  for (const c of candidates) of(c.township_id).candidates++;
  for (const s of best) of(s.township_id).scores.push(s);
  return by;
}

/** Two people with the same name, unit, score and grade are two records: the repeat's key is set apart. */
function distinctKeys(rows: NewRecordRow[]): NewRecordRow[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const n = (seen.get(r.dedup_key) ?? 0) + 1;
    seen.set(r.dedup_key, n);
    return n === 1 ? r : { ...r, dedup_key: `${r.dedup_key}~${n}` };
  });
}

async function ledgerRows(
  h: Db,
  e: repo.ExamWithOrgRow,
  group: Group,
  townshipId: number,
  meta: { now: string; createdBy: number | null },
): Promise<NewRecordRow[]> {
  const township = await requireOrg(h, townshipId);
  const date = todayOf(e.opens_at);
  const examDraft: OrgDraft = {
    date,
    title: e.title,
    data: {
      required: Math.max(group.candidates, group.scores.length),
      // Scores only from the paper exam: the exam was held offline (线下).
      form: group.scores.length > 0 && group.scores.every((s) => s.source === 'paper') ? 'offline' : 'online',
      organizer: e.organiser,
    },
  };
  const scoreDrafts: OrgDraft[] = group.scores.map((s) => ({
    date,
    title: e.title,
    data: { person: s.name, unit: s.unit ?? '', score: Number(s.score ?? 0), grade: s.grade ?? 'fail' },
  }));
  const rows: NewRecordRow[] = [];
  for (const [kindId, drafts] of [
    ['exam', [examDraft]],
    ['exam_score', scoreDrafts],
  ] as const) {
    const r = prepareRows(getKind(kindId), township, e.county_id, new Map(), drafts, {
      ...meta,
      importId: null,
    });
    if (r.errors.length > 0) {
      const first = r.errors[0]!.errors.map((x) => `${x.label}：${x.message}`).join('；');
      throw new UserError(`${township.name}的考试成绩无法登记入台账：${first}`, 'invalid_record', 400);
    }
    rows.push(...distinctKeys(r.rows));
  }
  return rows;
}

/** Closes an exam once its windows are over: open sittings scored, the ledger records written. */
export async function closeExam(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
): Promise<ExamDetail> {
  const e = await managedExam(h, p, id);
  if (e.state === 'closed') throw new UserError('本场考试已结束并登记了成绩，不能重复结束', 'closed', 409);
  if (at < lastClose(e))
    throw new UserError(
      `考试${e.makeup_closes_at ? '（含补考）' : ''}尚未结束（${lastClose(e)}），结束后方可结束考试并登记成绩`,
      'not_over',
      409,
    );
  await settleOverdue(h, e, at, { all: true });
  const [candidates, sittings] = await Promise.all([
    repo.candidatesOf(h.db, id),
    repo.sittingsOf(h.db, [id]),
  ]);
  const best = [...bestSittings(sittings.filter((s) => s.submitted_at !== null)).values()];
  const byTownship = groups(candidates, best);
  const meta = { now: at, createdBy: p.id };
  const rows = new Map<number, NewRecordRow[]>();
  for (const [t, g] of byTownship) rows.set(t, await ledgerRows(h, e, g, t, meta));
  const counts = {
    required: candidates.length,
    sat: best.length,
    passed: best.filter((s) => s.grade !== 'fail').length,
    excellent: best.filter((s) => s.grade === 'excellent').length,
  };
  await withAudit(h, actor, at, async (trx) => {
    await repo.lockExam(trx, id, h.dialect.rowLocks);
    if (!(await repo.closeExamRow(trx, id, p.id, at)))
      throw new UserError('本场考试已结束并登记了成绩，不能重复结束', 'closed', 409);
    let records = 0;
    for (const [t, list] of rows) {
      records += await insertRecords(trx, list);
      await repo.linkRecords(
        trx,
        id,
        await repo.recordIdsByKeys(
          trx,
          t,
          list.map((r) => r.dedup_key),
        ),
      );
    }
    const after = { state: 'closed', ...counts, townships: rows.size, records };
    return { result: undefined, events: [{ action: 'exam.close', targetType: 'exam', targetId: id, after }] };
  });
  return examDetail(h, { ...e, state: 'closed', closed_by: p.id, closed_at: at });
}
