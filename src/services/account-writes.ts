import { notFound } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import { clearLoginFailures, deleteUserSessions } from '../db/sessions.repo.ts';
import { updatePassword } from '../db/users.repo.ts';
import {
  forbidden,
  inScope,
  isSecurityRole,
  isSystem,
  requireAction,
  scopeOf,
  type Principal,
} from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { allOrgs, requireOrg } from './orgs.ts';
import {
  generatePassword,
  insertUsers,
  listUsers,
  newPasswordHash,
  prepareUsers,
  type NewUserInput,
  type User,
} from './users.ts';

/**
 * Account writes (create, password reset, unlock), each checked against the actor's rights and
 * scope and audited in the write's own transaction.
 */

const SECURITY_ONLY =
  '系统管理员、安全管理员、安全审计员账号（三员）只能在服务器上用 fazhi users add / passwd 创建或重设密码';

/** Accounts of organisations inside the principal's scope (the users table is small). */
export async function usersInScope(h: Db, p: Principal): Promise<User[]> {
  requireAction(p, 'users.read');
  const orgs = new Set((await allOrgs(h, scopeOf(p))).map((o) => o.id));
  return (await listUsers(h)).filter((u) => orgs.has(u.orgId));
}

async function accountInScope(h: Db, p: Principal, id: number): Promise<User> {
  const orgs = new Set((await allOrgs(h, scopeOf(p))).map((o) => o.id));
  const u = (await listUsers(h)).find((x) => x.id === id && orgs.has(x.orgId));
  if (!u) throw notFound(`用户 ${id} 不存在或不在管理范围内`);
  return u;
}

/**
 * Creates an account in an organisation inside the principal's scope; must change its password at
 * first login unless told otherwise. Without a password one is generated and returned once.
 */
export async function createAccount(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: Omit<NewUserInput, 'password'> & { password?: string },
  at: string,
): Promise<{ user: User; initialPassword?: string }> {
  requireAction(p, 'users.manage');
  const org = await requireOrg(h, input.orgId).catch(() => null);
  if (!org || !inScope(p, org.path)) throw forbidden('该组织不存在或不在管理范围内');
  if (isSecurityRole(input.role) && !isSystem(p)) throw forbidden(SECURITY_ONLY);
  const password = input.password ?? generatePassword();
  const ready = await prepareUsers(h, [
    { ...input, password, mustChangePassword: input.mustChangePassword ?? true },
  ]);
  const user = await withAudit(h, actor, at, async (trx) => {
    const [u] = await insertUsers(trx, ready, at);
    return { result: u!, events: [{ action: 'user.create', targetType: 'user', targetId: u!.id, after: u }] };
  });
  return { user, ...(input.password ? {} : { initialPassword: password }) };
}

/**
 * Sets a new initial password that must be changed at next login, ends the user's sessions and
 * clears a lockout. Without a password one is generated and returned once.
 */
export async function resetAccountPassword(
  h: Db,
  p: Principal,
  actor: AuditActor,
  userId: number,
  password: string | undefined,
  at: string,
): Promise<{ initialPassword?: string }> {
  requireAction(p, 'users.security');
  const u = await accountInScope(h, p, userId);
  if (isSecurityRole(u.role) && !isSystem(p)) throw forbidden(SECURITY_ONLY);
  const next = password ?? generatePassword();
  const hash = await newPasswordHash(next);
  await withAudit(h, actor, at, async (trx) => {
    await updatePassword(trx, u.id, hash, true);
    await deleteUserSessions(trx, u.id);
    await clearLoginFailures(trx, u.username);
    return {
      result: undefined,
      events: [{ action: 'user.reset_password', targetType: 'user', targetId: u.id }],
    };
  });
  return password ? {} : { initialPassword: next };
}

/** Clears a user's failed-login count and lockout (security administrator). */
export async function unlockAccount(
  h: Db,
  p: Principal,
  actor: AuditActor,
  userId: number,
  at: string,
): Promise<void> {
  requireAction(p, 'users.security');
  const u = await accountInScope(h, p, userId);
  await withAudit(h, actor, at, async (trx) => {
    await clearLoginFailures(trx, u.username);
    return { result: undefined, events: [{ action: 'user.unlock', targetType: 'user', targetId: u.id }] };
  });
}
