import { randomBytes } from 'node:crypto';
import { roles as roleCatalogue, findRole } from '../../catalogue/roles.ts';
import type { QuestionType } from '../../catalogue/questions.ts';
import { UserError, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/exams.repo.ts';
import * as questions from '../../db/questions.repo.ts';
import { visibleOwners } from '../../db/questions.repo.ts';
import { getOrg } from '../../db/orgs.repo.ts';
import { countyIdOf } from '../orgs.ts';
import { can, forbidden, inScope, isSystem, requireAction, scopeOf, type Principal } from '../access.ts';
import { withAudit, type AuditActor } from '../audit.ts';
import { pickQuestions, questionCount, seededRandom, shortfalls, type PaperRule } from './paper.ts';
import { bestSittings, parseRules, pathIds, settleOverdue, toBankQuestion } from './shared.ts';
import { checkExam, type ExamInput } from './validate.ts';

export type { ExamInput } from './validate.ts';

/** 组织考试: an organiser creates an exam for its organisation's people, lists, reads it. */

export type CandidateStatus = 'not_started' | 'in_progress' | 'submitted';

export interface ExamDetail {
  readonly id: number;
  readonly title: string;
  readonly orgId: number;
  readonly organiser: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly durationMin: number;
  readonly display: string;
  readonly mode: string;
  readonly rules: readonly PaperRule[];
  readonly total: number;
  readonly passMark: number;
  readonly excellentMark: number;
  readonly makeup: { opensAt: string; closesAt: string } | null;
  readonly state: string;
  readonly required: number;
  readonly candidates: readonly {
    userId: number;
    name: string;
    unit: string | null;
    township: string;
    status: CandidateStatus;
    score: number | null;
    grade: string | null;
  }[];
}

export interface ExamListItem {
  readonly id: number;
  readonly title: string;
  readonly organiser: string;
  readonly orgId: number;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly state: string;
  readonly required: number;
  readonly sat: number;
  readonly passed: number;
}

const MAX_CANDIDATES = 5000;

/** Roles whose accounts sit exams (exams.sit). */
const sittingRoles = (): string[] => roleCatalogue.map((r) => r.id).filter((id) => can(id, 'exams.sit'));

const bad = (message: string) => new UserError(message, 'invalid_exam', 400);

const listNames = (names: readonly string[]): string =>
  names.slice(0, 20).join('、') + (names.length > 20 ? ` 等 ${names.length} 个` : '');

/** The township an account's score is kept under: the first township on its path, else its county. */
function townshipOn(path: string, kinds: ReadonlyMap<number, string>): number {
  const ids = pathIds(path);
  return ids.find((id) => kinds.get(id) === 'township') ?? ids[0]!;
}

async function resolveCandidates(
  h: Db,
  organiser: { path: string },
  given: ExamInput['candidates'],
): Promise<Omit<repo.ExamCandidateRow, 'exam_id'>[]> {
  let accounts: repo.AccountRow[];
  const sitters = sittingRoles();
  if ('usernames' in given) {
    const names = [...new Set(given.usernames.map((u) => String(u).trim()).filter(Boolean))];
    if (names.length === 0) throw bad('请填写参考人员的用户名');
    if (names.length > MAX_CANDIDATES) throw bad(`参考人员不超过 ${MAX_CANDIDATES} 人`);
    accounts = await repo.accountsByUsername(h.db, names);
    const found = new Set(accounts.map((a) => a.username));
    const unknown = names.filter((n) => !found.has(n));
    if (unknown.length > 0) throw bad(`找不到以下账号：${listNames(unknown)}`);
    const outside = accounts.filter((a) => !a.org_path.startsWith(organiser.path)).map((a) => a.username);
    if (outside.length > 0) throw bad(`以下账号不属于本单位及下属单位：${listNames(outside)}`);
    const disabled = accounts.filter((a) => a.disabled !== 0).map((a) => a.username);
    if (disabled.length > 0) throw bad(`以下账号已停用：${listNames(disabled)}`);
    const notSitting = accounts.filter((a) => !sitters.includes(a.role)).map((a) => a.username);
    if (notSitting.length > 0) throw bad(`以下账号的角色不参加学法考试：${listNames(notSitting)}`);
  } else {
    const wanted = given.roles.map((r) => {
      const role = findRole(String(r));
      if (!role || !sitters.includes(role.id)) throw bad(`角色“${String(r)}”不参加学法考试`);
      return role.id;
    });
    const paths: string[] = [];
    for (const id of given.orgIds.length > 0 ? given.orgIds : []) {
      const o = Number.isInteger(id) ? await getOrg(h.db, id) : undefined;
      if (!o || !o.path.startsWith(organiser.path)) throw bad(`组织 ${id} 不属于本单位及下属单位`);
      paths.push(o.path);
    }
    if (paths.length === 0) paths.push(organiser.path);
    accounts = await repo.accountsIn(h.db, paths, wanted.length > 0 ? wanted : sitters);
    if (accounts.length > MAX_CANDIDATES) throw bad(`参考人员不超过 ${MAX_CANDIDATES} 人，请缩小范围`);
  }
  if (accounts.length === 0) throw bad('没有符合条件的参考人员（须为在用且可参加考试的账号）');
  const orgs = await repo.orgsById(h.db, [...new Set(accounts.flatMap((a) => pathIds(a.org_path)))]);
  const kinds = new Map(orgs.map((o) => [Number(o.id), o.kind]));
  return accounts.map((a) => ({
    user_id: Number(a.id),
    township_id: townshipOn(a.org_path, kinds),
    name: a.display_name.slice(0, 50),
    unit: a.org_name.slice(0, 100),
  }));
}

/** The organiser's organisation, in the principal's scope. */
async function organiserOrg(h: Db, p: Principal, orgId: number) {
  const o = Number.isInteger(orgId) ? await getOrg(h.db, orgId) : undefined;
  if (!o || !inScope(p, o.path)) throw forbidden('无权为该组织组织考试，或该组织不存在');
  if (o.kind !== 'county' && o.kind !== 'township')
    throw bad(`考试须由县（区）或乡镇（街道）组织，“${o.name}”不是`);
  return o;
}

/** Creates an exam (组卷规则、时间、分数线、参考人员) in the organiser's scope, audited. */
export async function createExam(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: ExamInput,
  at: string,
): Promise<ExamDetail> {
  requireAction(p, 'exams.manage');
  const c = checkExam(input, at);
  const org = await organiserOrg(h, p, input.orgId);
  const bank = (await questions.allCurrent(h.db, visibleOwners(org.path))).map(toBankQuestion);
  const counts = new Map<string, number>();
  for (const q of bank) counts.set(`${q.law}|${q.type}`, (counts.get(`${q.law}|${q.type}`) ?? 0) + 1);
  const short = shortfalls(c.rules, (law: string, type: QuestionType) => counts.get(`${law}|${type}`) ?? 0);
  if (short.length > 0) throw new UserError(`题库题目不足：${short.join('；')}`, 'bank_short', 400);
  const candidates = await resolveCandidates(h, org, input.candidates);
  // Fixed mode: one draw for everyone, kept with the exam; each person's order is still their own.
  const fixed =
    c.mode === 'fixed'
      ? pickQuestions(bank, c.rules, seededRandom(randomBytes(16).toString('hex'))).map((q) => q.id)
      : null;
  const countyId = countyIdOf(org);
  const id = await withAudit(h, actor, at, async (trx) => {
    const examId = await repo.insertExam(trx, {
      org_id: org.id,
      county_id: countyId,
      title: c.title,
      opens_at: c.opensAt,
      closes_at: c.closesAt,
      duration_min: c.durationMin,
      display: c.display,
      mode: c.mode,
      rules: JSON.stringify(c.rules),
      fixed_paper: fixed ? JSON.stringify(fixed) : null,
      total: c.total,
      pass_mark: c.passMark,
      excellent_mark: c.excellentMark,
      makeup_opens_at: c.makeup?.opensAt ?? null,
      makeup_closes_at: c.makeup?.closesAt ?? null,
      state: 'open',
      created_by: p.id,
      created_at: at,
      closed_by: null,
      closed_at: null,
    });
    await repo.insertCandidates(
      trx,
      candidates.map((x) => ({ ...x, exam_id: examId })),
    );
    const after = {
      title: c.title,
      orgId: org.id,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      mode: c.mode,
      questions: questionCount(c.rules),
      total: c.total,
      candidates: candidates.length,
    };
    return {
      result: examId,
      events: [{ action: 'exam.create', targetType: 'exam', targetId: examId, after }],
    };
  });
  return getExam(h, p, id, at);
}

/** An exam the organiser may manage: in scope, else "not found" (another township's exam stays hidden). */
export async function managedExam(h: Db, p: Principal, id: number): Promise<repo.ExamWithOrgRow> {
  requireAction(p, 'exams.manage');
  const e = await repo.getExam(h.db, scopeOf(p), id);
  if (!e) throw notFound(`考试 ${id} 不存在或无权查看`);
  return e;
}

export async function examDetail(h: Db, e: repo.ExamWithOrgRow): Promise<ExamDetail> {
  const id = Number(e.id);
  const [candidates, sittings] = await Promise.all([
    repo.candidatesOf(h.db, id),
    repo.sittingsOf(h.db, [id]),
  ]);
  const byUser = new Map<number, repo.ExamSittingRow[]>();
  for (const s of sittings)
    if (s.user_id !== null) byUser.set(s.user_id, [...(byUser.get(s.user_id) ?? []), s]);
  return {
    id,
    title: e.title,
    orgId: e.org_id,
    organiser: e.organiser,
    opensAt: e.opens_at,
    closesAt: e.closes_at,
    durationMin: e.duration_min,
    display: e.display,
    mode: e.mode,
    rules: parseRules(e),
    total: Number(e.total),
    passMark: Number(e.pass_mark),
    excellentMark: Number(e.excellent_mark),
    makeup:
      e.makeup_opens_at && e.makeup_closes_at
        ? { opensAt: e.makeup_opens_at, closesAt: e.makeup_closes_at }
        : null,
    state: e.state,
    required: candidates.length,
    candidates: candidates.map((c) => {
      const own = byUser.get(c.user_id) ?? [];
      const done = own.filter((s) => s.submitted_at !== null);
      const best = [...bestSittings(done).values()][0];
      const status: CandidateStatus = best ? 'submitted' : own.length > 0 ? 'in_progress' : 'not_started';
      return {
        userId: c.user_id,
        name: c.name,
        unit: c.unit,
        township: c.township,
        status,
        score: best?.score === undefined || best.score === null ? null : Number(best.score),
        grade: best?.grade ?? null,
      };
    }),
  };
}

/** One exam for its organiser (and the organisations above it), with each candidate's state and best score. */
export async function getExam(h: Db, p: Principal, id: number, at: string): Promise<ExamDetail> {
  const e = await managedExam(h, p, id);
  if (e.state === 'open') await settleOverdue(h, e, at);
  return examDetail(h, e);
}

/** The China year's start as an instant: 1 January 00:00 at UTC+8. */
const yearStart = (year: number): string => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();

/** Exams organised in the principal's scope (or one organisation's subtree within it), by the year they open. */
export async function listExams(
  h: Db,
  p: Principal,
  q: { orgId?: number; year?: number },
  at: string,
): Promise<ExamListItem[]> {
  requireAction(p, 'exams.manage');
  let path = isSystem(p) ? '/' : p.orgPath;
  if (q.orgId !== undefined) {
    const o = await getOrg(h.db, q.orgId);
    if (!o || !inScope(p, o.path)) throw forbidden('无权查看该组织的考试，或该组织不存在');
    path = o.path;
  }
  const rows = await repo.listExams(h.db, {
    path,
    ...(q.year !== undefined ? { from: yearStart(q.year), to: yearStart(q.year + 1) } : {}),
  });
  for (const e of rows) if (e.state === 'open') await settleOverdue(h, e, at);
  const ids = rows.map((e) => Number(e.id));
  const [required, scores] = await Promise.all([
    repo.candidateCounts(h.db, ids),
    repo.submittedScores(h.db, ids),
  ]);
  return rows.map((e) => {
    const id = Number(e.id);
    const best = [...bestSittings(scores.filter((s) => Number(s.exam_id) === id)).values()];
    return {
      id,
      title: e.title,
      organiser: e.organiser,
      orgId: e.org_id,
      opensAt: e.opens_at,
      closesAt: e.closes_at,
      state: e.state,
      required: required.get(id) ?? 0,
      sat: best.length,
      passed: best.filter((s) => s.grade === 'pass' || s.grade === 'excellent').length,
    };
  });
}
