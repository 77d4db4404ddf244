/**
 * 公众参与 on a major administrative decision (重大行政决策程序暂行条例 第14–15条): the rules of the
 * comment window and the shapes staff and the public see. What the public sees of a comment is
 * only the digest staff wrote for publication, its handling and reason — never the commenter's
 * name or contact, nor the comment's own text.
 */
import { findClock } from '../../catalogue/clocks.ts';
import type { Calendar } from '../../core/calendar.ts';
import { addDays, daysBetween, isIsoDate } from '../../core/dates.ts';
import { computeDeadline } from '../../core/deadlines.ts';
import { UserError } from '../../core/errors.ts';
import type { ConsultationListRow } from '../../db/consultations.repo.ts';
import type { ConsultationCommentRow } from '../../db/schema.ts';

/** Longest accepted text of each field, in characters. */
export const CONSULTATION_LIMITS = {
  title: 200,
  explanation: 20_000,
  draft: 200_000,
  shortReason: 500,
  comment: 2000,
  name: 50,
  contact: 100,
  digest: 500,
  reason: 1000,
  summary: 10_000,
} as const;

/** How a comment was handled (意见采纳情况). */
export const COMMENT_DECISIONS = {
  adopted: '采纳',
  partly: '部分采纳',
  rejected: '不采纳',
} as const;
export type CommentDecision = keyof typeof COMMENT_DECISIONS;

export const isCommentDecision = (s: string): s is CommentDecision => Object.hasOwn(COMMENT_DECISIONS, s);

