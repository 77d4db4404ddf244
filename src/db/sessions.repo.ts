import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, SessionRow } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** A session with its user and the user's organisation, read in one query on every request. */
export interface SessionUserRow {
  id_hash: string;
  csrf_hash: string;
  created_at: string;
  last_seen_at: string;
  user_id: number;
  username: string;
  display_name: string;
  role: string;
  must_change_password: number;
  disabled: number;
  password_reset_by: string | null;
  password_reset_at: string | null;
  org_id: number;
  org_code: string;
  org_parent_id: number | null;
  org_name: string;
  org_kind: string;
  org_path: string;
}

export async function insertSession(db: Q, s: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}

export async function findSession(db: Q, idHash: string): Promise<SessionUserRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'sessions.id_hash',
      'sessions.csrf_hash',
      'sessions.created_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.must_change_password',
      'users.disabled',
      'users.password_reset_by',
      'users.password_reset_at',
      'orgs.id as org_id',
      'orgs.code as org_code',
      'orgs.parent_id as org_parent_id',
      'orgs.name as org_name',
      'orgs.kind as org_kind',
      'orgs.path as org_path',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Q, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Q, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user (password changed or reset, account disabled). */
export async function deleteUserSessions(db: Q, userId: number, exceptIdHash?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  await q.execute();
}

/** Removes sessions idle since before `idleBefore` or created before `createdBefore`. */
export async function purgeSessions(db: Q, idleBefore: string, createdBefore: string): Promise<number> {
  const r = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface LoginFailure {
  failures: number;
  locked_until: string | null;
}

export async function getLoginFailure(db: Q, username: string): Promise<LoginFailure | undefined> {
  return db
    .selectFrom('login_failures')
    .select(['failures', 'locked_until'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/**
 * Counts one failed login against a username in a single statement, so parallel failures each
 * count. The count starts again after `since` passed without a failure, and, with
 * `restartAfterLock`, once a lockout has run out. Returns the count after this failure.
 */
export async function addLoginFailure(
  db: Q,
  username: string,
  at: string,
  o: { since: string; restartAfterLock: boolean },
): Promise<number> {
  const restart = o.restartAfterLock
    ? sql<boolean>`(login_failures.last_failed_at < ${o.since} or (login_failures.locked_until is not null and login_failures.locked_until <= ${at}))`
    : sql<boolean>`login_failures.last_failed_at < ${o.since}`;
  const r = await db
    .insertInto('login_failures')
    .values({ username, failures: 1, locked_until: null, last_failed_at: at })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({
        failures: sql<number>`case when ${restart} then 1 else login_failures.failures + 1 end`,
        locked_until: sql<string | null>`case when ${restart} then null else login_failures.locked_until end`,
        last_failed_at: at,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(r.failures);
}

export async function lockLogin(db: Q, username: string, until: string): Promise<void> {
  await db
    .updateTable('login_failures')
    .set({ locked_until: until })
    .where('username', '=', username)
    .execute();
}

export async function getAddressFailure(db: Q, address: string): Promise<LoginFailure | undefined> {
  return db
    .selectFrom('login_address_failures')
    .select(['failures', 'locked_until'])
    .where('address', '=', address)
    .executeTakeFirst();
}

/** As addLoginFailure, per source address; the count only starts again after `since`. */
export async function addAddressFailure(db: Q, address: string, at: string, since: string): Promise<number> {
  const restart = sql<boolean>`login_address_failures.last_failed_at < ${since}`;
  const r = await db
    .insertInto('login_address_failures')
    .values({ address, failures: 1, locked_until: null, last_failed_at: at })
    .onConflict((oc) =>
      oc.column('address').doUpdateSet({
        failures: sql<number>`case when ${restart} then 1 else login_address_failures.failures + 1 end`,
        locked_until: sql<
          string | null
        >`case when ${restart} then null else login_address_failures.locked_until end`,
        last_failed_at: at,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(r.failures);
}

export async function lockAddress(db: Q, address: string, until: string): Promise<void> {
  await db
    .updateTable('login_address_failures')
    .set({ locked_until: until })
    .where('address', '=', address)
    .execute();
}

export async function clearLoginFailures(db: Q, username: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', username).execute();
}
