import type { Transaction } from 'kysely';
import { getKind } from '../catalogue/kinds.ts';
import { STUDY_AUDIENCES, type StudyAudience } from '../catalogue/questions.ts';
import { todayOf } from '../core/dates.ts';
import { UserError, notFound } from '../core/errors.ts';
import { subtree } from '../core/scope.ts';
import {
  itemState,
  monthReached,
  summarisePlan,
  type PlanCounts,
  type PlanItemState,
  type PlanLine,
} from '../core/study-plan.ts';
import type { Db } from '../db/connect.ts';
import { getOrg } from '../db/orgs.repo.ts';
import { getRecord } from '../db/records.repo.ts';
import type { Database } from '../db/schema.ts';
import * as repo from '../db/study-plans.repo.ts';
import { inScope, requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { requireOrg, toOrg, type Org } from './orgs.ts';

/**
 * 学法计划（学法清单）: the year's planned study of a township, or of the county for its departments —
 * 中心组学法 sessions and 集中学法 topics by month and audience — each item fulfilled by the
 * study record (学法培训) that carried it out.
 */

/** The study forms (学习形式) a plan item may take: study_session's own sessionType options. */
export const SESSION_TYPES: readonly { readonly value: string; readonly label: string }[] = (() => {
  const f = getKind('study_session').fields.find((x) => x.key === 'sessionType');
  return f && f.type === 'enum' ? f.options : [];
})();
const TYPE_ORDER = SESSION_TYPES.map((t) => t.value);
const typeLabel = (v: string): string => SESSION_TYPES.find((t) => t.value === v)?.label ?? v;

export const TOPIC_MAX = 200;
export const LAWS_MAX = 1000;
/** How many unlinked records a candidate list offers. */
const CANDIDATES = 20;

export interface StudyPlanItem {
  readonly id: number;
  readonly orgId: number;
  readonly year: number;
  readonly sessionType: string;
  readonly sessionTypeLabel: string;
  readonly topic: string;
  readonly laws: string | null;
  readonly month: number;
  readonly audience: StudyAudience;
  readonly audienceLabel: string;
  /** The study record that fulfilled the item. */
  readonly record: { readonly id: number; readonly title: string; readonly date: string } | null;
  readonly state: PlanItemState;
}

export interface StudyPlanInput {
  readonly sessionType: string;
  readonly topic: string;
  readonly laws?: string | null;
  readonly month: number;
  readonly audience: string;
}

export interface PlanProgress {
  readonly orgId: number;
  readonly org: string;
  readonly year: number;
  /** The month the year has reached: 0 before it, 13 after it. */
  readonly reached: number;
  readonly total: PlanCounts;
  readonly byType: readonly (PlanCounts & { readonly sessionType: string; readonly label: string })[];
  readonly overdueItems: readonly { id: number; month: number; topic: string; sessionTypeLabel: string }[];
}

const hidden = (id: number) => notFound(`学法计划项 ${id} 不存在或无权查看`);

/** The organisation whose plan is read or written: a township or county inside the principal's scope. */
async function planOrg(h: Db, p: Principal, orgId: number): Promise<Org> {
  requireAction(p, 'study.plan');
  const org = await requireOrg(h, orgId).catch(() => {
    throw notFound(`组织 ${orgId} 不存在或无权查看`);
  });
  if (!inScope(p, org.path)) throw notFound(`组织 ${orgId} 不存在或无权查看`);
  if (org.kind !== 'township' && org.kind !== 'county')
    throw new UserError(`学法计划由乡镇（街道）或县（区）制定，“${org.name}”不是乡镇或县`, 'plan_org');
  return org;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new UserError('计划年度应为2000至2100之间的年份', 'plan_year');
}

/** The item as stored, checked; Chinese errors name what is wrong. */
function checked(input: StudyPlanInput) {
  if (!TYPE_ORDER.includes(input.sessionType))
    throw new UserError(
      `学习形式应为${SESSION_TYPES.map((t) => t.label).join('、')}之一`,
      'plan_session_type',
    );
  const topic = input.topic.trim();
  if (topic === '') throw new UserError('请填写学习内容（主题）', 'plan_topic');
  if (topic.length > TOPIC_MAX) throw new UserError(`学习内容不能超过${TOPIC_MAX}字`, 'plan_topic');
  const laws = input.laws?.trim() || null;
  if (laws !== null && laws.length > LAWS_MAX)
    throw new UserError(`学习法律法规不能超过${LAWS_MAX}字`, 'plan_laws');
  if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12)
    throw new UserError('计划月份应为1至12月', 'plan_month');
  if (!(input.audience in STUDY_AUDIENCES))
    throw new UserError(`参学对象应为${Object.values(STUDY_AUDIENCES).join('、')}之一`, 'plan_audience');
  return { session_type: input.sessionType, topic, laws, month: input.month, audience: input.audience };
}

