import { strFromU8, strToU8, zipSync } from 'fflate';
import { UserError } from '../core/errors.ts';
import { unzipLimited } from '../core/zip.ts';
import { decodeText } from '../review/decode.ts';
import { DOCX_LIMITS } from '../review/docx.ts';

/**
 * The published copy of a report with the 保密审查's redactions applied: each redacted passage
 * becomes a run of ＊ (at most 12), in the text and in the file. The signed original is never
 * touched; the copy is checked afterwards, and a passage left anywhere refuses the publication.
 * Pure: bytes in, bytes out.
 */

export const MASK = '＊';
const maskOf = (s: string): string => MASK.repeat(Math.min([...s].length, 12));

/** Longest first, so a passage inside a longer one does not break the longer one's match. */
const ordered = (redactions: readonly string[]): string[] =>
  [...new Set(redactions.filter((r) => r.length > 0))].sort((a, b) => b.length - a.length);

export function redactText(text: string, redactions: readonly string[]): string {
  let out = text;
  for (const r of ordered(redactions)) out = out.split(r).join(maskOf(r));
  return out;
}

/** Word parts that hold text a reader sees. */
const TEXT_PART = /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e.toLowerCase()] ?? `&${e};`),
  );
const encodeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A w:t element's content: where it stands in the part, and its text. */
interface TextNode {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The text nodes of a part, grouped by paragraph (a paragraph inside a text box is its own group),
 * so a passage split across runs — as Word splits text at every change of format — is still found.
 */
function paragraphs(xml: string): TextNode[][] {
  const out: TextNode[][] = [];
  const stack: TextNode[][] = [[]];
  const token = /<w:p[\s>]|<\/w:p>|(<w:t(?:\s[^>]*)?>)([^<]*)<\/w:t>/g;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    if (m[1] !== undefined) {
      const start = m.index + m[1].length;
      stack[stack.length - 1]!.push({ start, end: start + m[2]!.length, text: decodeXml(m[2]!) });
    } else if (m[0] === '</w:p>') {
      if (stack.length > 1) out.push(stack.pop()!);
    } else {
      stack.push([]);
    }
  }
  out.push(...stack.filter((g) => g.length > 0));
  return out;
}

/** One paragraph's nodes with the redactions applied: the new text of each node that changed. */
function redactParagraph(nodes: readonly TextNode[], redactions: readonly string[]): Map<TextNode, string> {
  // One cell per character (UTF-16 unit), owned by its node; a match's cells become the mask and nothing.
  const cells: { node: TextNode; ch: string }[] = [];
  for (const node of nodes)
    for (const ch of node.text) for (const u of ch.split('')) cells.push({ node, ch: u });
  let joined = cells.map((c) => c.ch).join('');
  const touched = new Set<TextNode>();
  for (const r of redactions) {
    for (let at = joined.indexOf(r); at >= 0; at = joined.indexOf(r, at + 1)) {
      cells[at]!.ch = maskOf(r);
      touched.add(cells[at]!.node);
      for (let i = at + 1; i < at + r.length; i++) {
        cells[i]!.ch = '';
        touched.add(cells[i]!.node);
      }
      // Masked cells no longer match any passage.
      joined = joined.slice(0, at) + '\u0000'.repeat(r.length) + joined.slice(at + r.length);
    }
  }
  const out = new Map<TextNode, string>();
  for (const node of touched)
    out.set(
      node,
      cells
        .filter((c) => c.node === node)
        .map((c) => c.ch)
        .join(''),
    );
  return out;
}

function redactPart(xml: string, redactions: readonly string[]): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const p of paragraphs(xml))
    for (const [node, text] of redactParagraph(p, redactions))
      edits.push({ start: node.start, end: node.end, text: encodeXml(text) });
  edits.sort((a, b) => b.start - a.start);
  let out = xml;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Every paragraph's text in a part, for checking that nothing redacted is left. */
const partText = (xml: string): string[] => paragraphs(xml).map((g) => g.map((n) => n.text).join(''));

const leftIn = (texts: readonly string[], redactions: readonly string[]): string[] => {
  const all = texts.join('\n');
  return redactions.filter((r) => all.includes(r));
};

/** The .docx with every redacted passage masked in the body, headers, footers and notes. */
export function redactDocx(bytes: Uint8Array, redactions: readonly string[]): Uint8Array {
  const list = ordered(redactions);
  const files = unzipLimited(bytes, { limits: DOCX_LIMITS, label: '报告文件' });
  const out: Record<string, Uint8Array> = {};
  const texts: string[] = [];
  for (const [name, data] of files) {
    if (!TEXT_PART.test(name)) {
      out[name] = data;
      continue;
    }
    const xml = redactPart(strFromU8(data), list);
    texts.push(...partText(xml));
    out[name] = strToU8(xml);
  }
  if (!out['word/document.xml'])
    throw new UserError('报告文件不是有效的 Word 文档，无法删节', 'bad_docx', 400);
  const left = leftIn(texts, list);
  if (left.length > 0)
    throw new UserError(
      `删节内容在 .docx 中未能全部遮盖（${left.map((r) => `“${r}”`).join('、')}跨越了段落），请按段落分别填写删节内容`,
      'redaction_incomplete',
      409,
    );
  return zipSync(out, { level: 6 });
}

/** The published file: a .docx redacted in place, a .txt as redacted UTF-8 text. */
export function redactFile(fileName: string, bytes: Uint8Array, redactions: readonly string[]): Uint8Array {
  if (/\.docx$/i.test(fileName)) return redactDocx(bytes, redactions);
  return strToU8(redactText(decodeText(bytes).text, redactions));
}
