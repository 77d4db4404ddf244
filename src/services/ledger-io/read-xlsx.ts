import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
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

const OPEN = Buffer.from('<dataValidations');
const CLOSE = Buffer.from('</dataValidations>');

/**
 * The file without its worksheets' data validations (dropdown lists). exceljs expands every
 * validated range into one object per cell when it loads a file, which for an exported ledger
 * (dropdowns over every data row) triples load time and memory; import never reads them.
 */
export function withoutValidations(bytes: Uint8Array): Uint8Array {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return bytes; // exceljs reports what is wrong with the file
  }
  let changed = false;
  for (const [name, data] of Object.entries(files)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const start = buf.indexOf(OPEN);
    if (start < 0) continue;
    const end = buf.indexOf(CLOSE, start);
    if (end < 0) continue;
    files[name] = Buffer.concat([buf.subarray(0, start), buf.subarray(end + CLOSE.length)]);
    changed = true;
  }
  // Stored, not deflated: the archive only lives until exceljs has read it.
  return changed ? zipSync(files, { level: 0 }) : bytes;
}

/** Reads every sheet of an .xlsx file. Damaged files become a Chinese user error. */
export async function readXlsx(fileName: string, bytes: Uint8Array): Promise<RawSheet[]> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings ask for its own Buffer type; a Node Buffer over the same memory is that.
    const lean = withoutValidations(bytes);
    await wb.xlsx.load(
      Buffer.from(lean.buffer, lean.byteOffset, lean.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new UserError(
      `文件“${fileName}”已损坏或不是有效的 Excel（.xlsx）文件，无法读取（${why}）`,
      'corrupt_file',
      400,
    );
  }
  const kinds = recordedKinds(wb);
  return wb.worksheets.map((ws) => {
    const kindId = kinds.get(ws.name);
    return { name: ws.name, rows: readRows(ws), ...(kindId ? { kindId } : {}) };
  });
}
