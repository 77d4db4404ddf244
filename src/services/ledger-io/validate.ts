import type { RecordKind } from '../../catalogue/kinds.ts';
import type { NewRecordRow } from '../../db/schema.ts';
import type { Org } from '../orgs.ts';
import { prepareRows } from '../records.ts';
import { draftSlice, expectedOf, type SheetPlan } from './drafts.ts';
import type { ImportIssue } from './report.ts';

/** Above any row number a file under the size limit can have, so sheet and row pack into one number. */
const ROW_SPAN = 2 ** 32;

/** Adds the column's expected form to messages that do not already say what was expected. */
function messageOf(kind: RecordKind, label: string, message: string): string {
  if (message.includes('应')) return message;
  const expected = expectedOf(kind, label);
  if (!expected) return message;
  return message === '不能为空' ? `不能为空，应填：${expected}` : `${message}，应为：${expected}`;
}

/**
 * Validates a file's drafts into rows, a slice at a time so an import can write as it goes and
 * its garbage stays short-lived. Collects every problem with its sheet, row and column, and finds
 * rows repeated within the file (across sheets too). Pure but for the clock-free inputs it is given.
 */
export class RowChecker {
  readonly issues: ImportIssue[] = [];
  /**
   * Where each valid row's content was first seen, by dedup key: sheet index × ROW_SPAN + row, a
   * number rather than an object, as a 100k-row file keeps 100k of these until it is done.
   */
  private readonly seen = new Map<string, number>();
  private readonly sheets: string[] = [];

  constructor(
    private readonly township: Org,
    private readonly countyId: number,
    private readonly subOrgs: ReadonlyMap<string, number>,
    private readonly meta: { readonly now: string; readonly createdBy: number | null },
  ) {}

  /** Data rows [from, to) of a sheet as records; rows with problems, or seen before, are left out. */
  check(s: SheetPlan, from: number, to: number, importId: number | null): NewRecordRow[] {
    const { drafts, rowNumbers, issues } = draftSlice(s, from, to);
    this.issues.push(...issues);
    const r = prepareRows(s.kind, this.township, this.countyId, this.subOrgs, drafts, {
      ...this.meta,
      importId,
    });
    const failed = new Set<number>();
    for (const e of r.errors) {
      failed.add(e.index);
      const row = rowNumbers[e.index] ?? null;
      for (const fe of e.errors) {
        this.issues.push({
          sheet: s.sheet,
          row,
          column: fe.label,
          message: messageOf(s.kind, fe.label, fe.message),
        });
      }
    }
    let sheetIndex = this.sheets.lastIndexOf(s.sheet);
    if (sheetIndex < 0) sheetIndex = this.sheets.push(s.sheet) - 1;
    // prepareRows returns the valid rows in draft order, leaving out the failed ones.
    const out: NewRecordRow[] = [];
    let next = 0;
    for (let i = 0; i < drafts.length; i++) {
      if (failed.has(i)) continue;
      const record = r.rows[next++];
      if (!record) continue;
      const row = rowNumbers[i] ?? 0;
      const first = this.seen.get(record.dedup_key);
      if (first !== undefined) {
        const firstSheet = this.sheets[Math.floor(first / ROW_SPAN)] ?? '';
        const firstRow = first % ROW_SPAN;
        const where = firstSheet === s.sheet ? `第 ${firstRow} 行` : `工作表“${firstSheet}”第 ${firstRow} 行`;
        this.issues.push({
          sheet: s.sheet,
          row,
          column: null,
          message: `与${where}内容完全相同（重复行）：请删去其中一行`,
        });
        continue;
      }
      this.seen.set(record.dedup_key, sheetIndex * ROW_SPAN + row);
      out.push(record);
    }
    return out;
  }
}
