import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { UserError } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import * as repo from '../db/sessions.repo.ts';
import { requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor, type AuditEvent } from './audit.ts';
import { findUserByUsername, updatePassword } from '../db/users.repo.ts';
import { checkCredentials, hashPassword, newPasswordHash, verifyPassword } from './users.ts';

/** 等级保护 requirements: idle logout, and lockout after repeated failed logins. */
export interface SessionPolicy {
  readonly idleMs: number;
  /** A session ends this long after login whatever its activity. */
  readonly absoluteMs: number;
  readonly lockAfter: number;
  readonly lockMs: number;
}

export const DEFAULT_POLICY: SessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3_600_000,
  lockAfter: 5,
  lockMs: 15 * 60_000,
};

/** The last-seen time is written at most this often, so reads do not each cost a write. */
const TOUCH_MS = 60_000;

export interface SessionUser extends Principal {
  readonly id: number;
  readonly orgId: number;
  readonly name: string;
  readonly orgName: string;
  readonly orgKind: string;
  readonly mustChangePassword: boolean;
}

export interface Authenticated {
  readonly user: SessionUser;
  readonly idHash: string;
  readonly csrfHash: string;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const token = (): string => randomBytes(32).toString('base64url');

/** True when `given` hashes to `hash`; constant time. */
export function tokenMatches(given: string, hash: string): boolean {
  const a = Buffer.from(sha256(given), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

let dummy: Promise<string> | undefined;
const dummyHash = (): Promise<string> => (dummy ??= hashPassword('fazhi-timing-equaliser'));

const badCredentials = () => new UserError('用户名或密码错误', 'bad_credentials', 401);

/** An audit entry for something that changed nothing else (a refused login). */
const note = (h: Db, actor: AuditActor, e: AuditEvent, at: string): Promise<void> =>
  withAudit(h, actor, at, () => Promise.resolve({ result: undefined, events: [e] }));

/**
 * Checks credentials, applies the lockout, and opens a session. Returns the raw session id and CSRF
 * token (only their hashes are stored). Every attempt is audited.
 */
export async function login(
  h: Db,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
  now: Date,
  policy: SessionPolicy = DEFAULT_POLICY,
): Promise<{ sessionId: string; csrfToken: string; user: SessionUser }> {
  const username = input.username.trim().toLowerCase();
  const at = now.toISOString();
  const anon: AuditActor = { id: null, username, role: null, ip: input.ip };
  const fail = await repo.getLoginFailure(h.db, username);
  if (fail?.locked_until && fail.locked_until > at) {
    await note(h, anon, { action: 'login_failed', after: { reason: 'locked' } }, at);
    const mins = Math.ceil((Date.parse(fail.locked_until) - now.getTime()) / 60_000);
    throw new UserError(
      `连续登录失败次数过多，账号已锁定，请 ${mins} 分钟后再试或联系安全管理员解锁`,
      'account_locked',
      423,
    );
  }
  const u = await checkCredentials(h, username, input.password);
  // An unknown username costs the same scrypt work as a wrong password, so timing does not tell them apart.
  if (!u && !(await findUserByUsername(h.db, username)))
    await verifyPassword(input.password, await dummyHash());
  if (!u) {
    const failures = (fail && !fail.locked_until ? fail.failures : 0) + 1;
    const locked = failures >= policy.lockAfter;
    const lockedUntil = locked ? new Date(now.getTime() + policy.lockMs).toISOString() : null;
    await withAudit(h, anon, at, async (trx) => {
      await repo.putLoginFailure(
        trx,
        username,
        { failures: locked ? 0 : failures, locked_until: lockedUntil },
        at,
      );
      return {
        result: undefined,
        events: [{ action: 'login_failed', after: { reason: 'bad_credentials', failures, locked } }],
      };
    });
    if (locked)
      throw new UserError(
        `连续 ${policy.lockAfter} 次登录失败，账号已锁定 ${policy.lockMs / 60_000} 分钟`,
        'account_locked',
        423,
      );
    throw badCredentials();
  }
  const sessionId = token();
  const csrfToken = token();
  const idHash = sha256(sessionId);
  const actor: AuditActor = { id: u.id, username: u.username, role: u.role, ip: input.ip };
  await withAudit(h, actor, at, async (trx) => {
    if (fail) await repo.clearLoginFailures(trx, username);
    await repo.insertSession(trx, {
      id_hash: idHash,
      user_id: u.id,
      csrf_hash: sha256(csrfToken),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      created_at: at,
      last_seen_at: at,
    });
    return {
      result: undefined,
      events: [{ action: 'login', targetType: 'session', targetId: idHash.slice(0, 12) }],
    };
  });
  const auth = await authenticate(h, sessionId, now, policy);
  if (!auth) throw new UserError('会话创建失败', 'session_error', 500);
  return { sessionId, csrfToken, user: auth.user };
}

/** The session's user, or null for an unknown, expired or disabled session (which is then removed). */
export async function authenticate(
  h: Db,
  sessionId: string,
  now: Date,
  policy: SessionPolicy = DEFAULT_POLICY,
): Promise<Authenticated | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return null;
  const idHash = sha256(sessionId);
  const r = await repo.findSession(h.db, idHash);
  if (!r) return null;
  const t = now.getTime();
  const idle = t - Date.parse(r.last_seen_at) > policy.idleMs;
  const old = t - Date.parse(r.created_at) > policy.absoluteMs;
  if (idle || old || r.disabled === 1) {
    await repo.deleteSession(h.db, idHash);
    return null;
  }
  if (t - Date.parse(r.last_seen_at) > TOUCH_MS) await repo.touchSession(h.db, idHash, now.toISOString());
  return {
    idHash,
    csrfHash: r.csrf_hash,
    user: {
      id: r.user_id,
      username: r.username,
      name: r.display_name,
      role: r.role,
      orgId: r.org_id,
      orgName: r.org_name,
      orgKind: r.org_kind,
      orgPath: r.org_path,
      mustChangePassword: r.must_change_password === 1,
    },
  };
}

export async function logout(h: Db, auth: Authenticated, actor: AuditActor, at: string): Promise<void> {
  await withAudit(h, actor, at, async (trx) => {
    await repo.deleteSession(trx, auth.idHash);
    return {
      result: undefined,
      events: [{ action: 'logout', targetType: 'session', targetId: auth.idHash.slice(0, 12) }],
    };
  });
}

/** Changes one's own password: the current one must be right; other sessions of the user end. */
export async function changePassword(
  h: Db,
  auth: Authenticated,
  actor: AuditActor,
  passwords: { current: string; next: string },
  at: string,
): Promise<void> {
  const u = auth.user;
  requireAction(u, 'session');
  if (!(await checkCredentials(h, u.username, passwords.current)))
    throw new UserError('当前密码不正确', 'wrong_password', 400);
  if (passwords.current === passwords.next)
    throw new UserError('新密码不能与当前密码相同', 'same_password', 400);
  const hash = await newPasswordHash(passwords.next);
  await withAudit(h, actor, at, async (trx) => {
    await updatePassword(trx, u.id, hash, false);
    await repo.deleteUserSessions(trx, u.id, auth.idHash);
    return { result: undefined, events: [{ action: 'password.change', targetType: 'user', targetId: u.id }] };
  });
}

/** Removes expired sessions; run now and then by the server. */
export async function purgeExpired(
  h: Db,
  now: Date,
  policy: SessionPolicy = DEFAULT_POLICY,
): Promise<number> {
  const t = now.getTime();
  return repo.purgeSessions(
    h.db,
    new Date(t - policy.idleMs).toISOString(),
    new Date(t - policy.absoluteMs).toISOString(),
  );
}
