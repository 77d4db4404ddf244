import { AlignmentType, LineRuleType, type IStylesOptions } from 'docx';

/**
 * GB/T 9704-2012 《党政机关公文格式》 as docx measurements. Lengths are twips (1/1440 inch,
 * 1 mm ≈ 56.7 twips); font sizes are half-points (3号 16 pt = 32).
 */

const mm = (n: number): number => Math.round((n / 25.4) * 1440);

/** A4, 210 × 297 mm (5.2.1). */
export const PAGE = { width: 11906, height: 16838 } as const;

/** Top 37 mm, left 28 mm; text block 156 × 225 mm, so bottom 35 mm, right 26 mm (5.2.2). */
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;

/** 22 lines a page: 225 mm ÷ 22 ≈ 28.95 pt, fixed (5.2.3). */
export const LINE = 579;

/**
 * 28 characters a line: 156 mm ÷ 28 = 15.79 pt a character, so each 16 pt character is condensed
 * by 0.25 pt (w:spacing, twentieths of a point). A character grid (docGrid linesAndChars with a
 * negative charSpace) does the same in Word, but LibreOffice snaps each 16 pt glyph to two 15.79 pt
 * cells and prints 14 characters a line; condensing works alike in Word, WPS and LibreOffice.
 */
export const CONDENSE = -5;

/** One body character (the grid pitch), in twips. */
export const CHAR = Math.round((PAGE.width - MARGIN.left - MARGIN.right) / 28);

/** Footer distance: the page number's dashes sit about 7 mm below the text block (7.5). */
export const FOOTER_DISTANCE = mm(22);

export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** The same font on every slot, East Asian first: theme fonts are never referenced, so nothing overrides it. */
export const fonts = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

/** Half-points: 2号 title, 3号 body, 4号 page number and 版记, 小四 tables. */
export const SIZE = { title: 44, body: 32, pageNumber: 28, colophon: 28, table: 24 } as const;

/** Half-width characters (ASCII digits, Latin letters) take half an em in the GB fonts; CJK text and punctuation a whole one. */
const isHalfWidth = (ch: string): boolean => ch.charCodeAt(0) < 0x2000;

/**
 * The printed width of a line in twips at a size in half-points: full-width characters one em,
 * ASCII half an em, every character condensed by `CONDENSE` as the runs are, and a quarter em where
 * CJK text meets digits or Latin letters (Word's automatic spacing, w:autoSpaceDN/DE, on by default).
 */
export function textWidth(text: string, size: number = SIZE.body): number {
  let w = 0;
  let prev: string | null = null;
  for (const ch of text) {
    w += (isHalfWidth(ch) ? size * 5 : size * 10) + CONDENSE;
    const boundary = prev !== null && isHalfWidth(prev) !== isHalfWidth(ch);
    if (boundary && !/\s/.test(prev + ch)) w += size * 2.5;
    prev = ch;
  }
  return w;
}

/**
 * Right indents of the signature (7.3.5): the 成文日期 four characters in from the right, the organ
 * centred over it. An organ longer than the date overhangs it evenly, never past the right margin.
 */
export function signatureIndents(
  organ: string,
  date: string,
): { readonly organ: number; readonly date: number } {
  const dateIndent = 4 * CHAR;
  const organIndent = dateIndent + (textWidth(date) - textWidth(organ)) / 2;
  return { organ: Math.max(0, Math.round(organIndent)), date: dateIndent };
}

/** A date as 版记 and 成文日期 print it: Arabic numerals, no leading zeros (7.3.5, 7.4.3). */
export const printedDate = (iso: string): string =>
  `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/**
 * The font table: each GB font with the common Windows font Word substitutes when it is missing
 * (w:altName), and its PANOSE class and GB2312 charset (86), so a machine without 仿宋_GB2312 falls
 * back to 仿宋 rather than to a Latin default. Written over the docx library's empty fontTable.xml.
 */
const FONT_TABLE: readonly {
  readonly name: string;
  readonly alt: string;
  readonly panose: string;
  readonly family: 'modern' | 'auto' | 'roman';
  readonly pitch: 'fixed' | 'variable';
}[] = [
  { name: FONT.body, alt: '仿宋', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  { name: FONT.heading2, alt: '楷体', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  { name: FONT.title, alt: '宋体', panose: '02010601030101010101', family: 'auto', pitch: 'variable' },
  { name: FONT.heading1, alt: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: FONT.pageNumber, alt: 'SimSun', panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
  { name: '仿宋', alt: 'FangSong', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: '楷体', alt: 'KaiTi', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
];

export const FONT_TABLE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:panose1 w:val="${f.panose}"/>` +
      `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('') +
  '</w:fonts>';

const exact = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
const indent2 = { firstLine: 2 * CHAR, firstLineChars: 200 } as const;
/** No first-line indent: Normal's two characters would put a centred line off centre. */
export const NO_INDENT = { firstLine: 0, firstLineChars: 0 } as const;
const black = '000000';

/** Document defaults and styles: body 仿宋 3号, headings 黑体 / 楷体, title 小标宋 2号. */
export const styles: IStylesOptions = {
  default: {
    document: {
      run: {
        font: fonts(FONT.body),
        size: SIZE.body,
        characterSpacing: CONDENSE,
        language: { value: 'zh-CN', eastAsia: 'zh-CN' },
        color: black,
      },
      paragraph: { spacing: exact },
    },
    title: {
      run: { font: fonts(FONT.title), size: SIZE.title, color: black, bold: false },
      paragraph: { alignment: AlignmentType.CENTER, spacing: exact, indent: NO_INDENT },
    },
    heading1: {
      run: { font: fonts(FONT.heading1), size: SIZE.body, color: black, bold: false },
      paragraph: { spacing: exact, indent: indent2, keepNext: true, outlineLevel: 0 },
    },
    heading2: {
      run: { font: fonts(FONT.heading2), size: SIZE.body, color: black, bold: false, italics: false },
      paragraph: { spacing: exact, indent: indent2, keepNext: true, outlineLevel: 1 },
    },
  },
  paragraphStyles: [
    {
      id: 'Normal',
      name: 'Normal',
      run: { font: fonts(FONT.body), size: SIZE.body, characterSpacing: CONDENSE, color: black },
      paragraph: { spacing: exact, indent: indent2, alignment: AlignmentType.JUSTIFIED },
    },
    {
      id: 'FzFlush',
      name: 'FZ Flush',
      basedOn: 'Normal',
      run: {},
      paragraph: { indent: NO_INDENT },
    },
    {
      id: 'FzTable',
      name: 'FZ Table',
      basedOn: 'Normal',
      run: { size: SIZE.table },
      paragraph: {
        indent: NO_INDENT,
        spacing: { line: 320, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
        alignment: AlignmentType.LEFT,
      },
    },
    {
      id: 'FzPageNumber',
      name: 'FZ Page Number',
      basedOn: 'Normal',
      run: { font: fonts(FONT.pageNumber), size: SIZE.pageNumber },
      paragraph: {
        indent: NO_INDENT,
        spacing: { line: 280, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      },
    },
  ],
};
