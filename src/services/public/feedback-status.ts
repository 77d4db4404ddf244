/**
 * Following and rating a resident's feedback: the public sees the case's progress by its code
 * (labels and dates only: no staff, no parties, no reasons); once the case is closed the resident
 * rates it once, and the rating becomes the record's `satisfaction`, which 满意率 counts.
 */
import { findCaseType, stateOf } from '../../catalogue/cases.ts';
import {
  FEEDBACK_CASE_TYPES,
  FEEDBACK_RATINGS,
  ratingLabel,
  type FeedbackCaseType,
  type FeedbackRating,
} from '../../catalogue/feedback.ts';
import type { FieldValue } from '../../catalogue/fields.ts';
import { todayOf } from '../../core/dates.ts';
import { UserError, notFound } from '../../core/errors.ts';
import { ALL } from '../../core/scope.ts';
import * as cases from '../../db/cases.repo.ts';
import type { Db } from '../../db/connect.ts';
import { rateRequest, requestByCode, requestOfRecord } from '../../db/public.repo.ts';
import { getRecord, updateRecord } from '../../db/records.repo.ts';
import type { PublicRequestRow } from '../../db/schema.ts';
import { kindAllowed, requireAction, scopeOf, type Principal } from '../access.ts';
import { auditRead, withAudit, type AuditActor } from '../audit.ts';
import { requireOrg, type Org } from '../orgs.ts';
import { codeHash, notFoundCode } from './codes.ts';
import type { FeedbackContent, FeedbackPerson } from './feedback.ts';
import { publicActor } from './guard.ts';

export const MAX_RATING_COMMENT = 500;

/** A feedback's progress as its code shows it to anyone holding the code. */
export interface FeedbackStatus {
  readonly township: string;
  readonly village: string | null;
  readonly category: string;
  readonly caseType: string;
  readonly submittedOn: string;
  readonly stateLabel: string;
  readonly closed: boolean;
  /** The running clock's due date while open. */
  readonly due: string | null;
  readonly closedOn: string | null;
  readonly steps: readonly { readonly label: string; readonly date: string }[];
  /** The rating and the day (in China) it was given. */
  readonly rating: { readonly value: string; readonly label: string; readonly on: string } | null;
  readonly canRate: boolean;
}

const isClosed = (caseType: string, data: Readonly<Record<string, FieldValue>>): boolean =>
  caseType in FEEDBACK_CASE_TYPES &&
  (FEEDBACK_CASE_TYPES[caseType as FeedbackCaseType].closed as readonly string[]).includes(
    String(data.status ?? ''),
  );

async function feedbackOf(
  h: Db,
  db: Db['db'],
  code: string,
  county?: Org,
): Promise<{ row: PublicRequestRow; c: cases.CaseListRow; data: Record<string, FieldValue> }> {
  const row = await requestByCode(db, 'feedback', codeHash(code));
  if (!row || row.record_id === null || (county && row.county_id !== county.id)) throw notFoundCode();
  const c = await cases.getCase(db, ALL, Number(row.record_id));
  if (!c) throw notFoundCode();
  return { row, c, data: h.dialect.readJson(c.data) as Record<string, FieldValue> };
}

/** The progress of the feedback a code belongs to (in `county` when given: another county's code is unknown). */
export async function feedbackStatus(h: Db, code: string, county?: Org): Promise<FeedbackStatus> {
  const { row, c, data } = await feedbackOf(h, h.db, code, county);
  const content = JSON.parse(row.content) as FeedbackContent;
  const type = findCaseType(c.type);
  const events = await cases.listEvents(h.db, [Number(row.record_id)]);
  const closed = isClosed(c.type, data);
  return {
    township: (await requireOrg(h, row.township_id)).name,
    village: content.village?.name ?? null,
    category: content.category.label,
    caseType: type?.label ?? c.type,
    submittedOn: c.date,
    stateLabel: (type && stateOf(type, c.state)?.label) ?? c.state,
    closed,
    due: closed ? null : c.next_due,
    closedOn: closed && typeof data.closedDate === 'string' ? data.closedDate : null,
    // Only what happened and when: who took a step and why stay with the township.
    steps: events
      .filter((e) => e.outcome === 'done' && e.action !== 'assign')
      .map((e) => ({ label: e.label, date: e.date })),
    rating: row.rating
      ? { value: row.rating, label: ratingLabel(row.rating), on: row.rated_at ? todayOf(row.rated_at) : '' }
      : null,
    canRate: closed && row.rating === null,
  };
}

