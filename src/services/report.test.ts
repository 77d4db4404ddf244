import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findIndicator } from '../catalogue/indicators.ts';
import { yearPeriod } from '../core/dates.ts';
import type { IndicatorValue } from '../core/indicators.ts';
import type { Db } from '../db/connect.ts';
import { PART_HEADINGS } from '../report/model/build.ts';
import type { Figure, ReportModel } from '../report/model/types.ts';
import { bodyParagraphs, readDocx } from '../report/render/docx-read.ts';
import { renderDocx } from '../report/render/docx.ts';
import { bodyItems } from '../report/render/text.ts';
import { seedSampleYear } from '../report/sample.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, setup, smallCounty } from '../testing/fixtures.ts';
import { computeIndicators } from './indicators.ts';
import type { Org } from './orgs.ts';
import { recordCommitments } from './ledger-batches.ts';
import { buildReportModel, generateReport } from './report.ts';

const AFTER_YEAR = '2025-01-20T02:00:00.000Z';
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The value a figure must show, recomputed from the indicator engine. */
function expected(f: Figure, cur: IndicatorValue[], prev: IndicatorValue[]): number {
  const v = (list: IndicatorValue[], key: string) => list.find((x) => x.key === key)?.value ?? 0;
  const s = f.source;
  if (s.op === 'value') return v(cur, s.key);
  if (s.op === 'diff') return v(cur, s.key) - v(cur, s.minus);
  if (s.op !== 'yoy') {
    const i = cur.find((x) => x.key === s.key);
    return s.op === 'num' ? (i?.num ?? 0) : s.op === 'den' ? (i?.den ?? 0) : (i?.den ?? 0) - (i?.num ?? 0);
  }
  expect(s.current).toBe(v(cur, s.key));
  expect(s.previous).toBe(v(prev, s.key));
  const rate = findIndicator(s.key)?.unit === '%';
  return Math.abs(
    rate ? round1(s.current - s.previous) : round1(((s.current - s.previous) / s.previous) * 100),
  );
}

