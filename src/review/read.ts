import { decodeText, normaliseText } from './decode.ts';
import { readDocx, type Block } from './docx.ts';
import { readHtml, readMarkdown } from './markup.ts';
import { HEADING_NUMBER } from './headings.ts';
import { COLUMN_GAP } from './lines.ts';
import type { SourceDoc, TableRow } from './types.ts';

/** Largest file the reviewer reads (a township report is well under 1 MB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export const SUPPORTED = ['.docx', '.txt', '.md', '.markdown', '.html', '.htm'] as const;

const ext = (name: string) => /\.[^./\\]+$/.exec(name.toLowerCase())?.[0] ?? '';

/** Thrown for a file the reviewer cannot read; the message is shown to the user as is. */
export class UnreadableError extends Error {}

/** What a full line ends a paragraph with: a sentence's end, or a colon before a list (…报告如下：). */
const LINE_END = /[。！？!?：:]["”’）)]?$/;
/** How a paragraph's last line ends (a list item's too). */
const PARAGRAPH_END = /[。！？!?；;：:]["”’）)]?$/;
/** A line that opens with a heading's number (一、 （一） 1.): a paragraph of its own. */
const HEADING_START = new RegExp(`^${HEADING_NUMBER}`);

/**
 * A text copied from a PDF (or mailed at a fixed width) breaks its paragraphs at the page's width.
 * When most lines are about as long as the longest and most of those end mid-sentence, a full line
 * that ends mid-sentence is joined to the next one, if that goes on the paragraph: not indented,
 * blank or opening with a heading's number, and itself full or ending a sentence (or the text).
 * Titles, breadcrumbs, document numbers and the 落款 are shorter lines of their own.
 */
export function joinWrappedLines(raw: string): string {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const body = lines.map((l) => l.trim()).filter((l) => l.length >= 20 && !COLUMN_GAP.test(l));
  if (body.length < 5) return raw;
  const width = body.map((l) => l.length).sort((a, b) => a - b)[Math.floor(body.length * 0.8)]!;
  // A full line counts its indent.
  const full = (l: string) => l.length >= width * 0.85 && !COLUMN_GAP.test(l.trim());
  const fullLines = body.filter(full);
  const open = fullLines.filter((l) => !LINE_END.test(l)).length;
  if (fullLines.length < body.length * 0.5 || open < 5 || open < fullLines.length * 0.5) return raw;
  const last = lines.findLastIndex((l) => l.trim() !== '');
  return joinLines(
    lines,
    (prev, next, i) =>
      full(prev) && goesOn(prev, next) && (full(next) || PARAGRAPH_END.test(next.trimEnd()) || i === last),
  );
}

/** Lines joined where `joins` says a line goes on into the next (the line's trailing blanks dropped). */
function joinLines(
  lines: readonly string[],
  joins: (prev: string, next: string, i: number) => boolean,
): string {
  const out = [lines[0]!];
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!.trimEnd();
    const next = lines[i]!;
    if (joins(prev, next, i)) out[out.length - 1] = out.at(-1)!.trimEnd();
    else out.push('\n');
    out.push(next);
  }
  return out.join('');
}

/** Whether a line that ends mid-sentence goes on into the next: one not indented, blank or a heading. */
const goesOn = (prev: string, next: string): boolean =>
  !LINE_END.test(prev) && /^\S/.test(next) && !HEADING_START.test(next);

/**
 * The lines of one paragraph (a Word file's soft line breaks) broken at a width, as text pasted
 * from a PDF keeps them: a line of at least 20 characters, about as long as the longest,
 * that ends mid-sentence goes on into the next. A heading, a title's first line or a 落款 line above
 * longer lines is shorter, and stays a line of its own.
 */
export function joinSoftBreaks(paragraph: string): string {
  if (!paragraph.includes('\n')) return paragraph;
  const lines = paragraph.split('\n');
  const longest = lines.reduce((n, l) => Math.max(n, l.trimEnd().length), 0);
  const full = (l: string) => l.length >= 20 && l.length >= longest * 0.85 && !COLUMN_GAP.test(l.trim());
  return joinLines(lines, (prev, next) => full(prev) && goesOn(prev, next));
}

/** A page's number on a line of its own, as a PDF copy keeps it (— 2 —, -2-, 第2页, 第2页 共5页). */
const PAGE_NUMBER =
  /^\s*(?:[—－–-]{1,2}\s*\d{1,3}\s*[—－–-]{1,2}|第\s*\d{1,3}\s*页(?:\s*[，,、]?\s*共\s*\d{1,3}\s*页)?)\s*$/;

/**
 * A text copied from a PDF keeps each page's number between the page's lines, often in the middle
 * of a paragraph. The number is dropped; a line that ends mid-sentence goes on, over the blank
 * lines around the number, into the line after it.
 */
export function dropPageNumbers(raw: string): string {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  if (!lines.some((l) => PAGE_NUMBER.test(l))) return raw;
  // Each line kept, as its pieces (a line joined over a number is two); `before`: how many lines
  // up to the last with words, and whether that one is a paragraph's line that may go on. Found
  // as lines are kept, so any number of page numbers is read in one pass.
  const out: string[][] = [];
  let before = 0;
  let mayGoOn = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!PAGE_NUMBER.test(line)) {
      out.push([line]);
      const words = line.trim();
      if (words) {
        before = out.length;
        // A paragraph's line, not a heading's (三、存在的不足和原因) nor a table's (合计  38  36; 件, 7).
        const heading = HEADING_START.test(words) && !/[。；;，,]/.test(words);
        mayGoOn = words.length >= 10 && !heading && !COLUMN_GAP.test(words);
      }
      continue;
    }
    let next = i + 1;
    while (next < lines.length && !lines[next]!.trim()) next++;
    const pieces = out[before - 1];
    const tail = pieces?.at(-1)?.trimEnd() ?? '';
    // Else only the number goes, and the blank lines stay.
    if (pieces && mayGoOn && next < lines.length && goesOn(tail, lines[next]!)) {
      out.length = before;
      pieces[pieces.length - 1] = tail;
      pieces.push(lines[next]!);
      i = next;
    }
  }
  return out.map((pieces) => pieces.join('')).join('\n');
}

