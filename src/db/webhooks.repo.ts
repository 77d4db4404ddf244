import type { Kysely, Transaction } from 'kysely';
import type { Database, NewWebhookDeliveryRow, WebhookDeliveryRow, WebhookRow } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
const COLS = ['id', 'org_id', 'kind', 'url', 'enabled', 'updated_by', 'updated_at'] as const;
/** The same columns named through the `w` alias, for queries joined with the organisation. */
const JOINED = COLS.map((c) => `w.${c}` as const);

/** Every webhook with its organisation's name and path, by organisation path. */
export async function listWebhooks(
  db: Q,
): Promise<(WebhookRow & { org_name: string; org_path: string; org_kind: string })[]> {
  return db
    .selectFrom('webhooks as w')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .select([...JOINED, 'o.name as org_name', 'o.path as org_path', 'o.kind as org_kind'])
    .orderBy('o.path')
    .execute();
}

export async function webhookOfOrg(db: Q, orgId: number): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').select(COLS).where('org_id', '=', orgId).executeTakeFirst();
}

export async function getWebhook(db: Q, id: number): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').select(COLS).where('id', '=', id).executeTakeFirst();
}

/** Stores an organisation's webhook, replacing the one it had. */
export async function saveWebhook(
  trx: Transaction<Database>,
  w: { orgId: number; kind: string; url: string; enabled: boolean; by: string; at: string },
): Promise<WebhookRow> {
  const values = { kind: w.kind, url: w.url, enabled: w.enabled ? 1 : 0, updated_by: w.by, updated_at: w.at };
  await trx
    .insertInto('webhooks')
    .values({ org_id: w.orgId, ...values })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
    .execute();
  const row = await webhookOfOrg(trx, w.orgId);
  if (!row) throw new Error('webhook not stored');
  return row;
}

export async function deleteWebhook(trx: Transaction<Database>, id: number): Promise<void> {
  await trx.deleteFrom('webhooks').where('id', '=', id).execute();
}

/** Enabled webhooks of the organisations with these paths (a township and the county above it). */
export async function enabledWebhooksAt(
  db: Q,
  paths: readonly string[],
): Promise<(WebhookRow & { org_path: string })[]> {
  if (paths.length === 0) return [];
  return db
    .selectFrom('webhooks as w')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .select([...JOINED, 'o.path as org_path'])
    .where('w.enabled', '=', 1)
    .where('o.path', 'in', [...paths])
    .execute();
}

/** Queues deliveries not queued before (per webhook and key); returns how many were new. */
export async function enqueueDeliveries(db: Q, rows: readonly NewWebhookDeliveryRow[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const r = await db
      .insertInto('webhook_deliveries')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['webhook_id', 'key']).doNothing())
      .executeTakeFirst();
    n += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

/** Deliveries due to be tried: not sent, not given up, their time come, unclaimed or claimed long ago. */
export async function dueDeliveries(
  db: Q,
  now: string,
  staleBefore: string,
  limit: number,
): Promise<WebhookDeliveryRow[]> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', staleBefore)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Claims a delivery for one server with one UPDATE: only one of several servers sees a row
 * changed. A claim older than `staleBefore` (a server that died while sending) may be taken over.
 */
export async function claimDelivery(
  db: Q,
  id: number,
  token: string,
  now: string,
  staleBefore: string,
): Promise<boolean> {
  const r = await db
    .updateTable('webhook_deliveries')
    .set({ claimed_at: now, claimed_by: token })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', staleBefore)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records the outcome of an attempt by the server holding the claim. */
export async function finishAttempt(
  db: Q,
  id: number,
  token: string,
  outcome:
    { sent: string } | { attempts: number; error: string; retryAt: string | null; failedAt: string | null },
): Promise<void> {
  const set =
    'sent' in outcome
      ? { sent_at: outcome.sent, last_error: null, claimed_at: null }
      : {
          attempts: outcome.attempts,
          last_error: outcome.error,
          next_attempt_at: outcome.retryAt ?? outcome.failedAt ?? '',
          failed_at: outcome.failedAt,
          claimed_at: null,
        };
  await db
    .updateTable('webhook_deliveries')
    .set(set)
    .where('id', '=', id)
    .where('claimed_by', '=', token)
    .execute();
}

/** A webhook's latest deliveries, newest first. */
export async function recentDeliveries(
  db: Q,
  webhookId: number,
  limit: number,
): Promise<WebhookDeliveryRow[]> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
