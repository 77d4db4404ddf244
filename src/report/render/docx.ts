import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  HeadingLevel,
  HighlightColor,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { placeholderText } from '../model/numbering.ts';
import {
  DATE_PENDING,
  signatureDate,
  type Colophon,
  type Inline,
  type Para,
  type ReportModel,
} from '../model/types.ts';
import {
  FONT,
  FONT_TABLE_XML,
  FOOTER_DISTANCE,
  LINE,
  MARGIN,
  NO_INDENT,
  PAGE,
  SIZE,
  fonts,
  printedDate,
  signatureIndents,
  styles,
} from './gbt9704.ts';
import { bodyItems } from './text.ts';

/**
 * The .docx renderer (GB/T 9704-2012). One run per inline, so every figure's run can be found again
 * and checked against its indicator.
 */

const run = (i: Inline): TextRun =>
  i.t === 'placeholder'
    ? new TextRun({ text: placeholderText(i.text), highlight: HighlightColor.YELLOW })
    : new TextRun({ text: i.t === 'text' ? i.text : i.figure.text });

type ParagraphOptions = Exclude<ConstructorParameters<typeof Paragraph>[0], string>;

function para(p: Para, extra: ParagraphOptions = {}): Paragraph {
  const lead = p.lead ? [new TextRun({ text: `${p.lead.number}${p.lead.text}。` })] : [];
  return new Paragraph({ ...extra, children: [...lead, ...p.inlines.map(run)] });
}

const flush = (text: string, extra: ParagraphOptions = {}): Paragraph =>
  new Paragraph({ style: 'FzFlush', children: [new TextRun(text)], ...extra });

/** An empty line of body height. */
export const blank = (extra: ParagraphOptions = {}): Paragraph => flush('', extra);

/** A centred 2号 title; its first-line indent is set to 0 on the paragraph as well as in the style. */
export const title = (lines: readonly string[]): Paragraph =>
  new Paragraph({
    heading: HeadingLevel.TITLE,
    alignment: AlignmentType.CENTER,
    indent: NO_INDENT,
    children: lines.map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : 0 })),
  });

/** "— N —" in 宋体 4号: odd pages right-aligned one character in, even pages left-aligned one character in (7.5). */
function pageFooter(odd: boolean): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: 'FzPageNumber',
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: 280 } : { left: 280 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: fonts(FONT.pageNumber),
            size: SIZE.pageNumber,
          }),
        ],
      }),
    ],
  });
}

type Align = 'left' | 'center' | 'right';
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cell(text: string, opts: { header?: boolean; width: number; align: Align }): TableCell {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: [
      new Paragraph({
        style: 'FzTable',
        alignment: ALIGN[opts.header ? 'center' : opts.align],
        children: [new TextRun(opts.header ? { text, font: fonts(FONT.heading1) } : { text })],
      }),
    ],
  });
}

/** A table over the text block's width, ruled all round, its first row repeated on every page. */
export function gridTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly number[],
  align: readonly Align[],
): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const row = (cells: readonly string[], isHeader = false) =>
    new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      children: cells.map((t, i) => cell(t, { header: isHeader, width: widths[i]!, align: align[i]! })),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [row(header, true), ...rows.map((r) => row(r))],
  });
}

/** A value with its unit, or the dash of a value there is none of. */
export const withUnit = (value: string, unit: string): string => (value === '—' ? value : value + unit);

/** The appendix table's columns. */
export const APPENDIX_HEADER = ['指标', '本年', '上年', '增减'] as const;

/** The public appendix (主要工作指标): this year, last year and the change, per indicator. */
function appendixTable(m: ReportModel): Table {
  return gridTable(
    APPENDIX_HEADER,
    m.appendix.rows.map((r) => [r.label, withUnit(r.value, r.unit), withUnit(r.previous, r.unit), r.change]),
    [3445, 1700, 1700, 2000],
    ['left', 'center', 'center', 'center'],
  );
}

const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** One 4号 character: the 版记's lines stand one character in from either side (7.4). */
const COLOPHON_CHAR = SIZE.colophon * 10;

/**
 * The 版记 (7.4): 抄送 line and 印发 line in 4号 仿宋, between a thick rule above, a thin one
 * between and a thick one below (0.35 mm and 0.25 mm: borders of 8 and 6 eighths of a point). The
 * rules are paragraph borders as wide as the text block, so the one-character spaces are tab stops,
 * not indents (an indent would shorten the rule).
 */
