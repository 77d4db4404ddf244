import { roleLabel } from '../catalogue/roles.ts';
import { UserError, notFound } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import { clearLoginFailures, deleteUserSessions } from '../db/sessions.repo.ts';
import * as repo from '../db/users.repo.ts';
import { forbidden, isSecurityRole, isSystem, requireAction, type Principal } from './access.ts';
import { SECURITY_ONLY, accountInScope, usersInScope } from './account-writes.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { generatePassword, newPasswordHash, type User } from './users.ts';

/**
 * Password resets (三员分立): the console resets any account; a township's leader resets the
 * township's own staff, advisers and grid members; the system and security administrators only
 * ask, and the reset takes effect when the other of the two approves. A reset sets a password
 * that must be changed at the next login, ends the account's sessions, clears its lockout, and
 * tells the owner at that login who reset it and when.
 */

/** A request not approved within this time lapses. */
export const RESET_REQUEST_MS = 24 * 3_600_000;

const ADMINS = ['system_admin', 'security_admin'] as const;
/** Township accounts a township's leader may reset: not another leader (a peer), nor an account without a role. */
const LEADER_RESETS = ['township_staff', 'legal_adviser', 'grid_member'];

/** How an audit entry and the owner's notice name a person: 安全管理员 张三（zhang.san）. */
function who(p: Principal): string {
  if (isSystem(p)) return p.username;
  const label = roleLabel(p.role);
  return `${label} ${p.name ?? p.username}（${p.username}）`;
}

export interface PendingReset {
  readonly id: number;
  readonly userId: number;
  readonly username: string;
  readonly name: string;
  readonly requestedBy: string;
  readonly requestedRole: string;
  readonly requestedAt: string;
  /** True when the principal asking is the one who may approve it. */
  readonly canApprove: boolean;
}

function approvable(p: Principal, r: { requested_role: string; requested_by_id: number | null }): boolean {
  return (
    isSystem(p) ||
    ((ADMINS as readonly string[]).includes(p.role) &&
      p.role !== r.requested_role &&
      p.id !== r.requested_by_id)
  );
}

/** Resets waiting for approval, on accounts inside the principal's scope. */
export async function pendingResets(h: Db, p: Principal, now: Date): Promise<PendingReset[]> {
  requireAction(p, 'users.reset');
  const users = new Map((await usersInScope(h, p)).map((u) => [u.id, u]));
  const since = new Date(now.getTime() - RESET_REQUEST_MS).toISOString();
  return (await repo.pendingPasswordResets(h.db))
    .filter((r) => users.has(r.user_id) && r.requested_at >= since)
    .map((r) => ({
      id: r.id,
      userId: r.user_id,
      username: users.get(r.user_id)!.username,
      name: users.get(r.user_id)!.name,
      requestedBy: r.requested_by,
      requestedRole: r.requested_role,
      requestedAt: r.requested_at,
      canApprove: approvable(p, r),
    }));
}

async function applyReset(
  h: Db,
  actor: AuditActor,
  u: User,
  password: string,
  by: string,
  at: string,
  extra: { resetId?: number; decidedBy?: Principal } = {},
): Promise<void> {
  const hash = await newPasswordHash(password);
  await withAudit(h, actor, at, async (trx) => {
    if (extra.resetId !== undefined && extra.decidedBy) {
      const d = extra.decidedBy;
      const ok = await repo.decidePasswordReset(trx, extra.resetId, {
        status: 'approved',
        byId: d.id,
        by: who(d),
        at,
      });
      if (!ok) throw new UserError('该重置申请已被处理', 'conflict', 409);
    }
    await repo.updatePassword(trx, u.id, hash, true, { by, at });
    await repo.addPasswordHistory(trx, u.id, hash, at);
    await deleteUserSessions(trx, u.id);
    await clearLoginFailures(trx, u.username);
    return {
      result: undefined,
      events: [
        {
          action: 'user.reset_password',
          targetType: 'user',
          targetId: u.id,
          after: { by, ...(extra.resetId === undefined ? {} : { request: extra.resetId }) },
        },
      ],
    };
  });
}