function fromText(name: string, raw: string): SourceDoc {
  const { text, artifacts } = normaliseText(joinWrappedLines(dropPageNumbers(raw)));
  return { name, text, outline: new Map(), tables: [], artifacts };
}

/** A document from blocks in reading order: paragraphs one per line, table rows as tab-separated cells. */
function fromBlocks(name: string, blocks: readonly Block[]): SourceDoc {
  const lines: string[] = [];
  const outline = new Map<number, number>();
  const tables = new Map<number, TableRow[]>();
  const artifacts: { text: string; at: number }[] = [];
  let offset = 0;
  const push = (raw: string): number => {
    const n = normaliseText(raw);
    for (const a of n.artifacts) artifacts.push({ text: a.text, at: offset + a.at });
    const start = offset;
    for (const l of n.text.split('\n')) {
      lines.push(l);
      offset += l.length + 1;
    }
    return start;
  };
  for (const b of blocks) {
    if (b.kind === 'p') {
      if (b.outlineLevel !== undefined && b.text.trim()) outline.set(lines.length, b.outlineLevel);
      push(joinSoftBreaks(b.text));
    } else {
      const cells = b.cells.map((c) => normaliseText(c.replace(/[\t\n]+/g, ' ')).text);
      const start = push(cells.join('\t'));
      const t = tables.get(b.table) ?? [];
      t.push({ cells, start });
      tables.set(b.table, t);
    }
  }
  return { name, text: lines.join('\n'), outline, tables: [...tables.values()], artifacts };
}

/** Text that is markup: what a reader of the page sees, as blocks. */
const MARKUP: Readonly<Record<string, (s: string) => Block[]>> = {
  '.md': readMarkdown,
  '.markdown': readMarkdown,
  '.html': readHtml,
  '.htm': readHtml,
};

/**
 * Reads one report from its bytes (.docx, or .txt/.md/.html in UTF-8 or GBK/GB18030). A document
 * with no words (whitespace only, an empty Word file) is refused: there is nothing to review.
 */
export function readDocument(name: string, bytes: Uint8Array): SourceDoc {
  const doc = readAny(name, bytes);
  if (!/[\p{L}\p{N}]/u.test(doc.text)) throw new UnreadableError('文件没有正文内容（空白文档），无法审阅');
  return doc;
}

function readAny(name: string, bytes: Uint8Array): SourceDoc {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new UnreadableError(
      `文件过大（${(bytes.length / 1048576).toFixed(1)} MB），上限为 ${MAX_FILE_BYTES / 1048576} MB`,
    );
  }
  if (bytes.length === 0) throw new UnreadableError('文件为空');
  const e = ext(name);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (e === '.doc' || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    throw new UnreadableError('不支持旧版 Word（.doc）格式，请另存为 .docx 后再审阅');
  }
  if (e === '.docx' || isZip) {
    if (!isZip) throw new UnreadableError('不是有效的 .docx 文件（不是 zip 压缩包）');
    try {
      return fromBlocks(name, readDocx(bytes));
    } catch (err) {
      // Messages of our own readers are Chinese; a library's English one is not shown to the user.
      const msg = err instanceof Error ? err.message : String(err);
      throw new UnreadableError(
        /[\u4e00-\u9fa5]/.test(msg) ? msg : '无法读取 Word 文档：文件已损坏或格式不正确',
      );
    }
  }
  const markup = MARKUP[e];
  if (e !== '.txt' && e !== '' && !markup) {
    throw new UnreadableError(`不支持的文件类型“${e}”，仅支持 ${SUPPORTED.join('、')}`);
  }
  if (bytes.subarray(0, 4096).includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
    throw new UnreadableError('文件含有二进制内容，不是文本文件');
  }
  let raw: string;
  try {
    raw = decodeText(bytes).text;
  } catch (err) {
    throw new UnreadableError(`无法识别文件编码：${err instanceof Error ? err.message : String(err)}`);
  }
  return markup ? fromBlocks(name, markup(raw.replace(/^\uFEFF/, ''))) : fromText(name, raw);
}
