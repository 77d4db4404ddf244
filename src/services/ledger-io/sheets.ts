import { findKind, type RecordKind } from '../../catalogue/kinds.ts';
import { isBlankCell } from './cells.ts';
import { dataRows, type RawRow, type RawSheet, type SheetPlan, type TownshipRef } from './drafts.ts';
import { detectKind, mapHeaders, type HeaderMap } from './headers.ts';
import type { LayoutChoice } from '../../db/import-layouts.repo.ts';
import { autoLayout, type ColumnChoice } from './auto-layout.ts';
import { META_SHEET } from './layout.ts';
import type { ImportIssue } from './report.ts';

/**
 * From the sheets of a file to sheet plans: which kind each sheet holds, where its header is, and
 * which rows hold data. Pure.
 */

/** Rows above the header that a hand-made ledger may have (a title such as “2023年普法台账”). */
const HEADER_SEARCH_ROWS = 5;

function headerFor(
  kind: RecordKind,
  candidates: readonly RawRow[],
): { row: RawRow; map: HeaderMap } | undefined {
  let best: { row: RawRow; map: HeaderMap } | undefined;
  for (const row of candidates) {
    const map = mapHeaders(kind, row.cells);
    if (map.unknown === 0 && map.matched >= 2) return { row, map };
    if (!best || map.matched > best.map.matched) best = { row, map };
  }
  return best;
}

function kindOf(
  sheet: RawSheet,
  candidates: readonly RawRow[],
  hint: RecordKind | undefined,
): RecordKind | undefined {
  const recorded = sheet.kindId ? findKind(sheet.kindId) : undefined;
  if (recorded) return recorded;
  const named = findKind(sheet.name);
  if (named) return named;
  if (hint) return hint;
  for (const row of candidates) {
    const k = detectKind(row.cells);
    if (k) return k;
  }
  return undefined;
}

export interface PlannedFile {
  readonly sheets: readonly SheetPlan[];
  readonly issues: readonly ImportIssue[];
}

export function planSheets(
  raw: readonly RawSheet[],
  opts: {
    kindHint?: RecordKind;
    township: TownshipRef;
    fileName?: string;
    /** A person's choice of kind and columns, by sheet name (`*`: every sheet not in the template's layout). */
    choices?: Readonly<Record<string, ColumnChoice>>;
    /** The township's remembered layouts, by signature. */
    remembered?: ReadonlyMap<string, LayoutChoice>;
  },
): PlannedFile {
  const sheets: SheetPlan[] = [];
  const issues: ImportIssue[] = [];
  for (const s of raw) {
    if (s.name === META_SHEET) continue;
    const candidates: RawRow[] = [];
    for (const r of s.rows) {
      if (!r.cells.every(isBlankCell)) candidates.push(r);
      if (candidates.length === HEADER_SEARCH_ROWS) break;
    }
    // Blank sheets (Sheet2, Sheet3 of a new workbook) carry nothing and are passed over.
    if (candidates.length === 0) continue;
    const choice = opts.choices?.[s.name] ?? opts.choices?.['*'];
    const kind = choice ? undefined : kindOf(s, candidates, opts.kindHint);
    const strict = kind ? headerFor(kind, candidates) : undefined;
    // A sheet not in the template's layout is read as the township laid it out.
    if (!kind || !strict || strict.map.problems.length > 0) {
      const auto = autoLayout(s, {
        ...(kind ? { kindHint: kind } : opts.kindHint ? { kindHint: opts.kindHint } : {}),
        township: opts.township,
        ...(opts.fileName ? { fileName: opts.fileName } : {}),
        ...(choice ? { choice } : {}),
        ...(opts.remembered ? { remembered: opts.remembered } : {}),
      });
      if (auto) {
        issues.push(...auto.issues);
        sheets.push(auto.plan);
        continue;
      }
    }
    if (!kind) {
      if (choice) {
        issues.push({
          sheet: s.name,
          row: null,
          column: null,
          message: `无法按指定的对应关系读取工作表“${s.name}”：找不到表头`,
        });
        continue;
      }
      issues.push({
        sheet: s.name,
        row: null,
        column: null,
        message: `无法确定这个工作表是哪类台账：请把工作表命名为台账类型名称（如“普法宣传活动”）、在导入时指定台账类型，或使用系统生成的模板`,
      });
      continue;
    }
    const header = strict;
    if (!header) continue;
    if (header.map.problems.length > 0) {
      for (const p of header.map.problems) {
        issues.push({
          sheet: s.name,
          row: p.col >= 0 ? header.row.number : null,
          column: p.column,
          message: p.message,
        });
      }
      continue;
    }
    sheets.push({
      sheet: s.name,
      kind,
      map: header.map,
      township: opts.township,
      rows: dataRows(header.map, header.row.number, s.rows),
    });
  }
  return { sheets, issues };
}
