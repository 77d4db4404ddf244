/**
 * Reminders: an immediate notice when a case clock comes within the notice window or runs out,
 * and each user's daily digest of their 待办 at a set China time; both to the message centre and
 * to the group-robot webhooks of the township and its county. What a recipient was told is kept
 * per item and state (notice_keys), so restarts and several servers tell nothing twice. Webhook
 * texts carry case numbers, types, due dates and township names, never case titles or parties.
 */
import { createHash } from 'node:crypto';
import { todayOf } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import * as messages from '../db/messages.repo.ts';
import * as webhooks from '../db/webhooks.repo.ts';
import { kindAllowed, ownRecordsOnly, permits, type Principal } from './access.ts';
import { dueCases, type DueItem } from './cases/due.ts';
import { allOrgs, requireOrg, type Org } from './orgs.ts';
import { TODO_CATEGORIES, dueForUser, todoList, type TodoItem } from './todo.ts';

export interface ReminderSettings {
  /** China time (HH:MM) the daily digest is sent at. */
  readonly digestAt: string;
  /** A case clock is noticed once it is due within this many days, and again once overdue. */
  readonly noticeDays: number;
  /** The digest covers clocks due within this many days. */
  readonly digestDays: number;
}

export const DEFAULT_REMINDERS: ReminderSettings = { digestAt: '08:30', noticeDays: 3, digestDays: 7 };

/** Reads the settings of `fazhi serve` (options or FAZHI_DIGEST_AT, FAZHI_REMIND_DAYS). */
export function reminderSettings(input: { digestAt?: string; noticeDays?: string }): ReminderSettings {
  const digestAt = input.digestAt ?? DEFAULT_REMINDERS.digestAt;
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(digestAt);
  if (!m) throw new UserError(`每日待办的发送时间应为 时:分（北京时间，如 08:30），收到“${digestAt}”`);
  const days = input.noticeDays === undefined ? DEFAULT_REMINDERS.noticeDays : Number(input.noticeDays);
  if (!Number.isInteger(days) || days < 0 || days > 60)
    throw new UserError(`到期提醒的提前天数应为 0 至 60 之间的整数，收到“${input.noticeDays ?? ''}”`);
  return { ...DEFAULT_REMINDERS, digestAt: `${m[1]!.padStart(2, '0')}:${m[2]!}`, noticeDays: days };
}

/** The China time of day (HH:MM) of an instant. */
export function chinaTime(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

interface Notice {
  readonly key: string;
  readonly item: DueItem;
  readonly township: Org;
}

const stateOf = (i: DueItem): 'overdue' | 'due' => (i.overdue ? 'overdue' : 'due');
const noticeKey = (i: DueItem): string => `case:${i.caseId}:${i.clock}:${i.due}:${stateOf(i)}`;
const batchKey = (prefix: string, keys: readonly string[]): string =>
  `${prefix}:${createHash('sha256')
    .update([...keys].sort().join('\n'))
    .digest('hex')
    .slice(0, 32)}`;

function when(i: DueItem): string {
  if (i.overdue) return `${i.clockLabel}${i.due}届满，已逾期${-i.daysLeft}日`;
  return i.daysLeft === 0
    ? `${i.clockLabel}今日（${i.due}）届满`
    : `${i.clockLabel}${i.due}届满，还有${i.daysLeft}日`;
}

/** A line for a group chat: case number, type, township, clock and date; no title, no party. */
function robotLine(i: DueItem, township: string): string {
  return `- **${i.overdue ? '已逾期' : '即将到期'}** ${i.typeLabel} #${i.caseId}（${township}）：${when(i)}`;
}

/** A line for the user, who may read the case: its title too. */
function userLine(i: DueItem, township: string): string {
  return `【${i.overdue ? '已逾期' : '即将到期'}】${i.typeLabel}“${i.title}”（#${i.caseId}，${township}）：${when(i)}`;
}

const principalOf = (r: messages.Recipient): Principal => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  orgId: r.orgId,
  orgPath: r.orgPath,
});

