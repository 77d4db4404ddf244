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
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { placeholderText } from '../model/numbering.ts';
import { signatureDate, type Inline, type Para, type ReportModel } from '../model/types.ts';
import { CHAR, FONT, FOOTER_DISTANCE, LINE, MARGIN, PAGE, SIZE, fonts, styles } from './gbt9704.ts';
import { bodyItems } from './text.ts';

/**
 * The .docx renderer (GB/T 9704-2012). One run per inline, so every figure's run can be found again
 * and checked against its indicator.
 */

const run = (i: Inline): TextRun =>
  i.t === 'placeholder'
    ? new TextRun({ text: placeholderText(i.text), highlight: HighlightColor.YELLOW })
    : new TextRun({ text: i.t === 'text' ? i.text : i.figure.text });

function para(p: Para): Paragraph {
  const lead = p.lead ? [new TextRun({ text: `${p.lead.number}${p.lead.text}。` })] : [];
  return new Paragraph({ children: [...lead, ...p.inlines.map(run)] });
}

const flush = (
  text: string,
  extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {},
): Paragraph => new Paragraph({ style: 'FzFlush', children: [new TextRun(text)], ...extra });

const blank = (): Paragraph => flush('');

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

function cell(text: string, opts: { header?: boolean; width: number; right?: boolean }): TableCell {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: [
      new Paragraph({
        style: 'FzTable',
        alignment: opts.header ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun(opts.header ? { text, font: fonts(FONT.heading1) } : { text })],
      }),
    ],
  });
}

function appendixTable(m: ReportModel): Table {
  const widths = [2400, 1200, 3745, 1500];
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const row = (cells: readonly string[], header = false) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((t, i) => cell(t, { header, width: widths[i]!, right: i === 1 || i === 3 })),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      row(['指标', '数值', '口径', '来源记录数'], true),
      ...m.appendix.rows.map((r) =>
        row([r.label, r.value === '—' ? r.value : r.value + r.unit, r.basis, String(r.records)]),
      ),
    ],
  });
}

function body(m: ReportModel): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: m.title.map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : 0 })),
    }),
    blank(),
    flush(m.addressee),
    ...m.notices.map(para),
    para(m.intro),
  ];
  for (const b of bodyItems(m)) {
    if (b.kind === 'para') out.push(para(b.para));
    else {
      const s = b.section;
      out.push(
        new Paragraph({
          heading: s.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          children: [new TextRun(`${s.number}${s.heading}`)],
        }),
      );
    }
  }
  out.push(
    new Paragraph({ children: [new TextRun(m.closing)] }),
    blank(),
    new Paragraph({ children: [new TextRun(m.attachmentNote)] }),
    blank(),
    blank(),
  );
  // Signature block: organ and date right-aligned, four characters in.
  const sign = {
    alignment: AlignmentType.RIGHT,
    indent: { right: 4 * CHAR, firstLine: 0, firstLineChars: 0 },
  } as const;
  out.push(flush(m.signature.organ, sign), flush(signatureDate(m), sign));
  out.push(
    new Paragraph({
      style: 'FzFlush',
      pageBreakBefore: true,
      children: [new TextRun({ text: '附件', font: fonts(FONT.heading1) })],
    }),
    blank(),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(m.appendix.title)] }),
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
  return out;
}

export function reportDocument(m: ReportModel): Document {
  return new Document({
    creator: 'fazhi',
    title: m.title.join(''),
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
        children: body(m),
      },
    ],
  });
}

export async function renderDocx(m: ReportModel): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(reportDocument(m)));
}
