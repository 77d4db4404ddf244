import { fileTypeFromBuffer } from 'file-type';
import { UserError } from '../../core/errors.ts';
import type { ZipLimits } from '../../core/zip.ts';

/** Which reader a file needs, decided from its bytes (names lie: a PNG renamed to .xlsx). */
export type LedgerFormat = 'xlsx' | 'csv' | 'docx';

/** Default largest file accepted, in bytes; the CLI and HTTP API may set their own. */
export const DEFAULT_MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** An xlsx inflates to several times its size; past this many times the size limit it is refused as a zip bomb. */
const MAX_UNPACK_RATIO = 10;

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Refuses a file over the limit; callers check this before reading or parsing anything. */
export function checkSize(fileName: string, size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw new UserError(
      `文件“${fileName}”大小为 ${mb(size)}，超过导入上限 ${mb(maxBytes)}：请按年度或类型拆分后分别导入`,
      'file_too_large',
      413,
    );
  }
}

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const notSpreadsheet = (fileName: string, what: string): UserError =>
  new UserError(
    `文件“${fileName}”不是电子表格（${what}）：请导入 .xlsx、.csv 格式的台账或含台账表格的 Word 文档（.docx）`,
    'not_spreadsheet',
    415,
  );

/** Decides the format from the bytes, or refuses the file with a Chinese reason. */
export async function detectFormat(fileName: string, bytes: Uint8Array): Promise<LedgerFormat> {
  if (bytes.length === 0) throw new UserError(`文件“${fileName}”是空文件（0 字节）`, 'empty_file');
  // A zip is a workbook, or a Word document whose tables hold the ledger (by its name: both are zips).
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY))
    return /\.docx$/i.test(fileName) ? 'docx' : 'xlsx';
  if (startsWith(bytes, CFB)) {
    throw new UserError(
      `文件“${fileName}”是旧版 Excel（.xls）或 WPS（.et）格式：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入`,
      'old_excel',
      415,
    );
  }
  const ft = await fileTypeFromBuffer(bytes.subarray(0, 4100));
  if (ft) throw notSpreadsheet(fileName, `文件内容为 ${ft.ext.toUpperCase()} 格式`);
  if (/\.(xlsx|xlsm|xls|et)$/i.test(fileName)) {
    throw new UserError(
      `文件“${fileName}”的扩展名是 Excel，但内容不是 Excel 文件：文件可能已损坏，或是改了扩展名的其他文件`,
      'not_spreadsheet',
      415,
    );
  }
  // Text never holds NUL bytes, except UTF-16, which starts with a byte-order mark.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 65_536).includes(0)) throw notSpreadsheet(fileName, '内容是二进制数据');
  return 'csv';
}

/** Most members a workbook may hold: a ledger has a few dozen. */
const MAX_ENTRIES = 2_000;
/** XML inflates 5–20 times; a deflate bomb about 1,000 times. */
const MAX_RATIO = 200;

/** The zip limits an .xlsx under `maxBytes` is read within (read-xlsx.ts inflates against them). */
export const xlsxLimits = (maxBytes: number): ZipLimits => ({
  maxEntries: MAX_ENTRIES,
  maxTotalBytes: maxBytes * MAX_UNPACK_RATIO,
  maxRatio: MAX_RATIO,
});
