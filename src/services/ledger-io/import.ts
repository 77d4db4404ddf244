import { createHash } from 'node:crypto';
import { findKind, type RecordKind } from '../../catalogue/kinds.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/records.repo.ts';
import type { NewRecordRow } from '../../db/schema.ts';
import { countyOf, type Org } from '../orgs.ts';
import { prepareRows, subOrgIndex } from '../records.ts';
import { decodeText, parseCsv } from './csv.ts';
import { expectedOf, type RawSheet, type SheetDrafts } from './drafts.ts';
import { checkSize, checkZip, DEFAULT_MAX_IMPORT_BYTES, detectFormat, type LedgerFormat } from './format.ts';
import { readXlsx } from './read-xlsx.ts';
import { sortIssues, type ImportIssue, type ImportReport, type SheetSummary } from './report.ts';
import { planSheets } from './sheets.ts';

export interface ImportProgress {
  /** read: parsing the file; check: validating rows; write: inserting them. */
  readonly phase: 'read' | 'check' | 'write';
  readonly done: number;
  readonly total: number;
}

export interface ImportInput {
  /** The township whose ledger receives the rows. */
  readonly township: Org;
  /** The file's name as uploaded (kept in `imports`, used in messages and for a CSV's sheet name). */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** Kind (id or Chinese label) for sheets whose name and headers do not say. */
  readonly kindHint?: string;
  /** Validate only; write nothing. */
  readonly dryRun?: boolean;
  readonly createdBy: number | null;
  /** ISO timestamp stored as the rows' created_at. */
  readonly now: string;
  /** Largest accepted file in bytes (default 20 MB). */
  readonly maxBytes?: number;
  readonly onProgress?: (p: ImportProgress) => void;
}

/** Rows per insert transaction step: progress is reported after each. */
const WRITE_STEP = 5000;

const baseName = (fileName: string): string => fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');

async function readSheets(fileName: string, bytes: Uint8Array, format: LedgerFormat, maxBytes: number): Promise<RawSheet[]> {
  if (format === 'xlsx') {
    checkZip(fileName, bytes, maxBytes);
    return readXlsx(fileName, bytes);
  }
  const records = parseCsv(decodeText(bytes).text);
  return [{ name: baseName(fileName), rows: records.map((r) => ({ number: r.line, cells: r.cells })) }];
}

/** A row that passed validation, with where it came from. */
interface Located {
  readonly sheet: string;
  readonly row: number;
  readonly record: NewRecordRow;
}

/** Adds the column's expected form to messages that do not already say what was expected. */
function messageOf(kind: RecordKind, label: string, message: string): string {
  if (message.includes('应')) return message;
  const expected = expectedOf(kind, label);
  if (!expected) return message;
  return message === '不能为空' ? `不能为空，应填：${expected}` : `${message}，应为：${expected}`;
}

/** Validates each sheet's drafts into rows; problems come back with their sheet, row and column. */
function validateSheets(
  sheets: readonly SheetDrafts[],
  township: Org,
  countyId: number,
  subOrgs: ReadonlyMap<string, number>,
  meta: { now: string; createdBy: number | null },
  onProgress: ImportInput['onProgress'],
): { rows: Located[]; issues: ImportIssue[] } {
  const rows: Located[] = [];
  const issues: ImportIssue[] = [];
  const total = sheets.reduce((n, s) => n + s.drafts.length, 0);
  let done = 0;
  for (const s of sheets) {
    const r = prepareRows(s.kind, township, countyId, subOrgs, s.drafts, { ...meta, importId: null });
    const failed = new Set<number>();
    for (const e of r.errors) {
      failed.add(e.index);
      const row = s.rowNumbers[e.index] ?? null;
      for (const fe of e.errors) issues.push({ sheet: s.sheet, row, column: fe.label, message: messageOf(s.kind, fe.label, fe.message) });
    }
    // prepareRows returns the valid rows in draft order, leaving out the failed ones.
    let next = 0;
    for (let i = 0; i < s.drafts.length; i++) {
      if (failed.has(i)) continue;
      const record = r.rows[next++];
      if (record) rows.push({ sheet: s.sheet, row: s.rowNumbers[i] ?? 0, record });
    }
    done += s.drafts.length;
    onProgress?.({ phase: 'check', done, total });
  }
  return { rows, issues };
}

