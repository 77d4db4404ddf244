import { UserError } from '../../core/errors.ts';
import { decodeText, parseCsv } from './csv.ts';
import type { RawSheet } from './drafts.ts';
import { xlsxLimits, type LedgerFormat } from './format.ts';
import { readDocxTables } from './read-docx.ts';
import { MAX_COLUMNS, MAX_ROWS, readXlsx } from './read-xlsx.ts';

const baseName = (fileName: string): string => fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');

/** Excel's own limit on one cell's text; longer text cannot have come from a spreadsheet program. */
export const MAX_CELL_CHARS = 32_767;

/** Refuses a cell past MAX_CELL_CHARS: later steps compare header cells with every kind's columns. */
function checkCells(fileName: string, sheets: readonly RawSheet[]): RawSheet[] {
  for (const s of sheets)
    for (const row of s.rows)
      for (const c of row.cells)
        if (typeof c === 'string' && c.length > MAX_CELL_CHARS)
          throw new UserError(
            `文件“${fileName}”的工作表“${s.name}”第 ${row.number} 行有单元格超过 ${MAX_CELL_CHARS} 个字符（Excel 单元格的上限）`,
            'cell_too_long',
            413,
          );
  return [...sheets];
}

/**
 * A ledger file's sheets as plain rows: the parsing half of an import, with no database, so it
 * can run on a worker thread. An .xlsx is checked against the row and column limits while it
 * streams; a CSV (at most the upload limit in bytes) once parsed. No cell may pass Excel's own
 * limit of 32,767 characters.
 */
export function readSheets(
  fileName: string,
  bytes: Uint8Array,
  format: LedgerFormat,
  maxBytes: number,
): RawSheet[] {
  if (format === 'xlsx') return checkCells(fileName, readXlsx(fileName, bytes, xlsxLimits(maxBytes)));
  if (format === 'docx') return checkCells(fileName, readDocxTables(fileName, bytes));
  const name = baseName(fileName);
  const rows = parseCsv(decodeText(bytes).text);
  if (rows.length > MAX_ROWS)
    throw new UserError(
      `文件“${fileName}”有 ${rows.length} 行，超过上限 ${MAX_ROWS} 行：请按年度或类型拆分后分别导入`,
      'too_many_rows',
      413,
    );
  const wide = rows.find((r) => r.cells.length > MAX_COLUMNS);
  if (wide)
    throw new UserError(
      `文件“${fileName}”第 ${wide.number} 行有 ${wide.cells.length} 列，超过上限 ${MAX_COLUMNS} 列`,
      'too_many_columns',
      413,
    );
  return checkCells(fileName, [{ name, rows }]);
}
