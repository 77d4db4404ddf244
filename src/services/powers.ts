/**
 * The 权力清单/责任清单: the administrative powers a township holds, kept as ledger records of kind
 * `power` and versioned by year. Importing a year's list (the county's .xlsx) replaces that year's
 * list and leaves earlier years as they were; penalty and inspection cases name the power they
 * exercise, and one the township does not hold on the case's date is refused.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CaseType } from '../catalogue/cases/types.ts';
import type { FieldValue } from '../catalogue/fields.ts';
import { getKind, POWER_CATEGORIES, powerCategory } from '../catalogue/kinds.ts';
import { yearOf } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import * as powers from '../db/powers.repo.ts';
import * as records from '../db/records.repo.ts';
import type { Database, NewRecordRow } from '../db/schema.ts';
import { forbidden, kindAllowed, requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { checkSize, DEFAULT_MAX_IMPORT_BYTES, detectFormat } from './ledger-io/format.ts';
import type { ImportInput } from './ledger-io/import.ts';
import { readSheets } from './ledger-io/read.ts';
import { sortIssues, type ImportIssue } from './ledger-io/report.ts';
import { planSheets } from './ledger-io/sheets.ts';
import { RowChecker } from './ledger-io/validate.ts';
import { writableTownship } from './ledger-writes.ts';
import { countyOf } from './orgs.ts';
import { datedSheets, yearSpan } from './power-sheets.ts';
import { subOrgIndex } from './records.ts';

const POWER = getKind('power');

export interface PowerListInput {
  readonly townshipId?: number;
  /** The year the list is for (清单年度). */
  readonly year: number;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** Check only: nothing is written or audited. */
  readonly dryRun?: boolean;
  readonly maxBytes?: number;
  /** Parses the file into sheets (default: here; the server runs it on a worker thread). */
  readonly readSheets?: ImportInput['readSheets'];
}

/** What a list import says back: the new list's counts, the list it replaced, every row problem. */
export interface PowerListReport {
  readonly fileName: string;
  readonly year: number;
  readonly dryRun: boolean;
  /** Data rows in the file. */
  readonly rows: number;
  /** Powers of the year's list before the import (replaced unless a dry run or errors). */
  readonly previous: number;
  /** Powers in the new list, by category label (行政处罚 → 12), in catalogue order. */
  readonly byCategory: readonly { readonly category: string; readonly count: number }[];
  /** Powers delegated by the county (县级赋权). */
  readonly delegated: number;
  readonly errors: readonly ImportIssue[];
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2099)
    throw new UserError(`清单年度应为 2000 至 2099 之间的整数，收到“${year}”`, 'bad_year');
}

function tally(rows: readonly NewRecordRow[]) {
  const counts = new Map<string, number>();
  let delegated = 0;
  for (const r of rows) {
    const d = JSON.parse(r.data) as Record<string, FieldValue>;
    const c = String(d.category);
    counts.set(c, (counts.get(c) ?? 0) + 1);
    if (d.source === 'delegated') delegated++;
  }
  const byCategory = POWER_CATEGORIES.filter(([k]) => counts.has(k)).map(([k, label]) => ({
    category: label,
    count: counts.get(k) ?? 0,
  }));
  return { byCategory, delegated };
}

/**
 * Replaces a township's 权力清单 for a year with the list in a spreadsheet, all or nothing: any
 * row problem and nothing is written. The year's earlier list is deleted, powers of earlier years
 * still in force end on 1 January of the year, and the new rows are in force for the year.
 */
