import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { UserError } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import * as repo from '../db/sessions.repo.ts';
import { requireAction, securityRoles, type Principal } from './access.ts';
import { withAudit, type AuditActor, type AuditEvent } from './audit.ts';
import { toOrg } from './orgs.ts';
import { addPasswordHistory, findUserByUsername, updatePassword } from '../db/users.repo.ts';
import {
  NO_ROLE,
  assertNotReused,
  checkCredentials,
  hashPassword,
  newPasswordHash,
  verifyPassword,
} from './users.ts';

/**
 * 等级保护 requirements: idle logout, and lockout after repeated failed logins, counted per account
 * and per source address.
 */
export interface SessionPolicy {
  readonly idleMs: number;
  /** A session ends this long after login whatever its activity. */
  readonly absoluteMs: number;
  /** Failures on one account before it is locked (business accounts) or backed off (administrators). */
  readonly lockAfter: number;
  /** How long a business account stays locked; the security administrator can unlock it sooner. */
  readonly lockMs: number;
  /**
   * Administrator accounts are never locked for long, so an anonymous attacker cannot keep the
   * only role that unlocks accounts out: the wait starts at `backoffMs` and doubles with every
   * further failure up to `backoffMaxMs`.
   */
  readonly backoffMs: number;
  readonly backoffMaxMs: number;
  /** Failures from one address (any username) before it is backed off, doubling up to the cap. */
  readonly addressAfter: number;
  readonly addressBackoffMaxMs: number;
  /** A count starts again after this long without a failure. */
  readonly failureWindowMs: number;
}

export const DEFAULT_POLICY: SessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3_600_000,
  lockAfter: 5,
  lockMs: 15 * 60_000,
  backoffMs: 60_000,
  backoffMaxMs: 15 * 60_000,
  addressAfter: 20,
  addressBackoffMaxMs: 60 * 60_000,
  failureWindowMs: 60 * 60_000,
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
  /** Who last reset the password and when, until the owner sets a new one. */
  readonly passwordReset: { readonly by: string; readonly at: string } | null;
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

/** The wait after `failures` failures, doubling from `first` at `after` failures, up to `max`. */
export function backoff(failures: number, after: number, first: number, max: number): number {
  return failures < after ? 0 : Math.min(max, first * 2 ** Math.min(30, failures - after));
}

const minutes = (ms: number): number => Math.max(1, Math.ceil(ms / 60_000));

function waitError(code: 'account_locked' | 'login_backoff', message: string, ms: number): UserError {
  return new UserError(message, code, code === 'account_locked' ? 423 : 429, {
    retryAfterSeconds: Math.ceil(ms / 1000),
  });
}

/** Who an account lockout concerns: administrator accounts back off instead of locking. */
async function isAdministrator(h: Db, username: string): Promise<boolean> {
  const u = await findUserByUsername(h.db, username);
  return u !== undefined && securityRoles.includes(u.role);
}

/**
 * Checks credentials, applies the lockout per account and per source address, and opens a
 * session. Returns the raw session id and CSRF token (only their hashes are stored). Every
 * attempt is audited.
 */
