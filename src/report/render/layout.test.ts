import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { Org } from '../../services/orgs.ts';
import { buildReportModel, generateSources } from '../../services/report.ts';
import { NOW, smallCounty } from '../../testing/fixtures.ts';
import { DATE_PENDING, type ReportDocumentOptions, type ReportModel } from '../model/types.ts';
import { seedSampleYear } from '../sample.ts';
import { bodyParagraphs, readDocx, tableRows, type DocxPara } from './docx-read.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { bodyItems, paraText } from './text.ts';

/**
 * The layout of the generated report as the county and a township leader checked it, read back from
 * the real .docx XML: centred titles, the 落款 kept with the body and its organ centred over the
 * date, font fallbacks, the 版记, the public appendix and the separate 数据来源说明.
 */

const AFTER_YEAR = '2025-01-20T02:00:00.000Z';
const ISSUED: ReportDocumentOptions = {
  date: '2025-01-20',
  cc: ['县委依法治县办', '县司法局'],
  printedBy: '甲镇党政办公室',
  printedOn: '2025-01-21',
};
/** The text block's width in twips (A4 less the 28 and 26 mm margins). */
const TEXT_WIDTH = 11906 - 1587 - 1474;
/** One body character on the 28-a-line grid. */
const CHAR = TEXT_WIDTH / 28;

/**
 * A 3号 line's width in twips as Word sets it: CJK 16 pt, ASCII digits 8 pt, each condensed by
 * the run's w:spacing, plus Word's quarter-em space where CJK meets digits.
 */
function lineWidth(p: DocxPara): number {
  const condense = Number(/<w:spacing w:val="(-?\d+)"\/>/.exec(p.xml)?.[1] ?? -5);
  const chars = [...p.text];
  const half = (c: string) => /[\x20-\x7e]/.test(c);
  let w = 0;
  chars.forEach((c, i) => {
    w += (half(c) ? 160 : 320) + condense;
    if (i > 0 && half(c) !== half(chars[i - 1]!)) w += 80;
  });
  return w;
}

const rightIndent = (p: DocxPara): number => Number(/<w:ind [^>]*w:right="(\d+)"/.exec(p.xml)?.[1] ?? NaN);
const has = (p: DocxPara, el: string): boolean => new RegExp(`<w:${el}(?:\\s[^>]*)?/>`).test(p.xml);

