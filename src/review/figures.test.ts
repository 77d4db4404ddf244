import { describe, expect, it } from 'vitest';
import { extractFigures } from './figures.ts';
import { parseChineseNumeral } from './numerals.ts';

const figs = (t: string) => extractFigures(t).map((f) => [f.key, f.value, f.unit, f.approx]);

describe('extractFigures', () => {
  it('maps counts by the words around them', () => {
    expect(figs('其中排查矛盾纠纷219件，化解216件，化解率为98.6%；')).toEqual([
      ['disputes.found', 219, '件', false],
      ['disputes.resolved', 216, '件', false],
      ['disputes.resolution_rate', 98.6, '%', false],
    ]);
    expect(figs('充分发挥全镇137名网格员的作用，在辖区划分综治网格23个。')).toEqual([
      ['grid.members', 137, '名', false],
      ['grid.grids', 23, '个', false],
    ]);
    expect(figs('我镇现有12名人员拥有行政执法资格证，1名人员拥有执法监督证。')[0]).toEqual([
      'enforcement.certified_officers',
      12,
      '名',
      false,
    ]);
    expect(figs('做到了行政机关负责人出庭率100%。')).toEqual([
      ['litigation.leader_appearance_rate', 100, '%', false],
    ]);
  });

  it('reads Chinese numerals and approximations', () => {
    expect(figs('受教育群众两万余人次，发放宣传资料2万多份(册)，开展普法活动二十场。')).toEqual([
      ['publicity.audience', 20000, '人次', true],
      ['publicity.materials', 20000, '份', true],
      ['publicity.events', 20, '场', false],
    ]);
    const near = extractFigures('发现各类隐患近300处。')[0]!;
    expect([near.qualifier, near.text, near.approx]).toEqual(['近', '近300处', true]);
    expect(parseChineseNumeral('一百零八')).toBe(108);
    expect(parseChineseNumeral('二〇二三')).toBeNull();
  });

  it('splits shared predicates and lists', () => {
    expect(figs('开展学法考试2场，参考率、优秀率均达100%。')).toEqual([
      ['study.exam_sessions', 2, '场', false],
      ['study.exam_participation_rate', 100, '%', false],
      ['study.exam_excellent_rate', 100, '%', false],
    ]);
    expect(figs('累计发放《民法典》《宪法》宣传手册1600本，其他宣传手册2800余份。')).toEqual([
      ['publicity.materials', 1600, '本', false],
      ['publicity.materials', 2800, '份', true],
    ]);
  });

  it('keeps exact spans into the text', () => {
    const t = '2023年，累计发放宣传资料1200余份。';
    const f = extractFigures(t)[0]!;
    expect(t.slice(f.start, f.end)).toBe('1200余份');
    expect(f.text).toBe('1200余份');
  });

  it('ignores dates, holidays, articles, plan names and rule counts', () => {
    const t =
      '2023年12月14日，结合“3·15”、“6· 26”、“12.4”宪法宣传日，依照第23条，落实“八五”普法和十四五规划，一是坚持“一村一法律顾问”，创新“四子”工作法，落实重大行政决策五项法定程序，一次性告知。';
    expect(extractFigures(t)).toEqual([]);
  });

  it('keeps unknown figures as other with their words', () => {
    const f = extractFigures('设置网格公示牌33块。')[0]!;
    expect([f.key, f.value, f.unit]).toEqual(['other', 33, '块']);
    expect(f.context).toContain('公示牌');
  });
});
