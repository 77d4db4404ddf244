/**
 * The township's side of 公众参与: publishing a decision's draft for comment (which takes the
 * case's 公开征求意见 step), handling each comment, and publishing the 意见采纳情况 (which completes
 * the case's 公众参与 with its counts). Each write checks the principal's right and scope and
 * commits with its audit entries; the entries hold ids, dates, states and counts, never a
 * resident's text, name or contact.
 */
import { stateOf } from '../../catalogue/cases.ts';
import { majorDecision } from '../../catalogue/cases/majorDecision.ts';
import type { MoveCommand } from '../../core/cases.ts';
import { todayOf } from '../../core/dates.ts';
import { UserError, notFound } from '../../core/errors.ts';
import * as cases from '../../db/cases.repo.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/consultations.repo.ts';
import {
  forbidden,
  inScope,
  isSystem,
  kindAllowed,
  requireAction,
  scopeOf,
  type Principal,
} from '../access.ts';
import { withAudit, type AuditActor, type AuditEvent } from '../audit.ts';
import { refusalError, stepCase, townshipContext } from '../cases.ts';
import { requireOrg } from '../orgs.ts';
import { workingCalendar } from '../working-calendar.ts';
import {
  CONSULTATION_LIMITS as L,
  COMMENT_DECISIONS,
  checkWindow,
  countComments,
  isCommentDecision,
  optionalText,
  requiredText,
  toCommentView,
  toConsultationView,
  type CommentView,
  type ConsultationView,
} from './consultations.ts';

/** A consultation with its comments, as staff in scope see it. */
export interface ConsultationDetail extends ConsultationView {
  readonly items: readonly CommentView[];
}

const missing = (id: number) => notFound(`征求意见 ${id} 不存在或无权查看`);

/** Who takes the case step: the user in its own role; the console as the township's staff. */
function stepper(p: Principal): Pick<MoveCommand, 'role' | 'actor'> {
  return isSystem(p)
    ? { role: 'township_staff', actor: null }
    : { role: p.role, actor: p.name ?? p.username };
}

function readable(p: Principal): void {
  requireAction(p, 'consultations.read');
  if (!kindAllowed(p.role, 'read', majorDecision.kind)) throw forbidden('当前角色无权查看重大行政决策');
}

/** The consultations in the principal's scope (optionally one township's), the latest window first. */
export async function listConsultations(
  h: Db,
  p: Principal,
  q: { townshipId?: number },
  at: string,
): Promise<ConsultationView[]> {
  readable(p);
  if (q.townshipId !== undefined) {
    const t = await requireOrg(h, q.townshipId).catch(() => null);
    if (!t || !inScope(p, t.path)) throw forbidden('无权查看该组织的数据，或该组织不存在');
  }
  const rows = await repo.listConsultations(h.db, {
    scope: scopeOf(p),
    ...(q.townshipId !== undefined ? { townshipId: q.townshipId } : {}),
  });
  const today = todayOf(at);
  return rows.map((r) => toConsultationView(r, today));
}

/** One consultation with every comment (name and contact included), for staff in scope. */
export async function consultationDetail(
  h: Db,
  p: Principal,
  id: number,
  at: string,
): Promise<ConsultationDetail> {
  readable(p);
  const row = await repo.getConsultation(h.db, { scope: scopeOf(p) }, id);
  if (!row) throw missing(id);
  const comments = await repo.listComments(h.db, id);
  return { ...toConsultationView(row, todayOf(at)), items: comments.map(toCommentView) };
}

export interface PublishInput {
  /** The major_decision case (its record id). */
  readonly caseId: number;
  readonly title: string;
  /** 起草说明. */
  readonly explanation: string;
  readonly draft: string;
  /** Last day comments are taken. */
  readonly closesOn: string;
  readonly shortReason?: string | null;
}

