import { allAuditActions, auditActionLabel, auditTargetLabel } from '../catalogue/audit-actions.ts';
import { roleLabel } from '../catalogue/roles.ts';
import { auditDiff, type FieldChange } from '../core/audit-diff.ts';
import { namesOf } from '../db/audit-names.repo.ts';
import * as repo from '../db/audit.repo.ts';
import type { Db } from '../db/connect.ts';
import { SYSTEM_ROLE, requireAction, type Principal } from './access.ts';
import { toEntry, type AuditEntry } from './audit.ts';

/**
 * The audit log as the auditor reads it (三员分立: only the 安全审计员): every action, role and
 * object named in Chinese, each entry's before/after as fields, and filters (audit-xlsx.ts exports it).
 */

export interface AuditFilter {
  /** Inclusive ISO date or timestamp. */
  readonly from?: string;
  /** Exclusive ISO timestamp (a route passes the day after an inclusive date). */
  readonly to?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly targetType?: string;
  readonly targetId?: string;
}

/** An entry with its names: what the auditor's page and the export show. */
export interface AuditLine extends AuditEntry {
  readonly actionLabel: string;
  /** The acting account's display name, when it still exists. */
  readonly actorName: string | null;
  readonly roleLabel: string | null;
  readonly targetLabel: string | null;
  readonly targetName: string | null;
  readonly changes: readonly FieldChange[];
}

export const repoFilter = (f: AuditFilter) => ({
  from: f.from,
  to: f.to,
  actor: f.actor,
  actions: f.action === undefined ? undefined : [f.action],
  targetType: f.targetType,
  targetId: f.targetId,
});

function roleLabelOf(role: string | null, actor: string | null): string | null {
  if (role === null) return actor === null ? '系统' : null;
  if (role === SYSTEM_ROLE) return '命令行（系统）';
  // The public portal's visitors act without an account (services/public/guard.ts publicActor).
  if (role === 'public') return '公众（无须登录）';
  return roleLabel(role);
}

const numericIds = (entries: readonly AuditEntry[], types: readonly string[]): number[] => [
  ...new Set(
    entries
      .filter((e) => e.targetType !== null && types.includes(e.targetType) && /^\d+$/.test(e.targetId ?? ''))
      .map((e) => Number(e.targetId)),
  ),
];

/** Org ids an entry's JSON mentions, so the diff names them. */
function orgIdsIn(e: AuditEntry): number[] {
  const out: number[] = [];
  for (const side of [e.before, e.after])
    if (side && typeof side === 'object')
      for (const k of ['orgId', 'parentId', 'townshipId']) {
        const v = (side as Record<string, unknown>)[k];
        if (typeof v === 'number') out.push(v);
      }
  return out;
}

/** The name an entry's own JSON gives its object (an object deleted since is named so). */
function ownName(e: AuditEntry): string | null {
  for (const side of [e.after, e.before]) {
    if (!side || typeof side !== 'object') continue;
    const o = side as Record<string, unknown>;
    for (const k of ['title', 'name', 'fileName', 'username'])
      if (typeof o[k] === 'string' && o[k] !== '') return o[k];
  }
  return null;
}

