import ExcelJS from 'exceljs';
import { UserError } from '../../core/errors.ts';
import { plainCell, type Cell } from './cells.ts';
import type { RawRow, RawSheet } from './drafts.ts';
import { META_SHEET } from './layout.ts';

/** The sheet-name → kind-id pairs a fazhi workbook records in its hidden sheet (rows 2…, columns A–B). */
function recordedKinds(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  const meta = wb.getWorksheet(META_SHEET);
  if (!meta) return out;
  meta.eachRow((row, n) => {
    if (n === 1) return;
    const name = plainCell(row.getCell(1).value);
    const kind = plainCell(row.getCell(2).value);
    if (typeof name === 'string' && typeof kind === 'string' && name && kind) out.set(name, kind);
  });
  return out;
}

function readRows(ws: ExcelJS.Worksheet): RawRow[] {
  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    // row.values is 1-based and sparse; cells[0] is column A.
    const values = row.values;
    const cells: Cell[] = [];
    if (Array.isArray(values)) {
      for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
    }
    rows.push({ number, cells });
  });
  return rows;
}

/** Reads every sheet of an .xlsx file. Damaged files become a Chinese user error. */
export async function readXlsx(fileName: string, bytes: Uint8Array): Promise<RawSheet[]> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings ask for its own Buffer type; a Node Buffer over the same memory is that.
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new UserError(`文件“${fileName}”已损坏或不是有效的 Excel（.xlsx）文件，无法读取（${why}）`, 'corrupt_file', 400);
  }
  const kinds = recordedKinds(wb);
  return wb.worksheets.map((ws) => {
    const kindId = kinds.get(ws.name);
    return { name: ws.name, rows: readRows(ws), ...(kindId ? { kindId } : {}) };
  });
}
