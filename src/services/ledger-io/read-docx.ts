import { strFromU8 } from 'fflate';
import { SaxesParser } from 'saxes';
import { UserError } from '../../core/errors.ts';
import { unzipLimited, type ZipLimits } from '../../core/zip.ts';
import type { Cell } from './cells.ts';
import type { RawRow, RawSheet } from './drafts.ts';
import { MAX_COLUMNS, MAX_ROWS } from './read-xlsx.ts';

/**
 * Ledger tables kept in Word (.docx): each table a sheet named 表1, 表2… in document order, with
 * the paragraphs above it (its title, 填报 lines) as the rows before the table, numbered 0, so that
 * the table's own rows keep their numbers within the table. A cell spanning columns (gridSpan) is
 * followed by blank cells, and a cell continuing a vertical merge is blank, as a spreadsheet reads
 * merged cells. Only word/document.xml is inflated, within the zip limits.
 */

/** Paragraphs kept above a table as its title lines. */
const TITLE_LINES = 3;

export function readDocxTables(fileName: string, bytes: Uint8Array, limits: ZipLimits): RawSheet[] {
  const files = unzipLimited(bytes, {
    limits,
    label: `文件“${fileName}”`,
    want: (n) => n === 'word/document.xml',
  });
  const doc = files.get('word/document.xml');
  if (!doc)
    throw new UserError(`文件“${fileName}”不是 Word 文档（缺少 word/document.xml）`, 'not_spreadsheet', 415);

  const sheets: RawSheet[] = [];
  let above: string[] = [];
  let depth = 0;
  let rows: Cell[][] = [];
  let row: Cell[] | null = null;
  let cell: string[] | null = null;
  let span = 1;
  let continued = false;
  let para: string | null = null;
  let inText = false;
  let total = 0;

  const p = new SaxesParser();
  p.on('opentag', (t) => {
    const val = typeof t.attributes['w:val'] === 'string' ? t.attributes['w:val'] : '';
    switch (t.name) {
      case 'w:tbl':
        depth++;
        if (depth === 1) rows = [];
        break;
      case 'w:tr':
        if (depth === 1) row = [];
        break;
      case 'w:tc':
        if (depth === 1) {
          cell = [];
          span = 1;
          continued = false;
        }
        break;
      case 'w:gridSpan':
        if (depth === 1 && cell) span = Math.max(1, Math.min(Number(val) || 1, MAX_COLUMNS));
        break;
      case 'w:vMerge':
        // <w:vMerge/> or w:val="continue" continues the cell above; w:val="restart" starts one.
        if (depth === 1 && cell) continued = val !== 'restart';
        break;
      case 'w:p':
        para = '';
        break;
      case 'w:t':
        inText = true;
        break;
      case 'w:tab':
        if (para !== null) para += ' ';
        break;
    }
  });
  p.on('text', (s) => {
    if (inText && para !== null) para += s;
  });
  p.on('closetag', (t) => {
    switch (t.name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:p':
        if (para !== null) {
          if (cell && depth === 1) cell.push(para);
          else if (depth === 0 && para.trim()) above = [...above, para.trim()].slice(-TITLE_LINES);
        }
        para = null;
        break;
      case 'w:tc':
        if (depth === 1 && row && cell) {
          const text = cell.join('\n').trim();
          row.push(continued || text === '' ? null : text);
          for (let i = 1; i < span; i++) row.push(null);
          cell = null;
        }
        break;
      case 'w:tr':
        if (depth === 1 && row) {
          rows.push(row);
          if (++total > MAX_ROWS)
            throw new UserError(`文件“${fileName}”的表格超过 ${MAX_ROWS} 行`, 'too_many_rows', 413);
          row = null;
        }
        break;
      case 'w:tbl':
        if (depth === 1) {
          const titled: RawRow[] = above.map((text) => ({ number: 0, cells: [text] }));
          sheets.push({
            name: `表${sheets.length + 1}`,
            rows: [...titled, ...rows.map((cells, i) => ({ number: i + 1, cells }))],
          });
          above = [];
        }
        depth--;
        break;
    }
  });
  try {
    p.write(strFromU8(doc)).close();
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`文件“${fileName}”已损坏，无法读取其中的表格`, 'corrupt_file', 400);
  }
  if (sheets.length === 0)
    throw new UserError(`文件“${fileName}”中没有表格：Word 台账须把记录放在表格中`, 'no_data', 400);
  return sheets;
}
