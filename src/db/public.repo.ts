import type { Kysely, Transaction } from 'kysely';
import { inTransaction, replaceRecordCells } from './indicator-cells.repo.ts';
import { lockedCellRows } from './records.repo.ts';
import type { Database, PublicRequestRow } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Marks a proof-of-work challenge answered. False when it already was (a replay): the primary
 * key refuses the second insert, whichever server sees it.
 */
export async function useChallenge(db: Q, id: string, expiresAt: string, now: string): Promise<boolean> {
  await db.deleteFrom('public_challenges').where('expires_at', '<', now).execute();
  const r = await db
    .insertInto('public_challenges')
    .values({ id, expires_at: expiresAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export interface NewPublicRequest {
  readonly kind: string;
  readonly codeHash: string;
  readonly countyId: number;
  readonly townshipId: number;
  readonly recordId: number | null;
  readonly person: string;
  readonly content: string;
  readonly contentHash: string;
  readonly createdAt: string;
}

export async function insertPublicRequest(db: Q, r: NewPublicRequest): Promise<number> {
  const row = await db
    .insertInto('public_requests')
    .values({
      kind: r.kind,
      code_hash: r.codeHash,
      county_id: r.countyId,
      township_id: r.townshipId,
      record_id: r.recordId,
      person: r.person,
      content: r.content,
      content_hash: r.contentHash,
      created_at: r.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const COLUMNS = [
  'id',
  'kind',
  'code_hash',
  'county_id',
  'township_id',
  'record_id',
  'person',
  'content',
  'content_hash',
  'created_at',
  'rating',
  'rating_comment',
  'rated_at',
  'anonymised_at',
] as const;

export async function requestByCode(
  db: Q,
  kind: string,
  codeHash: string,
): Promise<PublicRequestRow | undefined> {
  return db
    .selectFrom('public_requests')
    .select(COLUMNS)
    .where('code_hash', '=', codeHash)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export async function requestOfRecord(db: Q, recordId: number): Promise<PublicRequestRow | undefined> {
  return db
    .selectFrom('public_requests')
    .select(COLUMNS)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
}

/** True when the same submission (by its hash) was filed since `since`. */
export async function submittedSince(db: Q, contentHash: string, since: string): Promise<boolean> {
  const r = await db
    .selectFrom('public_requests')
    .select('id')
    .where('content_hash', '=', contentHash)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateRequestContent(db: Q, id: number, content: string): Promise<void> {
  await db.updateTable('public_requests').set({ content }).where('id', '=', id).execute();
}

export async function rateRequest(
  db: Q,
  id: number,
  r: { rating: string; comment: string | null; at: string },
): Promise<boolean> {
  const out = await db
    .updateTable('public_requests')
    .set({ rating: r.rating, rating_comment: r.comment, rated_at: r.at })
    .where('id', '=', id)
    .where('rating', 'is', null)
    .executeTakeFirst();
  return Number(out.numUpdatedRows) === 1;
}

/** Requests filed before `before` whose personal information is still held, oldest first. */
export async function dueForAnonymising(db: Q, before: string, limit: number): Promise<PublicRequestRow[]> {
  return db
    .selectFrom('public_requests')
    .select(COLUMNS)
    .where('anonymised_at', 'is', null)
    .where('created_at', '<', before)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Replaces a request's personal information and free text with their anonymised forms. */
export async function anonymiseRequest(
  db: Q,
  id: number,
  r: { person: string; content: string; ratingComment: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('public_requests')
    .set({ person: r.person, content: r.content, rating_comment: r.ratingComment, anonymised_at: r.at })
    .where('id', '=', id)
    .execute();
}

/** The kind of the request a code hash belongs to in a county. */
export async function requestKind(db: Q, codeHash: string, countyId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('public_requests')
    .select('kind')
    .where('code_hash', '=', codeHash)
    .where('county_id', '=', countyId)
    .executeTakeFirst();
  return row?.kind;
}

/** A record's title and data rewritten without personal information (data as JSON text). */
export async function rewriteRecordPersonal(
  db: Q,
  id: number,
  r: { title: string; data: string; at: string },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const old = await lockedCellRows(trx, [id]);
    await trx
      .updateTable('records')
      .set({ title: r.title, data: r.data, updated_at: r.at })
      .where('id', '=', id)
      .execute();
    await replaceRecordCells(
      trx,
      old,
      old.map((o) => ({ ...o, data: r.data })),
    );
  });
}

export async function recordForAnonymising(db: Q, id: number) {
  return db
    .selectFrom('records')
    .select(['id', 'kind', 'title', 'data'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A reply document's name without whatever personal detail it carried, keeping its extension. */
export async function renameReplyFile(db: Q, requestId: number, name: string): Promise<void> {
  const r = await db
    .selectFrom('public_replies')
    .select('file_name')
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (!r) return;
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(r.file_name)?.[0] ?? '';
  await db
    .updateTable('public_replies')
    .set({ file_name: `${name}${ext}` })
    .where('request_id', '=', requestId)
    .execute();
}

/** Drops the name and contact of comments left before `before`; how many comments had any. */
export async function anonymiseCommentsBefore(db: Q, before: string): Promise<number> {
  const r = await db
    .updateTable('consultation_comments')
    .set({ name: null, contact: null })
    .where('created_at', '<', before)
    .where((eb) => eb.or([eb('name', 'is not', null), eb('contact', 'is not', null)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
