import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  accountList,
  deleteAccount,
  editAccount,
  setAccountDisabled,
} from '../../services/account-manage.ts';
import { createAccount, grantRole, unlockAccount } from '../../services/account-writes.ts';
import { approvePasswordReset, pendingResets, resetAccountPassword } from '../../services/password-resets.ts';
import { route } from '../route.ts';
import { idParams } from '../schemas.ts';

const newUser = z.object({
  username: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(50),
  /** Only the console gives a role at creation; the API refuses one (三员分立). */
  role: z.string().min(1).max(40).optional(),
  orgId: z.number().int().positive(),
  /** Omitted: a random one is generated and returned once. */
  password: z.string().min(1).max(128).optional(),
});

const grantBody = z.object({
  role: z.string().min(1).max(40),
  /** The organisation whose data the account reaches; default its current one. */
  orgId: z.number().int().positive().optional(),
});

const editBody = z
  .object({
    name: z.string().trim().min(1).max(50).optional(),
    /** Moving the account elsewhere removes its role until the security administrator grants one. */
    orgId: z.number().int().positive().optional(),
  })
  .refine((b) => b.name !== undefined || b.orgId !== undefined, '请填写要修改的姓名或所属组织');

const resetBody = z.object({ password: z.string().min(1).max(128).optional() }).default({});

export function registerUserRoutes(app: FastifyInstance): void {
  const tag = '用户';
  route(
    app,
    { method: 'GET', url: '/users', summary: '管理范围内的用户账号', tag, access: 'users.read' },
    async ({ deps, user }) => ({ items: await accountList(deps.h, user) }),
  );
  route(
    app,
    {
      method: 'PATCH',
      url: '/users/:id',
      summary: '修改账号的姓名或所属组织（系统管理员；改组织后须由安全管理员重新分配角色）',
      tag,
      access: 'users.manage',
      params: idParams,
      body: editBody,
    },
    async ({ deps, params, body, user, actor, at }) => ({
      user: await editAccount(deps.h, user, actor, params.id, body, at),
    }),
  );
  for (const [verb, disabled, summary] of [
    ['disable', true, '停用账号（不能再登录，已登录的会话立即结束）'],
    ['enable', false, '重新启用已停用的账号'],
  ] as const)
    route(
      app,
      {
        method: 'POST',
        url: `/users/:id/${verb}`,
        summary,
        tag,
        access: 'users.security',
        params: idParams,
      },
      async ({ deps, params, user, actor, at }) => ({
        user: await setAccountDisabled(deps.h, user, actor, params.id, disabled, at),
      }),
    );
  route(
    app,
    {
      method: 'DELETE',
      url: '/users/:id',
      summary: '删除从未使用过的账号（有过任何操作记录的账号只能停用）',
      tag,
      access: 'users.manage',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => {
      await deleteAccount(deps.h, user, actor, params.id, at);
      return { ok: true };
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/users',
      summary: '创建用户账号（不带角色，由安全管理员分配；首次登录须改密码）',
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
      url: '/users/:id/role',
      summary: '为账号分配角色和数据范围（安全管理员）',
      tag,
      access: 'users.grant',
      params: idParams,
      body: grantBody,
    },
    async ({ deps, params, body, user, actor, at }) => ({
      user: await grantRole(deps.h, user, actor, params.id, body, at),
    }),
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
      summary: '重置密码：管理员提出申请待另一管理员批准，乡镇领导直接重置本乡镇账号（下次登录须修改）',
      tag,
      access: 'users.reset',
      params: idParams,
      body: resetBody,
    },
    async ({ deps, params, body, user, actor, at }) => ({
      ok: true,
      ...(await resetAccountPassword(deps.h, user, actor, params.id, body.password, at)),
    }),
  );
  route(
    app,
    { method: 'GET', url: '/password-resets', summary: '待批准的密码重置申请', tag, access: 'users.reset' },
    async ({ deps, user, now }) => ({ items: await pendingResets(deps.h, user, now) }),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/password-resets/:id/approve',
      summary: '批准另一管理员的密码重置申请（返回新密码，仅显示一次）',
      tag,
      access: 'users.reset',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => approvePasswordReset(deps.h, user, actor, params.id, at),
  );
}
