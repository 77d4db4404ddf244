import { describe, expect, it } from 'vitest';
import { analyse, figuresOf } from './analyse.ts';
import { ofTheYear, roleInWords } from './figure-role.ts';
import { matchFigures } from './metrics.ts';
import { readDocument } from './read.ts';

const roles = (text: string) =>
  figuresOf(text)
    .filter((f) => f.key !== 'other')
    .map((f) => [f.key, f.value, f.role]);

describe('figure roles', () => {
  it('reads plans, changes, last year and several years from the words before a figure', () => {
    expect(roleInWords('计划开展普法宣传活动不少于')).toBe('plan');
    expect(roleInWords('力争矛盾纠纷化解率达到')).toBe('plan');
    expect(roleInWords('普法宣传活动同比增加')).toBe('change');
    expect(roleInWords('化解纠纷较上年增加近')).toBe('change');
    expect(roleInWords('持证执法人员由上年的')).toBe('previous');
    expect(roleInWords('近三年来，全镇累计开展各类普法活动')).toBe('span');
    expect(roleInWords('“八五”普法启动以来，累计培训村干部')).toBe('span');
    expect(roleInWords('全年开展普法宣传活动')).toBe('current');
    // A level reached is this year's, a plan drawn up is no planned number, nor is a thing planned.
    expect(roleInWords('普法活动较上年增加到')).toBe('current');
    expect(roleInWords('制定学习计划并组织集中学法')).toBe('current');
    expect(roleInWords('对镇政府拟出台的')).toBe('current');
  });

  it('reads a sentence that opens as a plan or as last year’s as one to its end', () => {
    // (不少于24场 is a target the extractor leaves out; the exam and the literates are the plan's.)
    expect(
      roles('2025年，计划开展普法宣传活动不少于24场，组织学法考试2次，培育法律明白人50名。').map((r) => r[2]),
    ).toEqual(['plan', 'plan']);
    expect(roles('上一年度全镇共化解矛盾纠纷165件，化解率为96%。').map((r) => r[2])).toEqual([
      'previous',
      'previous',
    ]);
    expect(roles('力争到2025年底，全镇矛盾纠纷化解率稳定在98%以上。').map((r) => r[2])).toEqual(['plan']);
    // …until it names what was done (实际) or what there is now (现有).
    expect(roles('计划开展普法活动30场，实际开展32场。').map((r) => r[2])).toEqual(['plan', 'current']);
    expect(roles('明年将在现有58户示范户的基础上再培育20户。')).toEqual([
      ['publicity.model_households', 58, 'current'],
      ['publicity.model_households', 20, 'plan'],
    ]);
    // 确保 further on is a purpose, not a plan.
    expect(roles('确保学法实效，组织干部集中学法12次。').map((r) => r[2])).toEqual(['current']);
    expect(roles('“八五”普法以来，累计开展普法活动260余场。今年开展普法活动71场。').map((r) => r[2])).toEqual(
      ['span', 'current'],
    );
  });

  it('reads an earlier year as last year’s and a later one as a plan, given the report’s year', () => {
    expect(roleInWords('2023年开展普法活动', 2024)).toBe('previous');
    expect(roleInWords('2025年开展普法活动', 2024)).toBe('plan');
    expect(roleInWords('2024年开展普法活动', 2024)).toBe('current');
    expect(roleInWords('2023年开展普法活动')).toBe('current');
  });

  it('brings a sentence back to the year after a total over several years', () => {
    expect(roles('2021年以来累计开展法治培训46期，本年度举办9期、培训干部520人次。')).toEqual([
      ['study.sessions', 46, 'span'],
      ['study.sessions', 9, 'current'],
      ['study.trainees', 520, 'current'],
    ]);
    expect(roles('全年化解矛盾纠纷112件，近三年累计化解矛盾纠纷400余件。')).toEqual([
      ['disputes.resolved', 112, 'current'],
      ['disputes.resolved', 400, 'span'],
    ]);
  });

  it('reads the second of a pair under columns of this year and last year as last year’s', () => {
    expect(
      roles('主要执法数据（2022年/2021年）：执法检查486次/512次，发现问题1034处/1187处。').map((r) => [
        r[1],
        r[2],
      ]),
    ).toEqual([
      [486, 'current'],
      [512, 'previous'],
      [1034, 'current'],
      [1187, 'previous'],
    ]);
    const table =
      '现将全年主要指标列示如下（指标名称：本年数 / 上年数）：\n化解率：98.3% / 97.3%；\n行政执法检查：138次 / 126次。';
    expect(roles(table)).toEqual([
      ['disputes.resolution_rate', 98.3, 'current'],
      ['enforcement.inspections', 138, 'current'],
    ]);
    expect(figuresOf(table).map((f) => [f.value, f.role])).toContainEqual([126, 'previous']);
  });

  it('reads a part of a total said before it in the same sentence, not in the next', () => {
    expect(roles('全年开展普法宣传活动30场，分别在5个村开展宣讲18场、进校园12场。')).toEqual([
      ['publicity.events', 30, 'current'],
      ['publicity.events', 18, 'part'],
      ['publicity.events', 12, 'part'],
    ]);
    const two = roles(
      '镇党委全年召开党委会专题研究法治建设工作4次，其中听取法治政府建设工作汇报2次；镇政府召开镇长办公会研究依法行政工作3次。',
    );
    expect(two.filter(([k]) => k === 'leadership.meetings')).toEqual([
      ['leadership.meetings', 4, 'current'],
      ['leadership.meetings', 3, 'current'],
    ]);
    // A 分号 then 其中 carries on the total's sentence; a rate between them hides nothing.
    expect(
      roles('排查矛盾纠纷236件，化解231件，化解率97.9%；其中土地流转纠纷41件，比上年有所下降。'),
    ).toEqual([
      ['disputes.found', 236, 'current'],
      ['disputes.resolved', 231, 'current'],
      ['disputes.resolution_rate', 97.9, 'current'],
      ['disputes.found', 41, 'part'],
    ]);
    // A rate after a sentence's parts is the whole's.
    expect(
      roles('全年共排查矛盾纠纷152件，其中涉海涉渔纠纷48件，成功调解138件，调解成功率98.2%。').at(-1),
    ).toEqual(['disputes.resolution_rate', 98.2, 'current']);
    // A week of the year is no span of years; the past five years are.
    expect(roles('全年开展普法活动118场，其中“宪法宣传周”期间集中开展16场。')).toEqual([
      ['publicity.events', 118, 'current'],
      ['publicity.events', 16, 'part'],
    ]);
    expect(roles('过去五年，全镇累计开展普法活动160余场。')).toEqual([['publicity.events', 160, 'span']]);
    // A 模拟法庭 is no plan (拟).
    expect(roles('全年举办法治文化活动75场次，其中“小小法官”模拟法庭等活动12场次。')).toEqual([
      ['publicity.events', 75, 'current'],
      ['publicity.events', 12, 'part'],
    ]);
  });

  it('marks every figure of the 下一年度 part a plan in a review', () => {
    const text = [
      '某某镇2024年法治政府建设情况报告',
      '一、推进法治政府建设的主要举措和成效',
      '全年开展普法宣传活动28场，较上年增加6场。',
      '二、2025年工作安排',
      '继续开展普法宣传活动30场。',
    ].join('\n');
    const r = analyse(readDocument('a.txt', Buffer.from(text)));
    expect(r.figures.map((f) => [f.value, f.role])).toEqual([
      [28, 'current'],
      [6, 'change'],
      [30, 'plan'],
    ]);
  });

  it('scores only the year’s figures: a plan under its key is neither right nor false', () => {
    const found = figuresOf('2024年全镇开展普法宣传活动28场，计划2025年开展30场。');
    expect(found.filter(ofTheYear).map((f) => f.value)).toEqual([28]);
    const m = matchFigures(found, [['publicity.events', 28]]);
    expect([m.tp, m.predicted, m.wrong.length]).toEqual([1, 1, 0]);
  });
});
