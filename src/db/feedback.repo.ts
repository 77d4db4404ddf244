import type { Kysely, Transaction } from 'kysely';
import type { Database, FeedbackRulesTable } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** A county's stored 群众诉求 rules, if it has set any. */
export async function rulesOfCounty(db: Q, countyId: number): Promise<FeedbackRulesTable | undefined> {
  return db
    .selectFrom('feedback_rules')
    .select(['county_id', 'categories', 'updated_at', 'updated_by'])
    .where('county_id', '=', countyId)
    .executeTakeFirst();
}

/** Stores a county's rules, replacing what it had. */
export async function saveRules(db: Q, row: FeedbackRulesTable): Promise<void> {
  await db
    .insertInto('feedback_rules')
    .values(row)
    .onConflict((oc) =>
      oc.column('county_id').doUpdateSet({
        categories: row.categories,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

/** Ties a public request to the case it opened. */
export async function setRequestRecord(db: Q, requestId: number, recordId: number): Promise<void> {
  await db.updateTable('public_requests').set({ record_id: recordId }).where('id', '=', requestId).execute();
}

/**
 * Locks a public request's row until the transaction ends (PostgreSQL), so two uploads at once
 * cannot both count the same number of photos.
 */
export async function lockRequest(db: Q, requestId: number): Promise<void> {
  await db.selectFrom('public_requests').select('id').where('id', '=', requestId).forUpdate().execute();
}

/** Files the public attached to a case's record (evidence without a staff author). */
export async function publicPhotoCount(db: Q, recordId: number): Promise<number> {
  const r = await db
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('record_id', '=', recordId)
    .where('created_by', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
