import { SaxesParser } from 'saxes';
import { unzipLimited, type ZipLimits } from '../core/zip.ts';
import { Numbering } from './docx-numbering.ts';

/** Limits against zip bombs: entries, bytes actually inflated from the parts read, ratio. */
export const DOCX_LIMITS: ZipLimits = { maxEntries: 5000, maxTotalBytes: 100 * 1024 * 1024, maxRatio: 200 };

/** Columns one cell may span: Word's own limit on a table's columns. */
const MAX_SPAN = 63;

/** A paragraph or a table row of a .docx, in document order. */
export type Block =
  { kind: 'p'; text: string; outlineLevel?: number } | { kind: 'row'; cells: string[]; table: number };

const WANTED = new Set(['word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/footnotes.xml']);

function unzipParts(bytes: Uint8Array): Map<string, string> {
  const files = unzipLimited(bytes, { limits: DOCX_LIMITS, label: '文档', want: (n) => WANTED.has(n) });
  const out = new Map<string, string>();
  const dec = new TextDecoder('utf-8');
  for (const [name, data] of files) out.set(name, dec.decode(data));
  return out;
}

/** Outline levels declared by paragraph styles (Heading 1 / 标题 1, or w:outlineLvl in the style). */
function styleOutlines(xml: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!xml) return out;
  const p = new SaxesParser();
  let id: string | undefined;
  p.on('opentag', (t) => {
    const v = t.attributes['w:val'];
    const val = typeof v === 'string' ? v : '';
    if (t.name === 'w:style') {
      const sid = t.attributes['w:styleId'];
      id = typeof sid === 'string' ? sid : undefined;
      const m = id ? /^(?:heading|Heading|标题)\s*(\d)$/.exec(id) : null;
      if (id && m) out.set(id, Number(m[1]) - 1);
    } else if (id && t.name === 'w:name') {
      const m = /^(?:heading|标题)\s*(\d)$/i.exec(val);
      if (m) out.set(id, Number(m[1]) - 1);
    } else if (id && t.name === 'w:outlineLvl' && Number(val) < 9) out.set(id, Number(val));
  });
  p.on('closetag', (t) => {
    if (t.name === 'w:style') id = undefined;
  });
  try {
    p.write(xml).close();
  } catch (e) {
    throw new Error(`Word 文档样式（word/styles.xml）的格式不正确${xmlPosition(e)}，文件可能已损坏`);
  }
  return out;
}

/** The text of each footnote by its id (the separators Word keeps there are none). */
function footnoteTexts(xml: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!xml) return out;
  const p = new SaxesParser();
  let id: string | undefined;
  let text = '';
  let inText = false;
  p.on('opentag', (t) => {
    if (t.name === 'w:footnote') {
      const fid = t.attributes['w:id'];
      const type = t.attributes['w:type'];
      id =
        typeof fid === 'string' && !(typeof type === 'string' && /separator/i.test(type)) ? fid : undefined;
      text = '';
    } else if (t.name === 'w:t') inText = id !== undefined;
  });
  p.on('text', (s) => {
    if (inText) text += s;
  });
  p.on('closetag', (t) => {
    if (t.name === 'w:t') inText = false;
    else if (t.name === 'w:footnote') {
      if (id !== undefined && text.trim()) out.set(id, text.trim());
      id = undefined;
    }
  });
  try {
    p.write(xml).close();
  } catch (e) {
    throw new Error(`Word 文档脚注（word/footnotes.xml）的格式不正确${xmlPosition(e)}，文件可能已损坏`);
  }
  return out;
}

/**
 * Reads a .docx into paragraphs (with outline levels and rendered list numbers) and table rows.
 * A footnote is read as a paragraph of its own (注：…) after the paragraph, or the table, that refers to it.
 * Deleted revisions and field codes are skipped; tabs and breaks kept as whitespace.
 */
