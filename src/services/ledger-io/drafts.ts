import { APPROX_KEY } from '../../catalogue/indicators.ts';
import type { RecordKind } from '../../catalogue/kinds.ts';
import type { OrgDraft } from '../records.ts';
import { cellText, excelSerialToDate, isBlankCell, isCellError, type Cell } from './cells.ts';
import { columnLetter, type HeaderMap } from './headers.ts';
import { kindColumns, type LedgerColumn } from './layout.ts';
import type { ImportIssue } from './report.ts';

/** One row of a sheet with its number as Excel shows it; `cells[0]` is column A. */
export interface RawRow {
  readonly number: number;
  readonly cells: readonly Cell[];
}

/** A sheet as read from a file, before it is known what it holds. */
export interface RawSheet {
  readonly name: string;
  readonly rows: readonly RawRow[];
  /** The kind recorded for this sheet by a fazhi template or export, if any. */
  readonly kindId?: string;
}

/** A sheet whose kind and header are known: its data rows, drafted a slice at a time. */
export interface SheetPlan {
  readonly sheet: string;
  readonly kind: RecordKind;
  readonly map: HeaderMap;
  readonly township: TownshipRef;
  /** Rows below the header that hold data (blank rows and the hint row left out). */
  readonly rows: readonly RawRow[];
  /** How a sheet not in the template's layout was read: each column and what it was taken for. */
  readonly mapping?: readonly ColumnMapping[];
  /** That layout: its signature, how its columns were placed, and the choice to remember. */
  readonly layout?: SheetLayout;
  /** A required column was not found: the sheet's rows are counted, not checked one by one. */
  readonly incomplete?: boolean;
  /** Number fields written as approximate (200余份), by row number: kept with the record. */
  readonly approx?: ReadonlyMap<number, readonly string[]>;
}

/** A sheet's layout as read: what the township's next file of the same layout will be read by. */
export interface SheetLayout {
  readonly signature: string;
  readonly source: 'auto' | 'remembered' | 'chosen';
  readonly kind: string;
  /** Column letter → column id or ignore, for every placed or ignored column. */
  readonly columns: Readonly<Record<string, string>>;
  readonly headers: readonly string[];
}

/** One column of a sheet read as the township laid it out. */
export interface ColumnMapping {
  /** Excel's column letter. */
  readonly column: string;
  readonly header: string;
  /** The field's label, or why the column is not imported. */
  readonly to: string;
  /** 1 for a listed word; less when a word was found inside the header; 0 when not placed. */
  readonly confidence: number;
  /** The column id taken (date, title, org, endDate, data.<field>), seq, note, ignore; null when not placed. */
  readonly id: string | null;
}

/** Drafts of some rows of a sheet, each with the row it came from. */
export interface DraftSlice {
  readonly drafts: OrgDraft[];
  readonly rowNumbers: number[];
  readonly issues: ImportIssue[];
}

/** The township a file is imported into; a township column, when present, must name it. */
export interface TownshipRef {
  readonly name: string;
  readonly code: string;
}

const asText = (c: Cell): unknown =>
  c instanceof Date
    ? c.toISOString().slice(0, 10)
    : typeof c === 'number' || typeof c === 'boolean'
      ? String(c)
      : c;
const asDate = (c: Cell): unknown => (typeof c === 'number' ? (excelSerialToDate(c) ?? c) : c);

/** A number typed with its unit (“120人”, “3 处”) is the number. */
function asNumber(c: Cell, unit: string | undefined): unknown {
  if (typeof c !== 'string' || !unit) return c;
  // Units are Chinese: a value ending in a visible ASCII character has none to strip (the common case).
  const last = c.charCodeAt(c.length - 1);
  if (last > 0x20 && last < 0x80) return c;
  let s = c.trim();
  // “12人” in a 人次 column is still 12: accept the unit or its first character.
  if (unit && s.endsWith(unit)) s = s.slice(0, -unit.length).trim();
  else if (unit && s.endsWith(unit[0] ?? '')) s = s.slice(0, -1).trim();
  return s;
}

