/**
 * Group-robot webhooks (群机器人) per organisation: 企业微信 and 钉钉 markdown messages, set by the
 * system administrator (audited, the robot's key masked in the log), tried from a queue kept in
 * the database with back-off, each delivery claimed by one server before it is sent.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { UserError, notFound } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import type { WebhookDeliveryRow, WebhookRow } from '../db/schema.ts';
import * as repo from '../db/webhooks.repo.ts';
import { requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { requireOrg } from './orgs.ts';

export const WEBHOOK_KINDS = { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人' } as const;
export type WebhookKind = keyof typeof WEBHOOK_KINDS;

/** Tries before a delivery is given up, and the back-off between them (doubling, capped). */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 60 * 60_000;
/** A claim older than this belongs to a server that stopped while sending: another may take it. */
const CLAIM_LEASE_MS = 2 * 60_000;
const SEND_TIMEOUT_MS = 10_000;

/** Sends one JSON body to a URL; the real one posts with fetch. */
export type WebhookSender = (url: string, body: unknown) => Promise<void>;

/** The markdown message each robot reads. */
export function webhookPayload(kind: string, title: string, text: string): unknown {
  if (kind === 'dingtalk') return { msgtype: 'markdown', markdown: { title, text } };
  return { msgtype: 'markdown', markdown: { content: text } };
}

/** Posts JSON; a non-2xx answer or a robot's non-zero errcode is a failure, with its reason. */
export const fetchSender: WebhookSender = async (url, body) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    redirect: 'error',
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}${text ? `：${text.slice(0, 200)}` : ''}`);
  let answer: unknown = null;
  try {
    answer = JSON.parse(text);
  } catch {
    // Not JSON: a 2xx from a plain receiver counts as delivered.
  }
  if (answer && typeof answer === 'object' && 'errcode' in answer) {
    const a = answer as { errcode: unknown; errmsg?: unknown };
    const why = typeof a.errmsg === 'string' ? a.errmsg : '';
    if (a.errcode !== 0) throw new Error(`机器人返回错误 ${JSON.stringify(a.errcode)}：${why}`);
  }
};

/** The URL with its query values (the robot's key or access_token) masked, for lists and the audit log. */
export function maskedUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const [k, v] of u.searchParams) u.searchParams.set(k, v.length > 4 ? `****${v.slice(-4)}` : '****');
    return u.toString();
  } catch {
    return '****';
  }
}

function checkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new UserError('群机器人地址不是有效的网址', 'bad_webhook_url');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new UserError('群机器人地址须以 http:// 或 https:// 开头', 'bad_webhook_url');
  if (u.username || u.password) throw new UserError('群机器人地址不能含用户名或密码', 'bad_webhook_url');
  return u.toString();
}

function checkKind(kind: string): WebhookKind {
  if (kind in WEBHOOK_KINDS) return kind as WebhookKind;
  throw new UserError(
    `群机器人类型应为 wecom（企业微信）或 dingtalk（钉钉），收到“${kind}”`,
    'bad_webhook_kind',
  );
}

export interface WebhookConfig {
  readonly id: number;
  readonly orgId: number;
  readonly org: string;
  readonly orgKind: string;
  readonly kind: WebhookKind;
  readonly kindLabel: string;
  /** The address with the robot's key masked; the full key is never sent back. */
  readonly url: string;
  readonly enabled: boolean;
  readonly updatedBy: string | null;
  readonly updatedAt: string;
  readonly lastDelivery: {
    readonly title: string;
    readonly createdAt: string;
    readonly status: 'sent' | 'failed' | 'pending';
    readonly at: string | null;
    readonly attempts: number;
    readonly error: string | null;
  } | null;
}

function deliveryStatus(d: WebhookDeliveryRow): 'sent' | 'failed' | 'pending' {
  return d.sent_at ? 'sent' : d.failed_at ? 'failed' : 'pending';
}

function audited(w: WebhookRow): Record<string, unknown> {
  return { orgId: w.org_id, kind: w.kind, url: maskedUrl(w.url), enabled: w.enabled === 1 };
}

/** Every organisation's webhook with its last delivery (system administrator). */
export async function listWebhookConfigs(h: Db, p: Principal): Promise<WebhookConfig[]> {
  requireAction(p, 'webhooks.manage');
  const out: WebhookConfig[] = [];
  for (const w of await repo.listWebhooks(h.db)) {
    const [last] = await repo.recentDeliveries(h.db, w.id, 1);
    out.push({
      id: Number(w.id),
      orgId: w.org_id,
      org: w.org_name,
      orgKind: w.org_kind,
      kind: checkKind(w.kind),
      kindLabel: WEBHOOK_KINDS[checkKind(w.kind)],
      url: maskedUrl(w.url),
      enabled: w.enabled === 1,
      updatedBy: w.updated_by,
      updatedAt: w.updated_at,
      lastDelivery: last
        ? {
            title: last.title,
            createdAt: last.created_at,
            status: deliveryStatus(last),
            at: last.sent_at ?? last.failed_at,
            attempts: Number(last.attempts),
            error: last.last_error,
          }
        : null,
    });
  }
  return out;
}

/**
 * Sets an organisation's webhook (a county's gets its townships' notices too). Without `url` the
 * stored address is kept (it is never shown in full), so the kind or the switch can change alone.
 */
export async function saveWebhookConfig(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { orgId: number; kind: string; url?: string; enabled: boolean },
  at: string,
): Promise<WebhookConfig> {
  requireAction(p, 'webhooks.manage');
  const org = await requireOrg(h, input.orgId);
  if (org.kind !== 'county' && org.kind !== 'township')
    throw new UserError('群机器人只能设在县或乡镇（街道）', 'bad_webhook_org');
  const kind = checkKind(input.kind);
  const given = input.url === undefined || input.url.trim() === '' ? undefined : checkUrl(input.url);
  await withAudit(h, actor, at, async (trx) => {
    const before = await repo.webhookOfOrg(trx, org.id);
    const url = given ?? before?.url;
    if (!url) throw new UserError('请填写群机器人的 Webhook 地址', 'bad_webhook_url');
    const after = await repo.saveWebhook(trx, {
      orgId: org.id,
      kind,
      url,
      enabled: input.enabled,
      by: p.username,
      at,
    });
    return {
      result: after,
      events: [
        {
          action: 'webhook.save',
          targetType: 'webhook',
          targetId: after.id,
          before: before ? audited(before) : undefined,
          after: { ...audited(after), org: org.name },
        },
      ],
    };
  });
  const saved = (await listWebhookConfigs(h, p)).find((w) => w.orgId === org.id);
  if (!saved) throw new Error('webhook not stored');
  return saved;
}

/** Removes a webhook and its queue. */
export async function deleteWebhookConfig(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
): Promise<void> {
  requireAction(p, 'webhooks.manage');
  await withAudit(h, actor, at, async (trx) => {
    const before = await repo.getWebhook(trx, id);
    if (!before) throw notFound('该群机器人配置不存在');
    await repo.deleteWebhook(trx, id);
    return {
      result: undefined,
      events: [{ action: 'webhook.delete', targetType: 'webhook', targetId: id, before: audited(before) }],
    };
  });
}

/** Sends a test message now (not queued); the outcome is answered and the test audited. */
export async function testWebhook(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
  send: WebhookSender = fetchSender,
): Promise<{ ok: boolean; error: string | null }> {
  requireAction(p, 'webhooks.manage');
  const w = await repo.getWebhook(h.db, id);
  if (!w) throw notFound('该群机器人配置不存在');
  const org = await requireOrg(h, w.org_id);
  const title = '法治政府建设平台测试消息';
  const text = `### ${title}\n${org.name}的群机器人已接通：案件期限提醒和每日待办将发送到本群。\n> ${at.slice(0, 16).replace('T', ' ')}（UTC）由${p.name ?? p.username}发送`;
  const error = await send(w.url, webhookPayload(w.kind, title, text)).then(
    () => null,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  await withAudit(h, actor, at, () =>
    Promise.resolve({
      result: undefined,
      events: [
        { action: 'webhook.test', targetType: 'webhook', targetId: id, after: { ok: error === null, error } },
      ],
    }),
  );
  return { ok: error === null, error };
}

