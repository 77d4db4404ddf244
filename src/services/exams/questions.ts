/**
 * The question bank (题库): the starter bank shipped with fazhi and each organisation's own
 * questions, one row per version. A correction is a new version under the same code and the old
 * one stays, so a paper keeps the questions it was sat with; retiring stops a question being drawn.
 */
import { lawLabel } from '../../catalogue/laws.ts';
import type { Difficulty, QuestionDraft, QuestionType } from '../../catalogue/questions.ts';
import { UserError, notFound } from '../../core/errors.ts';
import { normaliseDraft, sameContent, validateQuestion } from '../../core/questions.ts';
import type { Db } from '../../db/connect.ts';
import { draftOfRow, rowOfDraft } from '../../db/question-seed.ts';
import * as repo from '../../db/questions.repo.ts';
import { forbidden, inScope, isSystem, requireAction, type Principal } from '../access.ts';
import { withAudit, type AuditActor } from '../audit.ts';
import { requireOrg, type Org } from '../orgs.ts';

export { validateQuestion } from '../../core/questions.ts';

/** What a bank row says where it comes from. */
export const STARTER_LABEL = '入门题库';
export const PAGE_SIZE = 20;

/** One version of a question as the API and the page show it (with its answer: organisers only). */
export interface Question {
  readonly id: number;
  readonly code: string;
  readonly version: number;
  readonly current: boolean;
  readonly law: string;
  readonly lawLabel: string;
  readonly type: QuestionType;
  readonly difficulty: Difficulty;
  readonly stem: string;
  readonly options: readonly string[];
  readonly answer: readonly number[];
  readonly article: string;
  readonly note: string | null;
  /** Null for the starter bank. */
  readonly orgId: number | null;
  /** 入门题库, or the owning organisation's name. */
  readonly source: string;
  readonly createdAt: string;
  readonly retiredAt: string | null;
}

export function toQuestion(r: repo.QuestionRow, source: string): Question {
  const d = draftOfRow(r);
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    current: r.current === 1,
    law: r.law,
    lawLabel: lawLabel(r.law),
    type: d.type,
    difficulty: d.difficulty,
    stem: r.stem,
    options: d.options,
    answer: d.answer,
    article: r.article,
    note: r.note,
    orgId: r.org_id,
    source,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
  };
}

/** The names of the banks an organisation sees, by owner. */
async function sourceNames(h: Db, org: Org | null): Promise<Map<number, string>> {
  const names = new Map<number, string>([[repo.STARTER_OWNER, STARTER_LABEL]]);
  if (!org) return names;
  for (const id of repo.visibleOwners(org.path).filter((o) => o !== repo.STARTER_OWNER))
    names.set(id, (await requireOrg(h, id)).name);
  return names;
}

/**
 * The organisation whose bank is read or written: the one given, else the principal's own; it
 * must lie in the principal's scope. The console without one works on the starter bank (null).
 */
export async function bankOrg(h: Db, p: Principal, orgId: number | undefined): Promise<Org | null> {
  requireAction(p, 'exams.manage');
  const id = orgId ?? p.orgId;
  if (id === null) {
    if (isSystem(p)) return null;
    throw new UserError('请指定单位', 'org_required');
  }
  const org = await requireOrg(h, id).catch(() => {
    throw forbidden('无权查看该单位的题库，或该单位不存在');
  });
  if (!inScope(p, org.path)) throw forbidden('无权查看该单位的题库，或该单位不存在');
  return org;
}

const ownersOf = (org: Org | null): number[] => (org ? repo.visibleOwners(org.path) : [repo.STARTER_OWNER]);

export interface QuestionQuery {
  readonly orgId?: number;
  readonly law?: string;
  readonly type?: string;
  readonly difficulty?: string;
  readonly q?: string;
  /** From 1. */
  readonly page?: number;
}

