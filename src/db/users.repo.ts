import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, NewUser, PasswordResetTable, UserRow } from './schema.ts';

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
  'users.password_reset_by',
  'users.password_reset_at',
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

/**
 * Sets a password. `reset` names who reset it and when, for the owner's next login; a password the
 * owner chose clears it.
 */
export async function updatePassword(
  db: Q,
  id: number,
  passwordHash: string,
  mustChange: boolean,
  reset: { by: string; at: string } | null = null,
): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange ? 1 : 0,
      password_reset_by: reset?.by ?? null,
      password_reset_at: reset?.at ?? null,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Gives an account its role and organisation (its data scope). */
export async function updateRole(db: Q, id: number, role: string, orgId: number): Promise<void> {
  await db.updateTable('users').set({ role, org_id: orgId }).where('id', '=', id).execute();
}

export async function addPasswordHistory(
  db: Q,
  userId: number,
  passwordHash: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('password_history')
    .values({ user_id: userId, password_hash: passwordHash, created_at: at })
    .execute();
}

export async function passwordHashOf(db: Q, id: number): Promise<string | undefined> {
  const r = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return r?.password_hash;
}

/** The account's last `n` password hashes, newest first. */
export async function recentPasswordHashes(db: Q, userId: number, n: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(n)
    .execute();
  return rows.map((r) => r.password_hash);
}

export type PasswordResetRow = Selectable<PasswordResetTable>;

export async function insertPasswordReset(
  db: Q,
  r: Omit<PasswordResetRow, 'id' | 'status' | 'decided_by_id' | 'decided_by' | 'decided_at'>,
): Promise<number> {
  const { id } = await db
    .insertInto('password_resets')
    .values({ ...r, status: 'pending' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findPasswordReset(db: Q, id: number): Promise<PasswordResetRow | undefined> {
  return db.selectFrom('password_resets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function pendingPasswordResets(db: Q): Promise<PasswordResetRow[]> {
  return db.selectFrom('password_resets').selectAll().where('status', '=', 'pending').orderBy('id').execute();
}

/** Marks a pending reset decided; false when another decision came first. */
export async function decidePasswordReset(
  db: Q,
  id: number,
  d: { status: 'approved' | 'expired'; byId: number | null; by: string; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('password_resets')
    .set({ status: d.status, decided_by_id: d.byId, decided_by: d.by, decided_at: d.at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Changes an account's display name, organisation and role in one statement. */
export async function updateAccount(
  db: Q,
  id: number,
  set: { display_name: string; org_id: number; role: string },
): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/** Disables (1) or enables (0) an account; false when it already was so. */
export async function setDisabled(db: Q, id: number, disabled: 0 | 1): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ disabled })
    .where('id', '=', id)
    .where('disabled', '!=', disabled)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** True when ledger records or evidence name the account as their author (seeded data included). */
export async function hasAuthored(db: Q, id: number): Promise<boolean> {
  const rec = await db
    .selectFrom('records')
    .select('id')
    .where('created_by', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (rec) return true;
  const ev = await db
    .selectFrom('evidence')
    .select('id')
    .where('created_by', '=', id)
    .limit(1)
    .executeTakeFirst();
  return ev !== undefined;
}

/** Deletes an account; its sessions, password history and reset requests go with it (ON DELETE CASCADE). */
export async function deleteUser(db: Q, id: number): Promise<boolean> {
  const r = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
