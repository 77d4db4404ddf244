import type { Block } from './docx.ts';

/**
 * Readers of the two text formats that carry markup: Markdown and HTML. Each gives the blocks a
 * .docx gives (paragraphs in reading order, table rows with their cells), so the reviewer sees
 * headings, tables and the 落款 as a reader of the rendered page does, not the markup around them.
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  times: '×',
  divide: '÷',
  deg: '°',
};

/** One character reference (&amp; &#20013; &#x4e2d;) at the start of `s`, and its length. */
function entityAt(s: string, i: number): { text: string; length: number } | undefined {
  const m = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/.exec(s.slice(i, i + 12));
  if (!m) return undefined;
  const code = m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? parseInt(m[2], 16) : undefined;
  if (code !== undefined)
    return code > 0 && code <= 0x10ffff
      ? { text: String.fromCodePoint(code), length: m[0].length }
      : undefined;
  const named = NAMED[m[3]!.toLowerCase()];
  return named === undefined ? undefined : { text: named, length: m[0].length };
}

/** Elements that start a new line where they open and close. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'caption',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
/** Elements whose content is not text a reader sees. */
const HIDDEN_TAGS = new Set(['head', 'script', 'style', 'template', 'title', 'noscript', 'svg']);

/** A tag at `i`: its name (lower case) and whether it closes; attributes are bounded, not parsed. */
const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9]{0,20}(?::[A-Za-z][A-Za-z0-9]{0,20})?)(?:[\s/][^<>]{0,2000})?>/;

// ---------------------------------------------------------------------------------------------
// HTML

/** Where the page's source broke a line (a private-use character, never shown). */
const SOURCE_BREAK = '\uE000';
/** Chinese characters and the punctuation a Chinese text sets full width (“”‘’…—· among them). */
const WIDE = /[\u2010-\u2027\u00b7\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** A run of blanks and source breaks: each run matched once, whole (no backtracking into it). */
const BLANK_RUN = /[ \uE000]+/g;
/**
 * A line break of the source beside a Chinese character is no space (学法9次，⏎配备 → 学法9次，配备;
 * a Word page's <span>学法</span>⏎<span>9</span> → 学法9): a browser shows a thin gap between a Chinese
 * character and a digit there, which is the page's source, not the author's typing. Elsewhere it
 * is one space.
 */
const joinBreaks = (s: string) =>
  s.replace(BLANK_RUN, (run: string, at: number) => {
    if (!run.includes(SOURCE_BREAK)) return run;
    return WIDE.test(s[at - 1] ?? '') || WIDE.test(s[at + run.length] ?? '') ? '' : ' ';
  });

/**
 * Reads an HTML page into blocks: block elements and <br> end lines, table rows keep their cells,
 * the head, scripts and styles are dropped, character references decoded, whitespace collapsed.
 */
export function readHtml(html: string): Block[] {
  const blocks: Block[] = [];
  let line = '';
  let tableDepth = 0;
  let tableCount = 0;
  let row: string[] | undefined;
  let cell: string | undefined;
  const flush = () => {
    const t = joinBreaks(line).replace(/ {2,}/g, ' ').trim();
    if (t) blocks.push({ kind: 'p', text: t });
    line = '';
  };
  const endCell = () => {
    if (row && cell !== undefined)
      row.push(
        joinBreaks(cell)
          .replace(/[ \t\r\n\f]+/g, ' ')
          .trim(),
      );
    cell = undefined;
  };
  const endRow = () => {
    endCell();
    if (row) blocks.push({ kind: 'row', cells: row, table: tableCount });
    row = undefined;
  };
  // Source whitespace collapses to one space, or to none where it held a line break between two
  // Chinese characters (joinBreaks); a <br> (added as \n, not through here) ends a line.
  const put = (raw: string) => {
    const s = raw
      .replaceAll(SOURCE_BREAK, ' ')
      .replace(/[ \t\f]*[\r\n][ \t\r\n\f]*/g, SOURCE_BREAK)
      .replace(/[ \t\f]+/g, ' ');
    if (cell !== undefined) cell += s;
    else if (row === undefined) line += s;
  };
  let lower: string | undefined;
  let i = 0;
  // The next & at or after a place, found again only once passed: a page with no & and many text
  // nodes is read in one pass, not one search to its end per node.
  let amp = -1;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    for (let j = i; j < textEnd;) {
      if (amp < j) {
        const next = html.indexOf('&', j);
        amp = next < 0 ? html.length : next;
      }
      const stop = amp >= textEnd ? textEnd : amp;
      put(html.slice(j, stop));
      if (stop === textEnd) break;
      const e = entityAt(html, stop);
      put(e ? e.text : '&');
      j = stop + (e ? e.length : 1);
    }
    if (lt < 0) break;
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      const end = html.indexOf('>', i);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const m = TAG.exec(html.slice(i, i + 2030));
    if (!m) {
      put('<');
      i++;
      continue;
    }
    i += m[0].length;
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    if (!closing && HIDDEN_TAGS.has(name)) {
      lower ??= html.toLowerCase();
      const end = lower.indexOf(`</${name}`, i);
      i = end < 0 ? html.length : end;
      continue;
    }
    if (name === 'table') {
      if (closing) {
        if (tableDepth > 0 && --tableDepth === 0) endRow();
      } else if (tableDepth++ === 0) {
        flush();
        tableCount++;
      }
      continue;
    }
    if (tableDepth === 1 && name === 'tr') {
      endRow();
      if (!closing) row = [];
      continue;
    }
    if (tableDepth === 1 && (name === 'td' || name === 'th')) {
      endCell();
      if (!closing && row) cell = '';
      continue;
    }
    if (!BLOCK_TAGS.has(name)) continue;
    if (tableDepth > 0) put(' ');
    else if (name === 'br') line += '\n';
    else flush();
  }
  endRow();
  flush();
  return blocks.flatMap((b) =>
    b.kind === 'p' ? b.text.split('\n').map((t): Block => ({ kind: 'p', text: t.trim() })) : [b],
  );
}