for (const tdb of testDatabases()) {
  describe(`annual report on ${tdb.name}`, () => {
    let h: Db;
    let org: { county: Org; a: Org; b: Org };
    let model: ReportModel;
    let docx: Uint8Array;
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
      await seedSampleYear(h, org.a, 2024, NOW);
      model = await buildReportModel(h, org.a, 2024, AFTER_YEAR);
      docx = await renderDocx(model);
    });
    afterAll(async () => h.close());

    it('prints every figure exactly as the indicator engine computes it, in the docx runs the model put it in', async () => {
      const cur = await computeIndicators(h, org.a, yearPeriod(2024));
      const prev = await computeIndicators(h, org.a, yearPeriod(2023));
      const paras = bodyParagraphs(readDocx(docx).document);
      const modelParas = [
        ...model.notices,
        model.intro,
        ...bodyItems(model).map((b) => (b.kind === 'para' ? b.para : null)),
      ];
      let checked = 0;
      modelParas.forEach((p, i) => {
        const d = paras[3 + i]!;
        if (!p) return;
        const offset = p.lead ? 1 : 0;
        p.inlines.forEach((inl, j) => {
          if (inl.t !== 'figure') return;
          const run = d.runs[offset + j]!;
          expect(run).toBe(inl.figure.text);
          expect(Number.parseFloat(run)).toBe(expected(inl.figure, cur, prev));
          checked++;
        });
      });
      expect(checked).toBe(model.figures.length);
      expect(checked).toBeGreaterThan(40);
      expect(model.figures.some((f) => f.source.op === 'yoy')).toBe(true);
    });

    it('writes GB/T 9704 page, fonts, headings and odd/even page numbers', () => {
      const x = readDocx(docx);
      expect(x.document).toContain('<w:pgSz w:w="11906" w:h="16838"');
      expect(x.document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
      expect(x.styles).toMatch(
        /<w:docDefaults>.*w:eastAsia="仿宋_GB2312".*<w:sz w:val="32"\/>.*w:line="579" w:lineRule="exact"/,
      );
      const style = (id: string) =>
        new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(x.styles)?.[0] ?? '';
      expect(style('Title')).toMatch(
        /w:ascii="方正小标宋简体"[^>]*w:eastAsia="方正小标宋简体"[^>]*w:hAnsi="方正小标宋简体"/,
      );
      expect(style('Title')).toContain('<w:sz w:val="44"/>');
      expect(style('Heading1')).toContain('w:eastAsia="黑体"');
      expect(style('Heading2')).toContain('w:eastAsia="楷体_GB2312"');
      expect(style('Normal')).toContain('w:firstLineChars="200"');
      expect(x.styles + x.document).not.toMatch(/Theme="/);
      expect(x.settings).toContain('<w:evenAndOddHeaders/>');
      expect(x.footers.default).toMatch(/<w:jc w:val="right"\/>/);
      expect(x.footers.default).toMatch(/w:right="280"/);
      expect(x.footers.even).toMatch(/<w:jc w:val="left"\/>/);
      expect(x.footers.even).toMatch(/w:left="280"/);
      for (const f of [x.footers.default!, x.footers.even!]) {
        expect(f).toContain('PAGE');
        expect(f).toContain('w:eastAsia="宋体"');
        expect(f).toContain('<w:sz w:val="28"/>');
        expect(f).toContain('— ');
      }
      const paras = bodyParagraphs(x.document);
      const i = paras.findIndex((p) => p.text === '甲镇人民政府');
      const [sign, date] = [paras[i]!, paras[i + 1]!];
      expect(sign.xml).toMatch(/<w:jc w:val="right"\/>/);
      expect(date.xml).toMatch(/<w:jc w:val="right"\/>/);
      // The date four characters in from the right; the organ, centred over it, further in.
      expect(date.xml).toMatch(/w:right="1264"/);
      expect(Number(/w:right="(\d+)"/.exec(sign.xml)?.[1])).toBeGreaterThan(1264);
      expect(date.text).toBe('【待定：签发日期】');
    });

    it('numbers headings 一、（一）1. in order without gaps, with the five statutory parts', () => {
      const paras = bodyParagraphs(readDocx(docx).document);
      const h1 = paras.filter((p) => p.xml.includes('w:val="Heading1"')).map((p) => p.text);
      expect(h1).toEqual(PART_HEADINGS.map((t, i) => `${'一二三四五'[i]}、${t}`));
      const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
      let level2 = 0;
      let lead = 0;
      for (const p of paras) {
        if (p.xml.includes('w:val="Heading1"')) level2 = 0;
        else if (p.xml.includes('w:val="Heading2"')) {
          expect(p.text.startsWith(`（${cn[level2]}）`)).toBe(true);
          level2++;
          lead = 0;
        } else if (/^\d+\./.test(p.runs[0] ?? '') && level2 > 0) {
          lead++;
          expect(p.runs[0]!.startsWith(`${lead}.`)).toBe(true);
        }
      }
    });

    it('reads like a report: no first person singular, 法治 not 法制, current plans, causes for shortcomings', () => {
      const text = bodyParagraphs(readDocx(docx).document)
        .map((p) => p.text)
        .join('\n');
      expect(text).not.toMatch(/我|本人/);
      expect(text).not.toContain('法制');
      expect(text).not.toMatch(/七五|2015—2020/);
      expect(text).toContain('“八五”普法规划');
      expect(text).toContain('国家宪法日集中宣传');
      expect(text).toMatch(/同比(增长|下降)\d/);
      const part2 = model.sections[1]!;
      expect(part2.children.length).toBeGreaterThan(2);
      for (const s of part2.children)
        expect(
          s.paras.map((p) => p.inlines.map((i) => (i.t === 'text' ? i.text : '')).join('')).join(''),
        ).toContain('主要原因是');
      expect(text).toContain('亲自部署');
      expect(text).toMatch(/打造法治文化长廊。(落实情况|完成情况|进展)：未完成/);
    });

    it('accepts edited causes, and differs between townships beyond the headings', async () => {
      const edited = await buildReportModel(h, org.a, 2024, AFTER_YEAR, {
        causes: { overdue_dispute: '当事人长期外出务工，无法到场调解', low_rate: '自定义原因' },
      });
      const texts = (m: ReportModel) => JSON.stringify(m.sections[1]);
      expect(texts(edited)).toContain('当事人长期外出务工，无法到场调解');
      expect(texts(edited)).toContain('自定义原因');
      await seedSampleYear(h, org.b, 2024, NOW);
      const other = await buildReportModel(h, org.b, 2024, AFTER_YEAR);
      const intro = (m: ReportModel) =>
        m.intro.inlines
          .map((i) => (i.t === 'text' ? i.text : ''))
          .join('')
          .replace(/[甲乙][镇乡]/g, '');
      const headings = (m: ReportModel) => m.sections[0]!.children.map((s) => s.heading).join();
      expect(intro(model) !== intro(other) || headings(model) !== headings(other)).toBe(true);
    });

    it('makes a draft of placeholders for an empty year, and says so at the top', async () => {
      const r = await generateReport(h, { org: '乙乡', year: 2019, format: 'md', now: AFTER_YEAR });
      const md = new TextDecoder().decode(r.bytes);
      expect(md.split('\n').slice(0, 8).join('\n')).toContain('台账中没有乙乡2019年度的任何工作记录');
      expect(r.figures).toHaveLength(0);
      expect(r.placeholders.length).toBeGreaterThan(3);
      expect(md).toContain('待补充事项');
      expect(md).toContain('法治政府建设情况的报告');
    });

    it('refuses unknown organisations and years in Chinese', async () => {
      await expect(generateReport(h, { org: '丙镇', year: 2024, format: 'docx', now: NOW })).rejects.toThrow(
        '找不到',
      );
      await expect(generateReport(h, { org: '甲镇', year: 1999, format: 'docx', now: NOW })).rejects.toThrow(
        '年度应为 2000 至 2100',
      );
      await expect(
        generateReport(h, { org: '东村', year: 2024, format: 'docx', now: NOW }),
      ).rejects.toThrow();
    });

    it('renders HTML with figures linked to their records and a county report that sums townships', async () => {
      const r = await generateReport(h, { org: org.county, year: 2024, format: 'html', now: AFTER_YEAR });
      const html = new TextDecoder().decode(r.bytes);
      expect(html).toContain('测试县人民政府关于2024年度');
      expect(html).toMatch(
        /<a class="fig" data-key="publicity\.events"[^>]*href="\/api\/explain\?key=publicity\.events&amp;org=430000&amp;year=2024">10次<\/a>/,
      );
      expect(html).toContain('<th>上年</th>');
      expect(html).not.toContain('<th>来源记录数</th>');
      expect(r.mime).toContain('text/html');
    });

    it("stores part 4 as commitments that next year's report accounts for", async () => {
      const save = () =>
        recordCommitments(
          h,
          setup.p,
          setup.actor,
          { townshipId: org.a.id, year: 2024, items: model.plans },
          AFTER_YEAR,
        );
      const saved = await save();
      expect(saved.added).toBe(model.plans.length);
      expect((await save()).added).toBe(0);
      const next = await buildReportModel(h, org.a, 2025, '2026-01-20T02:00:00.000Z');
      const part5 = next.sections[4]!.children[0]!;
      expect(part5.heading).toBe('2024年度报告所列工作安排落实情况');
      expect(part5.paras.map((p) => p.lead?.text)).toEqual(model.plans.map((p) => p.title));
      expect(JSON.stringify(next.sections[1])).toContain('上年度报告提出的');
    });
  });
}
