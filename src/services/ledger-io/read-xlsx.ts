import { StringDecoder } from 'node:string_decoder';
import { zipSync } from 'fflate';
import { UserError } from '../../core/errors.ts';
import { inflateZip, unzipLimited, type ZipLimits } from '../../core/zip.ts';
import type { RawRow, RawSheet } from './drafts.ts';
import { META_SHEET } from './layout.ts';
import { SheetXmlReader, type DateStyles } from './sheet-xml.ts';
import { dateStyles, readWorkbook, SharedStringsReader, type SheetRef } from './workbook-xml.ts';

/**
 * Reading an .xlsx a member at a time, straight from the archive's directory: the small parts
 * first (sheet list, styles), then shared strings and worksheets, each streamed through a SAX
 * reader as it inflates. No workbook model is built and no worksheet's XML is held whole; the zip
 * limits apply to what is actually inflated. (exceljs's streaming WorkbookReader reads the archive
 * front to back and, in 4.4, loses members of workbooks whose workbook.xml comes last, as its own
 * writer puts it, so it is not used here.)
 */

const WORKBOOK = 'xl/workbook.xml';
const RELS = 'xl/_rels/workbook.xml.rels';
const STYLES = 'xl/styles.xml';
const SHARED = 'xl/sharedStrings.xml';
const SMALL_PARTS = [WORKBOOK, RELS, STYLES];
/** Inflation order: what tells how to read the worksheets comes before them. */
const rankOf = (name: string): number => (SMALL_PARTS.includes(name) ? 0 : name === SHARED ? 1 : 2);
const isWorksheet = (name: string): boolean => /^xl\/worksheets\/[^/]+\.xml$/.test(name);

/** Most rows with data one sheet may hold (a township's ledger for a year has a few thousand). */
export const MAX_ROWS = 200_000;
/** Most columns one row may reach (a kind has a few dozen fields). */
export const MAX_COLUMNS = 200;

/** The sheet-name → kind-id pairs a fazhi workbook records in its hidden sheet (rows 2…, columns A–B). */
function recordedKinds(meta: readonly RawRow[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of meta ?? []) {
    if (row.number === 1) continue;
    const [name, kind] = row.cells;
    if (typeof name === 'string' && typeof kind === 'string' && name && kind) out.set(name, kind);
  }
  return out;
}