/** Names every entry of a page: a few statements over the page's ids. */
export async function named(h: Db, entries: readonly AuditEntry[]): Promise<AuditLine[]> {
  const users = [
    ...new Set([
      ...numericIds(entries, ['user']),
      ...entries.map((e) => e.actorId).filter((x): x is number => x !== null),
    ]),
  ];
  const orgs = [...new Set([...numericIds(entries, ['org']), ...entries.flatMap(orgIdsIn)])];
  const rows = await namesOf(h.db, {
    users,
    orgs,
    records: numericIds(entries, ['record', 'case']),
    evidence: numericIds(entries, ['evidence']),
    reports: numericIds(entries, ['annual_report']),
  });
  const user = new Map(rows.users.map((u) => [u.id, u]));
  const org = new Map(rows.orgs.map((o) => [o.id, o.name]));
  const record = new Map(rows.records.map((r) => [r.id, r]));
  const evidence = new Map(rows.evidence.map((r) => [r.id, r.file_name]));
  const report = new Map(rows.reports.map((r) => [r.id, `${r.township}${r.year}年度报告`]));
  return entries.map((e) => {
    const id = Number(e.targetId);
    const rec = e.targetType === 'record' || e.targetType === 'case' ? record.get(id) : undefined;
    const u = e.targetType === 'user' ? user.get(id) : undefined;
    let targetName: string | null;
    switch (e.targetType) {
      case 'user':
        targetName = u ? `${u.display_name}（${u.username}）` : ownName(e);
        break;
      case 'org':
        targetName = org.get(id) ?? ownName(e);
        break;
      case 'record':
      case 'case':
        targetName = rec?.title ?? ownName(e);
        break;
      case 'evidence':
        targetName = evidence.get(id) ?? ownName(e);
        break;
      case 'annual_report':
        targetName = report.get(id) ?? null;
        break;
      case 'calendar_year':
        targetName = e.targetId ? `${e.targetId}年` : null;
        break;
      case 'session':
        // A session is named by its user, who is the actor; its id means nothing to a reader.
        targetName = '本次登录';
        break;
      case null:
        targetName = null;
        break;
      default:
        targetName = e.targetId;
    }
    const caseType = e.targetType === 'case' ? rec?.kind : undefined;
    const actor = e.actorId === null ? undefined : user.get(e.actorId);
    return {
      ...e,
      actionLabel: auditActionLabel(e.action, { caseType }) ?? `未登记的操作（${e.action}）`,
      actorName: actor?.display_name ?? null,
      roleLabel: roleLabelOf(e.role, e.actor),
      targetLabel: e.targetType === null ? null : auditTargetLabel(e.targetType),
      targetName,
      changes: auditDiff(e.before, e.after, {
        kind: rec?.kind,
        orgName: (i) => org.get(i),
      }),
    };
  });
}

/** A page of the log, newest first, with the number of entries the filter matches. */
export async function auditPage(
  h: Db,
  p: Principal,
  f: AuditFilter,
  page: { limit: number; offset: number; order?: 'asc' | 'desc' },
): Promise<{ items: AuditLine[]; total: number }> {
  requireAction(p, 'audit.read');
  const q = repoFilter(f);
  const [rows, total] = [
    await repo.listEntries(h.db, { ...q, ...page, order: page.order ?? 'desc' }),
    await repo.countEntries(h.db, q),
  ];
  return { items: await named(h, rows.map(toEntry)), total };
}

/** What the auditor can filter by: the accounts that acted, the actions and object types in the log. */
export async function auditFacets(
  h: Db,
  p: Principal,
): Promise<{
  actors: { username: string; name: string | null; entries: number }[];
  actions: { action: string; label: string }[];
  targetTypes: { type: string; label: string }[];
}> {
  requireAction(p, 'audit.read');
  const actors = await repo.actorsOf(h.db);
  const ids = actors.map((a) => a.actorId).filter((x): x is number => x !== null);
  const names = new Map(
    (await namesOf(h.db, { users: ids, orgs: [], records: [], evidence: [], reports: [] })).users.map((u) => [
      u.id,
      u.display_name,
    ]),
  );
  const present = new Set(await repo.distinctOf(h.db, 'action'));
  const known = allAuditActions();
  const unknown = [...present].filter((a) => !known.some((k) => k.action === a));
  return {
    actors: actors.map((a) => ({
      username: a.actor,
      name: a.actorId === null ? null : (names.get(a.actorId) ?? null),
      entries: a.n,
    })),
    actions: [
      ...known.filter((k) => present.has(k.action)),
      ...unknown.map((a) => ({ action: a, label: auditActionLabel(a) ?? `未登记的操作（${a}）` })),
    ],
    targetTypes: (await repo.distinctOf(h.db, 'target_type')).map((t) => ({
      type: t,
      label: auditTargetLabel(t),
    })),
  };
}