// ---------------------------------------------------------------------------------------------
// Markdown

const TABLE_LINE = /^\s{0,3}\|.*\|\s*$/;
const TABLE_RULE = /^\s{0,3}\|?(?:\s*:?-{1,}:?\s*\|)+\s*(?::?-{1,}:?\s*)?$/;
const RULE_LINE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const FENCE = /^\s{0,3}(?:```|~~~)/;
const PUNCT = /[!-/:-@[-`{-~]/;

/** The visible text of a Markdown line: no emphasis, links as their text, inline HTML read. */
function inlineMarkdown(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && PUNCT.test(s[i + 1] ?? '')) {
      out += s[++i];
    } else if (c === '*' || c === '`' || (c === '_' && s[i + 1] === '_')) {
      if (c === '_') i++;
    } else if (c === '!' && s[i + 1] === '[') {
      const m = /^!\[[^\]\n]{0,300}\]\([^)\n]{0,1000}\)/.exec(s.slice(i, i + 1310));
      if (m) i += m[0].length - 1;
      else out += c;
    } else if (c === '[') {
      const m = /^\[([^\]\n]{0,300})\]\([^)\n]{0,1000}\)/.exec(s.slice(i, i + 1310));
      if (m) {
        out += inlineMarkdown(m[1]!);
        i += m[0].length - 1;
      } else out += c;
    } else if (c === '<') {
      const m = TAG.exec(s.slice(i, i + 2030));
      if (m) {
        if (BLOCK_TAGS.has(m[2]!.toLowerCase())) out += '\n';
        i += m[0].length - 1;
      } else out += c;
    } else if (c === '&') {
      const e = entityAt(s, i);
      if (e) {
        out += e.text;
        i += e.length - 1;
      } else out += c;
    } else out += c;
  }
  return out;
}

/** A table line's cells, split on the pipes that are not escaped. */
function cellsOf(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => inlineMarkdown(c).replace(/\n/g, ' ').trim());
}

/**
 * Reads Markdown into blocks: heading marks (#), quotes (>), bullets, emphasis and escapes
 * dropped; pipe tables as rows; inline HTML (the 落款 written as <div>…<br>…</div>) as lines.
 */
export function readMarkdown(md: string): Block[] {
  const blocks: Block[] = [];
  let tables = 0;
  let inTable = false;
  let fenced = false;
  for (const raw of md.split(/\r\n?|\n/)) {
    if (FENCE.test(raw)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      blocks.push({ kind: 'p', text: raw });
      continue;
    }
    if (TABLE_LINE.test(raw)) {
      if (!inTable) tables++;
      inTable = true;
      if (!TABLE_RULE.test(raw)) blocks.push({ kind: 'row', cells: cellsOf(raw), table: tables });
      continue;
    }
    inTable = false;
    if (RULE_LINE.test(raw)) {
      blocks.push({ kind: 'p', text: '' });
      continue;
    }
    let line = raw.replace(/^\s{0,3}(?:>\s?)+/, '');
    const heading = /^\s{0,3}#{1,6}(?:\s+|$)/.exec(line);
    line = heading
      ? line.slice(heading[0].length).replace(/\s+#+\s*$/, '')
      : line.replace(/^\s{0,3}[-*+]\s+/, '');
    for (const t of inlineMarkdown(line).split('\n')) blocks.push({ kind: 'p', text: t });
  }
  return blocks;
}
