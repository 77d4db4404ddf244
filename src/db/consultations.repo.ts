import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Scope } from '../core/scope.ts';
import type { ConsultationCommentRow, ConsultationRow, Database } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const COLUMNS = [
  'consultations.id',
  'consultations.record_id',
  'consultations.county_id',
  'consultations.township_id',
  'consultations.title',
  'consultations.explanation',
  'consultations.draft',
  'consultations.opens_on',
  'consultations.closes_on',
  'consultations.short_reason',
  'consultations.published_by',
  'consultations.created_at',
  'consultations.summary',
  'consultations.summary_at',
  'consultations.received',
  'consultations.adopted',
  'consultations.partly',
  'consultations.rejected',
] as const;

const COMMENT_COLUMNS = [
  'id',
  'consultation_id',
  'body',
  'name',
  'contact',
  'content_hash',
  'created_at',
  'decision',
  'reason',
  'digest',
  'decided_by',
  'decided_at',
] as const;

/** A consultation with its township's name, its case's state and title, and its comments counted. */
export type ConsultationListRow = ConsultationRow & {
  township: string;
  case_state: string;
  case_title: string;
  comments: number | string | bigint | null;
  unmarked: number | string | bigint | null;
};

/** Who may read: a staff scope (the township subtree), a county (the portal), or everything. */
export type ConsultationFilter =
  { readonly scope: Scope; readonly townshipId?: number } | { readonly countyId: number };

function listed(db: Q) {
  return db
    .selectFrom('consultations')
    .innerJoin('orgs', 'orgs.id', 'consultations.township_id')
    .innerJoin('cases', 'cases.record_id', 'consultations.record_id')
    .innerJoin('records', 'records.id', 'consultations.record_id')
    .select([
      ...COLUMNS,
      'orgs.name as township',
      'cases.state as case_state',
      'records.title as case_title',
      (eb) => commentCount(eb, false).as('comments'),
      (eb) => commentCount(eb, true).as('unmarked'),
    ]);
}

function commentCount(eb: ExpressionBuilder<Database, 'consultations'>, unmarkedOnly: boolean) {
  let q = eb
    .selectFrom('consultation_comments as cc')
    .select(eb.fn.countAll().as('n'))
    .whereRef('cc.consultation_id', '=', 'consultations.id');
  if (unmarkedOnly) q = q.where('cc.decision', 'is', null);
  return q;
}

function filtered(db: Q, f: ConsultationFilter) {
  let q = listed(db);
  if ('countyId' in f) return q.where('consultations.county_id', '=', f.countyId);
  if ('path' in f.scope) {
    const path = f.scope.path;
    q = q.where('consultations.township_id', 'in', (eb) =>
      eb.selectFrom('orgs as o').select('o.id').where('o.path', 'like', `${path}%`),
    );
  }
  if (f.townshipId !== undefined) q = q.where('consultations.township_id', '=', f.townshipId);
  return q;
}

/** Consultations visible through the filter, the latest window first. */
export async function listConsultations(db: Q, f: ConsultationFilter): Promise<ConsultationListRow[]> {
  return filtered(db, f)
    .orderBy('consultations.closes_on', 'desc')
    .orderBy('consultations.id', 'desc')
    .limit(500)
    .execute();
}

export async function getConsultation(
  db: Q,
  f: ConsultationFilter,
  id: number,
): Promise<ConsultationListRow | undefined> {
  return filtered(db, f).where('consultations.id', '=', id).executeTakeFirst();
}

export async function consultationOfRecord(db: Q, recordId: number): Promise<number | undefined> {
  const r = await db
    .selectFrom('consultations')
    .select('id')
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return r === undefined ? undefined : Number(r.id);
}

/** Locks a consultation's row until the transaction ends (PostgreSQL), so marking and publishing take turns. */
export async function lockConsultation(db: Q, id: number): Promise<void> {
  await db.selectFrom('consultations').select('id').where('id', '=', id).forUpdate().execute();
}

export interface NewConsultation {
  readonly recordId: number;
  readonly countyId: number;
  readonly townshipId: number;
  readonly title: string;
  readonly explanation: string;
  readonly draft: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly shortReason: string | null;
  readonly publishedBy: number | null;
  readonly createdAt: string;
}

export async function insertConsultation(db: Q, c: NewConsultation): Promise<number> {
  const row = await db
    .insertInto('consultations')
    .values({
      record_id: c.recordId,
      county_id: c.countyId,
      township_id: c.townshipId,
      title: c.title,
      explanation: c.explanation,
      draft: c.draft,
      opens_on: c.opensOn,
      closes_on: c.closesOn,
      short_reason: c.shortReason,
      published_by: c.publishedBy,
      created_at: c.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface SummaryRow {
  readonly summary: string;
  readonly at: string;
  readonly received: number;
  readonly adopted: number;
  readonly partly: number;
  readonly rejected: number;
}

/** Stores the 意见采纳情况 once: false when it was already published. */
export async function setSummary(db: Q, id: number, s: SummaryRow): Promise<boolean> {
  const r = await db
    .updateTable('consultations')
    .set({
      summary: s.summary,
      summary_at: s.at,
      received: s.received,
      adopted: s.adopted,
      partly: s.partly,
      rejected: s.rejected,
    })
    .where('id', '=', id)
    .where('summary_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A consultation's comments, oldest first. */
export async function listComments(db: Q, consultationId: number): Promise<ConsultationCommentRow[]> {
  return db
    .selectFrom('consultation_comments')
    .select(COMMENT_COLUMNS)
    .where('consultation_id', '=', consultationId)
    .orderBy('id')
    .execute();
}

export async function getComment(
  db: Q,
  consultationId: number,
  id: number,
): Promise<ConsultationCommentRow | undefined> {
  return db
    .selectFrom('consultation_comments')
    .select(COMMENT_COLUMNS)
    .where('consultation_id', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface NewComment {
  readonly consultationId: number;
  readonly body: string;
  readonly name: string | null;
  readonly contact: string | null;
  readonly contentHash: string;
  readonly createdAt: string;
}

export async function insertComment(db: Q, c: NewComment): Promise<number> {
  const row = await db
    .insertInto('consultation_comments')
    .values({
      consultation_id: c.consultationId,
      body: c.body,
      name: c.name,
      contact: c.contact,
      content_hash: c.contentHash,
      created_at: c.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** True when the same text was left on the consultation since `since`. */
export async function commentedSince(
  db: Q,
  consultationId: number,
  contentHash: string,
  since: string,
): Promise<boolean> {
  const r = await db
    .selectFrom('consultation_comments')
    .select('id')
    .where('consultation_id', '=', consultationId)
    .where('content_hash', '=', contentHash)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return r !== undefined;
}

export interface CommentMark {
  readonly decision: string;
  readonly reason: string | null;
  readonly digest: string;
  readonly by: number | null;
  readonly at: string;
}

export async function markComment(db: Q, id: number, m: CommentMark): Promise<void> {
  await db
    .updateTable('consultation_comments')
    .set({ decision: m.decision, reason: m.reason, digest: m.digest, decided_by: m.by, decided_at: m.at })
    .where('id', '=', id)
    .execute();
}
