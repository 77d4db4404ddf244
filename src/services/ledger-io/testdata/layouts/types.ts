/**
 * Fixture ledgers (台账) laid out the way townships keep them, with the records each one holds in
 * fazhi's terms: the evaluation set the layout-mapping import is measured against (issue #16).
 */

/** A cell as the clerk left it: text, a number (an Excel serial too), a real Excel date, or empty. */
export type Cell = string | number | Date | null;

/** A body row with more to say than its cells: a 合计/小计 row, or cells a person must be asked about. */
export interface BodyRow {
  readonly cells: readonly Cell[];
  /** A 合计/小计 row; `ok` says whether it agrees with the sum of the rows it totals. */
  readonly total?: { readonly ok: boolean };
  /** Cells of this row a person must be asked about, by the column's header as written. */
  readonly ask?: readonly { readonly column: string; readonly why: string }[];
}

/** A row below the header: plain cells, a row with notes, or a blank row. */
export type Row = readonly Cell[] | BodyRow | 'blank';

/**
 * One table: a worksheet, or a table in a .docx. The header is one row, or two when `parent` is
 * given: the same text over consecutive columns is one merged parent cell (调处情况 over
 * 调处时间|调处结果); '' means the column's own header spans both rows.
 */
export interface TableSpec {
  /** The sheet's name; for a .docx, 表1, 表2… in document order. */
  readonly sheet: string;
  /** The merged title row (a paragraph above the table in a .docx). */
  readonly title?: string;
  /** Lines between the title and the header: 填报单位/填报时间, 考试时间… */
  readonly lines?: readonly string[];
  /** A blank row just above the header. */
  readonly blankBeforeHeader?: boolean;
  readonly parent?: readonly string[];
  readonly header: readonly string[];
  /**
   * The fazhi field each column holds: 'date', 'title', 'endDate', 'note' (备注), a data key of the
   * sheet's kind, or null for a column to ignore (序号).
   */
  readonly fields: readonly (string | null)[];
  readonly rows: readonly Row[];
  /** Lines below the table: 填表人/审核人. */
  readonly footer?: readonly string[];
  /** Column widths in characters (xlsx only). */
  readonly widths?: readonly number[];
}

/** A record the file holds, as fazhi stores it once imported. */
export interface ExpectedRecord {
  /** The sheet (or 表N of a .docx) the record comes from; needed when the file has several. */
  sheet?: string;
  /** ISO date; a month-only date (2024-04) is the month's first day. */
  date: string;
  title: string;
  endDate?: string;
  org?: string;
  /** The 备注 column, kept as the record's note. */
  note?: string;
  data: Record<string, string | number | boolean>;
  /** Data keys whose number was written approximately (200余, 约1000人, 30多, 50左右). */
  approx?: string[];
}

/**
 * A fixture file. `expected` holds every record the file holds, as it reads once any question is
 * answered the obvious way; a value nobody can know (若干) is left out of `data`.
 */
export interface LayoutFixture {
  /** Says which layout features the fixture exercises. */
  name: string;
  /** The file name as a clerk would give it (the year may be only here). */
  file: string;
  /** Builds the file in memory; the same bytes every time. */
  build(): Promise<Uint8Array>;
  /** The kind id of the records, or of the first sheet when `sheets` is given. */
  kind: string;
  /** The kind of each sheet, for a workbook with a sheet per kind. */
  sheets?: { sheet: string; kind: string }[];
  /** The ledger's year. */
  year: number;
  expected: ExpectedRecord[];
  /** 合计/小计 rows (1-based row numbers of the sheet, or of the .docx table) and whether they agree. */
  expectedTotals?: { sheet: string; row: number; ok: boolean }[];
  /** Cells a person must be asked about: row as above, column by its header as written. */
  questions?: { sheet: string; row: number; column: string; why: string }[];
  /** Every table's columns and the field each maps to (null: ignored), the mapping's answer key. */
  columns: { sheet: string; header: string; field: string | null }[];
  /** The tables the file is built from. */
  tables: readonly TableSpec[];
}
