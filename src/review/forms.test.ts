/**
 * One report in the forms a county receives it in: the reading must not depend on the form. Each
 * text report written for the evaluation (`testdata/written/reports/`) is read as given and as the
 * same report in traditional characters; as Word files (runs split by font, soft line breaks,
 * heading styles, headings numbered by Word); as Markdown; as a page saved from Word; with
 * half-width punctuation or counts in Chinese numerals; inside a web page's breadcrumb, buttons and
 * footer; in GB18030 with CRLF line ends; with a blank line after every line; and broken at a
 * page's width as a PDF copy gives it (with its page numbers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.ts';
import { dropPageNumbers, joinWrappedLines, readDocument } from './read.ts';
import type { ReviewResult } from './types.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'written', 'reports');
const reports = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
const toTraditional = Converter({ from: 'cn', to: 'tw' });
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Lines broken at a page's width (ASCII half as wide as a Chinese character), as a PDF copy gives them. */
function wrapped(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      let used = 0;
      for (const ch of line) {
        const w = /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
        if (used + w > width) {
          out += '\n';
          used = 0;
        }
        out += ch;
        used += w;
      }
      return out;
    })
    .join('\n');
}

/** A PDF copy: lines broken at the width, and the page's number between its pages (— 2 —). */
function pdfCopy(text: string): string {
  let page = 1;
  return wrapped(text, 30)
    .split('\n')
    .map((line, i) => ((i + 1) % 22 === 0 ? `${line}\n\n— ${++page} —\n` : line))
    .join('\n');
}

/** Runs of a line as Word splits them: digits in a Latin font, the rest in a Chinese one. */
const runsOf = (line: string) => line.match(/[\d.%]+|[^\d.%]{1,6}/g) ?? [];

/**
 * A Word file, one paragraph a line: in one run, in runs by font (`runs`), or with the line's
 * pieces of 30 characters set apart by soft line breaks (`softBreaks`, text pasted from a PDF).
 */
async function asDocx(text: string, how: 'plain' | 'runs' | 'softBreaks' = 'plain'): Promise<Uint8Array> {
  const paragraphs = text.split('\n').map(
    (l) =>
      new Paragraph({
        children:
          how === 'plain'
            ? [new TextRun(l)]
            : how === 'runs'
              ? runsOf(l).map((r, i) => new TextRun({ text: r, bold: i % 3 === 0 }))
              : (l.match(/.{1,30}/gs) ?? []).map((r, i) => new TextRun({ text: r, break: i > 0 ? 1 : 0 })),
      }),
  );
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] })));
}

/** A part's heading (一、…) and a section's (（一）…), as Word styles or numbers them. */
const PART = /^[一二三四五六七八九十]{1,3}、/;
const SECTION = /^（[一二三四五六七八九十]{1,3}）/;

/**
 * A Word file whose part and section headings carry Word's heading styles (`styles`), or whose
 * numbers 一、 and （一） Word writes itself from its numbering definition (`numbers`).
 */