/** The notices a user may be told of among a county's (their scope, their readable kinds). */
async function noticesFor(
  h: Db,
  r: messages.Recipient,
  all: readonly Notice[],
  county: Org,
  days: number,
  now: string,
): Promise<Notice[]> {
  const p = principalOf(r);
  if (!permits(p, 'cases.read')) return [];
  const mine = all.filter(
    (n) => n.township.path.startsWith(r.orgPath) && kindAllowed(r.role, 'read', n.item.type),
  );
  if (mine.length === 0 || !ownRecordsOnly(r.role)) return mine;
  // A role that sees only its own records is told only of the cases its own service lists to it.
  const own = new Set((await dueForUser(h, p, county, days, now)).map(noticeKey));
  return mine.filter((n) => own.has(n.key));
}

function userMessage(r: messages.Recipient, fresh: readonly Notice[], at: string) {
  const overdue = fresh.filter((n) => n.item.overdue).length;
  const first = fresh[0]!;
  const one = fresh.length === 1;
  return {
    user_id: r.id,
    kind: overdue ? 'overdue' : 'due',
    key: batchKey(
      'notice',
      fresh.map((n) => n.key),
    ),
    title: one
      ? `${first.item.typeLabel}“${first.item.title}”${first.item.overdue ? `已逾期${-first.item.daysLeft}日` : '即将到期'}`
      : `${fresh.length}件案件期限提醒${overdue ? `（${overdue}件已逾期）` : ''}`,
    body: fresh.map((n) => userLine(n.item, n.township.name)).join('\n'),
    link: one ? `/cases?type=${first.item.type}&open=${first.item.caseId}` : '/todo',
    created_at: at,
    read_at: null,
  };
}

function robotText(org: string, title: string, lines: readonly string[], today: string): string {
  return [`### ${title}`, `> ${org}，${today}`, '', ...lines, '', '请登录法治政府建设平台查看和办理。'].join(
    '\n',
  );
}

/**
 * Tells every user and webhook of the case clocks that came within the notice window or ran out
 * since they were last told: one message (or delivery) per recipient for what is new to it.
 */
export async function sendDueNotices(
  h: Db,
  now: string,
  settings: ReminderSettings = DEFAULT_REMINDERS,
): Promise<{ messages: number; deliveries: number }> {
  const today = todayOf(now);
  const orgs = await allOrgs(h);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const users = await messages.recipients(h.db);
  const out = { messages: 0, deliveries: 0 };
  for (const county of orgs.filter((o) => o.kind === 'county')) {
    const items = (await dueCases(h, county, settings.noticeDays, now)).filter((i) => i.kind === 'limit');
    const all: Notice[] = items.flatMap((item) => {
      const township = byId.get(item.townshipId);
      return township ? [{ key: noticeKey(item), item, township }] : [];
    });
    if (all.length === 0) continue;
    for (const r of users.filter((u) => u.orgPath.startsWith(county.path))) {
      const mine = await noticesFor(h, r, all, county, settings.noticeDays, now);
      if (mine.length === 0) continue;
      out.messages += await h.db.transaction().execute(async (trx) => {
        const fresh = new Set(
          await messages.claimNoticeKeys(
            trx,
            `user:${r.id}`,
            mine.map((n) => n.key),
            now,
          ),
        );
        const told = mine.filter((n) => fresh.has(n.key));
        return told.length ? messages.insertMessages(trx, [userMessage(r, told, now)]) : 0;
      });
    }
    const paths = [county.path, ...orgs.filter((o) => o.parentId === county.id).map((o) => o.path)];
    for (const w of await webhooks.enabledWebhooksAt(h.db, paths)) {
      const mine = all.filter((n) => n.township.path.startsWith(w.org_path));
      if (mine.length === 0) continue;
      const org = byId.get(w.org_id)?.name ?? '';
      out.deliveries += await h.db.transaction().execute(async (trx) => {
        const fresh = new Set(
          await messages.claimNoticeKeys(
            trx,
            `webhook:${w.id}`,
            mine.map((n) => n.key),
            now,
          ),
        );
        const told = mine.filter((n) => fresh.has(n.key));
        if (told.length === 0) return 0;
        const overdue = told.filter((n) => n.item.overdue).length;
        const title = `案件期限提醒：${told.length}件${overdue ? `，其中${overdue}件已逾期` : ''}`;
        const lines = told.map((n) => robotLine(n.item, n.township.name));
        return webhooks.enqueueDeliveries(trx, [
          {
            webhook_id: w.id,
            key: batchKey(
              'notice',
              told.map((n) => n.key),
            ),
            title,
            text: robotText(org, title, lines, today),
            next_attempt_at: now,
            created_at: now,
          },
        ]);
      });
    }
  }
  return out;
}

