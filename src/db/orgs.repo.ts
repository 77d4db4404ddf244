import type { Kysely, Transaction } from 'kysely';
import type { Scope } from '../core/scope.ts';
import type { Database, OrgRow } from './schema.ts';

/** The organisation ids on a materialised path (`/1/4/` → [1, 4]): an organisation and those above it. */
export const pathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

type Q = Kysely<Database> | Transaction<Database>;
const COLS = ['id', 'code', 'name', 'kind', 'parent_id', 'path', 'created_at'] as const;

/** Inserts an organisation under its parent and sets its materialised path. */
export async function insertOrg(
  db: Q,
  o: { code: string; name: string; kind: string; parentId: number | null },
  now: string,
): Promise<OrgRow> {
  const parent = o.parentId === null ? undefined : await getOrg(db, o.parentId);
  const { id } = await db
    .insertInto('orgs')
    .values({ code: o.code, name: o.name, kind: o.kind, parent_id: o.parentId, path: '', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${id}/`;
  await db.updateTable('orgs').set({ path }).where('id', '=', id).execute();
  return { id, code: o.code, name: o.name, kind: o.kind, parent_id: o.parentId, path, created_at: now };
}

export async function getOrg(db: Q, id: number): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').select(COLS).where('id', '=', id).executeTakeFirst();
}

/** Organisations whose code or exact name is `s` (a name may be shared by villages of two townships). */
export async function findOrgs(db: Q, s: string): Promise<OrgRow[]> {
  return db
    .selectFrom('orgs')
    .select(COLS)
    .where((eb) => eb.or([eb('code', '=', s), eb('name', '=', s)]))
    .orderBy('id')
    .execute();
}

export async function listOrgs(db: Q, scope: Scope): Promise<OrgRow[]> {
  let q = db.selectFrom('orgs').select(COLS);
  if ('path' in scope) q = q.where('path', 'like', `${scope.path}%`);
  return q.orderBy('path').execute();
}

/** Organisations of one kind (the counties), in code order. */
export async function orgsOfKind(db: Q, kind: string): Promise<OrgRow[]> {
  return db.selectFrom('orgs').select(COLS).where('kind', '=', kind).orderBy('code').execute();
}

export async function childOrgs(db: Q, parentId: number, kind?: string): Promise<OrgRow[]> {
  let q = db.selectFrom('orgs').select(COLS).where('parent_id', '=', parentId);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('id').execute();
}

export async function countOrgs(db: Q): Promise<number> {
  const r = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function renameOrg(db: Q, id: number, name: string): Promise<void> {
  await db.updateTable('orgs').set({ name }).where('id', '=', id).execute();
}
