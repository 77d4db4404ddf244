import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { roleLabel } from '../../catalogue/roles.ts';
import { actionLabels, allowedKinds, can, ownRecordsOnly, type Action } from '../../services/access.ts';
import { changePassword, login, logout, type SessionUser } from '../../services/sessions.ts';
import type { AppDeps } from '../context.ts';
import { CSRF_COOKIE, SESSION_COOKIE, serializeCookie } from '../cookies.ts';
import { publicRoute, route } from '../route.ts';

const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const passwordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

const secureFor = (deps: AppDeps, req: FastifyRequest) => deps.secure || req.protocol === 'https';

function setSessionCookies(
  reply: FastifyReply,
  secure: boolean,
  session: string,
  csrf: string,
  maxAge?: number,
): void {
  reply.header('Set-Cookie', [
    serializeCookie(SESSION_COOKIE, session, {
      httpOnly: true,
      secure,
      ...(maxAge === undefined ? {} : { maxAge }),
    }),
    serializeCookie(CSRF_COOKIE, csrf, {
      httpOnly: false,
      secure,
      ...(maxAge === undefined ? {} : { maxAge }),
    }),
  ]);
}

/** What the web app needs about the signed-in user: who, where, and which actions to offer. */
export function describeUser(u: SessionUser) {
  const permissions = (Object.keys(actionLabels) as Action[]).filter((a) => can(u.role, a));
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    role: u.role,
    /** The role's Chinese name, shown in the header from the first paint (no wait for the catalogue). */
    roleLabel: roleLabel(u.role),
    orgId: u.orgId,
    orgName: u.orgName,
    orgKind: u.orgKind,
    mustChangePassword: u.mustChangePassword,
    /** Who reset the password and when, until the owner sets a new one (shown at that login). */
    passwordReset: u.passwordReset,
    permissions,
    /** Record and case kinds the role may read or write; null for every kind. */
    readKinds: allowedKinds(u.role, 'read') ?? null,
    writeKinds: allowedKinds(u.role, 'write') ?? null,
    /** The role sees only the ledger records its user entered. */
    ownRecordsOnly: ownRecordsOnly(u.role),
  };
}

/** Takes a token; false (with Retry-After set) when the key has none left. */
async function take(
  deps: AppDeps,
  key: 'loginPerIp' | 'loginPerUser' | 'passwordChange',
  id: string,
  reply: FastifyReply,
  t: number,
): Promise<boolean> {
  const wait = await deps.limits[key].check(id, t);
  if (wait === 0) return true;
  reply.header('Retry-After', String(wait));
  deps.throttles.note(key, id, reply.request.ip, new Date(t).toISOString());
  return false;
}

async function limited(
  deps: AppDeps,
  key: 'loginPerIp' | 'loginPerUser',
  id: string,
  reply: FastifyReply,
  t: number,
): Promise<void> {
  if (!(await take(deps, key, id, reply, t)))
    throw new UserError('登录尝试过于频繁，请稍后再试', 'rate_limited', 429);
}

/** A lockout or back-off answer carries how long to wait, as the Retry-After header too. */
function withRetryAfter<T>(reply: FastifyReply, p: Promise<T>): Promise<T> {
  return p.catch((e: unknown) => {
    const d = e instanceof UserError ? (e.details as { retryAfterSeconds?: unknown } | undefined) : undefined;
    if (typeof d?.retryAfterSeconds === 'number') reply.header('Retry-After', String(d.retryAfterSeconds));
    throw e;
  });
}

export function registerAuthRoutes(app: FastifyInstance): void {
  publicRoute(
    app,
    {
      method: 'POST',
      url: '/auth/login',
      summary: '登录（设置会话 Cookie，返回 CSRF 令牌）',
      tag: '账号',
      access: 'public',
      body: loginBody,
    },
    async ({ body, req, reply, deps, now, ip }) => {
      await limited(deps, 'loginPerIp', ip, reply, now.getTime());
      await limited(deps, 'loginPerUser', body.username.trim().toLowerCase(), reply, now.getTime());
      const r = await withRetryAfter(
        reply,
        login(
          deps.h,
          {
            username: body.username,
            password: body.password,
            ip,
            userAgent: req.headers['user-agent'] ?? null,
          },
          now,
          deps.policy,
        ),
      );
      setSessionCookies(reply, secureFor(deps, req), r.sessionId, r.csrfToken);
      return { user: describeUser(r.user), csrfToken: r.csrfToken };
    },
  );

  route(
    app,
    { method: 'POST', url: '/auth/logout', summary: '退出登录', tag: '账号', access: 'session' },
    async ({ auth, req, reply, deps, actor, at }) => {
      await logout(deps.h, auth, actor, at);
      setSessionCookies(reply, secureFor(deps, req), '', '', 0);
      return { ok: true };
    },
  );

  route(
    app,
    { method: 'GET', url: '/auth/me', summary: '当前用户及其权限', tag: '账号', access: 'session' },
    ({ user }) => ({ user: describeUser(user) }),
  );

  route(
    app,
    {
      method: 'POST',
      url: '/auth/password',
      summary: '修改本人密码（首次登录必须修改；限频，每次尝试都记入审计日志）',
      tag: '账号',
      access: 'session',
      body: passwordBody,
    },
    async ({ auth, body, deps, actor, at, user, reply, now }) => {
      const throttled = !(await take(deps, 'passwordChange', String(user.id), reply, now.getTime()));
      await changePassword(
        deps.h,
        auth,
        actor,
        { current: body.currentPassword, next: body.newPassword, throttled },
        at,
      );
      return { ok: true };
    },
  );
}