describe('report layout (GB/T 9704)', () => {
  let h: Db;
  let org: Org;
  let draft: ReportModel;
  let issued: ReportModel;
  let draftDocx: ReturnType<typeof readDocx>;
  let issuedDocx: ReturnType<typeof readDocx>;
  beforeAll(async () => {
    h = openDb('sqlite::memory:');
    await migrateToLatest(h);
    org = (await smallCounty(h)).a;
    await seedSampleYear(h, org, 2024, NOW);
    draft = await buildReportModel(h, org, 2024, AFTER_YEAR);
    issued = await buildReportModel(h, org, 2024, AFTER_YEAR, undefined, ISSUED);
    draftDocx = readDocx(await renderDocx(draft));
    issuedDocx = readDocx(await renderDocx(issued));
  });
  afterAll(async () => h.close());

  it('sets the title and every centred paragraph with no first-line indent', () => {
    const paras = bodyParagraphs(draftDocx.document);
    const titles = paras.filter((p) => p.xml.includes('<w:pStyle w:val="Title"/>'));
    expect(titles.map((p) => p.text)).toEqual([draft.title.join(''), draft.appendix.title]);
    const centred = paras.filter((p) => p.xml.includes('<w:jc w:val="center"/>'));
    expect(centred.length).toBeGreaterThanOrEqual(2);
    for (const p of centred) expect(p.xml).toContain('<w:ind w:firstLine="0" w:firstLineChars="0"/>');
    const style = /<w:style [^>]*w:styleId="Title"[\s\S]*?<\/w:style>/.exec(draftDocx.styles)?.[0] ?? '';
    expect(style).toMatch(/<w:ind w:firstLine="0" w:firstLineChars="0"\/>/);
    expect(style).toContain('<w:basedOn w:val="Normal"/>');
  });

  it('keeps the body’s last paragraph, the closing, the 附件 line and the organ on the page of the date', () => {
    const paras = bodyParagraphs(draftDocx.document);
    const items = bodyItems(draft);
    const lastItem = items.at(-1)!;
    expect(lastItem.kind).toBe('para');
    const lastText = lastItem.kind === 'para' ? paraText(lastItem.para) : '';
    const first = paras.findIndex((p) => p.text === lastText);
    const organ = paras.findIndex((p, i) => i > first && p.text === draft.signature.organ);
    expect(first).toBeGreaterThan(0);
    expect(paras[first + 1]!.text).toBe(draft.closing);
    expect(organ - first).toBe(6);
    for (let i = first; i <= organ; i++)
      expect(has(paras[i]!, 'keepNext'), `${i}: ${paras[i]!.text}`).toBe(true);
    // Only the body's last paragraph is marked (a heading before it keeps with it by its style), and the
    // date is the last line before the appendix's page break.
    expect(has(paras[first - 1]!, 'keepNext')).toBe(false);
    expect(paras[organ + 1]!.text).toBe(DATE_PENDING);
    expect(has(paras[organ + 1]!, 'pageBreakBefore')).toBe(false);
    expect(paras[organ + 2]!.text).toBe('附件');
    expect(has(paras[organ + 2]!, 'pageBreakBefore')).toBe(true);
  });

  it('centres the organ over the 成文日期, the date four characters in from the right', () => {
    for (const [m, x] of [
      [draft, draftDocx],
      [issued, issuedDocx],
    ] as const) {
      const paras = bodyParagraphs(x.document);
      const i = paras.findIndex(
        (p) => p.text === m.signature.organ && p.xml.includes('<w:jc w:val="right"/>'),
      );
      const organ = paras[i]!;
      const date = paras[i + 1]!;
      expect(date.xml).toContain('<w:jc w:val="right"/>');
      expect(rightIndent(date)).toBe(4 * Math.round(CHAR));
      // Centres measured from the right margin: right indent plus half the line's width.
      const organCentre = rightIndent(organ) + lineWidth(organ) / 2;
      const dateCentre = rightIndent(date) + lineWidth(date) / 2;
      expect(Math.abs(organCentre - dateCentre), `${organ.text} over ${date.text}`).toBeLessThanOrEqual(
        CHAR / 4,
      );
      expect(rightIndent(organ)).toBeGreaterThan(rightIndent(date));
    }
  });

  it('prints the 成文日期 in Chinese when given, else a highlighted 【待定：签发日期】', () => {
    const date = (x: ReturnType<typeof readDocx>, m: ReportModel) => {
      const paras = bodyParagraphs(x.document);
      return paras[paras.findIndex((p) => p.text === m.signature.organ) + 1]!;
    };
    expect(date(issuedDocx, issued).text).toBe('2025年1月20日');
    expect(date(issuedDocx, issued).xml).not.toContain('w:highlight');
    expect(issuedDocx.document).not.toContain(DATE_PENDING);
    expect(date(draftDocx, draft).text).toBe(DATE_PENDING);
    expect(date(draftDocx, draft).xml).toContain('<w:highlight w:val="yellow"/>');
    expect(renderHtml(draft)).toContain(`<mark>${DATE_PENDING}</mark>`);
    expect(renderHtml(issued)).toMatch(/<p class="date">2025年1月20日<\/p>/);
    expect(renderMarkdown(issued)).toContain('2025年1月20日');
  });

  it('names a fallback (altName) and the GB2312 charset for every GB font', () => {
    const font = (name: string) =>
      new RegExp(`<w:font w:name="${name}">([\\s\\S]*?)</w:font>`).exec(draftDocx.fontTable)?.[1] ?? '';
    for (const [name, alt] of [
      ['仿宋_GB2312', '仿宋'],
      ['楷体_GB2312', '楷体'],
      ['方正小标宋简体', '宋体'],
      ['黑体', 'SimHei'],
      ['宋体', 'SimSun'],
    ] as const)
      expect(font(name), name).toMatch(
        new RegExp(`^<w:altName w:val="${alt}"/><w:panose1 w:val="[0-9A-F]{20}"/><w:charset w:val="86"/>`),
      );
    // Every font the document and its styles name has an entry.
    const used = new Set(
      [
        ...[draftDocx.styles, draftDocx.document, ...Object.values(draftDocx.footers)]
          .join('')
          .matchAll(/<w:rFonts [^>]*w:eastAsia="([^"]+)"/g),
      ].map((m) => m[1]!),
    );
    expect(used.size).toBeGreaterThanOrEqual(4);
    for (const name of used) expect(font(name), name).not.toBe('');
  });

  it('prints the 版记 after the appendix only when 抄送 or 印发 details are given', () => {
    expect(draft.colophon).toBeNull();
    expect(draftDocx.document).not.toContain('抄送');
    expect(draftDocx.document).not.toContain('<w:pBdr>');
    expect(renderHtml(draft)).not.toContain('class="colophon"');
    expect(renderMarkdown(draft)).not.toContain('抄送');

    const paras = bodyParagraphs(issuedDocx.document);
    const [cc, printed] = paras.slice(-2);
    expect(cc!.text).toBe('抄送：县委依法治县办，县司法局。');
    expect(printed!.text).toBe('甲镇党政办公室2025年1月21日印发');
    // The appendix table comes before the 版记.
    expect(issuedDocx.document.lastIndexOf('</w:tbl>')).toBeLessThan(issuedDocx.document.indexOf('抄送：'));
    // Thick rule above, thin between, thick below: 0.35 mm and 0.25 mm, in eighths of a point.
    const border = (p: DocxPara, side: string) =>
      Number(
        new RegExp(`<w:${side} [^>]*w:sz="(\\d+)"`).exec(
          /<w:pBdr>[\s\S]*?<\/w:pBdr>/.exec(p.xml)?.[0] ?? '',
        )?.[1],
      );
    expect(border(cc!, 'top')).toBe(8);
    expect(border(cc!, 'bottom')).toBe(6);
    expect(border(printed!, 'bottom')).toBe(8);
    expect(printed!.xml).not.toMatch(/<w:pBdr>[\s\S]*<w:top /);
    // 4号 text, one 4号 character in from either edge of the full-width rules (no paragraph indents).
    for (const p of [cc!, printed!]) {
      expect(p.xml).toContain('<w:sz w:val="28"/>');
      expect(p.xml).not.toMatch(/<w:ind [^>]*w:(left|right)=/);
      expect(p.xml).toMatch(/<w:tab w:val="left" w:pos="280"\/>/);
    }
    expect(printed!.xml).toMatch(new RegExp(`<w:tab w:val="right" w:pos="${TEXT_WIDTH - 280}"/>`));

    const html = renderHtml(issued);
    expect(html).toMatch(
      /<div class="colophon"><p class="cc">抄送：县委依法治县办，县司法局。<\/p><p class="printed"><span>甲镇党政办公室<\/span><span>2025年1月21日印发<\/span><\/p><\/div>/,
    );
    expect(html.indexOf('class="colophon"')).toBeGreaterThan(html.indexOf('</table>'));
    const md = renderMarkdown(issued);
    expect(md.trimEnd().split('\n').at(-1)).toContain('抄送：县委依法治县办，县司法局。');
  });

  it('prints the appendix as the public table 指标 | 本年 | 上年 | 增减, in every format', () => {
    const [table] = tableRows(draftDocx.document);
    expect(table![0]).toEqual(['指标', '本年', '上年', '增减']);
    expect(table!.length).toBe(draft.appendix.rows.length + 1);
    const row = draft.appendix.rows.find((r) => r.previous !== '—' && r.value !== '—')!;
    expect(table!.find((r) => r[0] === row.label)).toEqual([
      row.label,
      row.value + row.unit,
      row.previous + row.unit,
      row.change,
    ]);
    expect(draftDocx.document).not.toContain('来源记录数');
    expect(draftDocx.document).not.toContain('口径');
    const html = renderHtml(draft);
    expect(html).toContain('<tr><th>指标</th><th>本年</th><th>上年</th><th>增减</th></tr>');
    expect(html).not.toContain('来源记录数');
    const md = renderMarkdown(draft);
    expect(md).toContain('| 指标 | 本年 | 上年 | 增减 |');
    expect(md).toContain(
      `| ${row.label} | ${row.value}${row.unit} | ${row.previous}${row.unit} | ${row.change} |`,
    );
    expect(md).not.toContain('来源记录数');
  });

  it('writes the 口径 and 来源记录数 to a separate 数据来源说明 file', async () => {
    const docx = await generateSources(h, { org, year: 2024, format: 'docx', now: AFTER_YEAR });
    expect(docx.fileName).toBe('甲镇2024年度法治政府建设情况报告-数据来源说明.docx');
    const x = readDocx(docx.bytes);
    const [table] = tableRows(x.document);
    expect(table![0]).toEqual(['指标', '数值', '口径', '来源记录数']);
    expect(table!.length).toBe(draft.appendix.rows.length + 1);
    const row = draft.appendix.rows.find((r) => r.records > 0)!;
    expect(table!.find((r) => r[0] === row.label)).toEqual([
      row.label,
      row.value === '—' ? '—' : row.value + row.unit,
      row.basis,
      String(row.records),
    ]);
    expect(x.fontTable).toContain('<w:altName w:val="仿宋"/>');
    for (const format of ['md', 'html'] as const) {
      const r = await generateSources(h, { org, year: 2024, format, now: AFTER_YEAR });
      const text = new TextDecoder().decode(r.bytes);
      expect(r.fileName).toBe(`甲镇2024年度法治政府建设情况报告-数据来源说明.${format}`);
      expect(text).toContain('口径');
      expect(text).toContain('来源记录数');
      expect(text).toContain(row.basis);
    }
  });

  it('refuses impossible dates and an 印发日期 before the 成文日期, in Chinese', async () => {
    const build = (d: ReportDocumentOptions) => buildReportModel(h, org, 2024, AFTER_YEAR, undefined, d);
    await expect(build({ date: '2025-02-30' })).rejects.toThrow('成文日期应为 YYYY-MM-DD 形式的日期');
    await expect(build({ printedOn: '20250121' })).rejects.toThrow('印发日期应为');
    await expect(build({ date: '2025-01-20', printedOn: '2025-01-19' })).rejects.toThrow(
      '印发日期（2025-01-19）不应早于成文日期（2025-01-20）',
    );
    await expect(build({ cc: ['县司法局', ' '] })).rejects.toThrow('抄送机关应为');
  });
});
