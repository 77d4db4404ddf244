import { UserError } from '../../core/errors.ts';
import { readDocx, type Block } from '../../review/docx.ts';
import type { RawRow, RawSheet } from './drafts.ts';
import { MAX_ROWS } from './read-xlsx.ts';

/**
 * Ledger tables kept in Word (.docx), read by the reviewer's own reader (src/review/docx.ts):
 * each table a sheet named 表1, 表2… in document order, with the paragraphs above it (its title,
 * 填报 lines) as the rows before the table, numbered 0, so that the table's own rows keep their
 * numbers within the table. Merged cells come spread as a spreadsheet reads them.
 */

/** Paragraphs kept above a table as its title lines. */
const TITLE_LINES = 3;

export function readDocxTables(fileName: string, bytes: Uint8Array): RawSheet[] {
  let blocks: Block[];
  try {
    blocks = readDocx(bytes);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(
      `文件“${fileName}”无法读取：${e instanceof Error ? e.message : String(e)}`,
      'corrupt_file',
      400,
    );
  }
  const sheets: RawSheet[] = [];
  let above: string[] = [];
  let table: { number: number; rows: RawRow[]; titles: string[] } | null = null;
  let total = 0;
  const close = () => {
    if (!table) return;
    const titled: RawRow[] = table.titles.map((text) => ({ number: 0, cells: [text] }));
    sheets.push({ name: `表${sheets.length + 1}`, rows: [...titled, ...table.rows] });
    table = null;
  };
  for (const b of blocks) {
    if (b.kind === 'p') {
      close();
      if (b.text.trim()) above = [...above, b.text.trim()].slice(-TITLE_LINES);
      continue;
    }
    if (table && table.number !== b.table) close();
    if (!table) {
      table = { number: b.table, rows: [], titles: above };
      above = [];
    }
    table.rows.push({ number: table.rows.length + 1, cells: b.cells.map((c) => (c === '' ? null : c)) });
    if (++total > MAX_ROWS)
      throw new UserError(`文件“${fileName}”的表格超过 ${MAX_ROWS} 行`, 'too_many_rows', 413);
  }
  close();
  if (sheets.length === 0)
    throw new UserError(`文件“${fileName}”中没有表格：Word 台账须把记录放在表格中`, 'no_data', 400);
  return sheets;
}
