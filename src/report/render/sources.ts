import { Paragraph, TextRun } from 'docx';
import type { ReportModel } from '../model/types.ts';
import { blank, gbtDocument, gridTable, packDocx, title as titleParagraph, withUnit } from './docx.ts';
import { esc, type HtmlOptions } from './html.ts';

/**
 * The 数据来源说明: how each figure of the appendix is counted (口径) and how many ledger records
 * stand behind it. For whoever checks the report, not printed with it; the report's appendix
 * is the public table.
 */

export type SourcesFormat = 'docx' | 'md' | 'html';

/** The title lines: the report's name, then 数据来源说明. */
export const sourcesTitle = (m: ReportModel): readonly string[] => [
  `${m.org}${m.year}年度法治政府建设情况报告`,
  '数据来源说明',
];

const intro = (m: ReportModel): string =>
  `本说明列出报告附件《${m.appendix.title}》各项指标的统计口径和所依据的台账记录数，供审核、核对数据使用，不随报告印发。`;

/** The table's columns. */
export const SOURCES_HEADER = ['指标', '数值', '口径', '来源记录数'] as const;

const rows = (m: ReportModel): string[][] =>
  m.appendix.rows.map((r) => [r.label, withUnit(r.value, r.unit), r.basis, String(r.records)]);

function sourcesDocx(m: ReportModel): Promise<Uint8Array> {
  const title = sourcesTitle(m);
  return packDocx(
    gbtDocument(title.join(''), [
      titleParagraph(title),
      blank(),
      new Paragraph({ children: [new TextRun(intro(m))] }),
      blank(),
      gridTable(SOURCES_HEADER, rows(m), [2400, 1300, 3745, 1400], ['left', 'center', 'left', 'center']),
    ]),
  );
}

const mdEsc = (s: string): string => s.replace(/([\\`*_[\]|<>])/g, '\\$1');

function sourcesMarkdown(m: ReportModel): string {
  const out = [
    `# ${sourcesTitle(m).join('')}`,
    '',
    mdEsc(intro(m)),
    '',
    `| ${SOURCES_HEADER.join(' | ')} |`,
    '| --- | ---: | --- | ---: |',
    ...m.appendix.rows.map(
      (r) =>
        `| ${mdEsc(r.label)}（${r.key}） | ${mdEsc(withUnit(r.value, r.unit))} | ${mdEsc(r.basis)} | ${r.records} |`,
    ),
  ];
  return out.join('\n') + '\n';
}

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28.95pt; color: #000; max-width: 156mm; margin: 2em auto; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STSong", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; text-align: center; text-indent: 0; line-height: 1.4; margin: 0 0 28.95pt; }
p { margin: 0 0 1em; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.5; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: left; vertical-align: middle; }
th { font-family: "黑体", "SimHei", sans-serif; font-weight: normal; text-align: center; }
td.num { text-align: center; }
`;

function sourcesHtml(m: ReportModel, o: HtmlOptions): string {
  const title = sourcesTitle(m);
  const out = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${esc(title.join(''))}</title><style>${CSS}</style></head><body>`,
    `<h1>${title.map(esc).join('<br>')}</h1>`,
    `<p>${esc(intro(m))}</p>`,
    `<table><thead><tr>${SOURCES_HEADER.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>`,
  ];
  for (const r of m.appendix.rows) {
    const value = esc(withUnit(r.value, r.unit));
    const linked =
      o.explainHref && r.value !== '—' ? `<a href="${esc(o.explainHref(r.key))}">${value}</a>` : value;
    out.push(
      `<tr id="src-${esc(r.key)}"><td>${esc(r.label)}</td><td class="num">${linked}</td><td>${esc(r.basis)}</td><td class="num">${r.records}</td></tr>`,
    );
  }
  out.push('</tbody></table></body></html>');
  return out.join('\n') + '\n';
}

/** The 数据来源说明 of a report model in a format; HTML values link to their records when `o.explainHref` is given. */
export async function renderSources(
  m: ReportModel,
  format: SourcesFormat,
  o: HtmlOptions = {},
): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return sourcesDocx(m);
    case 'md':
      return new TextEncoder().encode(sourcesMarkdown(m));
    case 'html':
      return new TextEncoder().encode(sourcesHtml(m, o));
  }
}
