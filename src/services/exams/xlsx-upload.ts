/**
 * An uploaded .xlsx of 学法考法 (a question bank, paper scores): its size checked, its format
 * sniffed, and its sheets read through the ledger's reader with its limits (on a worker in the
 * server, through `readSheets`).
 */
import { UserError } from '../../core/errors.ts';
import type { RawSheet } from '../ledger-io/drafts.ts';
import { checkSize, DEFAULT_MAX_IMPORT_BYTES, detectFormat, type LedgerFormat } from '../ledger-io/format.ts';
import { readSheets } from '../ledger-io/read.ts';

export interface XlsxUpload {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly maxBytes?: number;
  /** Parses the file into sheets (default: here; the server runs it on a worker thread). */
  readonly readSheets?: (
    fileName: string,
    bytes: Uint8Array,
    format: LedgerFormat,
    maxBytes: number,
  ) => Promise<RawSheet[]> | RawSheet[];
}

/** The sheets of an .xlsx upload; anything else is refused, naming the template to fill (`template`). */
export async function readXlsxUpload(input: XlsxUpload, template: string): Promise<RawSheet[]> {
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  checkSize(input.fileName, input.bytes.length, maxBytes);
  const format = await detectFormat(input.fileName, input.bytes);
  if (format !== 'xlsx')
    throw new UserError(`文件“${input.fileName}”不是 .xlsx 表格：请用${template}填写后导入`, 'not_xlsx', 415);
  return (input.readSheets ?? readSheets)(input.fileName, input.bytes, format, maxBytes);
}
