import { SaxesParser } from 'saxes';

/**
 * The small parts of an .xlsx that say how to read its worksheets: the sheet list (names, tab
 * order, which part holds each), the date system, and which cell styles format numbers as dates.
 * Pure: XML text in, plain data out.
 */

function eachTag(
  xml: string,
  on: (name: string, a: Record<string, string>) => void,
  close?: (name: string) => void,
): void {
  const sax = new SaxesParser();
  sax.on('opentag', (t) => on(t.name, t.attributes as Record<string, string>));
  if (close) sax.on('closetag', (t) => close(t.name));
  sax.write(xml).close();
}

/** A sheet as the workbook lists it, in tab order, with the archive member that holds it. */
export interface SheetRef {
  readonly name: string;
  readonly part: string;
}

/** Sheets in tab order and the date system, from xl/workbook.xml and its relationships. */
export function readWorkbook(
  workbookXml: string,
  relsXml: string,
): { sheets: SheetRef[]; date1904: boolean } {
  const targets = new Map<string, string>();
  eachTag(relsXml, (name, a) => {
    if (name !== 'Relationship' || !a.Id || !a.Target) return;
    // Targets are relative to xl/, or absolute from the archive's root.
    targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
  });
  const sheets: SheetRef[] = [];
  let date1904 = false;
  eachTag(workbookXml, (name, a) => {
    if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    if (name !== 'sheet' || a.name === undefined) return;
    const part = targets.get(a['r:id'] ?? '');
    if (part) sheets.push({ name: a.name, part });
  });
  return { sheets, date1904 };
}

/**
 * Excel's built-in date and time formats: 14–22 and 45–47 everywhere, 27–36 and 50–58 in Chinese
 * (and other East Asian) installations (yyyy"年"m"月"d"日" and the like).
 */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A number format code shows a date or time: y, m, d, h or s outside quoted text and [brackets]. */
export function isDateFormat(code: string): boolean {
  return /[ymdhsb]/i.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, ''),
  );
}

/** Which cell styles (indexes into cellXfs, the `s` of a cell) show numbers as dates. */
export function dateStyles(stylesXml: string): Set<number> {
  const custom = new Map<number, string>();
  const out = new Set<number>();
  let inCellXfs = false;
  let index = 0;
  // numFmts come before cellXfs in styles.xml.
  eachTag(
    stylesXml,
    (name, a) => {
      if (name === 'numFmt' && a.numFmtId && a.formatCode !== undefined)
        custom.set(Number(a.numFmtId), a.formatCode);
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id)) out.add(index);
        index++;
      }
    },
    (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  );
  return out;
}

/**
 * Shared strings (xl/sharedStrings.xml) as plain text, read as the part streams in: rich text runs
 * joined, phonetic guides (rPh) left out.
 */
export class SharedStringsReader {
  readonly strings: string[] = [];
  private readonly sax = new SaxesParser();
  private text: string | null = null;
  private capture = false;
  private phonetic = false;

  constructor() {
    this.sax.on('opentag', (t) => {
      if (t.name === 'si') this.text = '';
      else if (t.name === 'rPh') this.phonetic = true;
      else if (t.name === 't' && !this.phonetic) this.capture = true;
    });
    this.sax.on('closetag', (t) => {
      if (t.name === 't') this.capture = false;
      else if (t.name === 'rPh') this.phonetic = false;
      else if (t.name === 'si') this.strings.push(this.text ?? '');
    });
    this.sax.on('text', (s) => {
      if (this.capture) this.text = (this.text ?? '') + s;
    });
  }

  write(chunk: string): void {
    this.sax.write(chunk);
  }

  end(): void {
    this.sax.close();
  }
}