export function readDocx(bytes: Uint8Array): Block[] {
  const parts = unzipParts(bytes);
  const doc = parts.get('word/document.xml');
  if (!doc) throw new Error('不是有效的 Word 文档（缺少 word/document.xml）');
  const styles = styleOutlines(parts.get('word/styles.xml'));
  const numbering = new Numbering(parts.get('word/numbering.xml'));
  const footnotes = footnoteTexts(parts.get('word/footnotes.xml'));
  // Footnotes referred to by the paragraph or table being read, given after it.
  let notes: string[] = [];
  const flushNotes = () => {
    for (const n of notes) blocks.push({ kind: 'p', text: `注：${n}` });
    notes = [];
  };

  const blocks: Block[] = [];
  let para: { text: string; style?: string; outline?: number; numId?: string; ilvl: number } | undefined;
  let inText = false;
  let deleted = 0;
  let tableDepth = 0;
  let tableCount = 0;
  let row: string[] | undefined;
  let cell: string[] | undefined;
  // A cell spanning columns (gridSpan) and one continuing a vertical merge (vMerge): read as a
  // spreadsheet reads merged cells, the text in the first cell and blanks in the others.
  let span = 1;
  let continued = false;

  const p = new SaxesParser();
  p.on('opentag', (t) => {
    const v = t.attributes['w:val'];
    const val = typeof v === 'string' ? v : '';
    switch (t.name) {
      case 'w:p':
        para = { text: '', ilvl: 0 };
        break;
      case 'w:pStyle':
        if (para) para.style = val;
        break;
      case 'w:outlineLvl':
        if (para && Number(val) < 9) para.outline = Number(val);
        break;
      case 'w:numId':
        if (para) para.numId = val;
        break;
      case 'w:ilvl':
        if (para) para.ilvl = Number(val) || 0;
        break;
      case 'w:t':
        inText = deleted === 0;
        break;
      case 'w:del':
        deleted++;
        break;
      case 'w:tab':
        if (para && deleted === 0) para.text += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (para && deleted === 0) para.text += tableDepth ? ' ' : '\n';
        break;
      case 'w:tbl':
        if (tableDepth++ === 0) tableCount++;
        break;
      case 'w:tr':
        if (tableDepth === 1) row = [];
        break;
      case 'w:tc':
        if (tableDepth === 1) {
          cell = [];
          span = 1;
          continued = false;
        }
        break;
      case 'w:gridSpan':
        if (tableDepth === 1 && cell) span = Math.max(1, Math.min(Number(val) || 1, MAX_SPAN));
        break;
      case 'w:vMerge':
        if (tableDepth === 1 && cell) continued = val !== 'restart';
        break;
      case 'w:footnoteReference': {
        const fid = t.attributes['w:id'];
        const note = typeof fid === 'string' && deleted === 0 ? footnotes.get(fid) : undefined;
        if (note) notes.push(note);
        break;
      }
    }
  });
  p.on('text', (s) => {
    if (inText && para) para.text += s;
  });
  p.on('closetag', (t) => {
    switch (t.name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:del':
        deleted--;
        break;
      case 'w:p': {
        if (!para) break;
        const num = para.numId && para.numId !== '0' ? numbering.next(para.numId, para.ilvl) : '';
        const text = num + para.text;
        const outline = para.outline ?? (para.style !== undefined ? styles.get(para.style) : undefined);
        if (cell) cell.push(text.trim());
        else {
          blocks.push(
            outline !== undefined ? { kind: 'p', text, outlineLevel: outline } : { kind: 'p', text },
          );
          if (tableDepth === 0) flushNotes();
        }
        para = undefined;
        break;
      }
      case 'w:tc':
        if (tableDepth === 1 && row && cell) {
          row.push(continued ? '' : cell.filter(Boolean).join(' '));
          for (let i = 1; i < span; i++) row.push('');
        }
        if (tableDepth === 1) cell = undefined;
        break;
      case 'w:tr':
        if (tableDepth === 1 && row) blocks.push({ kind: 'row', cells: row, table: tableCount });
        if (tableDepth === 1) row = undefined;
        break;
      case 'w:tbl':
        if (--tableDepth === 0) flushNotes();
        break;
    }
  });
  try {
    p.write(doc).close();
  } catch (e) {
    throw new Error(`Word 文档正文（word/document.xml）的格式不正确${xmlPosition(e)}，文件可能已损坏`);
  }
  return blocks;
}

/** Where an XML parser stopped, in Chinese: saxes messages start with "line:column:". */
function xmlPosition(e: unknown): string {
  const m = /^(\d+):(\d+):/.exec(e instanceof Error ? e.message : '');
  return m ? `（第 ${m[1]} 行第 ${m[2]} 列附近）` : '';
}
