import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createAccount,
  resetAccountPassword,
  unlockAccount,
  usersInScope,
} from '../../services/account-writes.ts';
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

const resetBody = z.object({ password: z.string().min(1).max(128).optional() }).default({});

export function registerUserRoutes(app: FastifyInstance): void {
  const tag = '用户';
  route(
    app,
    { method: 'GET', url: '/users', summary: '管理范围内的用户账号', tag, access: 'users.read' },
    async ({ deps, user }) => ({ items: await usersInScope(deps.h, user) }),
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
    async ({ deps, body, user, actor, at }) =>
      createAccount(deps.h, user, actor, { ...body, mustChangePassword: true }, at),
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
    async ({ deps, params, user, actor, at }) => {
      await unlockAccount(deps.h, user, actor, params.id, at);
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
    async ({ deps, params, body, user, actor, at }) => ({
      ok: true,
      ...(await resetAccountPassword(deps.h, user, actor, params.id, body.password, at)),
    }),
  );
}