/**
 * Publishes a decision's draft for comment from today to `closesOn`, and takes the case's
 * 公开征求意见 step with the window in the same transaction (the case must be 拟订中).
 */
export async function publishConsultation(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: PublishInput,
  at: string,
): Promise<ConsultationDetail> {
  requireAction(p, 'consultations.manage');
  requireAction(p, 'cases.act');
  const title = requiredText('标题', input.title, L.title);
  const explanation = requiredText('起草说明', input.explanation, L.explanation);
  const draft = requiredText('草案文本', input.draft, L.draft);
  const shortReason = optionalText('缩短期限的理由', input.shortReason, L.shortReason);
  const scope = scopeOf(p);
  const found = await cases.getCase(h.db, scope, input.caseId);
  if (!found || found.type !== majorDecision.kind || !kindAllowed(p.role, 'read', found.type))
    throw notFound(`重大行政决策案件 ${input.caseId} 不存在或无权查看`);
  if (found.state !== majorDecision.initial)
    throw new UserError(
      `只能为“拟订中”的重大行政决策发布征求意见，该决策当前处于“${stateOf(majorDecision, found.state)?.label ?? found.state}”`,
      'bad_state',
      409,
    );
  if ((await repo.consultationOfRecord(h.db, input.caseId)) !== undefined)
    throw new UserError('该决策已发布过征求意见', 'duplicate', 409);
  const opensOn = todayOf(at);
  const window = checkWindow({ opensOn, closesOn: input.closesOn, shortReason }, await workingCalendar(h));
  const ctx = await townshipContext(h, await requireOrg(h, found.township_id));
  const id = await withAudit(h, actor, at, async (trx) => {
    const step = await stepCase(
      h,
      trx,
      ctx,
      scope,
      input.caseId,
      {
        action: 'comment',
        ...stepper(p),
        date: opensOn,
        values: {
          commentCloses: input.closesOn,
          ...(window.shortReason ? { commentShortReason: window.shortReason } : {}),
        },
      },
      at,
    );
    if (step.refusal) throw refusalError(step.refusal);
    const id = await repo.insertConsultation(trx, {
      recordId: input.caseId,
      countyId: ctx.countyId,
      townshipId: found.township_id,
      title,
      explanation,
      draft,
      opensOn,
      closesOn: input.closesOn,
      shortReason: window.shortReason,
      publishedBy: p.id,
      createdAt: at,
    });
    return {
      result: id,
      events: [
        {
          action: 'consultation.publish',
          targetType: 'consultation',
          targetId: id,
          after: {
            caseId: input.caseId,
            townshipId: found.township_id,
            opensOn,
            closesOn: input.closesOn,
            shortened: window.shortReason !== null,
          },
        },
        {
          action: 'case.comment',
          targetType: 'case',
          targetId: input.caseId,
          before: step.before,
          after: step.after,
        },
      ],
    };
  });
  return consultationDetail(h, p, id, at);
}

export interface MarkInput {
  readonly consultationId: number;
  readonly commentId: number;
  readonly decision: string;
  readonly reason?: string | null;
  /** 意见摘要: published in place of the comment's own text. */
  readonly digest: string;
}

