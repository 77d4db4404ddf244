/**
 * An exam through .xlsx: the results workbook for the organiser (an audited export: it lists
 * people's scores) and the paper exam (纸质考试): its template pre-filled with the candidates and
 * the import of its scores, all or nothing, as sittings of source 'paper' that the close writes
 * into the ledger like the online ones.
 */
import { createHash } from 'node:crypto';
import { lawLabel } from '../../catalogue/laws.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/exams.repo.ts';
import type { Principal } from '../access.ts';
import { auditRead, withAudit, type AuditActor } from '../audit.ts';
import { sortIssues, type ImportIssue } from '../ledger-io/report.ts';
import { managedExam } from './exams.ts';
import { readXlsxUpload, type XlsxUpload } from './xlsx-upload.ts';
import {
  paperTemplateSheets,
  parsePaperSheets,
  writeExamBook,
  type PaperRow,
  type TableSheet,
} from './exam-xlsx.ts';
import { GRADES, gradeOf, type Grade } from './paper.ts';
import { examResults } from './results.ts';
import { bestSittings, marksOf } from './shared.ts';

/** Writes an exam workbook (here, or on the server's job pool). */
export type WriteExamBook = (sheets: readonly TableSheet[]) => Promise<Uint8Array>;
const writeHere: WriteExamBook = (sheets) => writeExamBook(sheets);

const closedMessage = '本场考试已结束并登记了成绩，不能再导入纸质考试成绩';