/** A page of the current questions an organisation draws from: the starter bank, its own and its superiors'. */
export async function listQuestions(
  h: Db,
  p: Principal,
  q: QuestionQuery,
): Promise<{ items: Question[]; total: number; page: number; pageSize: number }> {
  const org = await bankOrg(h, p, q.orgId);
  const page = Math.max(1, q.page ?? 1);
  const filter = { law: q.law, type: q.type, difficulty: q.difficulty, text: q.q?.trim() };
  const { rows, total } = await repo.listCurrent(h.db, ownersOf(org), filter, {
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const names = await sourceNames(h, org);
  return {
    items: rows.map((r) => toQuestion(r, names.get(r.owner) ?? '')),
    total,
    page,
    pageSize: PAGE_SIZE,
  };
}

/** Current questions an organisation may draw, per law and type. */
export async function questionCounts(
  h: Db,
  p: Principal,
  orgId: number | undefined,
): Promise<{ items: { law: string; lawLabel: string; type: string; n: number }[]; total: number }> {
  const org = await bankOrg(h, p, orgId);
  const rows = org
    ? await repo.availableCounts(h.db, org.id)
    : (await repo.allCurrent(h.db, [repo.STARTER_OWNER])).reduce<{ law: string; type: string; n: number }[]>(
        (acc, r) => {
          const hit = acc.find((c) => c.law === r.law && c.type === r.type);
          if (hit) hit.n++;
          else acc.push({ law: r.law, type: r.type, n: 1 });
          return acc;
        },
        [],
      );
  return {
    items: rows.map((r) => ({ ...r, lawLabel: lawLabel(r.law) })),
    total: rows.reduce((n, r) => n + r.n, 0),
  };
}

/** A draft normalised and checked; the Chinese errors joined into one 400. */
export function checkedDraft(d: QuestionDraft): QuestionDraft {
  const draft = normaliseDraft(d);
  const errors = validateQuestion(draft);
  if (errors.length > 0) throw new UserError(errors.join('；'), 'invalid_question', 400, { errors });
  return draft;
}

/** The next generated codes of an organisation's bank: its code, a dash and a number (440101-0007). */
export async function nextCodes(
  db: Parameters<typeof repo.codesLike>[0],
  org: Org,
  n: number,
  taken: readonly string[] = [],
): Promise<string[]> {
  const prefix = `${org.code}-`;
  const used = [...(await repo.codesLike(db, org.id, prefix)), ...taken]
    .filter((c) => c.startsWith(prefix) && /^\d+$/.test(c.slice(prefix.length)))
    .map((c) => Number(c.slice(prefix.length)));
  const top = Math.max(0, ...used);
  return Array.from({ length: n }, (_, i) => `${prefix}${String(top + 1 + i).padStart(4, '0')}`);
}

const auditOf = (r: { id: number; code: string; version: number; law: string; type: string }) => ({
  id: r.id,
  code: r.code,
  version: r.version,
  law: r.law,
  type: r.type,
});

export async function createQuestion(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { readonly orgId?: number; readonly draft: QuestionDraft },
  at: string,
): Promise<Question> {
  const org = await bankOrg(h, p, input.orgId);
  if (!org) throw new UserError('入门题库随系统发布，不能直接添加题目；请指定单位', 'starter_bank', 403);
  const draft = checkedDraft(input.draft);
  return withAudit(h, actor, at, async (trx) => {
    const [code] = await nextCodes(trx, org, 1);
    const row = rowOfDraft(draft, { owner: org.id, code: code!, version: 1, createdBy: p.id, at });
    const [id] = await repo.insertVersions(trx, [row]);
    const stored = await repo.getQuestion(trx, id!);
    if (!stored) throw notFound('题目写入后未能读回');
    return {
      result: toQuestion(stored, org.name),
      events: [{ action: 'question.create', targetType: 'question', targetId: id, after: auditOf(stored) }],
    };
  });
}

/**
 * The current version of a question the principal may change: in its own organisation's subtree.
 * The starter bank and a superior's questions are read-only (403); another's are not found (404).
 */
async function editable(h: Db, p: Principal, id: number): Promise<{ row: repo.QuestionRow; org: Org }> {
  requireAction(p, 'exams.manage');
  const row = await repo.getQuestion(h.db, id);
  if (!row) throw notFound(`题目 ${id} 不存在或无权查看`);
  const owner = row.owner === repo.STARTER_OWNER ? null : await requireOrg(h, row.owner);
  const seen = owner === null || inScope(p, owner.path) || p.orgPath.startsWith(owner.path);
  if (!seen) throw notFound(`题目 ${id} 不存在或无权查看`);
  if (!owner)
    throw forbidden('入门题库的题目随系统统一维护，不能修改或删除；如需改动，请作为本单位的新题录入');
  if (!inScope(p, owner.path)) throw forbidden(`这是“${owner.name}”的题目，只能由该单位修改或删除`);
  if (row.current !== 1)
    throw new UserError(
      row.retired_at ? '该题已删除' : '该题已有更新的版本，请修改最新版本',
      'not_current',
      409,
    );
  return { row, org: owner };
}

/** A correction: the next version under the same code; the old version stays for the papers that used it. */
export async function correctQuestion(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  input: QuestionDraft,
  at: string,
): Promise<Question> {
  const { row, org } = await editable(h, p, id);
  const draft = checkedDraft(input);
  if (sameContent(draft, draftOfRow(row))) throw new UserError('题目内容没有改动', 'unchanged', 409);
  return withAudit(h, actor, at, async (trx) => {
    const [latest] = await repo.latestVersions(trx, row.owner, [row.code]);
    const version = (latest?.version ?? row.version) + 1;
    await repo.markSuperseded(trx, [row.id]);
    const [newId] = await repo.insertVersions(trx, [
      rowOfDraft(draft, { owner: row.owner, code: row.code, version, createdBy: p.id, at }),
    ]);
    const stored = await repo.getQuestion(trx, newId!);
    if (!stored) throw notFound('题目写入后未能读回');
    return {
      result: toQuestion(stored, org.name),
      events: [
        {
          action: 'question.correct',
          targetType: 'question',
          targetId: newId,
          before: auditOf(row),
          after: auditOf(stored),
        },
      ],
    };
  });
}

/** Takes a question out of the bank: no new paper draws it; papers already drawn keep it. */
export async function retireQuestion(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
): Promise<Question> {
  const { row, org } = await editable(h, p, id);
  return withAudit(h, actor, at, async (trx) => {
    await repo.retireVersions(trx, [row.id], at);
    const stored = await repo.getQuestion(trx, row.id);
    if (!stored) throw notFound(`题目 ${id} 不存在`);
    return {
      result: toQuestion(stored, org.name),
      events: [{ action: 'question.retire', targetType: 'question', targetId: row.id, before: auditOf(row) }],
    };
  });
}