/** Marks a comment 采纳/部分采纳/不采纳 (a reason required for the last two) with its digest; changeable until the summary is out. */
export async function markComment(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: MarkInput,
  at: string,
): Promise<CommentView> {
  requireAction(p, 'consultations.manage');
  if (!isCommentDecision(input.decision))
    throw new UserError(`处理结果应为：${Object.values(COMMENT_DECISIONS).join('、')}`, 'invalid_input', 400);
  const decision = input.decision;
  const digest = requiredText('意见摘要', input.digest, L.digest);
  const reason = optionalText('理由', input.reason, L.reason);
  if (decision !== 'adopted' && !reason)
    throw new UserError(`${COMMENT_DECISIONS[decision]}的，须说明理由`, 'reason_required', 400);
  const row = await repo.getConsultation(h.db, { scope: scopeOf(p) }, input.consultationId);
  if (!row) throw missing(input.consultationId);
  return withAudit(h, actor, at, async (trx) => {
    if (h.dialect.rowLocks) await repo.lockConsultation(trx, row.id);
    const now = await repo.getConsultation(trx, { scope: scopeOf(p) }, row.id);
    if (now?.summary_at) throw summaryOut(now.summary_at);
    const before = await repo.getComment(trx, row.id, input.commentId);
    if (!before) throw notFound(`意见 ${input.commentId} 不存在`);
    await repo.markComment(trx, before.id, { decision, reason, digest, by: p.id, at });
    const after = await repo.getComment(trx, row.id, before.id);
    if (!after) throw notFound(`意见 ${input.commentId} 不存在`);
    return {
      result: toCommentView(after),
      events: [
        {
          action: 'consultation.mark',
          targetType: 'consultation_comment',
          targetId: before.id,
          before: { decision: before.decision },
          after: { consultation: row.id, decision },
        },
      ],
    };
  });
}

const summaryOut = (at: string) =>
  new UserError(`意见采纳情况已于${todayOf(at)}公布，不能再修改`, 'published', 409);

/**
 * Publishes the 意见采纳情况 once the window has closed and every comment is handled, and — while
 * the case is in 公众参与 — takes its 公众参与完成 step with the counts in the same transaction.
 */
export async function publishSummary(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { consultationId: number; text: string },
  at: string,
): Promise<ConsultationDetail> {
  requireAction(p, 'consultations.manage');
  const text = requiredText('意见采纳情况说明', input.text, L.summary);
  const scope = scopeOf(p);
  const row = await repo.getConsultation(h.db, { scope }, input.consultationId);
  if (!row) throw missing(input.consultationId);
  if (row.summary_at) throw summaryOut(row.summary_at);
  const today = todayOf(at);
  if (today <= row.closes_on)
    throw new UserError(
      `征求意见至${row.closes_on}截止，截止后方可公布意见采纳情况（重大行政决策程序暂行条例 第15条）`,
      'window_open',
      409,
    );
  const ctx = await townshipContext(h, await requireOrg(h, row.township_id));
  const caseId = Number(row.record_id);
  await withAudit(h, actor, at, async (trx) => {
    if (h.dialect.rowLocks) await repo.lockConsultation(trx, row.id);
    const counts = countComments(await repo.listComments(trx, row.id));
    if (counts.unmarked > 0)
      throw new UserError(
        `尚有${counts.unmarked}条意见未处理（采纳、部分采纳或不采纳），全部处理后方可公布意见采纳情况`,
        'unmarked',
        409,
      );
    const { received, adopted, partly, rejected } = counts;
    if (!(await repo.setSummary(trx, row.id, { summary: text, at, received, adopted, partly, rejected })))
      throw summaryOut(at);
    const c = await cases.getCase(trx, scope, caseId);
    const events: AuditEvent[] = [
      {
        action: 'consultation.summary',
        targetType: 'consultation',
        targetId: row.id,
        after: { caseId, received, adopted, partly, rejected },
      },
    ];
    // A decision already past 公众参与 (or ended) keeps its case as it stands.
    if (c?.state === 'public_comment') {
      const step = await stepCase(
        h,
        trx,
        ctx,
        scope,
        caseId,
        {
          action: 'comment_done',
          ...stepper(p),
          date: today,
          values: {
            commentsReceived: received,
            commentsAdopted: adopted,
            commentsPartly: partly,
            commentsRejected: rejected,
          },
        },
        at,
      );
      if (step.refusal) throw refusalError(step.refusal);
      events.push({
        action: 'case.comment_done',
        targetType: 'case',
        targetId: caseId,
        before: step.before,
        after: step.after,
      });
    }
    return { result: undefined, events };
  });
  return consultationDetail(h, p, row.id, at);
}
