import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  WEBHOOK_KINDS,
  deleteWebhookConfig,
  listWebhookConfigs,
  saveWebhookConfig,
  testWebhook,
  type WebhookKind,
} from '../../services/webhooks.ts';
import { route } from '../route.ts';
import { idParams } from '../schemas.ts';

const config = z
  .object({
    orgId: z.number().int().positive(),
    kind: z.enum(Object.keys(WEBHOOK_KINDS) as [WebhookKind, ...WebhookKind[]]),
    /** Left out (or empty) to keep the stored address. */
    url: z.string().max(1000).optional(),
    enabled: z.boolean(),
  })
  .strict();

/** Group-robot webhooks per organisation: the system administrator's settings. */
export function registerWebhookRoutes(app: FastifyInstance): void {
  const tag = '待办与提醒';
  route(
    app,
    {
      method: 'GET',
      url: '/webhooks',
      summary: '各单位的群机器人（企业微信、钉钉）设置和最近一次发送情况；地址中的密钥已遮盖',
      tag,
      access: 'webhooks.manage',
    },
    async ({ deps, user }) => ({ kinds: WEBHOOK_KINDS, items: await listWebhookConfigs(deps.h, user) }),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/webhooks',
      summary: '设置某县或乡镇的群机器人（类型、Webhook 地址、是否启用）',
      tag,
      access: 'webhooks.manage',
      body: config,
    },
    async ({ deps, body, user, actor, at }) => saveWebhookConfig(deps.h, user, actor, body, at),
  );
  route(
    app,
    {
      method: 'DELETE',
      url: '/webhooks/:id',
      summary: '删除某单位的群机器人设置及其待发送消息',
      tag,
      access: 'webhooks.manage',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => {
      await deleteWebhookConfig(deps.h, user, actor, params.id, at);
      return { ok: true };
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/webhooks/:id/test',
      summary: '向群机器人立即发送一条测试消息，返回是否成功',
      tag,
      access: 'webhooks.manage',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => testWebhook(deps.h, user, actor, params.id, at),
  );
}