/**
 * Resets an account's password, or, for the system and security administrators, asks the other
 * to approve a reset. Returns the new password once (generated unless given), or the request.
 */
export async function resetAccountPassword(
  h: Db,
  p: Principal,
  actor: AuditActor,
  userId: number,
  password: string | undefined,
  at: string,
): Promise<{ initialPassword?: string; pendingReset?: number }> {
  requireAction(p, 'users.reset');
  const u = await accountInScope(h, p, userId);
  if (u.id === p.id) throw forbidden('本人密码请在“修改密码”中修改');
  if (isSecurityRole(u.role) && !isSystem(p)) throw forbidden(SECURITY_ONLY);
  const next = password ?? generatePassword();
  if (isSystem(p)) {
    await applyReset(h, actor, u, next, who(p), at);
    return password ? {} : { initialPassword: next };
  }
  if (p.role === 'township_leader') {
    if (u.orgId !== p.orgId || !LEADER_RESETS.includes(u.role))
      throw forbidden('乡镇领导只能重置本乡镇法治专干、法律顾问和网格员的密码');
    await applyReset(h, actor, u, next, who(p), at);
    return password ? {} : { initialPassword: next };
  }
  if (!(ADMINS as readonly string[]).includes(p.role)) throw forbidden();
  if (password !== undefined)
    throw new UserError('管理员申请重置时不能指定密码：新密码在对方批准时生成', 'bad_request');
  const since = new Date(Date.parse(at) - RESET_REQUEST_MS).toISOString();
  const open = (await repo.pendingPasswordResets(h.db)).find(
    (r) => r.user_id === u.id && r.requested_at >= since,
  );
  if (open) throw new UserError(`${u.username} 已有待批准的密码重置申请`, 'duplicate', 409);
  const id = await withAudit(h, actor, at, async (trx) => {
    const rid = await repo.insertPasswordReset(trx, {
      user_id: u.id,
      requested_by_id: p.id,
      requested_by: who(p),
      requested_role: p.role,
      requested_at: at,
    });
    return {
      result: rid,
      events: [
        { action: 'user.reset_requested', targetType: 'user', targetId: u.id, after: { request: rid } },
      ],
    };
  });
  return { pendingReset: id };
}

/**
 * Approves another administrator's reset request: the system administrator approves the security
 * administrator's and the other way round; nobody approves their own. Returns the new password once.
 */
export async function approvePasswordReset(
  h: Db,
  p: Principal,
  actor: AuditActor,
  resetId: number,
  at: string,
): Promise<{ initialPassword: string }> {
  requireAction(p, 'users.reset');
  const r = await repo.findPasswordReset(h.db, resetId);
  if (!r) throw notFound(`重置申请 ${resetId} 不存在`);
  const u = await accountInScope(h, p, r.user_id).catch(() => {
    throw notFound(`重置申请 ${resetId} 不存在`);
  });
  if (r.status !== 'pending') throw new UserError('该重置申请已被处理', 'conflict', 409);
  if (!approvable(p, r))
    throw forbidden(
      r.requested_by_id === p.id || r.requested_role === p.role
        ? '不能批准本人或同一角色提出的重置申请：须由另一名管理员（系统管理员与安全管理员互相）批准'
        : '只有系统管理员或安全管理员可以批准重置申请',
    );
  if (Date.parse(r.requested_at) < Date.parse(at) - RESET_REQUEST_MS)
    throw new UserError('该重置申请已超过 24 小时未批准，已失效，请重新申请', 'expired', 409);
  const next = generatePassword();
  const by = `${who(p)}（应${r.requested_by}申请）`;
  await applyReset(h, actor, u, next, by, at, { resetId, decidedBy: p });
  return { initialPassword: next };
}
