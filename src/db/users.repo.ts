import type { Kysely, Transaction } from 'kysely';
import type { Database, NewUser, UserRow } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
const COLS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.role',
  'users.org_id',
  'users.password_hash',
  'users.must_change_password',
  'users.disabled',
  'users.created_at',
] as const;

/** A user row with its organisation's name and code, for lists. */
export type UserWithOrgRow = UserRow & { org_name: string; org_code: string };

export async function insertUser(db: Q, u: NewUser): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.display_name,
      role: u.role,
      org_id: u.org_id,
      password_hash: u.password_hash,
      must_change_password: u.must_change_password,
      disabled: u.disabled,
      created_at: u.created_at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findUserByUsername(db: Q, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(COLS).where('users.username', '=', username).executeTakeFirst();
}

function withOrg(db: Q) {
  return db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([...COLS, 'orgs.name as org_name', 'orgs.code as org_code']);
}

export async function listUsers(db: Q): Promise<UserWithOrgRow[]> {
  return withOrg(db).orderBy('users.id').execute();
}

export async function findUserWithOrg(db: Q, username: string): Promise<UserWithOrgRow | undefined> {
  return withOrg(db).where('users.username', '=', username).executeTakeFirst();
}

export async function updatePassword(
  db: Q,
  id: number,
  passwordHash: string,
  mustChange: boolean,
): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
