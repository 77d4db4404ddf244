import type { Kysely, Transaction } from 'kysely';
import type { Database, EvidenceRow } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
const COLS = [
  'id',
  'record_id',
  'township_id',
  'county_id',
  'sha256',
  'file_name',
  'mime',
  'size',
  'created_by',
  'created_at',
] as const;

export async function insertEvidence(db: Q, e: Omit<EvidenceRow, 'id'>): Promise<EvidenceRow> {
  const { id } = await db.insertInto('evidence').values(e).returning('id').executeTakeFirstOrThrow();
  return { id, ...e };
}

export async function evidenceOfRecord(db: Q, recordId: number): Promise<EvidenceRow[]> {
  return db.selectFrom('evidence').select(COLS).where('record_id', '=', recordId).orderBy('id').execute();
}

export async function getEvidence(db: Q, id: number): Promise<EvidenceRow | undefined> {
  return db.selectFrom('evidence').select(COLS).where('id', '=', id).executeTakeFirst();
}

export async function deleteEvidence(db: Q, id: number): Promise<void> {
  await db.deleteFrom('evidence').where('id', '=', id).execute();
}

/**
 * How many rows still point at a file — evidence, and the disclosure reply documents kept in the
 * same content-addressed store — so a shared file is kept until its last use goes.
 */
export async function countBySha(db: Q, sha256: string): Promise<number> {
  const r = await db
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  const replies = await db
    .selectFrom('public_replies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  return Number(r.n) + Number(replies.n);
}