export async function replacePowerList(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: PowerListInput,
  at: string,
): Promise<PowerListReport> {
  requireAction(p, 'ledger.import');
  if (!kindAllowed(p.role, 'write', POWER.id)) throw forbidden('当前角色无权导入权力清单');
  checkYear(input.year);
  const township = await writableTownship(h, p, input.townshipId);
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  checkSize(input.fileName, input.bytes.length, maxBytes);
  const format = await detectFormat(input.fileName, input.bytes);
  const raw = await (input.readSheets ?? readSheets)(input.fileName, input.bytes, format, maxBytes);
  const span = yearSpan(input.year);
  const dated = datedSheets(raw, span);
  const plan = planSheets(dated.sheets, { kindHint: POWER, township });
  const rowCount = plan.sheets.reduce((n, s) => n + s.rows.length, 0);
  if (rowCount === 0 && plan.issues.length === 0)
    throw new UserError(`文件“${input.fileName}”中没有权力清单事项`, 'empty_file');
  const checker = new RowChecker(township, (await countyOf(h, township)).id, await subOrgIndex(h, township), {
    now: at,
    createdBy: p.id,
  });
  const rows = plan.sheets.flatMap((s) => checker.check(s, 0, s.rows.length, null));
  const errors = sortIssues(
    [...dated.issues, ...plan.issues, ...checker.issues],
    raw.map((s) => s.name),
  );
  const previous = await powers.countPowersStarting(h.db, township.id, span.from, span.until);
  const dryRun = input.dryRun === true;
  const report = { fileName: input.fileName, year: input.year, dryRun, rows: rowCount, previous };
  if (errors.length > 0) return { ...report, byCategory: [], delegated: 0, errors };
  const counts = tally(rows);
  if (dryRun) return { ...report, ...counts, errors: [] };
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await withAudit(h, actor, at, async (trx) => {
    const removed = await powers.deletePowersStarting(trx, township.id, span.from, span.until);
    const ended = await powers.endPowersBefore(trx, township.id, span.from, at);
    const importId = await records.insertImport(trx, {
      township_id: township.id,
      file_name: input.fileName,
      file_sha256: sha256,
      rows: rowCount,
      inserted: 0,
      skipped: 0,
      created_by: p.id,
      created_at: at,
    });
    const inserted = await records.insertRecords(
      trx,
      rows.map((r) => ({ ...r, import_id: importId })),
    );
    await records.setImportCounts(trx, importId, inserted, rows.length - inserted);
    const after = { year: input.year, fileName: input.fileName, sha256, removed, ended, inserted, ...counts };
    return {
      result: inserted,
      events: [{ action: 'powers.replace', targetType: 'org', targetId: township.id, after }],
    };
  });
  return { ...report, ...counts, errors: [] };
}

/**
 * Refuses to open a case of a type that names its power (行政处罚, 执法检查) without one, or under a
 * power not in the township's list in force on the case's date. Runs on the opening's transaction.
 */
export async function checkCasePower(
  h: Db,
  trx: Transaction<Database>,
  type: CaseType,
  townshipId: number,
  date: string,
  data: Readonly<Record<string, FieldValue>>,
): Promise<void> {
  if (!type.power) return;
  const { field: key, categories } = type.power;
  const field = getKind(type.kind).fields.find((f) => f.key === key);
  const value = data[key];
  const item = typeof value === 'string' ? value.trim() : '';
  if (item === '')
    throw new UserError(
      `${type.label}须写明“${field?.label ?? key}”：本乡镇权力清单中的事项名称`,
      'power_required',
    );
  const row = await powers.findHeldPower(trx, townshipId, item, date);
  const category = row && h.dialect.readJson(row.data).category;
  const held = row && { category: typeof category === 'string' ? category : '' };
  if (held && categories.includes(held.category)) return;
  const wanted = categories.map(powerCategory).join('、');
  if (held)
    throw new UserError(
      `本乡镇${yearOf(date)}年权力清单中的“${item}”属于${powerCategory(held.category)}，不能据以办理${type.label}（应为${wanted}事项）`,
      'power_category',
      409,
    );
  throw new UserError(
    `本乡镇${yearOf(date)}年权力清单中没有“${item}”，不能以此立案；请先在权力清单中登记或核对事项名称`,
    'power_not_held',
    409,
  );
}