/** The same record twice in one file is an error naming both rows. */
function duplicatesWithin(rows: readonly Located[]): ImportIssue[] {
  const first = new Map<string, Located>();
  const issues: ImportIssue[] = [];
  for (const r of rows) {
    const f = first.get(r.record.dedup_key);
    if (!f) {
      first.set(r.record.dedup_key, r);
      continue;
    }
    const where = f.sheet === r.sheet ? `第 ${f.row} 行` : `工作表“${f.sheet}”第 ${f.row} 行`;
    issues.push({ sheet: r.sheet, row: r.row, column: null, message: `与${where}内容完全相同（重复行）：请删去其中一行` });
  }
  return issues;
}

/**
 * Imports a ledger spreadsheet (.xlsx or .csv) into a township's ledger, all or nothing: any
 * problem in any row and nothing is written; the report lists every problem. Rows already in the
 * ledger are skipped, so importing the same file again adds nothing. Problems with the file as a
 * whole (too large, not a spreadsheet, damaged, no data) are thrown as UserError.
 */
export async function importLedger(h: Db, input: ImportInput): Promise<ImportReport> {
  const { township, fileName, bytes } = input;
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  checkSize(fileName, bytes.length, maxBytes);
  if (township.kind !== 'township') throw new UserError(`台账须导入乡镇（街道），“${township.name}”不是乡镇`, 'not_township');
  const kindHint = input.kindHint === undefined ? undefined : findKind(input.kindHint);
  if (input.kindHint !== undefined && !kindHint) throw new UserError(`未知的台账类型“${input.kindHint}”：可用 fazhi kinds 查看全部类型`, 'unknown_kind');
  const format = await detectFormat(fileName, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  input.onProgress?.({ phase: 'read', done: 0, total: 1 });
  const raw = await readSheets(fileName, bytes, format, maxBytes);
  input.onProgress?.({ phase: 'read', done: 1, total: 1 });

  const plan = planSheets(raw, { ...(kindHint ? { kindHint } : {}), township });
  const rowCount = plan.sheets.reduce((n, s) => n + s.rows, 0);
  if (plan.sheets.length === 0 && plan.issues.length === 0) {
    throw new UserError(`文件“${fileName}”中没有任何数据：所有工作表都是空的`, 'empty_file');
  }
  if (rowCount === 0 && plan.issues.length === 0) {
    throw new UserError(`文件“${fileName}”只有表头，没有数据行`, 'empty_file');
  }
  const county = await countyOf(h, township);
  const checked = validateSheets(plan.sheets, township, county.id, await subOrgIndex(h, township), { now: input.now, createdBy: input.createdBy }, input.onProgress);
  const sheetOrder = raw.map((s) => s.name);
  const errors = sortIssues([...plan.issues, ...checked.issues, ...duplicatesWithin(checked.rows)], sheetOrder);
  const sheets: SheetSummary[] = plan.sheets.map((s) => ({ sheet: s.sheet, kind: s.kind.id, kindLabel: s.kind.label, rows: s.rows }));
  const report = { fileName, sha256, format, dryRun: input.dryRun === true, rows: rowCount, sheets };
  if (errors.length > 0) return { ...report, inserted: 0, skipped: 0, importId: null, errors };

  const existing = await repo.existingDedupKeys(h.db, township.id, checked.rows.map((r) => r.record.dedup_key));
  const fresh = checked.rows.filter((r) => !existing.has(r.record.dedup_key)).map((r) => r.record);
  if (input.dryRun) return { ...report, inserted: fresh.length, skipped: checked.rows.length - fresh.length, importId: null, errors };

  const { importId, inserted } = await h.db.transaction().execute(async (trx) => {
    const importId = await repo.insertImport(trx, {
      township_id: township.id,
      file_name: fileName,
      file_sha256: sha256,
      rows: rowCount,
      inserted: fresh.length,
      skipped: checked.rows.length - fresh.length,
      created_by: input.createdBy,
      created_at: input.now,
    });
    let inserted = 0;
    for (let i = 0; i < fresh.length; i += WRITE_STEP) {
      const step = fresh.slice(i, i + WRITE_STEP).map((r) => ({ ...r, import_id: importId }));
      inserted += await repo.insertRecords(trx, step);
      input.onProgress?.({ phase: 'write', done: Math.min(i + WRITE_STEP, fresh.length), total: fresh.length });
    }
    // A concurrent import may have stored some of the same rows since the check above.
    if (inserted !== fresh.length) await repo.setImportCounts(trx, importId, inserted, checked.rows.length - inserted);
    return { importId, inserted };
  });
  return { ...report, inserted, skipped: checked.rows.length - inserted, importId, errors };
}
