import type { BodyRow, Cell, LayoutFixture, Row, TableSpec } from './types.ts';

/** A row as a BodyRow, or null for a blank row. */
export function bodyRow(row: Row): BodyRow | null {
  if (row === 'blank') return null;
  return 'cells' in row ? row : { cells: row };
}

/** Rows above the header in a worksheet: title, lines, the blank row. */
export function rowsAboveHeader(t: TableSpec): number {
  return (t.title ? 1 : 0) + (t.lines?.length ?? 0) + (t.blankBeforeHeader ? 1 : 0);
}

/** Header rows: one, or two with parent cells. */
export const headerRows = (t: TableSpec): number => (t.parent ? 2 : 1);

/**
 * The 1-based row number of body row `i`: in the worksheet, or in the .docx table (where title
 * and lines are paragraphs outside the table).
 */
export function rowNumber(t: TableSpec, i: number, docx: boolean): number {
  return (docx ? 0 : rowsAboveHeader(t)) + headerRows(t) + i + 1;
}

/** The totals, questions and column map a fixture states, derived from its tables. */
export function derive(
  tables: readonly TableSpec[],
  docx: boolean,
): Pick<LayoutFixture, 'expectedTotals' | 'questions' | 'columns'> {
  const expectedTotals: NonNullable<LayoutFixture['expectedTotals']> = [];
  const questions: NonNullable<LayoutFixture['questions']> = [];
  const columns: LayoutFixture['columns'] = [];
  for (const t of tables) {
    if (t.fields.length !== t.header.length) {
      throw new Error(`${t.sheet}: ${t.header.length} headers, ${t.fields.length} fields`);
    }
    t.header.forEach((header, c) => columns.push({ sheet: t.sheet, header, field: t.fields[c] ?? null }));
    t.rows.forEach((r, i) => {
      const b = bodyRow(r);
      if (!b) return;
      const row = rowNumber(t, i, docx);
      if (b.total) expectedTotals.push({ sheet: t.sheet, row, ok: b.total.ok });
      for (const q of b.ask ?? []) questions.push({ sheet: t.sheet, row, column: q.column, why: q.why });
    });
  }
  return {
    ...(expectedTotals.length ? { expectedTotals } : {}),
    ...(questions.length ? { questions } : {}),
    columns,
  };
}

/** The text a cell shows in a .docx table (a Date as 2024年4月15日, which Word has no other way to hold). */
export function cellText(v: Cell): string {
  if (v === null) return '';
  if (v instanceof Date) {
    return `${v.getUTCFullYear()}年${v.getUTCMonth() + 1}月${v.getUTCDate()}日`;
  }
  return String(v);
}

/** A real Excel date cell for a calendar day (UTC midnight, as exceljs writes serials). */
export const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

/** The Excel serial number of a day, as a cell that lost its date format shows it. */
export const serial = (y: number, m: number, d: number): number =>
  Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