function toItem(r: repo.StudyPlanItemWithRecord, reached: number): StudyPlanItem {
  const recordId = r.record_id === null ? null : Number(r.record_id);
  const audience = r.audience as StudyAudience;
  return {
    id: Number(r.id),
    orgId: r.org_id,
    year: r.year,
    sessionType: r.session_type,
    sessionTypeLabel: typeLabel(r.session_type),
    topic: r.topic,
    laws: r.laws,
    month: r.month,
    audience,
    audienceLabel: STUDY_AUDIENCES[audience] ?? r.audience,
    record:
      recordId === null ? null : { id: recordId, title: r.record_title ?? '', date: r.record_date ?? '' },
    state: itemState({ month: r.month, recordId }, reached),
  };
}

/** What the audit entry keeps of an item: ids, codes and the planned topic (no personal data). */
const audited = (i: StudyPlanItem) => ({
  orgId: i.orgId,
  year: i.year,
  sessionType: i.sessionType,
  topic: i.topic,
  laws: i.laws,
  month: i.month,
  audience: i.audience,
  recordId: i.record?.id ?? null,
});

/** An item the principal may see, with its organisation. */
async function visibleItem(h: Db, p: Principal, id: number, q: Transaction<Database> | Db['db'] = h.db) {
  requireAction(p, 'study.plan');
  const row = await repo.getItem(q, id);
  if (!row) throw hidden(id);
  const o = await getOrg(q, row.org_id);
  const org = o ? toOrg(o) : undefined;
  if (!org || !inScope(p, org.path)) throw hidden(id);
  return { row, org };
}

/** An organisation's plan of a year, by month, each item with its record and state on `at`. */
export async function listStudyPlan(
  h: Db,
  p: Principal,
  q: { orgId: number; year: number },
  at: string,
): Promise<{ orgId: number; org: string; year: number; items: StudyPlanItem[] }> {
  const org = await planOrg(h, p, q.orgId);
  checkYear(q.year);
  const reached = monthReached(q.year, todayOf(at));
  const rows = await repo.listItems(h.db, org.id, q.year);
  return { orgId: org.id, org: org.name, year: q.year, items: rows.map((r) => toItem(r, reached)) };
}

export async function createPlanItem(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: StudyPlanInput & { orgId: number; year: number },
  at: string,
): Promise<StudyPlanItem> {
  const org = await planOrg(h, p, input.orgId);
  checkYear(input.year);
  const row = checked(input);
  const reached = monthReached(input.year, todayOf(at));
  return withAudit(h, actor, at, async (trx) => {
    const id = await repo.insertItem(trx, {
      ...row,
      org_id: org.id,
      year: input.year,
      record_id: null,
      created_by: p.id,
      created_at: at,
    });
    const item = toItem((await repo.getItem(trx, id))!, reached);
    return {
      result: item,
      events: [
        { action: 'study_plan.create', targetType: 'study_plan_item', targetId: id, after: audited(item) },
      ],
    };
  });
}

export async function updatePlanItem(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  input: StudyPlanInput,
  at: string,
): Promise<StudyPlanItem> {
  const set = checked(input);
  return withAudit(h, actor, at, async (trx) => {
    const { row } = await visibleItem(h, p, id, trx);
    const reached = monthReached(row.year, todayOf(at));
    const before = toItem(row, reached);
    await repo.updateItem(trx, id, set);
    const after = toItem((await repo.getItem(trx, id))!, reached);
    return {
      result: after,
      events: [
        {
          action: 'study_plan.update',
          targetType: 'study_plan_item',
          targetId: id,
          before: audited(before),
          after: audited(after),
        },
      ],
    };
  });
}

export async function deletePlanItem(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
): Promise<void> {
  await withAudit(h, actor, at, async (trx) => {
    const { row } = await visibleItem(h, p, id, trx);
    const before = toItem(row, monthReached(row.year, todayOf(at)));
    await repo.deleteItem(trx, id);
    return {
      result: undefined,
      events: [
        { action: 'study_plan.delete', targetType: 'study_plan_item', targetId: id, before: audited(before) },
      ],
    };
  });
}

