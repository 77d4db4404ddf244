import { UserError, notFound } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import { clearLoginFailures, deleteUserSessions } from '../db/sessions.repo.ts';
import { updateRole } from '../db/users.repo.ts';
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
import { allOrgs, requireOrg, type Org } from './orgs.ts';
import {
  NO_ROLE,
  checkRoleOrg,
  generatePassword,
  insertUsers,
  listUsers,
  prepareUsers,
  roleOrFail,
  type NewUserInput,
  type User,
} from './users.ts';

/**
 * Account writes (create, grant a role, unlock), each checked against the actor's rights and scope
 * and audited in the write's own transaction. 三员分立: the system administrator creates accounts
 * without a role and the security administrator grants roles, so neither alone makes an account
 * that reads business data. Password resets are in password-resets.ts.
 */

export const SECURITY_ONLY =
  '系统管理员、安全管理员、安全审计员账号（三员）只能在服务器上用 fazhi users add / passwd 创建、授权或重设密码';

/** Accounts of organisations inside the principal's scope (the users table is small). */
export async function usersInScope(h: Db, p: Principal): Promise<User[]> {
  requireAction(p, 'users.read');
  const orgs = new Set((await allOrgs(h, scopeOf(p))).map((o) => o.id));
  return (await listUsers(h)).filter((u) => orgs.has(u.orgId));
}

/** An account inside the principal's scope, or 404 (an account outside it stays hidden). */
export async function accountInScope(h: Db, p: Principal, id: number): Promise<User> {
  const orgs = new Set((await allOrgs(h, scopeOf(p))).map((o) => o.id));
  const u = (await listUsers(h)).find((x) => x.id === id && orgs.has(x.orgId));
  if (!u) throw notFound(`用户 ${id} 不存在或不在管理范围内`);
  return u;
}

async function orgInScope(h: Db, p: Principal, id: number): Promise<Org> {
  const org = await requireOrg(h, id).catch(() => null);
  if (!org || !inScope(p, org.path)) throw forbidden('该组织不存在或不在管理范围内');
  return org;
}

/**
 * Creates an account in an organisation inside the principal's scope; must change its password at
 * first login unless told otherwise. Without a password one is generated and returned once. Only
 * the console gives a role here; an administrator's account waits for the security administrator.
 */
export async function createAccount(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: Omit<NewUserInput, 'password'> & { password?: string },
  at: string,
): Promise<{ user: User; initialPassword?: string }> {
  requireAction(p, 'users.manage');
  await orgInScope(h, p, input.orgId);
  if (input.role !== undefined && !isSystem(p)) {
    if (isSecurityRole(input.role)) throw forbidden(SECURITY_ONLY);
    throw forbidden('新建账号不带角色：角色和数据范围由安全管理员分配（三员分立）');
  }
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
 * Grants an account a business role and its organisation (the data scope), and ends its sessions
 * so the next request runs under the new role. Nobody grants their own account or one of the three
 * administrators' (三员 accounts get their role on the server only), and no grant makes one.
 */
export async function grantRole(
  h: Db,
  p: Principal,
  actor: AuditActor,
  userId: number,
  grant: { role: string; orgId?: number },
  at: string,
): Promise<User> {
  requireAction(p, 'users.grant');
  const u = await accountInScope(h, p, userId);
  if (u.id === p.id) throw forbidden('不能为本人账号分配角色');
  const role = roleOrFail(grant.role);
  if (!isSystem(p) && (isSecurityRole(u.role) || isSecurityRole(role.id))) throw forbidden(SECURITY_ONLY);
  const org = await orgInScope(h, p, grant.orgId ?? u.orgId);
  checkRoleOrg(role, org);
  if (u.role === role.id && u.orgId === org.id)
    throw new UserError(`账号已是${org.name}的${role.label}`, 'unchanged', 409);
  return withAudit(h, actor, at, async (trx) => {
    await updateRole(trx, u.id, role.id, org.id);
    await deleteUserSessions(trx, u.id);
    const after: User = {
      ...u,
      role: role.id,
      roleLabel: role.label,
      orgId: org.id,
      org: org.name,
      orgCode: org.code,
    };
    return {
      result: after,
      events: [
        {
          action: 'user.grant_role',
          targetType: 'user',
          targetId: u.id,
          before: { role: u.role === NO_ROLE ? null : u.role, orgId: u.orgId },
          after: { role: role.id, orgId: org.id },
        },
      ],
    };
  });
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
