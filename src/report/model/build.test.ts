import { describe, expect, it } from 'vitest';
import { indicators } from '../../catalogue/indicators.ts';
import type { IndicatorValue } from '../../core/indicators.ts';
import { plainText } from '../render/text.ts';
import { buildReport, organName } from './build.ts';
import { chineseNumber, headingNumber } from './phrase.ts';
import { expiredPlanNames, publicityPlan } from './plans.ts';
import type { ReportInputs } from './types.ts';

/** Indicator values with the given figures (records = 1 where a value is given). */
function values(given: Record<string, number>): IndicatorValue[] {
  return indicators.map((i) => ({
    key: i.key,
    label: i.label,
    unit: i.unit,
    value: given[i.key] ?? (i.unit === '%' ? null : 0),
    records: i.key in given ? 1 : 0,
  }));
}

const inputs = (over: Partial<ReportInputs> = {}): ReportInputs => ({
  org: { name: '青石镇', kind: 'township', countyName: '清河县' },
  year: 2024,
  now: '2025-01-10T01:00:00.000Z',
  current: values({
    'publicity.events': 12,
    'publicity.materials': 3000,
    'disputes.found': 40,
    'disputes.resolved': 38,
    'disputes.resolution_rate': 95,
  }),
  previous: values({ 'publicity.events': 10, 'disputes.resolution_rate': 90 }),
  records: [],
  commitments: [],
  ...over,
});

describe('report model', () => {
  it('numbers headings and leaves areas without data out of part 1, noting them in part 2', () => {
    const m = buildReport(inputs());
    expect(m.sections.map((s) => s.number)).toEqual(['一、', '二、', '三、', '四、', '五、']);
    const part1 = m.sections[0]!.children;
    expect(part1.map((s) => s.number)).toEqual(['（一）', '（二）']);
    const text = plainText(m);
    expect(text).toContain('同比增长20%');
    expect(text).toContain('较上年提高5个百分点');
    expect(text).toMatch(/台账中没有组织领导、学法用法、信访工作.*方面的记录/);
    expect(m.title).toEqual(['青石镇人民政府关于2024年度', '法治政府建设情况的报告']);
    expect(m.addressee).toBe('清河县委全面依法治县委员会：');
    expect(m.signature).toEqual({ organ: '青石镇人民政府', date: null });
    expect(m.placeholders).toContain('签发日期');
  });

  it('cites only plans in force: 八五 to 2025, 九五 from 2026, never an expired one', () => {
    expect(publicityPlan(2025)?.name).toBe('“八五”普法规划');
    expect(publicityPlan(2026)).toEqual({ name: '“九五”普法规划', first: true, last: false });
    for (const year of [2019, 2023, 2025, 2026, 2028, 2035]) {
      const text = plainText(buildReport(inputs({ year, now: `${year + 1}-01-10T01:00:00.000Z` })));
      for (const name of expiredPlanNames(year)) expect(text, `${year}: ${name}`).not.toContain(name);
      expect(text).not.toContain('法制');
    }
    expect(plainText(buildReport(inputs({ year: 2025, now: '2026-01-10T01:00:00.000Z' })))).toContain(
      '谋划启动“九五”普法规划',
    );
    expect(plainText(buildReport(inputs({ year: 2024 })))).toContain('做好“八五”普法规划总结验收');
  });

  it('varies phrasing by township deterministically', () => {
    const names = ['青石镇', '白沙乡', '红岩镇', '柳溪街道', '东坪镇', '西岭乡'];
    const texts = names.map((name) =>
      plainText(buildReport(inputs({ org: { name, kind: 'township', countyName: '清河县' } }))).replaceAll(
        name,
        'X',
      ),
    );
    expect(new Set(texts).size).toBeGreaterThan(3);
    expect(plainText(buildReport(inputs()))).toBe(plainText(buildReport(inputs())));
    expect(organName('柳溪街道')).toBe('柳溪街道办事处');
  });

  it('says a year not yet over is partial', () => {
    const m = buildReport(inputs({ now: '2024-12-14T01:00:00.000Z' }));
    expect(m.placeholders[0]).toContain('2024年度尚未结束');
    expect(plainText(m)).toContain('本报告所列数据截至2024年12月14日');
  });

  it('writes a county report with a county title and addressee', () => {
    const m = buildReport(inputs({ org: { name: '清河县', kind: 'county', countyName: null } }));
    expect(m.title[0]).toBe('清河县人民政府关于2024年度');
    expect(m.addressee).toBe('市委全面依法治市委员会：');
    expect(plainText(m)).toContain('全县');
  });

  it('numbers headings in GB/T 9704 forms', () => {
    expect([1, 10, 11, 20, 21].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '二十一']);
    expect([headingNumber(1, 3), headingNumber(2, 12), headingNumber(3, 2), headingNumber(4, 1)]).toEqual([
      '三、',
      '（十二）',
      '2.',
      '（1）',
    ]);
  });
});
