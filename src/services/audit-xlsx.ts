import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { diffText } from '../core/audit-diff.ts';
import * as repo from '../db/audit.repo.ts';
import type { Db } from '../db/connect.ts';
import { requireAction, type Principal } from './access.ts';
import { named, repoFilter, type AuditFilter } from './audit-read.ts';
import { auditHead, auditRead, toEntry, type AuditActor } from './audit.ts';

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
