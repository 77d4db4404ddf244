import { UserError } from '../core/errors.ts';
import { actorIds, hasActed } from '../db/audit.repo.ts';
import type { Db } from '../db/connect.ts';
import { clearLoginFailures, deleteUserSessions } from '../db/sessions.repo.ts';
import { deleteUser, hasAuthored, setDisabled, updateAccount } from '../db/users.repo.ts';
import { forbidden, inScope, isSecurityRole, requireAction, type Principal } from './access.ts';
import { SECURITY_ONLY, accountInScope, usersInScope } from './account-writes.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { requireOrg, type Org } from './orgs.ts';
import { NO_ROLE, checkRoleOrg, type User } from './users.ts';

/**
 * The system administrator's upkeep of accounts (三员分立): edit a display name or move an account
 * to another organisation, disable and enable it, delete one that never acted. A move takes the
 * role away, since the data scope is the security administrator's to grant. The three
 * administrators' own accounts are kept on the server (`fazhi users`), as their creation is.
 */

/** An account as the list shows it: whether it may be deleted (it never acted nor wrote anything). */
export type AccountItem = User & { readonly deletable: boolean };

export async function accountList(h: Db, p: Principal): Promise<AccountItem[]> {
  const users = await usersInScope(h, p);
  const acted = await actorIds(h.db);
  return users.map((u) => ({ ...u, deletable: !acted.has(u.id) }));
}

/** An account another principal may manage through the API: in scope, not its own, not one of the 三员. */
async function managed(
  h: Db,
  p: Principal,
  id: number,
  what: string,
  action: 'users.manage' | 'users.security' = 'users.manage',
): Promise<User> {
  requireAction(p, action);
  const u = await accountInScope(h, p, id);
  if (u.id === p.id) throw forbidden(`不能${what}本人账号`);
  if (isSecurityRole(u.role)) throw forbidden(SECURITY_ONLY);
  return u;
}

async function orgForAccount(h: Db, p: Principal, id: number): Promise<Org> {
  const org = await requireOrg(h, id).catch(() => null);
  if (!org || !inScope(p, org.path)) throw forbidden('该组织不存在或不在管理范围内');
  checkRoleOrg(undefined, org);
  return org;
}

/**
 * Changes an account's display name and/or organisation. Moving it elsewhere removes its role and
 * ends its sessions: it waits, as a new account does, for the security administrator's grant.
 */
export async function editAccount(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  input: { name?: string; orgId?: number },
  at: string,
): Promise<User> {
  const u = await managed(h, p, id, '修改');
  const name = input.name === undefined ? u.name : input.name.trim();
  if (!name || [...name].length > 50) throw new UserError('姓名不能为空，且不超过 50 字', 'bad_name');
  const org =
    input.orgId === undefined || input.orgId === u.orgId ? null : await orgForAccount(h, p, input.orgId);
  if (name === u.name && !org) throw new UserError('没有需要保存的修改', 'unchanged', 409);
  const role = org ? NO_ROLE : u.role;
  return withAudit(h, actor, at, async (trx) => {
    await updateAccount(trx, u.id, { display_name: name, org_id: org?.id ?? u.orgId, role });
    if (org) await deleteUserSessions(trx, u.id);
    const after: User = {
      ...u,
      name,
      ...(org ? { orgId: org.id, org: org.name, orgCode: org.code, role, roleLabel: '未分配角色' } : {}),
    };
    return {
      result: after,
      events: [
        {
          action: 'user.update',
          targetType: 'user',
          targetId: u.id,
          before: { name: u.name, orgId: u.orgId, role: u.role },
          after: { name, orgId: after.orgId, role },
        },
      ],
    };
  });
}

/**
 * Disables an account (it cannot sign in, and its sessions end at once) or enables it again. The
 * account keeps its role, organisation and history.
 */
export async function setAccountDisabled(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  disabled: boolean,
  at: string,
): Promise<User> {
  // Disabling and enabling are the security administrator's, as unlocking is: access, not upkeep.
  const u = await managed(h, p, id, disabled ? '停用' : '启用', 'users.security');
  return withAudit(h, actor, at, async (trx) => {
    if (!(await setDisabled(trx, u.id, disabled ? 1 : 0)))
      throw new UserError(disabled ? '该账号已停用' : '该账号未停用', 'unchanged', 409);
    if (disabled) await deleteUserSessions(trx, u.id);
    return {
      result: { ...u, disabled },
      events: [
        {
          action: disabled ? 'user.disable' : 'user.enable',
          targetType: 'user',
          targetId: u.id,
          before: { disabled: u.disabled },
          after: { disabled },
        },
      ],
    };
  });
}

/**
 * Deletes an account made by mistake. Refused for one that acted in the audit log (signed in,
 * wrote, read) or is named as the author of records: those are disabled instead, so the log and
 * the ledger keep naming who did what.
 */
export async function deleteAccount(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
): Promise<void> {
  const u = await managed(h, p, id, '删除');
  if ((await hasActed(h.db, u.id)) || (await hasAuthored(h.db, u.id)))
    throw new UserError('该账号已有操作记录，不能删除；如不再使用，请停用', 'account_used', 409);
  await withAudit(h, actor, at, async (trx) => {
    // Checked again inside the write: a sign-in between the check and here would be lost otherwise.
    if (await hasActed(trx, u.id))
      throw new UserError('该账号已有操作记录，不能删除；如不再使用，请停用', 'account_used', 409);
    await clearLoginFailures(trx, u.username);
    await deleteUser(trx, u.id);
    return {
      result: undefined,
      events: [{ action: 'user.delete', targetType: 'user', targetId: u.id, before: u }],
    };
  });
}
