import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Stores bytes under their SHA-256; the same bytes stored again are left as they are. */
export async function putBlob(
  db: Kysely<Database>,
  b: { sha256: string; bytes: Uint8Array; at: string },
): Promise<boolean> {
  const r = await db
    .insertInto('blobs')
    .values({ sha256: b.sha256, size: b.bytes.length, bytes: Buffer.from(b.bytes), created_at: b.at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function blobBytes(db: Kysely<Database>, sha256: string): Promise<Buffer | undefined> {
  const r = await db.selectFrom('blobs').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
  return r?.bytes;
}

export async function hasBlob(db: Kysely<Database>, sha256: string): Promise<boolean> {
  const r = await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
  return r !== undefined;
}

export async function deleteBlob(db: Kysely<Database>, sha256: string): Promise<void> {
  await db.deleteFrom('blobs').where('sha256', '=', sha256).execute();
}

/** The names of the stored blobs among `shas`. */
export async function blobsAmong(db: Kysely<Database>, shas: readonly string[]): Promise<Set<string>> {
  if (shas.length === 0) return new Set();
  const rows = await db.selectFrom('blobs').select('sha256').where('sha256', 'in', shas).execute();
  return new Set(rows.map((r) => r.sha256));
}