/**
 * The resident's rating of a closed case, once: stored with the request and as the case record's
 * `satisfaction`, so the township's 满意率 follows the residents' own ratings. The unguessable
 * code is the credential and it rates one case once, so no proof of work is asked for.
 */
export async function rateFeedback(
  h: Db,
  input: {
    readonly code: string;
    readonly rating: string;
    readonly comment?: string;
  },
  ctx: { readonly ip: string; readonly now: Date },
): Promise<{ rating: string }> {
  if (!FEEDBACK_RATINGS.some((r) => r.value === input.rating))
    throw new UserError('请选择满意、基本满意或不满意', 'invalid_rating', 400);
  const rating = input.rating as FeedbackRating;
  const comment = (input.comment ?? '').trim();
  if ([...comment].length > MAX_RATING_COMMENT)
    throw new UserError(`评价意见不能超过 ${MAX_RATING_COMMENT} 字`, 'invalid_rating', 400);
  const { row, c, data } = await feedbackOf(h, h.db, input.code);
  const already = () => new UserError('您已评价过，每件诉求只能评价一次', 'already_rated', 409);
  if (row.rating !== null) throw already();
  if (!isClosed(c.type, data)) throw new UserError('诉求办结后才能评价，请在办结后再来', 'not_closed', 409);
  const at = ctx.now.toISOString();
  const recordId = Number(row.record_id);
  await withAudit(h, publicActor(ctx.ip), at, async (trx) => {
    if (!(await rateRequest(trx, row.id, { rating, comment: comment || null, at }))) throw already();
    const rec = await getRecord(trx, ALL, recordId);
    if (!rec) throw notFoundCode();
    const before = h.dialect.readJson(rec.data) as Record<string, FieldValue>;
    await updateRecord(trx, ALL, recordId, {
      date: rec.date,
      end_date: rec.end_date,
      title: rec.title,
      data: JSON.stringify({ ...before, satisfaction: rating }),
      dedup_key: rec.dedup_key,
      org_id: rec.org_id,
      updated_at: at,
    });
    return {
      result: undefined,
      events: [
        {
          action: 'feedback.rate',
          targetType: 'case',
          targetId: recordId,
          before: { satisfaction: before.satisfaction ?? null },
          after: { satisfaction: rating, commented: comment !== '' },
        },
      ],
    };
  });
  return { rating: ratingLabel(rating) };
}

/** What staff see of the resident behind a case: the report and the contact (personal information). */
export interface CaseFeedback {
  readonly category: string;
  readonly village: string | null;
  readonly description: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly photos: number;
  readonly submittedAt: string;
  readonly rating: string | null;
  readonly ratingComment: string | null;
  readonly ratedAt: string | null;
  /** The retention period has passed: the contact and text are gone. */
  readonly anonymised: boolean;
}

/**
 * The feedback behind a case, for staff who may see the case (its township's subtree, a kind
 * their role reads); null for a case no resident filed. Reading the contact is audited.
 */
export async function caseFeedback(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
): Promise<CaseFeedback | null> {
  requireAction(p, 'cases.read');
  const c = await cases.getCase(h.db, scopeOf(p), id);
  if (!c || !kindAllowed(p.role, 'read', c.type)) throw notFound(`案件 ${id} 不存在或无权查看`);
  const row = await requestOfRecord(h.db, id);
  if (!row || row.kind !== 'feedback') return null;
  const content = JSON.parse(row.content) as Partial<FeedbackContent>;
  const person = JSON.parse(row.person) as Partial<FeedbackPerson>;
  await auditRead(h, actor, at, { action: 'feedback.contact_read', targetType: 'case', targetId: id });
  return {
    category: content.category?.label ?? '',
    village: content.village?.name ?? null,
    description: content.description ?? '',
    name: person.name ?? null,
    phone: person.phone ?? null,
    photos: content.photos ?? 0,
    submittedAt: row.created_at,
    rating: row.rating ? ratingLabel(row.rating) : null,
    ratingComment: row.rating_comment,
    ratedAt: row.rated_at,
    anonymised: row.anonymised_at !== null,
  };
}