/** Items listed in a digest; the counts cover them all. */
const DIGEST_SHOWN = 10;
const ROBOT_SHOWN = 20;

function todoLine(i: TodoItem): string {
  return `【${TODO_CATEGORIES[i.category]}】${i.typeLabel}“${i.title}”${i.township ? `（${i.township}）` : ''}：${i.detail}`;
}

/**
 * The day's digest: each user with something to do gets their 待办 in one message; each enabled
 * webhook its organisation's overdue and soon-due cases. Stored once per recipient and day.
 */
export async function sendDailyDigests(
  h: Db,
  now: string,
  settings: ReminderSettings = DEFAULT_REMINDERS,
): Promise<{ messages: number; deliveries: number }> {
  const today = todayOf(now);
  const out = { messages: 0, deliveries: 0 };
  for (const r of await messages.recipients(h.db)) {
    const list = await todoList(h, principalOf(r), now, { days: settings.digestDays });
    if (list.total === 0) continue;
    const c = list.counts;
    const counts = (Object.keys(TODO_CATEGORIES) as (keyof typeof TODO_CATEGORIES)[])
      .filter((k) => c[k] > 0)
      .map((k) => `${TODO_CATEGORIES[k]}${c[k]}项`)
      .join('，');
    const lines = list.items.slice(0, DIGEST_SHOWN).map(todoLine);
    if (list.items.length > DIGEST_SHOWN)
      lines.push(`……另有 ${list.items.length - DIGEST_SHOWN} 项，请打开待办查看`);
    out.messages += await messages.insertMessages(h.db, [
      {
        user_id: r.id,
        kind: 'digest',
        key: `digest:${today}`,
        title: `${today} 待办：${counts}`,
        body: lines.join('\n'),
        link: '/todo',
        created_at: now,
        read_at: null,
      },
    ]);
  }
  for (const w of await webhooks.enabledWebhooksAt(
    h.db,
    (await allOrgs(h)).map((o) => o.path),
  )) {
    const org = await requireOrg(h, w.org_id);
    const items = (await dueCases(h, org, settings.digestDays, now)).filter((i) => i.kind === 'limit');
    if (items.length === 0) continue;
    const names = new Map((await allOrgs(h)).map((o) => [o.id, o.name]));
    const overdue = items.filter((i) => i.overdue).length;
    const title = `每日案件期限提醒：逾期${overdue}件，${settings.digestDays}日内到期${items.length - overdue}件`;
    const sorted = [...items.filter((i) => i.overdue), ...items.filter((i) => !i.overdue)];
    const lines = sorted.slice(0, ROBOT_SHOWN).map((i) => robotLine(i, names.get(i.townshipId) ?? ''));
    if (sorted.length > ROBOT_SHOWN) lines.push(`- ……另有 ${sorted.length - ROBOT_SHOWN} 件`);
    out.deliveries += await webhooks.enqueueDeliveries(h.db, [
      {
        webhook_id: w.id,
        key: `digest:${today}`,
        title,
        text: robotText(org.name, title, lines, today),
        next_attempt_at: now,
        created_at: now,
      },
    ]);
  }
  return out;
}