async function asStyledDocx(text: string, how: 'styles' | 'numbers'): Promise<Uint8Array> {
  const paragraphs = text.split('\n').map((l) => {
    const level = PART.test(l) && l.length < 60 ? 0 : SECTION.test(l) && l.length < 60 ? 1 : undefined;
    if (level === undefined) return new Paragraph({ children: [new TextRun(l)] });
    if (how === 'styles')
      return new Paragraph({
        heading: level === 0 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        children: [new TextRun(l)],
      });
    const words = l.replace(level === 0 ? PART : SECTION, '');
    return new Paragraph({ numbering: { reference: 'h', level }, children: [new TextRun(words)] });
  });
  const levels = [
    { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、' },
    { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）' },
  ];
  const doc = new Document({
    numbering: { config: [{ reference: 'h', levels }] },
    sections: [{ children: paragraphs }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Markdown: the part and section headings as ## and ###, paragraphs apart, marks escaped. */
const asMarkdown = (text: string) =>
  text
    .split('\n')
    .map((l) =>
      PART.test(l)
        ? `## ${l}`
        : SECTION.test(l) && l.length < 40
          ? `### ${l}`
          : l.replace(/([*_\\`[\]<>#|])/g, '\\$1'),
    )
    .join('\n\n');

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A page saved from Word: each paragraph a <p class=MsoNormal> of spans by font, one span a source
 * line, ending in <o:p></o:p>; lines typed as a table with blanks are a <table>.
 */
function asWordPage(text: string): string {
  const out: string[] = [];
  let table = false;
  const lines = text.split('\n');
  const cellsOf = (line = '') => line.trim().split(/\s{2,}|\t/);
  lines.forEach((line, i) => {
    // A row beside another of as many cells (a caption above the table is a paragraph).
    const cells = cellsOf(line);
    const width = (j: number) => cellsOf(lines[j]).length;
    if (cells.length > 1 && (width(i - 1) === cells.length || width(i + 1) === cells.length)) {
      if (!table) out.push('<table class=MsoTableGrid>');
      table = true;
      out.push(
        `<tr>${cells.map((c) => `<td><p class=MsoNormal><span>${escape(c)}</span></p></td>`).join('\n')}</tr>`,
      );
      return;
    }
    if (table) out.push('</table>');
    table = false;
    const spans = runsOf(line).map((r) =>
      /\d/.test(r)
        ? `<span lang=EN-US style='font-family:"Times New Roman"'>${escape(r)}</span>`
        : `<span style='font-family:仿宋_GB2312'>${escape(r)}</span>`,
    );
    out.push(`<p class=MsoNormal style='text-indent:32.0pt'>${spans.join('\n')}<o:p></o:p></p>`);
  });
  if (table) out.push('</table>');
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>\n${out.join('\n')}\n</body></html>`;
}

/** Counts from 2 to 99 in Chinese numerals (学法十二次); 一 with a unit is mostly an article (一名干部). */
function chineseCounts(text: string): string {
  const digits = '〇一二三四五六七八九';
  const numeral = (n: number) =>
    n < 10 ? digits[n]! : `${n < 20 ? '' : digits[Math.floor(n / 10)]!}十${n % 10 ? digits[n % 10]! : ''}`;
  return text.replace(
    /(?<![\d.年月第])(\d{1,2})(?=(?:次|场|件|名|人|个|份|期|起|项|户|条|处)(?!\d))/g,
    (d) => (Number(d) < 2 ? d : numeral(Number(d))),
  );
}

/** The page a county officer copies from: a breadcrumb and buttons above, links and the footer below. */
const onPage = (text: string) =>
  `首页 > 信息公开 > 法治政府建设\n【字体：大 中 小】【打印】【关闭】\n发布时间：2026-03-06 10:15\u3000来源：本站\u3000浏览次数：1234\n${text}\n` +
  '分享到：\n上一篇：关于开展2026年春季防火工作的通知\n下一篇：2025年政府信息公开工作年度报告\n' +
  '主办单位：县人民政府办公室\u3000地址：人民路88号\u3000电话：0771-5612345\n网站标识码：4501000012\u3000桂ICP备12003456号\n';

/** The ASCII punctuation some web copies use for the full-width marks. */
const halfWidth = (text: string) =>
  text.replace(/[，；：（）]/g, (c) => ({ '，': ',', '；': ';', '：': ':', '（': '(', '）': ')' })[c]!);

/** What a county compares: the township, the year, the figures with their roles, the problems. */
function reading(r: ReviewResult) {
  return {
    org: r.org,
    year: r.year,
    figures: r.figures
      .filter((f) => f.key !== 'other')
      .map((f) => `${f.key}=${f.value}/${f.role ?? ''}`)
      .sort(),
    findings: r.findings
      .filter((f) => f.severity !== 'info')
      .map((f) => f.rule)
      .sort(),
  };
}

const review = (name: string, bytes: Uint8Array) =>
  analyse(readDocument(name, bytes), { profile: 'published' });

describe('one report in the forms a county receives', () => {
  const forms: [string, (text: string) => [string, Uint8Array] | Promise<[string, Uint8Array]>][] = [
    ['traditional characters', (t) => ['r.txt', utf8(toTraditional(t))]],
    ['a Word file', async (t) => ['r.docx', await asDocx(t)]],
    ['a Word file of runs by font', async (t) => ['r.docx', await asDocx(t, 'runs')]],
    ['a Word file with soft line breaks', async (t) => ['r.docx', await asDocx(t, 'softBreaks')]],
    ['a Word file with heading styles', async (t) => ['r.docx', await asStyledDocx(t, 'styles')]],
    ['Markdown', (t) => ['r.md', utf8(asMarkdown(t))]],
    ['a page saved from Word', (t) => ['r.html', utf8(asWordPage(t))]],
    ['half-width punctuation', (t) => ['r.txt', utf8(halfWidth(t))]],
    ['Chinese numerals', (t) => ['r.txt', utf8(chineseCounts(t))]],
    ['a web page around it', (t) => ['r.txt', utf8(onPage(t))]],
    [
      'GB18030 with CRLF',
      (t) => ['r.txt', new Uint8Array(iconv.encode(t.replace(/\n/g, '\r\n'), 'gb18030'))],
    ],
    ['a blank line after every line', (t) => ['r.txt', utf8(t.replace(/\n/g, '\n\n'))]],
    ['lines broken at the page width', (t) => ['r.txt', utf8(wrapped(t, 30))]],
    ['a PDF copy with page numbers', (t) => ['r.txt', utf8(pdfCopy(t))]],
  ];

  it.each(forms)('reads each report the same in %s', async (_, make) => {
    expect(reports.length).toBeGreaterThanOrEqual(60);
    for (const { file, text } of reports) {
      const [name, bytes] = await make(text);
      expect({ file, ...reading(review(name, bytes)) }).toEqual({
        file,
        ...reading(review('r.txt', utf8(text))),
      });
    }
  });

  it('reads the same township, year and figures with blanks beside the digits (学法 10 次, 1.2 万份)', () => {
    // The blanks themselves are a finding (punct.space); what is compared is what a county compares.
    const compared = (r: ReviewResult) => {
      const { org, year, figures } = reading(r);
      return { org, year, figures };
    };
    for (const { file, text } of reports) {
      const spaced = text
        .replace(/([\u4e00-\u9fa5])(\d)/g, '$1 $2')
        .replace(/(\d)([\u4e00-\u9fa5])/g, '$1 $2');
      expect({ file, ...compared(review('r.txt', utf8(spaced))) }).toEqual({
        file,
        ...compared(review('r.txt', utf8(text))),
      });
    }
  });

  it('reads each report the same with its headings numbered by Word', async () => {
    // Word's numbering cannot skip a number: a gap planted among typed headings is not there to find.
    const compared = (r: ReviewResult) => {
      const { findings, ...rest } = reading(r);
      return { ...rest, findings: findings.filter((f) => f !== 'headings.gap') };
    };
    for (const { file, text } of reports) {
      const numbered = review('r.docx', await asStyledDocx(text, 'numbers'));
      expect({ file, ...compared(numbered) }).toEqual({ file, ...compared(review('r.txt', utf8(text))) });
    }
  });

  it('reads each Word report the same as its text, the Word tables typed as lines of cells', () => {
    const docx = readdirSync(dir).filter((f) => f.endsWith('.docx'));
    const docs = docx.map((file) => ({ file, doc: readDocument(file, readFileSync(join(dir, file))) }));
    expect(docs.filter((d) => d.doc.tables.length > 0).length).toBeGreaterThanOrEqual(5);
    for (const { file, doc } of docs) {
      expect({ file, ...reading(analyse(doc, { profile: 'published' })) }).toEqual({
        file,
        ...reading(review('r.txt', utf8(doc.text))),
      });
    }
  });

  it('quotes a report in traditional characters as written, and names the township in simplified ones', () => {
    const { text } = reports[0]!;
    const r = review('r.txt', utf8(toTraditional(text)));
    const original = toTraditional(text);
    expect(r.org).toBe(review('r.txt', utf8(text)).org);
    expect(r.figures.length).toBeGreaterThan(10);
    for (const f of r.figures) expect(original.slice(f.start, f.end)).toBe(f.text);
    for (const f of r.findings.filter((x) => x.text))
      expect(original.slice(f.start, f.start + f.text.length)).toBe(f.text);
    expect(r.figures.some((f) => /[場個項條處萬]/.test(f.text))).toBe(true);
  });
});

describe('lines broken at the page width', () => {
  const body =
    '　　2025年，白沙镇坚持依法行政，组织机关干部集中学法10次，开展普法宣传活动28场，发放宣传资料3000余份，化解矛盾纠纷45件。\n'.repeat(
      4,
    );

  it('joins a paragraph broken at the width, and leaves the title, its number and the date alone', () => {
    const text = `白沙镇2025年度法治政府建设情况报告\n白政发〔2026〕3号\n${wrapped(body, 24)}白沙镇人民政府\n2026年1月10日\n`;
    const joined = joinWrappedLines(text).split('\n');
    expect(joined.slice(0, 2)).toEqual(['白沙镇2025年度法治政府建设情况报告', '白政发〔2026〕3号']);
    expect(joined.slice(2, 6)).toEqual(body.trimEnd().split('\n'));
    expect(joined.slice(6)).toEqual(['白沙镇人民政府', '2026年1月10日', '']);
  });

  it('keeps a heading on its own line, and joins a page cut mid-sentence at its end', () => {
    const text = wrapped(`一、主要举措\n${body}（一）学法\n${body.slice(0, 60)}`, 24);
    const joined = joinWrappedLines(text).split('\n');
    expect(joined[0]).toBe('一、主要举措');
    expect(joined[5]).toBe('（一）学法');
    expect(joined[6]).toBe(body.slice(0, 60));
  });

  it('drops a page number between a paragraph’s lines, and keeps a heading and a table’s cells on their own', () => {
    const text =
      '2025年，白沙镇组织机关干部集中学法10次，开展普法\n\n— 2 —\n\n宣传活动28场。\n' +
      '三、存在的不足和原因\n- 3 -\n一是普法不够精准。\n' +
      '项目\n单位\n数量\n普法活动\n场\n第4页 共5页\n28\n';
    expect(dropPageNumbers(text).split('\n')).toEqual([
      '2025年，白沙镇组织机关干部集中学法10次，开展普法宣传活动28场。',
      '三、存在的不足和原因',
      '一是普法不够精准。',
      '项目',
      '单位',
      '数量',
      '普法活动',
      '场',
      '28',
      '',
    ]);
  });

  it('leaves a text alone whose lines are paragraphs', () => {
    const text = `白沙镇2025年度法治政府建设情况报告\n${body}${body.replace(/。/g, '')}`;
    expect(joinWrappedLines(text)).toBe(text);
  });
});
