/**
 * Spreadsheet cell values reduced to plain values, so the drafts step never sees exceljs objects
 * (rich text, hyperlinks, formulas) and CSV and xlsx rows look alike.
 */

/** A cell Excel shows as an error (#N/A, #VALUE!…): never a valid value, reported as such. */
export interface CellErrorMark {
  readonly cellError: string;
}

export type Cell = string | number | boolean | Date | null | CellErrorMark;

export const isCellError = (c: Cell | undefined): c is CellErrorMark =>
  typeof c === 'object' && c !== null && !(c instanceof Date);

export const isBlankCell = (c: Cell | undefined): boolean =>
  c === undefined || c === null || (typeof c === 'string' && c.trim() === '');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A cell as text for messages: dates as YYYY-MM-DD, error cells as Excel shows them. */
export function cellText(c: Cell | undefined): string {
  if (c === undefined || c === null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (isCellError(c)) return c.cellError;
  return String(c);
}

/** Reduces an exceljs cell value (or anything similar) to a plain `Cell`. */
export function plainCell(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'bigint') return Number(v);
  if (!isRecord(v)) return null;
  if (Array.isArray(v.richText)) {
    return v.richText.map((p: unknown) => (isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('');
  }
  if (typeof v.error === 'string') return { cellError: v.error };
  // A formula's cached result is what Excel shows; a formula never calculated has none.
  if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? plainCell(v.result) : null;
  if ('hyperlink' in v && 'text' in v) return plainCell(v.text);
  if (typeof v.text === 'string') return v.text;
  return null;
}

/** Days between Excel's epoch (1899-12-30, after the 1900 leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;
const MS_PER_DAY = 86_400_000;

/**
 * An Excel serial day number typed into an unformatted cell (45000 = 2023-03-15) as a UTC date.
 * Only whole-day serials between 1900 and 9999 qualify.
 */
export function excelSerialToDate(n: number): Date | null {
  if (!Number.isFinite(n) || n < 1 || n > 2_958_465) return null;
  return new Date(Math.round((n - EXCEL_EPOCH_OFFSET) * MS_PER_DAY));
}

/** A calendar date as the UTC-midnight Date exceljs writes as that day, whatever the machine's zone. */
export const isoToExcelDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