/** The value a column's cell contributes to a draft, in the form validateRecord reads. */
function cellFor(col: LedgerColumn, c: Cell): unknown {
  switch (col.role.kind) {
    case 'date':
    case 'endDate':
      return asDate(c);
    case 'title':
    case 'org':
    case 'township':
      return asText(c);
    case 'field': {
      const f = col.role.field;
      switch (f.type) {
        case 'date':
          return asDate(c);
        case 'text':
          return asText(c);
        case 'int':
        case 'number':
          return asNumber(c, f.unit);
        case 'bool':
        case 'enum':
          return c;
      }
    }
  }
}

/** The template's hint row: every filled cell is exactly the hint of its column. */
function isHintRow(map: HeaderMap, row: RawRow): boolean {
  let any = false;
  for (let i = 0; i < row.cells.length; i++) {
    const c = row.cells[i];
    if (isBlankCell(c)) continue;
    const col = map.columns[i];
    if (!col || typeof c !== 'string' || c.trim() !== col.hint) return false;
    any = true;
  }
  return any;
}

/**
 * The data rows of a sheet: those below the header that are not entirely blank, without the
 * template's hint row.
 */
export function dataRows(map: HeaderMap, headerRow: number, rows: readonly RawRow[]): RawRow[] {
  const out: RawRow[] = [];
  for (const row of rows) {
    if (row.number <= headerRow || row.cells.every(isBlankCell)) continue;
    if (row.number === headerRow + 1 && isHintRow(map, row)) continue;
    out.push(row);
  }
  return out;
}

/**
 * Turns data rows [from, to) of a sheet into drafts. Pure: the township is only compared by name
 * and code. Drafting a slice at a time keeps an import's drafts short-lived.
 */
export function draftSlice(p: SheetPlan, from: number, to: number): DraftSlice {
  const { sheet, map, township } = p;
  const drafts: OrgDraft[] = [];
  const rowNumbers: number[] = [];
  const issues: ImportIssue[] = [];
  const cols = map.columns;
  const problemCols = new Set(map.problems.map((x) => x.col));
  for (let r = from; r < to && r < p.rows.length; r++) {
    const row = p.rows[r]!;
    let date: unknown;
    let title: unknown;
    let endDate: unknown;
    let org: unknown;
    const data: Record<string, unknown> = {};
    let bad = false;
    for (let i = 0; i < row.cells.length; i++) {
      const c = row.cells[i] ?? null;
      const col = cols[i];
      if (!col) {
        // A column with an unrecognised header is reported once for the sheet, not on every row.
        if (!isBlankCell(c) && !problemCols.has(i)) {
          const letter = columnLetter(i);
          issues.push({
            sheet,
            row: row.number,
            column: `${letter} 列`,
            message: `第 ${letter} 列没有列名，但有数据“${cellText(c)}”：请补上列名或删去该列数据`,
          });
          bad = true;
        }
        continue;
      }
      if (isCellError(c)) {
        issues.push({
          sheet,
          row: row.number,
          column: col.label,
          message: `单元格是错误值 ${c.cellError}，应为${col.hint.replace(/^(必填|选填)；/, '')}`,
        });
        bad = true;
        continue;
      }
      const v = cellFor(col, c);
      switch (col.role.kind) {
        case 'date':
          date = v;
          break;
        case 'title':
          title = v;
          break;
        case 'endDate':
          endDate = v;
          break;
        case 'org':
          org = v;
          break;
        case 'township': {
          const s = isBlankCell(c) ? '' : String(v).trim();
          if (s !== township.name && s !== township.code) {
            issues.push({
              sheet,
              row: row.number,
              column: col.label,
              message: `“${s}”与导入的乡镇“${township.name}”不符：一个文件只能导入一个乡镇的台账`,
            });
            bad = true;
          }
          break;
        }
        case 'field':
          data[col.role.field.key] = v;
          break;
      }
    }
    if (bad) continue;
    const approx = p.approx?.get(row.number);
    if (approx) data[APPROX_KEY] = `,${approx.join(',')},`;
    drafts.push({ date, title, endDate, org, data });
    rowNumbers.push(row.number);
  }
  return { drafts, rowNumbers, issues };
}

/** The expected form of a column, for “不能为空” and similar messages that do not say it. */
export function expectedOf(kind: RecordKind, label: string): string | undefined {
  return kindColumns(kind)
    .find((c) => c.label === label)
    ?.hint.replace(/^(必填|选填)；/, '');
}
