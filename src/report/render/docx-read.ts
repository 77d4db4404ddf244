import { strFromU8 } from 'fflate';
import { unzipLimited } from '../../core/zip.ts';

/** Reads a generated .docx back for tests: its XML parts, and body paragraphs as lists of run texts. */

export interface DocxParts {
  readonly document: string;
  readonly styles: string;
  readonly settings: string;
  /** word/fontTable.xml: the fonts with their fallbacks (altName). */
  readonly fontTable: string;
  /** Footer XML by relationship type: default (odd pages) and even. */
  readonly footers: Readonly<Record<string, string>>;
}

/** Generous: the documents read here are the ones fazhi itself generated. */
const LIMITS = { maxEntries: 1_000, maxTotalBytes: 256 * 1024 * 1024, maxRatio: 1_100 };

export function readDocx(bytes: Uint8Array): DocxParts {
  const files = unzipLimited(bytes, { limits: LIMITS, label: 'Word 文档' });
  const text = (name: string): string => {
    const f = files.get(name);
    if (!f) throw new Error(`docx lacks ${name}`);
    return strFromU8(f);
  };
  const document = text('word/document.xml');
  const rels = text('word/_rels/document.xml.rels');
  const footers: Record<string, string> = {};
  for (const m of document.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)) {
    const target =
      new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels)?.[1];
    if (target) footers[m[1]!] = text(`word/${target}`);
  }
  return {
    document,
    styles: text('word/styles.xml'),
    settings: text('word/settings.xml'),
    fontTable: text('word/fontTable.xml'),
    footers,
  };
}

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** A body paragraph: its XML, and the text of each run in order. */
export interface DocxPara {
  readonly xml: string;
  readonly runs: readonly string[];
  readonly text: string;
}

/** Top-level body paragraphs (table cells excluded), in order. */
export function bodyParagraphs(documentXml: string): DocxPara[] {
  const body = documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const out: DocxPara[] = [];
  for (const m of body.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>|<w:p(?:\s[^>]*)?\/>/g)) {
    const xml = m[0];
    const runs = [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>|<w:r\s[^>]*>([\s\S]*?)<\/w:r>/g)].map((r) =>
      [...r[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1] ?? '')).join(''),
    );
    out.push({ xml, runs, text: runs.join('') });
  }
  return out;
}

/** The rows of each top-level table, as lists of cell texts. */
export function tableRows(documentXml: string): string[][][] {
  return [...documentXml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
        [...c[1]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((x) => unescape(x[1] ?? '')).join(''),
      ),
    ),
  );
}
