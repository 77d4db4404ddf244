/**
 * The message centre: each user's reminders (due and overdue cases, the daily digest, a failed
 * import), read or unread. A message belongs to its user alone; reading it changes nothing any
 * other user sees, so marking read is the user's own state (like a session's last activity) and
 * is not an audited action. A user reaches only their own messages: every query is by their id.
 */
import type { Db } from '../db/connect.ts';
import * as repo from '../db/messages.repo.ts';
import type { MessageRow } from '../db/schema.ts';
import { UserError } from '../core/errors.ts';
import { requireAction, type Principal } from './access.ts';
import { formatIssue, type ImportIssue } from './ledger-io/report.ts';

export const MESSAGE_KINDS = {
  overdue: '逾期提醒',
  due: '到期提醒',
  digest: '每日待办',
  import_failed: '导入失败',
  exam: '考试提醒',
} as const;
export type MessageKind = keyof typeof MESSAGE_KINDS;

export interface Message {
  readonly id: number;
  readonly kind: string;
  readonly kindLabel: string;
  readonly title: string;
  readonly body: string;
  readonly link: string | null;
  readonly createdAt: string;
  readonly read: boolean;
}

export interface MessagePage {
  readonly total: number;
  readonly unread: number;
  readonly items: readonly Message[];
}

function toMessage(r: MessageRow): Message {
  return {
    id: Number(r.id),
    kind: r.kind,
    kindLabel: (MESSAGE_KINDS as Record<string, string>)[r.kind] ?? r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.created_at,
    read: r.read_at !== null,
  };
}

function ownId(p: Principal): number {
  requireAction(p, 'session');
  if (p.id === null) throw new UserError('命令行（系统）没有消息中心', 'no_messages');
  return p.id;
}

/** A page of the user's own messages, newest first. */
export async function listMessages(
  h: Db,
  p: Principal,
  q: { unreadOnly?: boolean; kind?: string; limit?: number; offset?: number } = {},
): Promise<MessagePage> {
  const r = await repo.listMessages(h.db, ownId(p), {
    unreadOnly: q.unreadOnly,
    kind: q.kind,
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
  return { total: r.total, unread: r.unread, items: r.items.map(toMessage) };
}

/** The user's unread count, for the header's badge. */
export async function unreadMessages(h: Db, p: Principal): Promise<number> {
  return repo.unreadCount(h.db, ownId(p));
}

/**
 * Marks the user's own messages read (the listed ones, or all); ids of other users' messages
 * change nothing. Returns how many changed and the unread count left.
 */
export async function markMessagesRead(
  h: Db,
  p: Principal,
  ids: readonly number[] | 'all',
  at: string,
): Promise<{ changed: number; unread: number }> {
  const id = ownId(p);
  const changed = await repo.markRead(h.db, id, ids, at);
  return { changed, unread: await repo.unreadCount(h.db, id) };
}

/** Lines of a failed import's message: the first problems, then how many more. */
const SHOWN_ISSUES = 10;

/**
 * Keeps the user's last failed import as a message (it shows in the 待办 until read), or, after an
 * import that went through, marks the earlier failure read. Dry runs change nothing.
 */
export async function noteImportOutcome(
  h: Db,
  p: Principal,
  r: { fileName: string; dryRun: boolean; errors: readonly ImportIssue[] },
  at: string,
): Promise<void> {
  if (r.dryRun || p.id === null) return;
  if (r.errors.length === 0) {
    const last = await repo.latestOfKind(h.db, p.id, 'import_failed');
    if (last && last.read_at === null) await repo.markRead(h.db, p.id, [Number(last.id)], at);
    return;
  }
  const lines = r.errors.slice(0, SHOWN_ISSUES).map(formatIssue);
  if (r.errors.length > SHOWN_ISSUES) lines.push(`……另有 ${r.errors.length - SHOWN_ISSUES} 处问题`);
  await repo.replaceMessage(h.db, {
    user_id: p.id,
    kind: 'import_failed',
    key: 'import_failed',
    title: `“${r.fileName}”导入失败，未写入任何记录`,
    body: [`共 ${r.errors.length} 处问题，请修改后重新导入：`, ...lines].join('\n'),
    link: '/ledger',
    created_at: at,
    read_at: null,
  });
}
