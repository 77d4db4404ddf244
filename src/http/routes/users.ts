import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Db } from '../../db/connect.ts';
import { forbidden, isSecurityRole } from '../../services/access.ts';
import { recordAudit } from '../../services/audit.ts';
import { allOrgs } from '../../services/orgs.ts';
import { resetAccountPassword, unlockAccount } from '../../services/sessions.ts';
import { createUser, generatePassword, listUsers, type User } from '../../services/users.ts';
import { route } from '../route.ts';
import { idParams } from '../schemas.ts';

const newUser = z.object({
  username: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(50),
  role: z.string().min(1).max(40),
  orgId: z.number().int().positive(),
  /** Omitted: a random one is generated and returned once. */
  password: z.string().min(1).max(128).optional(),
});
const SECURITY_ONLY =
  '系统管理员、安全管理员、安全审计员账号（三员）只能在服务器上用 fazhi users add / passwd 创建或重设密码';

const resetBody = z.object({ password: z.string().min(1).max(128).optional() }).default({});

/** Accounts of organisations inside the administrator's scope (the users table is small). */
async function usersInScope(h: Db, scope: Scope): Promise<User[]> {
  const orgs = new Set((await allOrgs(h, scope)).map((o) => o.id));
  return (await listUsers(h)).filter((u) => orgs.has(u.orgId));
}

async function userInScope(h: Db, scope: Scope, id: number): Promise<User> {
  const u = (await usersInScope(h, scope)).find((x) => x.id === id);
  if (!u) throw notFound(`用户 ${id} 不存在或不在管理范围内`);
  return u;
}

export function registerUserRoutes(app: FastifyInstance): void {
  const tag = '用户';
  route(
    app,
    { method: 'GET', url: '/users', summary: '管理范围内的用户账号', tag, access: 'users.read' },
    async ({ deps, scope }) => ({
      items: await usersInScope(deps.h, scope),
    }),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/users',
      summary: '创建用户账号（首次登录须改密码）',
      tag,
      access: 'users.manage',
      body: newUser,
      status: 201,
    },
    async ({ deps, body, scope, actor, now }) => {
      const orgs = new Set((await allOrgs(deps.h, scope)).map((o) => o.id));
      if (!orgs.has(body.orgId)) throw forbidden('该组织不存在或不在管理范围内');
      if (isSecurityRole(body.role)) throw forbidden(SECURITY_ONLY);
      const password = body.password ?? generatePassword();
      const user = await createUser(
        deps.h,
        { ...body, password, mustChangePassword: true },
        now.toISOString(),
      );
      await recordAudit(
        deps.h,
        actor,
        { action: 'user.create', targetType: 'user', targetId: user.id, after: user },
        now.toISOString(),
      );
      return { user, ...(body.password ? {} : { initialPassword: password }) };
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/users/:id/unlock',
      summary: '解除登录失败锁定',
      tag,
      access: 'users.security',
      params: idParams,
    },
    async ({ deps, params, scope, actor, now }) => {
      await unlockAccount(deps.h, actor, await userInScope(deps.h, scope, params.id), now);
      return { ok: true };
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/users/:id/password',
      summary: '重置密码（下次登录须修改）',
      tag,
      access: 'users.security',
      params: idParams,
      body: resetBody,
    },
    async ({ deps, params, body, scope, actor, now }) => {
      const u = await userInScope(deps.h, scope, params.id);
      if (isSecurityRole(u.role)) throw forbidden(SECURITY_ONLY);
      const password = body.password ?? generatePassword();
      await resetAccountPassword(deps.h, actor, u, password, now);
      return { ok: true, ...(body.password ? {} : { initialPassword: password }) };
    },
  );
}
