import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { getKind, type RecordKind } from '../../catalogue/kinds.ts';
import { columnLetter } from './headers.ts';
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  HINT_ROW,
  kindColumns,
  META_SHEET,
  REQUIRED_MARK,
  type LedgerColumn,
} from './layout.ts';

/**
 * Writing ledger workbooks: one sheet per kind in the shared layout, and the hidden sheet that
 * records each sheet's kind and holds the dropdown lists. Used by the template and the export.
 * Written with exceljs's streaming writer: each row is committed (turned into XML and deflated) as
 * it is added and each sheet when it is done, so no workbook model of all rows is held.
 */

/** A value written to a cell. */
export type OutCell = string | number | boolean | Date | null;

/** exceljs supports range validations (“C3:C5000”) but does not declare them in its typings. */
interface RangeValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}
const validationsOf = (ws: ExcelJS.Worksheet): RangeValidations =>
  (ws as unknown as { dataValidations: RangeValidations }).dataValidations;

/** Rows below the data that still get dropdowns, so users can keep typing into an export. */
const SPARE_ROWS = 2000;
const DATE_FORMAT = 'yyyy-mm-dd';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFB4B4B4' } };

export class LedgerWorkbook {
  private readonly out = new PassThrough();
  private readonly chunks: Buffer[] = [];
  private readonly wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: this.out,
    useStyles: true,
    // Inline strings: the streaming writer's shared-string table keys rich text (the required
    // columns' red mark) by "[object Object]", so every rich header would show the first one.
    useSharedStrings: false,
  });
  /** Dropdown lists by key: the hidden sheet's column and the labels it holds. */
  private readonly lists = new Map<string, { readonly col: number; readonly labels: readonly string[] }>();
  private readonly sheetKinds: (readonly [label: string, id: string])[] = [];

  constructor() {
    this.wb.creator = 'fazhi';
    this.out.on('data', (c: Buffer) => this.chunks.push(c));
  }

  /** A range on the hidden sheet holding `options`, shared by every column with the same list. */
  private listRange(key: string, options: readonly string[]): string {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = { col: 4 + this.lists.size, labels: options }));
    const letter = columnLetter(list.col - 1);
    return `'${META_SHEET}'!$${letter}$2:$${letter}$${1 + list.labels.length}`;
  }

  /**
   * The hidden sheet, added last: Excel opens a workbook on its first sheet, which must be a
   * visible one. Rows 2…: sheet name and kind id; columns D…: the dropdown lists.
   */
  private addMetaSheet(): void {
    const meta = this.wb.addWorksheet(META_SHEET, { state: 'hidden' });
    meta.getRow(1).values = ['工作表', '台账类型'];
    this.sheetKinds.forEach(([label, id], i) => (meta.getRow(2 + i).values = [label, id]));
    for (const [key, { col, labels }] of this.lists) {
      meta.getCell(1, col).value = key;
      labels.forEach((o, i) => (meta.getCell(2 + i, col).value = o));
    }
    meta.commit();
  }

  /**
   * Adds a kind's sheet with header, hint row, dropdowns, widths and frozen panes, then its rows,
   * each committed as it is written; the sheet is finished when this returns.
   */
  addSheet(kind: RecordKind, columns: readonly LedgerColumn[], rows: readonly (readonly OutCell[])[]): void {
    const ws = this.wb.addWorksheet(kind.label, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: HINT_ROW }],
    });
    this.sheetKinds.push([kind.label, kind.id]);
    const lastRow = FIRST_DATA_ROW + rows.length + SPARE_ROWS;
    columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width;
      const isDate =
        c.role.kind === 'date' ||
        c.role.kind === 'endDate' ||
        (c.role.kind === 'field' && c.role.field.type === 'date');
      const isText =
        c.role.kind === 'title' ||
        c.role.kind === 'org' ||
        (c.role.kind === 'field' && c.role.field.type === 'text');
      // Text columns are formatted as text so Excel keeps phone numbers and case numbers as typed.
      if (isDate) col.numFmt = DATE_FORMAT;
      else if (isText) col.numFmt = '@';
      const options =
        c.role.kind === 'field' && c.role.field.type === 'enum'
          ? { key: `${kind.id}.${c.role.field.key}`, labels: c.role.field.options.map((o) => o.label) }
          : c.role.kind === 'field' && c.role.field.type === 'bool'
            ? { key: 'bool', labels: ['是', '否'] }
            : undefined;
      if (options) {
        const letter = columnLetter(i);
        validationsOf(ws).add(`${letter}${FIRST_DATA_ROW}:${letter}${lastRow}`, {
          type: 'list',
          allowBlank: true,
          formulae: [this.listRange(options.key, options.labels)],
          showErrorMessage: true,
          errorStyle: 'stop',
          // Excel refuses files whose validation message passes 225 characters; the list says the rest.
          errorTitle: '请从下拉列表选择',
          error: `${c.label}只能填下拉列表中的值`,
        });
      }
    });
    const header = ws.getRow(HEADER_ROW);
    columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.required
        ? {
            richText: [
              { text: REQUIRED_MARK, font: { bold: true, color: { argb: 'FFC00000' } } },
              { text: c.label, font: { bold: true } },
            ],
          }
        : c.label;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
      cell.numFmt = 'General';
    });
    header.height = 24;
    const hint = ws.getRow(HINT_ROW);
    columns.forEach((c, i) => {
      const cell = hint.getCell(i + 1);
      cell.value = c.hint;
      cell.font = { italic: true, size: 9, color: { argb: 'FF7F7F7F' } };
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.numFmt = 'General';
    });
    hint.height = 48;
    header.commit();
    hint.commit();
    for (const r of rows) ws.addRow([...r]).commit();
    ws.commit();
  }

  /** Finishes the workbook (the hidden sheet, then the workbook parts) and returns the file. */
  async toBuffer(): Promise<Buffer> {
    this.addMetaSheet();
    await this.wb.commit();
    return Buffer.concat(this.chunks);
  }
}

/** One sheet of an export as plain data (it crosses to a worker thread): the kind and its rows' cells. */
export interface LedgerSheet {
  readonly kind: string;
  /** A county's file: a leading 乡镇（街道） column. */
  readonly county: boolean;
  readonly rows: readonly (readonly OutCell[])[];
}

/** Writes an export's sheets, in order, as one workbook. */
export async function writeLedgerBook(sheets: readonly LedgerSheet[]): Promise<Buffer> {
  const book = new LedgerWorkbook();
  for (const s of sheets) {
    const kind = getKind(s.kind);
    book.addSheet(kind, kindColumns(kind, { township: s.county }), s.rows);
  }
  return book.toBuffer();
}