/** This process's name on the claims it makes. */
export const serverToken = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** The time of the next try after `attempts` failures: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/**
 * Sends the queued deliveries whose time has come: each claimed first (one UPDATE; a row another
 * server claimed is left to it), then marked sent, or retried later, or given up after
 * MAX_ATTEMPTS. A delivery whose webhook was switched off waits until it is on again.
 */
export async function deliverQueued(
  h: Db,
  now: Date,
  token: string,
  send: WebhookSender = fetchSender,
  limit = 50,
): Promise<{ sent: number; retried: number; failed: number }> {
  const at = now.toISOString();
  const stale = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
  const out = { sent: 0, retried: 0, failed: 0 };
  for (const d of await repo.dueDeliveries(h.db, at, stale, limit)) {
    const w = await repo.getWebhook(h.db, d.webhook_id);
    if (!w || w.enabled !== 1) continue;
    if (!(await repo.claimDelivery(h.db, Number(d.id), token, at, stale))) continue;
    try {
      await send(w.url, webhookPayload(w.kind, d.title, d.text));
      await repo.finishAttempt(h.db, Number(d.id), token, { sent: at });
      out.sent++;
    } catch (e) {
      const attempts = Number(d.attempts) + 1;
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      const giveUp = attempts >= MAX_ATTEMPTS;
      await repo.finishAttempt(h.db, Number(d.id), token, {
        attempts,
        error,
        retryAt: giveUp ? null : new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
        failedAt: giveUp ? at : null,
      });
      if (giveUp) out.failed++;
      else out.retried++;
    }
  }
  return out;
}
