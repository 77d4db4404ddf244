import type { Kysely, Transaction } from 'kysely';
import type { Database, PublicReplyRow } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const COLUMNS = ['request_id', 'sha256', 'file_name', 'mime', 'size', 'uploaded_by', 'uploaded_at'] as const;

/** Stores a request's reply document, replacing the one uploaded before (a request has one). */
export async function putReply(db: Q, r: PublicReplyRow): Promise<void> {
  await db
    .insertInto('public_replies')
    .values(r)
    .onConflict((oc) =>
      oc.column('request_id').doUpdateSet({
        sha256: r.sha256,
        file_name: r.file_name,
        mime: r.mime,
        size: r.size,
        uploaded_by: r.uploaded_by,
        uploaded_at: r.uploaded_at,
      }),
    )
    .execute();
}

export async function replyOf(db: Q, requestId: number): Promise<PublicReplyRow | undefined> {
  return db
    .selectFrom('public_replies')
    .select(COLUMNS)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

/** How many reply documents point at a stored file, so a file still in use is never removed. */
export async function repliesWithSha(db: Q, sha256: string): Promise<number> {
  const r = await db
    .selectFrom('public_replies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