/** 2025年4月2日, as the portal writes a date. */
export const dayText = (iso: string): string =>
  `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** The longest window accepted: a consultation is about one draft, not a standing notice. */
const MAX_WINDOW_DAYS = 366;

/**
 * A required text field, trimmed: missing or empty and overlong are refused with the field's
 * Chinese name. `max` counts characters as people do (code points).
 */
export function requiredText(label: string, value: string | null | undefined, max: number): string {
  const v = (value ?? '').trim();
  if (!v) throw new UserError(`请填写${label}`, 'invalid_input', 400);
  return limitText(label, v, max);
}

/** An optional text field, trimmed; empty reads as null. */
export function optionalText(label: string, value: string | null | undefined, max: number): string | null {
  const v = (value ?? '').trim();
  return v ? limitText(label, v, max) : null;
}

function limitText(label: string, v: string, max: number): string {
  const n = [...v].length;
  if (n > max) throw new UserError(`${label}不能超过${max}字（现有${n}字）`, 'too_long', 400);
  return v;
}

/**
 * Checks a window opening on `opensOn` and closing on `closesOn` (both days included). 第15条:
 * 公开征求意见的期限一般不少于30日 — counted as the case engine counts its clock (民法典 第201–203条),
 * so the window and the decision's 公众参与 clock agree; shorter only with the stated reason
 * (因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明). Returns the reason to keep: none
 * for a full-length window.
 */
export function checkWindow(
  w: { opensOn: string; closesOn: string; shortReason: string | null },
  calendar: Calendar,
): { shortReason: string | null; minimumClose: string } {
  if (!isIsoDate(w.closesOn))
    throw new UserError(`截止日期“${w.closesOn}”不是有效日期，应为 YYYY-MM-DD`, 'bad_date', 400);
  if (w.closesOn <= w.opensOn)
    throw new UserError(`截止日期（${w.closesOn}）须晚于发布之日（${w.opensOn}）`, 'date_order', 400);
  if (w.closesOn > addDays(w.opensOn, MAX_WINDOW_DAYS))
    throw new UserError(`截止日期（${w.closesOn}）不能晚于发布之日起一年`, 'date_order', 400);
  const rule = findClock('decision.public_comment');
  if (!rule) throw new Error('decision.public_comment is not declared');
  const minimumClose = computeDeadline({ rule, calendar, start: w.opensOn }).due;
  if (w.closesOn >= minimumClose) return { shortReason: null, minimumClose };
  if (!w.shortReason)
    throw new UserError(
      `公开征求意见的期限一般不少于30日（重大行政决策程序暂行条例 第15条）：${w.opensOn}发布的，截止日期不得早于${minimumClose}；因情况紧急等原因需要缩短期限的，须说明理由`,
      'window_too_short',
      400,
    );
  return { shortReason: w.shortReason, minimumClose };
}

/** Where a window stands on `today`: open (with the days left, 0 on its last day) or closed. */
export function windowState(
  c: { closes_on: string },
  today: string,
): { open: boolean; daysLeft: number | null } {
  const open = today <= c.closes_on;
  return { open, daysLeft: open ? daysBetween(today, c.closes_on) : null };
}

/** The published 意见采纳情况. */
export interface ConsultationSummary {
  readonly text: string;
  readonly at: string;
  readonly received: number;
  readonly adopted: number;
  readonly partly: number;
  readonly rejected: number;
}

/** A consultation as staff and the public both see it (without the comments). */
export interface ConsultationInfo {
  readonly id: number;
  readonly caseId: number;
  readonly townshipId: number;
  readonly township: string;
  readonly title: string;
  readonly explanation: string;
  readonly draft: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly shortReason: string | null;
  readonly open: boolean;
  /** Days until the window closes (0 on its last day); null once closed. */
  readonly daysLeft: number | null;
  /** The decision was abandoned (终止): no more comments. */
  readonly abandoned: boolean;
  readonly summary: ConsultationSummary | null;
}

/** What staff see besides: the case, and how many comments there are and are still to handle. */
export interface ConsultationView extends ConsultationInfo {
  readonly caseTitle: string;
  readonly caseState: string;
  readonly comments: number;
  readonly unmarked: number;
  readonly createdAt: string;
}

export function toConsultationView(r: ConsultationListRow, today: string): ConsultationView {
  const abandoned = r.case_state === 'abandoned';
  const window = windowState(r, today);
  return {
    id: Number(r.id),
    caseId: Number(r.record_id),
    townshipId: Number(r.township_id),
    township: r.township,
    title: r.title,
    explanation: r.explanation,
    draft: r.draft,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    shortReason: r.short_reason,
    // An ended decision (终止) takes no more comments, whatever its window said.
    open: window.open && !abandoned,
    daysLeft: abandoned ? null : window.daysLeft,
    abandoned,
    summary:
      r.summary_at === null
        ? null
        : {
            text: r.summary ?? '',
            at: r.summary_at,
            received: Number(r.received ?? 0),
            adopted: Number(r.adopted ?? 0),
            partly: Number(r.partly ?? 0),
            rejected: Number(r.rejected ?? 0),
          },
    caseTitle: r.case_title,
    caseState: r.case_state,
    comments: Number(r.comments ?? 0),
    unmarked: Number(r.unmarked ?? 0),
    createdAt: r.created_at,
  };
}

/** A comment as staff in scope see it: the text, and the name and contact when given. */
export interface CommentView {
  readonly id: number;
  readonly body: string;
  readonly name: string | null;
  readonly contact: string | null;
  readonly createdAt: string;
  readonly decision: CommentDecision | null;
  readonly decisionLabel: string | null;
  readonly reason: string | null;
  readonly digest: string | null;
  readonly decidedAt: string | null;
}

export function toCommentView(r: ConsultationCommentRow): CommentView {
  const decision = r.decision !== null && isCommentDecision(r.decision) ? r.decision : null;
  return {
    id: Number(r.id),
    body: r.body,
    name: r.name,
    contact: r.contact,
    createdAt: r.created_at,
    decision,
    decisionLabel: decision ? COMMENT_DECISIONS[decision] : null,
    reason: r.reason,
    digest: r.digest,
    decidedAt: r.decided_at,
  };
}

/** One opinion as the adoption summary publishes it: its number, digest, handling and reason. */
export interface PublishedOpinion {
  readonly no: number;
  readonly digest: string;
  readonly decision: CommentDecision;
  readonly decisionLabel: string;
  readonly reason: string | null;
}

/** The opinions of a summarised consultation, numbered in the order they came. */
export function publishedOpinions(rows: readonly ConsultationCommentRow[]): PublishedOpinion[] {
  return rows.flatMap((r, i) => {
    const v = toCommentView(r);
    return v.decision && v.digest
      ? [
          {
            no: i + 1,
            digest: v.digest,
            decision: v.decision,
            decisionLabel: COMMENT_DECISIONS[v.decision],
            reason: v.reason,
          },
        ]
      : [];
  });
}

/** Counts of a consultation's comments by their handling. */
export function countComments(rows: readonly { decision: string | null }[]) {
  const n = (d: CommentDecision) => rows.filter((r) => r.decision === d).length;
  return {
    received: rows.length,
    adopted: n('adopted'),
    partly: n('partly'),
    rejected: n('rejected'),
    unmarked: rows.filter((r) => r.decision === null).length,
  };
}
