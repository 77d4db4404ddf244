import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { allAuditActions, auditActionLabel, auditTargetLabel } from '../catalogue/audit-actions.ts';
import { findRole } from '../catalogue/roles.ts';
import { auditDiff, diffText, type FieldChange } from '../core/audit-diff.ts';
import { namesOf } from '../db/audit-names.repo.ts';
import * as repo from '../db/audit.repo.ts';
import type { Db } from '../db/connect.ts';
import { SYSTEM_ROLE, requireAction, type Principal } from './access.ts';
import { auditHead, auditRead, toEntry, type AuditActor, type AuditEntry } from './audit.ts';

/**
 * The audit log as the auditor reads it (三员分立: only the 安全审计员): every action, role and
 * object named in Chinese, each entry's before/after as fields, filters, and the .xlsx export that
 * ends with the chain's head and is itself audited.
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

const repoFilter = (f: AuditFilter) => ({
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
  if (role === '') return '未分配角色';
  return findRole(role)?.label ?? role;
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
async function named(h: Db, entries: readonly AuditEntry[]): Promise<AuditLine[]> {
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

/** An ISO timestamp as China's wall clock (UTC+8), `2024-05-01 14:03:22`. */
export function chinaTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const COLUMNS: readonly { header: string; width: number }[] = [
  { header: '序号', width: 8 },
  { header: '时间（北京时间）', width: 20 },
  { header: '账号', width: 16 },
  { header: '姓名', width: 12 },
  { header: '角色', width: 16 },
  { header: '地址', width: 16 },
  { header: '操作', width: 24 },
  { header: '对象类型', width: 12 },
  { header: '对象', width: 28 },
  { header: '变更内容', width: 48 },
  { header: '哈希', width: 68 },
];

/** Text that a spreadsheet would run as a formula is kept as text. */
const cell = (s: string | number | null): string | number =>
  s === null ? '' : typeof s === 'number' ? s : /^[=+\-@]/.test(s) ? `'${s}` : s;

/**
 * The filtered log as .xlsx in chain order, its last row the chain's head (序号 and hash) at the
 * time of export: kept apart, it shows later whether the chain was cut short or rewritten. The
 * export is itself an entry, after the head it printed.
 */
export async function exportAuditXlsx(
  h: Db,
  p: Principal,
  actor: AuditActor,
  at: string,
  f: AuditFilter,
): Promise<{ bytes: Buffer; entries: number; head: { seq: number; hash: string } }> {
  requireAction(p, 'audit.read');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'fazhi';
  const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const q = repoFilter(f);
  let offset = 0;
  for (;;) {
    const rows = await repo.listEntries(h.db, { ...q, limit: 500, offset, order: 'asc' });
    for (const e of await named(h, rows.map(toEntry))) {
      const row = ws.addRow([
        e.seq,
        chinaTime(e.at),
        cell(e.actor),
        cell(e.actorName),
        cell(e.roleLabel),
        cell(e.ip),
        cell(e.actionLabel),
        cell(e.targetLabel),
        cell(e.targetName),
        cell(diffText(e.changes)),
        e.hash,
      ]);
      row.getCell(10).alignment = { wrapText: true, vertical: 'top' };
      row.commit();
    }
    offset += rows.length;
    if (rows.length < 500) break;
  }
  const head = await auditHead(h);
  const last = ws.addRow([
    head.seq,
    chinaTime(at),
    '',
    '',
    '',
    '',
    '审计日志链头',
    '审计日志',
    '',
    `共导出 ${offset} 条`,
    head.hash,
  ]);
  last.font = { bold: true };
  last.commit();
  ws.commit();
  await wb.commit();
  await auditRead(h, actor, at, {
    action: 'audit.export',
    targetType: 'audit_log',
    after: { ...f, format: 'xlsx', entries: offset, head },
  });
  return { bytes: Buffer.concat(chunks), entries: offset, head };
}
