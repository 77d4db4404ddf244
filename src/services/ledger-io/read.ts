import { UserError } from '../../core/errors.ts';
import { decodeText, parseCsv } from './csv.ts';
import type { RawSheet } from './drafts.ts';
import { xlsxLimits, type LedgerFormat } from './format.ts';
import { MAX_COLUMNS, MAX_ROWS, readXlsx } from './read-xlsx.ts';

const baseName = (fileName: string): string => fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');

/**
 * A ledger file's sheets as plain rows: the parsing half of an import, with no database, so it
 * can run on a worker thread. An .xlsx is checked against the row and column limits while it
 * streams; a CSV (at most the upload limit in bytes) once parsed.
 */
export function readSheets(
  fileName: string,
  bytes: Uint8Array,
  format: LedgerFormat,
  maxBytes: number,
): RawSheet[] {
  if (format === 'xlsx') return readXlsx(fileName, bytes, xlsxLimits(maxBytes));
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
  return [{ name, rows }];
}