/** An instant as China time, to the minute (2026-05-20 09:30). */
function chinaTime(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** What the 成绩 sheet says of a person's best sitting. */
function statusOf(s: repo.ExamSittingRow | undefined): string {
  if (!s) return '未参考';
  if (s.source === 'paper') return '纸质成绩';
  return s.submitted_how === 'timeout' ? '超时交卷' : '已交卷';
}

const fileSafe = (s: string): string => s.replace(/[\\/:*?"<>|]/g, '_');

/**
 * The results workbook: 成绩 (each candidate, then each paper score of someone without an
 * account), 分数分布, 易错题 and 未参考. Audited as an export of people's scores.
 */
export async function exportExamResults(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
  write: WriteExamBook = writeHere,
): Promise<{ bytes: Uint8Array; fileName: string; rows: number }> {
  const e = await managedExam(h, p, id);
  const results = await examResults(h, p, id, at);
  const [candidates, sittings] = await Promise.all([
    repo.candidatesOf(h.db, id),
    repo.sittingsOf(h.db, [id]),
  ]);
  const best = bestSittings(sittings.filter((s) => s.submitted_at !== null));
  const candidateIds = new Set(candidates.map((c) => c.user_id));
  const row = (
    who: { name: string; unit: string | null; township: string },
    s: repo.ExamSittingRow | undefined,
  ) => [
    who.name,
    who.unit,
    who.township,
    statusOf(s),
    s?.score === undefined || s.score === null ? null : Number(s.score),
    s?.grade ? GRADES[s.grade as Grade] : null,
    chinaTime(s?.submitted_at ?? null),
    s ? (s.source === 'paper' ? null : s.attempt) : null,
  ];
  const others = [...best.values()].filter((s) => s.user_id === null || !candidateIds.has(s.user_id));
  const townships = new Map(candidates.map((c) => [c.township_id, c.township]));
  const missing = others.map((s) => s.township_id).filter((t) => !townships.has(t));
  for (const o of await repo.orgsById(h.db, [...new Set(missing)])) townships.set(Number(o.id), o.name);
  const scoreRows = [
    ...candidates.map((c) => row(c, best.get(`u${c.user_id}`))),
    ...others.map((s) =>
      row({ name: s.name, unit: s.unit, township: townships.get(s.township_id) ?? '' }, s),
    ),
  ];
  const sheets: TableSheet[] = [
    {
      name: '成绩',
      headers: ['姓名', '单位', '乡镇', '状态', '得分', '等次', '交卷时间', '第几次'],
      widths: [12, 28, 16, 10, 8, 8, 18, 8],
      rows: scoreRows,
    },
    {
      name: '分数分布',
      headers: ['分数段（占总分%）', '人数'],
      widths: [20, 10],
      rows: results.distribution.map((b) => [b.band, b.n]),
    },
    {
      name: '易错题',
      headers: ['题号', '法律法规', '题干', '条文出处', '作答人次', '答错人次', '错误率'],
      widths: [14, 16, 60, 16, 10, 10, 10],
      rows: results.wrong.map((q) => [
        q.code,
        lawLabel(q.law),
        q.stem,
        q.article,
        q.asked,
        q.wrong,
        q.asked === 0 ? null : `${Math.round((q.wrong / q.asked) * 1000) / 10}%`,
      ]),
    },
    {
      name: '未参考',
      headers: ['姓名', '单位', '乡镇'],
      widths: [12, 28, 16],
      rows: results.notSat.map((n) => [n.name, n.unit, n.township]),
    },
  ];
  const bytes = await write(sheets);
  await auditRead(h, actor, at, {
    action: 'exam.results_export',
    targetType: 'exam',
    targetId: id,
    after: { exam: id, rows: scoreRows.length, sat: results.sat, notSat: results.notSat.length },
  });
  return { bytes, fileName: fileSafe(`${e.title}成绩.xlsx`), rows: scoreRows.length };
}

/** The paper-score template, pre-filled with the exam's candidates (姓名, 单位, 账号). */
export async function paperScoreTemplate(
  h: Db,
  p: Principal,
  id: number,
  write: WriteExamBook = writeHere,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const e = await managedExam(h, p, id);
  const candidates = await repo.candidatesOf(h.db, id);
  const names = await repo.usernamesOf(
    h.db,
    candidates.map((c) => c.user_id),
  );
  const bytes = await write(
    paperTemplateSheets(
      candidates.map((c) => ({ name: c.name, unit: c.unit, username: names.get(c.user_id) ?? null })),
      { title: e.title, total: Number(e.total), ...marksOf(e) },
    ),
  );
  return { bytes, fileName: fileSafe(`${e.title}纸质成绩模板.xlsx`) };
}

export interface PaperScoreInput extends XlsxUpload {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface PaperScoreReport {
  readonly fileName: string;
  /** Score rows in the file. */
  readonly rows: number;
  /** Rows stored (0 with errors). */
  readonly imported: number;
  /** Of those, rows matched to a candidate's account. */
  readonly matched: number;
  /** Paper scores of this exam imported before and now replaced. */
  readonly replaced: number;
  readonly errors: readonly ImportIssue[];
}

const norm = (s: string | null): string => (s ?? '').replace(/\s/g, '');

type Planned = { row: PaperRow; userId: number | null; townshipId: number };

/** Each row's person: the candidate by account, else by a unique 姓名 + 单位, else someone without an account. */
async function planPaperRows(h: Db, e: repo.ExamWithOrgRow, rows: readonly PaperRow[]) {
  const candidates = await repo.candidatesOf(h.db, Number(e.id));
  const byUser = new Map(candidates.map((c) => [c.user_id, c]));
  const accounts = await repo.accountsByUsername(h.db, [
    ...new Set(rows.flatMap((r) => (r.username ? [r.username] : []))),
  ]);
  const idOf = new Map(accounts.map((a) => [a.username, Number(a.id)]));
  const key = (name: string, unit: string | null) => `${norm(name)}\u0000${norm(unit)}`;
  const byNameUnit = new Map<string, repo.ExamCandidateRow[]>();
  for (const c of candidates) {
    const k = key(c.name, c.unit);
    byNameUnit.set(k, [...(byNameUnit.get(k) ?? []), c]);
  }
  const unitTownships = new Map<string, Set<number>>();
  for (const c of candidates) {
    const u = norm(c.unit);
    unitTownships.set(u, (unitTownships.get(u) ?? new Set()).add(c.township_id));
  }
  const issues: ImportIssue[] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const issue = (message: string, column: string | null) =>
      issues.push({ sheet: r.sheet, row: r.row, column, message });
    let candidate: repo.ExamCandidateRow | undefined;
    if (r.username) {
      const uid = idOf.get(r.username);
      candidate = uid === undefined ? undefined : byUser.get(uid);
      if (!candidate) {
        issue(`账号“${r.username}”不是本次考试的应考人员`, '账号');
        continue;
      }
      if (norm(candidate.name) !== norm(r.name)) {
        issue(`账号“${r.username}”是“${candidate.name}”，与姓名“${r.name}”不符`, '姓名');
        continue;
      }
    } else {
      const same = byNameUnit.get(key(r.name, r.unit)) ?? [];
      if (same.length > 1) {
        issue(
          `应考人员中有 ${same.length} 位“${r.name}”（${r.unit || '单位未填'}），请填写账号以区分`,
          '账号',
        );
        continue;
      }
      candidate = same[0];
    }
    const who = candidate ? `u${candidate.user_id}` : `n${key(r.name, r.unit)}`;
    const first = seen.get(who);
    if (first !== undefined) {
      issue(`与第 ${first} 行是同一人（${r.name}），每人只能有一个纸质成绩`, '姓名');
      continue;
    }
    seen.set(who, r.row);
    const unitTownship = unitTownships.get(norm(r.unit));
    planned.push({
      row: r,
      userId: candidate?.user_id ?? null,
      // Someone without an account counts under the township of the candidates of the same unit,
      // else under the organiser: the close writes their score into that township's ledger.
      townshipId:
        candidate?.township_id ?? (unitTownship?.size === 1 ? [...unitTownship][0]! : Number(e.org_id)),
    });
  }
  return { planned, issues };
}

/**
 * Imports a paper exam's scores while the exam is open (closing writes them into the ledger), all
 * or nothing; a new import replaces the earlier paper scores of the exam, never online sittings.
 */
export async function importPaperScores(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  input: PaperScoreInput,
  at: string,
): Promise<PaperScoreReport> {
  const e = await managedExam(h, p, id);
  if (e.state === 'closed') throw new UserError(closedMessage, 'closed', 409);
  const sheets = await readXlsxUpload(input, '纸质成绩模板');
  const total = Number(e.total);
  const parsed = parsePaperSheets(sheets, total);
  if (!parsed.found)
    throw new UserError(
      `文件“${input.fileName}”中找不到“姓名”“成绩”列：请用纸质成绩模板填写后导入`,
      'no_header',
    );
  const rowCount = parsed.rows.length + new Set(parsed.issues.map((i) => `${i.sheet}:${i.row ?? ''}`)).size;
  if (rowCount === 0) throw new UserError(`文件“${input.fileName}”中没有成绩`, 'empty_file');
  const { planned, issues } = await planPaperRows(h, e, parsed.rows);
  const errors = sortIssues(
    [...parsed.issues, ...issues],
    sheets.map((s) => s.name),
  );
  const report = { fileName: input.fileName, rows: rowCount, imported: 0, matched: 0, replaced: 0, errors };
  if (errors.length > 0) return report;
  const marks = marksOf(e);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const matched = planned.filter((x) => x.userId !== null).length;
  const replaced = await withAudit(h, actor, at, async (trx) => {
    await repo.lockExam(trx, id, h.dialect.rowLocks);
    if ((await repo.examState(trx, id)) !== 'open') throw new UserError(closedMessage, 'closed', 409);
    const gone = await repo.deletePaperSittings(trx, id);
    await repo.insertSittings(
      trx,
      planned.map((x) => ({
        exam_id: id,
        user_id: x.userId,
        township_id: x.townshipId,
        name: x.row.name,
        unit: x.row.unit === '' ? null : x.row.unit,
        attempt: 1,
        source: 'paper',
        paper: null,
        token: null,
        started_at: at,
        deadline_at: null,
        submitted_at: at,
        submitted_how: 'submitted',
        score: x.row.score,
        grade: gradeOf(x.row.score, marks),
      })),
    );
    const after = {
      exam: id,
      rows: planned.length,
      matched,
      unmatched: planned.length - matched,
      replaced: gone,
      sha256,
    };
    return {
      result: gone,
      events: [{ action: 'exam.paper_scores', targetType: 'exam', targetId: id, after }],
    };
  });
  return { ...report, imported: planned.length, matched, replaced };
}
