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

export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 24 } as const;

const exact = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
const indent2 = { firstLine: 2 * CHAR, firstLineChars: 200 } as const;
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
      paragraph: { alignment: AlignmentType.CENTER, spacing: exact },
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
      paragraph: { indent: { firstLine: 0, firstLineChars: 0 } },
    },
    {
      id: 'FzTable',
      name: 'FZ Table',
      basedOn: 'Normal',
      run: { size: SIZE.table },
      paragraph: {
        indent: { firstLine: 0, firstLineChars: 0 },
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
        indent: { firstLine: 0, firstLineChars: 0 },
        spacing: { line: 280, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      },
    },
  ],
};