function isUniqueViolation(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * Links the item to the study record that fulfilled it, or unlinks it (`recordId` null). The record
 * must be a 学法培训 record of the plan organisation's subtree, of the plan's year and form, and
 * fulfil no other item.
 */
export async function linkPlanItem(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  recordId: number | null,
  at: string,
): Promise<StudyPlanItem> {
  return withAudit(h, actor, at, async (trx) => {
    const { row, org } = await visibleItem(h, p, id, trx);
    const reached = monthReached(row.year, todayOf(at));
    const before = toItem(row, reached);
    if (recordId !== null) {
      const rec = await getRecord(trx, subtree(org.path), recordId);
      if (!rec) throw notFound(`记录 ${recordId} 不存在，或不属于${org.name}`);
      if (rec.kind !== 'study_session') throw new UserError('计划项只能对应学法培训记录', 'plan_record_kind');
      if (Number(rec.date.slice(0, 4)) !== row.year)
        throw new UserError(`该学法记录的日期（${rec.date}）不在${row.year}年`, 'plan_record_year');
      const raw = h.dialect.readJson(rec.data).sessionType;
      const type = typeof raw === 'string' ? raw : '';
      if (type !== row.session_type)
        throw new UserError(
          `该学法记录的学习形式为“${typeLabel(type)}”，与计划项的“${typeLabel(row.session_type)}”不一致`,
          'plan_record_type',
        );
      const other = await repo.itemOfRecord(trx, recordId);
      if (other && Number(other.id) !== id)
        throw new UserError('该学法记录已对应另一计划项', 'plan_record_taken', 409);
    }
    try {
      await repo.setItemRecord(trx, id, recordId);
    } catch (e) {
      throw isUniqueViolation(e) ? new UserError('该学法记录已对应另一计划项', 'plan_record_taken', 409) : e;
    }
    const after = toItem((await repo.getItem(trx, id))!, reached);
    return {
      result: after,
      events: [
        {
          action: recordId === null ? 'study_plan.unlink' : 'study_plan.link',
          targetType: 'study_plan_item',
          targetId: id,
          before: { recordId: before.record?.id ?? null },
          after: { recordId: after.record?.id ?? null },
        },
      ],
    };
  });
}

/** Study records that may fulfil an item: same form, dated in its month ± 1 of the plan's year, not yet linked. */
export async function planCandidates(
  h: Db,
  p: Principal,
  id: number,
): Promise<{ items: { id: number; title: string; date: string }[] }> {
  const { row, org } = await visibleItem(h, p, id);
  const from = Math.max(1, row.month - 1);
  const to = Math.min(12, row.month + 1);
  const lastDay = new Date(Date.UTC(row.year, to, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  const rows = await repo.candidateRecords(h.db, h.dialect, {
    path: org.path,
    sessionType: row.session_type,
    from: `${row.year}-${pad(from)}-01`,
    to: `${row.year}-${pad(to)}-${pad(lastDay)}`,
    limit: CANDIDATES,
  });
  return { items: rows.map((r) => ({ id: Number(r.id), title: r.title, date: r.date })) };
}

/** Plan lines of an organisation's year, for progress and the report. */
export async function planLines(h: Db, orgId: number, year: number): Promise<PlanLine[]> {
  const rows = await repo.listItems(h.db, orgId, year);
  return rows.map((r) => ({
    id: Number(r.id),
    sessionType: r.session_type,
    month: r.month,
    topic: r.topic,
    recordId: r.record_id === null ? null : Number(r.record_id),
  }));
}

/**
 * Plan against done: per study form and in total, items planned, fulfilled, due by the month
 * reached (`through`, else the month of `at`) and overdue, with the overdue items.
 */
export async function planProgress(
  h: Db,
  p: Principal,
  q: { orgId: number; year: number; through?: number },
  at: string,
): Promise<PlanProgress> {
  const org = await planOrg(h, p, q.orgId);
  checkYear(q.year);
  const reached = q.through ?? monthReached(q.year, todayOf(at));
  const lines = await planLines(h, org.id, q.year);
  const s = summarisePlan(lines, reached, TYPE_ORDER);
  return {
    orgId: org.id,
    org: org.name,
    year: q.year,
    reached: s.reached,
    total: s.total,
    byType: s.byType.map((t) => ({ ...t, label: typeLabel(t.sessionType) })),
    overdueItems: s.overdueItems.map((l) => ({
      id: l.id,
      month: l.month,
      topic: l.topic,
      sessionTypeLabel: typeLabel(l.sessionType),
    })),
  };
}