/** Collects a small part's bytes; parsed once whole. */
class Collected {
  private readonly chunks: Uint8Array[] = [];
  add(c: Uint8Array): void {
    this.chunks.push(c);
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * Refuses a sheet past the row or column limit. Checked after every inflated chunk (at most a few
 * MB of XML), so a sheet stops within one chunk of the limit instead of after it is all read.
 */
function checkSize(fileName: string, part: string, xml: SheetXmlReader, sheets: readonly SheetRef[]): void {
  const rows = xml.rows.length;
  const width = Math.max(xml.openWidth, xml.rows[rows - 1]?.cells.length ?? 0);
  if (rows <= MAX_ROWS && width <= MAX_COLUMNS) return;
  const sheet = sheets.find((s) => s.part === part)?.name ?? part;
  if (rows > MAX_ROWS)
    throw new UserError(
      `文件“${fileName}”的工作表“${sheet}”超过 ${MAX_ROWS} 行数据的上限：请按年度或类型拆分后分别导入`,
      'too_many_rows',
      413,
    );
  throw new UserError(
    `文件“${fileName}”的工作表“${sheet}”有数据超过 ${MAX_COLUMNS} 列的上限：请删去多余的列后再导入`,
    'too_many_columns',
    413,
  );
}

/**
 * Reads every sheet of an .xlsx file, inflating within `limits` (see format.ts). Damaged files
 * and files that are not workbooks become Chinese user errors; so does an archive over a limit.
 */
export function readXlsx(fileName: string, bytes: Uint8Array, limits: ZipLimits): RawSheet[] {
  const small = new Map(SMALL_PARTS.map((p) => [p, new Collected()]));
  const shared = new SharedStringsReader();
  let book: { sheets: SheetRef[]; dates: DateStyles } | undefined;
  const sheets = new Map<string, SheetXmlReader>();
  let reader: { part: string; xml: SheetXmlReader; text: StringDecoder } | undefined;
  let sharedText: StringDecoder | undefined;

  const workbook = (): { sheets: SheetRef[]; dates: DateStyles } => {
    if (book) return book;
    const wb = small.get(WORKBOOK)!.text();
    if (!wb)
      throw new UserError(`文件“${fileName}”是压缩包，但不是 Excel（.xlsx）文件`, 'not_spreadsheet', 415);
    const { sheets: list, date1904 } = readWorkbook(wb, small.get(RELS)!.text());
    const styles = small.get(STYLES)!.text();
    book = { sheets: list, dates: { styles: styles ? dateStyles(styles) : new Set(), date1904 } };
    return book;
  };

  try {
    const { names } = inflateZip(
      bytes,
      {
        limits,
        label: `文件“${fileName}”`,
        want: (n) => SMALL_PARTS.includes(n) || n === SHARED || isWorksheet(n),
        rank: rankOf,
      },
      (name, chunk, final) => {
        const part = small.get(name);
        if (part) return part.add(chunk);
        if (name === SHARED) {
          sharedText ??= new StringDecoder('utf8');
          shared.write(sharedText.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
          if (final) {
            shared.write(sharedText.end());
            shared.end();
          }
          return;
        }
        if (reader?.part !== name) {
          const { dates } = workbook();
          reader = {
            part: name,
            xml: new SheetXmlReader(shared.strings, dates),
            text: new StringDecoder('utf8'),
          };
          sheets.set(name, reader.xml);
        }
        reader.xml.write(reader.text.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
        if (final) {
          reader.xml.write(reader.text.end());
          reader.xml.end();
        }
        checkSize(fileName, name, reader.xml, workbook().sheets);
      },
    );
    if (!names.includes(WORKBOOK))
      throw new UserError(`文件“${fileName}”是压缩包，但不是 Excel（.xlsx）文件`, 'not_spreadsheet', 415);
    // A workbook with no worksheet read yet has its sheet list parsed here, inside the guard.
    workbook();
  } catch (e) {
    if (e instanceof UserError && e.code !== 'corrupt_file') throw e;
    if (e instanceof UserError) {
      throw new UserError(
        `文件“${fileName}”已损坏或不完整，无法打开：请重新保存或重新下载后再导入`,
        'corrupt_file',
        400,
      );
    }
    const why = e instanceof Error ? e.message : String(e);
    throw new UserError(
      `文件“${fileName}”已损坏或不是有效的 Excel（.xlsx）文件，无法读取（${why}）`,
      'corrupt_file',
      400,
    );
  }
  // Sheets in tab order, as the workbook lists them.
  const read = workbook().sheets.flatMap((s) => {
    const xml = sheets.get(s.part);
    return xml ? [{ name: s.name, rows: xml.rows }] : [];
  });
  const kinds = recordedKinds(read.find((s) => s.name === META_SHEET)?.rows);
  return read.map(({ name, rows }) => {
    const kindId = kinds.get(name);
    return { name, rows, ...(kindId ? { kindId } : {}) };
  });
}

const OPEN = Buffer.from('<dataValidations');
const CLOSE = Buffer.from('</dataValidations>');
/** Generous: the result is only read by exceljs's whole-workbook loader in tests and tools. */
const LEAN_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 512 * 1024 * 1024, maxRatio: 1_100 };

/**
 * The file without its worksheets' data validations (dropdown lists), for exceljs's whole-workbook
 * loader, which expands every validated range into one object per cell. The streaming import
 * never reads them.
 */
export function withoutValidations(bytes: Uint8Array): Uint8Array {
  let files: Map<string, Uint8Array>;
  try {
    files = unzipLimited(bytes, { limits: LEAN_LIMITS });
  } catch {
    return bytes; // exceljs reports what is wrong with the file
  }
  let changed = false;
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of files) {
    out[name] = data;
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const start = buf.indexOf(OPEN);
    if (start < 0) continue;
    const end = buf.indexOf(CLOSE, start);
    if (end < 0) continue;
    out[name] = Buffer.concat([buf.subarray(0, start), buf.subarray(end + CLOSE.length)]);
    changed = true;
  }
  // Stored, not deflated: the archive only lives until exceljs has read it.
  return changed ? zipSync(out, { level: 0 }) : bytes;
}