export function colophonParagraphs(c: Colophon): Paragraph[] {
  const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 0 });
  const thick = rule(8);
  const thin = rule(6);
  const lines: { text: (string | Tab)[]; tabs: { type: 'left' | 'right'; position: number }[] }[] = [];
  if (c.cc.length > 0)
    lines.push({
      text: [new Tab(), `抄送：${c.cc.join('，')}。`],
      tabs: [{ type: 'left', position: COLOPHON_CHAR }],
    });
  if (c.printedBy || c.printedOn)
    lines.push({
      text: [new Tab(), c.printedBy ?? '', new Tab(), c.printedOn ? `${printedDate(c.printedOn)}印发` : ''],
      tabs: [
        { type: 'left', position: COLOPHON_CHAR },
        { type: 'right', position: TEXT_WIDTH - COLOPHON_CHAR },
      ],
    });
  return lines.map(
    (l, i) =>
      new Paragraph({
        style: 'FzFlush',
        keepNext: i < lines.length - 1,
        keepLines: true,
        alignment: AlignmentType.LEFT,
        tabStops: l.tabs.map((t) => ({
          type: t.type === 'left' ? TabStopType.LEFT : TabStopType.RIGHT,
          position: t.position,
        })),
        border: {
          ...(i === 0 ? { top: thick } : {}),
          bottom: i === lines.length - 1 ? thick : thin,
        },
        children: [new TextRun({ children: l.text, size: SIZE.colophon })],
      }),
  );
}

/**
 * The closing, the 附件 line and the signature, chained with keepNext to the body's last paragraph,
 * so the 落款 never stands alone on a page. The organ is centred over the 成文日期 (7.3.5).
 */
function closingBlock(m: ReportModel): Paragraph[] {
  const date = signatureDate(m);
  const indents = signatureIndents(m.signature.organ, date);
  const keep = { keepNext: true, keepLines: true } as const;
  const sign = (right: number): ParagraphOptions => ({
    alignment: AlignmentType.RIGHT,
    indent: { right, ...NO_INDENT },
  });
  return [
    new Paragraph({ ...keep, children: [new TextRun(m.closing)] }),
    blank(keep),
    new Paragraph({ ...keep, children: [new TextRun(m.attachmentNote)] }),
    blank(keep),
    blank(keep),
    flush(m.signature.organ, { ...keep, ...sign(indents.organ) }),
    new Paragraph({
      style: 'FzFlush',
      keepLines: true,
      ...sign(indents.date),
      children: [
        new TextRun(
          date === DATE_PENDING ? { text: date, highlight: HighlightColor.YELLOW } : { text: date },
        ),
      ],
    }),
  ];
}

function body(m: ReportModel): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    title(m.title),
    blank(),
    flush(m.addressee),
    ...m.notices.map((n) => para(n)),
  ];
  const items = bodyItems(m);
  // The body's last paragraph keeps with the closing, so the signature has body text above it.
  const keepLast = (last: boolean): ParagraphOptions => (last ? { keepNext: true } : {});
  out.push(para(m.intro, keepLast(items.length === 0)));
  items.forEach((b, i) => {
    if (b.kind === 'para') out.push(para(b.para, keepLast(i === items.length - 1)));
    else {
      const s = b.section;
      out.push(
        new Paragraph({
          heading: s.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          children: [new TextRun(`${s.number}${s.heading}`)],
        }),
      );
    }
  });
  out.push(...closingBlock(m));
  // The signature is the last text before the appendix's page break.
  out.push(
    new Paragraph({
      style: 'FzFlush',
      pageBreakBefore: true,
      children: [new TextRun({ text: '附件', font: fonts(FONT.heading1) })],
    }),
    blank(),
    title([m.appendix.title]),
    blank(),
    appendixTable(m),
  );
  if (m.placeholders.length > 0) {
    out.push(
      blank(),
      new Paragraph({
        style: 'FzFlush',
        children: [new TextRun({ text: '待补充事项（定稿前删除）', font: fonts(FONT.heading1) })],
      }),
    );
    m.placeholders.forEach((p, i) => out.push(new Paragraph({ children: [new TextRun(`${i + 1}.${p}`)] })));
  }
  if (m.colophon) out.push(blank(), ...colophonParagraphs(m.colophon));
  return out;
}

/** A GB/T 9704 document: page, margins, line pitch, odd and even page numbers. */
export function gbtDocument(title: string, children: readonly (Paragraph | Table)[]): Document {
  return new Document({
    creator: 'fazhi',
    title,
    styles,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, header: 851, footer: FOOTER_DISTANCE, gutter: 0 },
          },
          grid: { type: DocumentGridType.DEFAULT, linePitch: LINE },
        },
        footers: { default: pageFooter(true), even: pageFooter(false) },
        children: [...children],
      },
    ],
  });
}

export const reportDocument = (m: ReportModel): Document => gbtDocument(m.title.join(''), body(m));

/** Packs a document with the GB fonts' font table (altName fallbacks) in place of the library's empty one. */
export async function packDocx(doc: Document): Promise<Uint8Array> {
  return new Uint8Array(
    await Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE_XML }]),
  );
}

export async function renderDocx(m: ReportModel): Promise<Uint8Array> {
  return packDocx(reportDocument(m));
}
