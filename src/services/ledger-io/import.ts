import { setImmediate as nextTurn } from 'node:timers/promises';
import { createHash } from 'node:crypto';
import { findKind } from '../../catalogue/kinds.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import * as layouts from '../../db/import-layouts.repo.ts';
import * as repo from '../../db/records.repo.ts';
import type { Database, NewRecordRow } from '../../db/schema.ts';
import type { Transaction } from 'kysely';
import { countyOf, type Org } from '../orgs.ts';
import { subOrgIndex } from '../records.ts';
import type { RawSheet } from './drafts.ts';
import { checkSize, DEFAULT_MAX_IMPORT_BYTES, detectFormat, type LedgerFormat } from './format.ts';
import { readSheets } from './read.ts';
import { sortIssues, type ImportReport, type SheetSummary } from './report.ts';
import { planSheets } from './sheets.ts';
import type { ColumnChoice } from './auto-layout.ts';
import { columnId, kindColumns } from './layout.ts';
import { RowChecker } from './validate.ts';

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
  /** A person's choice of kind and columns for sheets in the township's own layout, by sheet name; remembered once imported. */
  readonly layout?: Readonly<Record<string, ColumnChoice>>;
  readonly createdBy: number | null;
  /** ISO timestamp stored as the rows' created_at. */
  readonly now: string;
  /** Largest accepted file in bytes (default 20 MB). */
  readonly maxBytes?: number;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Parses the file into sheets (default: readSheets here; the server runs it on a worker thread). */
  readonly readSheets?: (
    fileName: string,
    bytes: Uint8Array,
    format: LedgerFormat,
    maxBytes: number,
  ) => RawSheet[] | Promise<RawSheet[]>;
  /**
   * Runs the write transaction: the audited import (ledger-batches.ts `importRecords`) adds its
   * entry inside it, so the engine never writes outside an audited transaction.
   */
  readonly transaction: (write: (trx: Transaction<Database>) => Promise<ImportWrite>) => Promise<ImportWrite>;
}

/** What the write transaction stored. */
export interface ImportWrite {
  readonly importId: number;
  readonly sha256: string;
  readonly rows: number;
  readonly inserted: number;
  readonly skipped: number;
}

/**
 * Rows validated and written per step: progress is reported after each, and the event loop turns
 * between steps. A step of 1,000 rows takes about 8 ms to check, so other requests wait little.
 */