export async function login(
  h: Db,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
  now: Date,
  policy: SessionPolicy = DEFAULT_POLICY,
): Promise<{ sessionId: string; csrfToken: string; user: SessionUser }> {
  const username = input.username.trim().toLowerCase();
  const at = now.toISOString();
  const t = now.getTime();
  const anon: AuditActor = { id: null, username, role: null, ip: input.ip };
  const admin = await isAdministrator(h, username);
  const refuse = async (reason: string, err: UserError): Promise<never> => {
    await note(h, anon, { action: 'login_failed', after: { reason } }, at);
    throw err;
  };
  const address = input.ip ? await repo.getAddressFailure(h.db, input.ip) : undefined;
  if (address?.locked_until && address.locked_until > at) {
    const ms = Date.parse(address.locked_until) - t;
    await refuse(
      'address_backoff',
      waitError('login_backoff', `该地址登录失败次数过多，请 ${minutes(ms)} 分钟后再试`, ms),
    );
  }
  const fail = await repo.getLoginFailure(h.db, username);
  if (fail?.locked_until && fail.locked_until > at) {
    const ms = Date.parse(fail.locked_until) - t;
    await refuse(
      admin ? 'backoff' : 'locked',
      admin
        ? waitError('login_backoff', `登录失败次数过多，请 ${minutes(ms)} 分钟后再试`, ms)
        : waitError(
            'account_locked',
            `连续登录失败次数过多，账号已锁定，请 ${minutes(ms)} 分钟后再试或联系安全管理员解锁`,
            ms,
          ),
    );
  }
  const u = await checkCredentials(h, username, input.password);
  // An unknown username costs the same scrypt work as a wrong password, so timing does not tell them apart.
  if (!u && !(await findUserByUsername(h.db, username)))
    await verifyPassword(input.password, await dummyHash());
  if (!u) {
    const since = new Date(t - policy.failureWindowMs).toISOString();
    const wait = await withAudit(h, anon, at, async (trx) => {
      const failures = await repo.addLoginFailure(trx, username, at, { since, restartAfterLock: !admin });
      const accountMs = admin
        ? backoff(failures, policy.lockAfter, policy.backoffMs, policy.backoffMaxMs)
        : failures >= policy.lockAfter
          ? policy.lockMs
          : 0;
      if (accountMs > 0) await repo.lockLogin(trx, username, new Date(t + accountMs).toISOString());
      let addressMs = 0;
      if (input.ip) {
        const n = await repo.addAddressFailure(trx, input.ip, at, since);
        addressMs = backoff(n, policy.addressAfter, policy.backoffMs, policy.addressBackoffMaxMs);
        if (addressMs > 0) await repo.lockAddress(trx, input.ip, new Date(t + addressMs).toISOString());
      }
      return {
        result: { accountMs, addressMs },
        events: [
          {
            action: 'login_failed',
            after: { reason: 'bad_credentials', failures, locked: accountMs > 0 || addressMs > 0 },
          },
        ],
      };
    });
    if (wait.accountMs > 0 && !admin)
      throw waitError(
        'account_locked',
        `连续 ${policy.lockAfter} 次登录失败，账号已锁定 ${minutes(policy.lockMs)} 分钟`,
        wait.accountMs,
      );
    const ms = Math.max(wait.accountMs, wait.addressMs);
    if (ms > 0) throw waitError('login_backoff', `登录失败次数过多，请 ${minutes(ms)} 分钟后再试`, ms);
    throw badCredentials();
  }
  if (u.disabled)
    await refuse('disabled', new UserError('该账号已停用，请联系安全管理员', 'account_disabled', 403));
  if (u.role === NO_ROLE)
    await refuse('no_role', new UserError('该账号尚未由安全管理员分配角色，暂不能登录', 'no_role', 403));
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
      org: toOrg({
        id: r.org_id,
        code: r.org_code,
        name: r.org_name,
        kind: r.org_kind,
        parent_id: r.org_parent_id,
        path: r.org_path,
      }),
      mustChangePassword: r.must_change_password === 1,
      passwordReset:
        r.password_reset_by && r.password_reset_at
          ? { by: r.password_reset_by, at: r.password_reset_at }
          : null,
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

/**
 * Changes one's own password: the current one must be right, the new one must meet the policy and
 * not repeat the last five; other sessions of the user end. Every attempt is audited, a refused
 * one (`throttled` by the caller's rate limit among them) as `password.change_failed`.
 */
export async function changePassword(
  h: Db,
  auth: Authenticated,
  actor: AuditActor,
  passwords: { current: string; next: string; throttled?: boolean },
  at: string,
): Promise<void> {
  const u = auth.user;
  requireAction(u, 'session');
  const refuse = async (e: UserError): Promise<never> => {
    await note(
      h,
      actor,
      { action: 'password.change_failed', targetType: 'user', targetId: u.id, after: { reason: e.code } },
      at,
    );
    throw e;
  };
  if (passwords.throttled)
    await refuse(new UserError('修改密码尝试过于频繁，请稍后再试', 'rate_limited', 429));
  const self = await checkCredentials(h, u.username, passwords.current);
  if (!self || self.disabled) await refuse(new UserError('当前密码不正确', 'wrong_password', 400));
  if (passwords.current === passwords.next)
    await refuse(new UserError('新密码不能与当前密码相同', 'same_password', 400));
  let hash: string;
  try {
    hash = await newPasswordHash(passwords.next);
    await assertNotReused(h, u.id, passwords.next);
  } catch (e) {
    if (e instanceof UserError) return refuse(e);
    throw e;
  }
  await withAudit(h, actor, at, async (trx) => {
    await updatePassword(trx, u.id, hash, false);
    await addPasswordHistory(trx, u.id, hash, at);
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