const WRITE_STEP = 1000;

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
  if (township.kind !== 'township')
    throw new UserError(`台账须导入乡镇（街道），“${township.name}”不是乡镇`, 'not_township');
  const kindHint = input.kindHint === undefined ? undefined : findKind(input.kindHint);
  if (input.kindHint !== undefined && !kindHint)
    throw new UserError(`未知的台账类型“${input.kindHint}”：可用 fazhi kinds 查看全部类型`, 'unknown_kind');
  const format = await detectFormat(fileName, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  input.onProgress?.({ phase: 'read', done: 0, total: 1 });
  const raw = await (input.readSheets ?? readSheets)(fileName, bytes, format, maxBytes);
  input.onProgress?.({ phase: 'read', done: 1, total: 1 });

  const plan = planSheets(raw, {
    ...(kindHint ? { kindHint } : {}),
    township,
    fileName: input.fileName,
    ...(input.layout ? { choices: input.layout } : {}),
    remembered: await layouts.layoutsOf(h.db, township.id),
  });
  const rowCount = plan.sheets.reduce((n, s) => n + s.rows.length, 0);
  if (plan.sheets.length === 0 && plan.issues.length === 0) {
    throw new UserError(`文件“${fileName}”中没有任何数据：所有工作表都是空的`, 'empty_file');
  }
  if (rowCount === 0 && plan.issues.length === 0) {
    throw new UserError(`文件“${fileName}”只有表头，没有数据行`, 'empty_file');
  }
  const county = await countyOf(h, township);
  const checker = new RowChecker(township, county.id, await subOrgIndex(h, township), {
    now: input.now,
    createdBy: input.createdBy,
  });
  const total = rowCount;
  const sheets: SheetSummary[] = plan.sheets.map((s) => ({
    sheet: s.sheet,
    kind: s.kind.id,
    kindLabel: s.kind.label,
    rows: s.rows.length,
    ...(s.mapping ? { mapping: s.mapping } : {}),
    ...(s.layout
      ? {
          layout: { signature: s.layout.signature, source: s.layout.source },
          choices: kindColumns(s.kind).map((c) => ({
            id: columnId(c.role),
            label: c.label,
            required: c.required,
          })),
        }
      : {}),
  }));
  const report = { fileName, sha256, format, dryRun: input.dryRun === true, rows: rowCount, sheets };
  const sheetOrder = raw.map((s) => s.name);
  const failed = () => ({
    ...report,
    inserted: 0,
    skipped: 0,
    importId: null,
    errors: sortIssues([...plan.issues, ...checker.issues], sheetOrder),
  });

  /** The years the rows are dated in: the web app says where rows of a year not shown went. */
  const years = new Set<number>();
  const yearsOf = () => [...years].sort((a, b) => a - b);
  /** Checks every draft a slice at a time, handing each slice's rows to `write` while all is well. */
  const eachSlice = async (
    phase: ImportProgress['phase'],
    importId: number | null,
    write: (rows: NewRecordRow[]) => Promise<void> | void,
  ) => {
    let done = 0;
    for (const s of plan.sheets) {
      for (let i = 0; i < s.rows.length; i += WRITE_STEP) {
        // A sheet missing a required column is said once at its header, not again on every row.
        const rows = s.incomplete ? [] : checker.check(s, i, i + WRITE_STEP, importId);
        for (const r of rows) years.add(Number(String(r.date).slice(0, 4)));
        if (plan.issues.length === 0 && checker.issues.length === 0) await write(rows);
        done += Math.min(WRITE_STEP, s.rows.length - i);
        input.onProgress?.({ phase, done, total });
        // A slice ends with a turn of the event loop, not only a microtask: the server answers other
        // requests between slices of a 200,000-row check.
        await nextTurn();
      }
    }
  };

  if (input.dryRun || plan.issues.length > 0) {
    const keys: string[] = [];
    await eachSlice('check', null, (rows) => {
      for (const r of rows) keys.push(r.dedup_key);
    });
    if (plan.issues.length > 0 || checker.issues.length > 0) return failed();
    const existing = await repo.existingDedupKeys(h.db, township.id, keys);
    return {
      ...report,
      inserted: keys.length - existing.size,
      skipped: existing.size,
      importId: null,
      years: yearsOf(),
      errors: [],
    };
  }

  // Rows are written as they pass, inside one transaction that is rolled back at the first
  // problem found anywhere; rows already in the ledger are skipped by the insert itself
  // (ON CONFLICT DO NOTHING), so no separate look-up of existing keys is needed.
  try {
    const done = await input.transaction(async (trx) => {
      const importId = await repo.insertImport(trx, {
        township_id: township.id,
        file_name: fileName,
        file_sha256: sha256,
        rows: rowCount,
        inserted: 0,
        skipped: 0,
        created_by: input.createdBy,
        created_at: input.now,
      });
      let inserted = 0;
      let valid = 0;
      await eachSlice('write', importId, async (rows) => {
        valid += rows.length;
        inserted += await repo.insertRecordsBulk(h, trx, rows);
      });
      if (checker.issues.length > 0) throw new RollBack();
      await repo.setImportCounts(trx, importId, inserted, valid - inserted);
      // A layout mapped by hand is remembered: the township's next file of it imports without questions.
      for (const s of plan.sheets)
        if (s.layout?.source === 'chosen')
          await layouts.saveLayout(trx, {
            township_id: township.id,
            signature: s.layout.signature,
            kind: s.layout.kind,
            columns: JSON.stringify(s.layout.columns),
            headers: JSON.stringify(s.layout.headers),
            created_by: input.createdBy,
            updated_at: input.now,
          });
      return { importId, sha256, rows: rowCount, inserted, skipped: valid - inserted };
    });
    return { ...report, ...done, years: yearsOf(), errors: [] };
  } catch (e) {
    if (e instanceof RollBack) return failed();
    throw e;
  }
}

/** Thrown inside the import's transaction to undo the rows written before a problem was found. */
class RollBack extends Error {}
