import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.ts';
import { figuresTable } from './export.ts';
import { extractFigures } from './figures.ts';
import { headline } from './headline.ts';
import type { SourceDoc } from './types.ts';

const pick = (text: string, key: string) => headline(extractFigures(text), key);

describe('headline', () => {
  it("takes the year's total, not a study talk stated first", () => {
    const h = pick(
      '组织法治宣讲3次。全年共开展普法宣传活动28次，其中送法进校园活动5次。',
      'publicity.events',
    )!;
    expect(h.figure.value).toBe(28);
    expect(h.reason).toContain('28次');
    expect(h.reason).toContain('全年');
    expect(h.alternatives.map((a) => a.figure.value)).toEqual([3, 5]);
    expect(h.alternatives[1]!.note).toContain('其中');
  });

  it('leaves out plans, changes and last year before taking the largest', () => {
    expect(pick('开展普法活动20场，计划明年开展普法活动40场。', 'publicity.events')!.figure.value).toBe(20);
    expect(pick('排查矛盾纠纷40件，较上年减少60件。', 'disputes.found')!.figure.value).toBe(40);
    expect(pick('上年排查矛盾纠纷90件，今年排查矛盾纠纷70件。', 'disputes.found')!.figure.value).toBe(70);
    // A plan drawn up is not a planned number; a number planned still is.
    expect(
      pick(
        '研究制定年度理论学习计划并组织开展领导班子学法、各类讲座12次，主要领导讲法治课2次。',
        'study.sessions',
      )!.figure.value,
    ).toBe(12);
    expect(pick('开展法治讲座3次，计划开展法治讲座10次。', 'study.sessions')!.figure.value).toBe(3);
    // 增加到 is a new level, not a change.
    expect(pick('普法活动较上年增加到36场。', 'publicity.events')!.figure.value).toBe(36);
  });

  it('reads the subject in the clause itself, or the clause before a bare 共计', () => {
    const h = pick(
      '开展法治宣传活动，共计28次。举办普法讲座3次。近三年累计开展普法活动90次。',
      'publicity.events',
    )!;
    expect(h.figure.value).toBe(28);
    expect(h.alternatives.map((a) => a.note)).toEqual(['“3次”：数值较小', '“90次”：多年累计数']);
  });

  it("takes the 中心组's own count, not the 党工委会's study beside it; prefers a 专题 meeting", () => {
    const h = pick('全年召开党工委会学法31次，理论学习中心组集中学习13次。', 'study.center_group')!;
    expect(h.figure.value).toBe(13);
    expect(h.alternatives).toEqual([]);
    expect(
      pick('全年召开党工委会学法31次，理论学习中心组集中学习13次。', 'study.sessions')!.figure.value,
    ).toBe(31);
    expect(
      pick('召开法治建设专题部署会4次、法治建设工作推进会6次。', 'leadership.meetings')!.figure.value,
    ).toBe(4);
  });

  it('takes a study of law before a study of anything else (旁听庭审, 二十大 training)', () => {
    const h = pick(
      '召开习近平法治思想专题学习会3次、专题学法讲座2场，组织领导干部旁听庭审11次。',
      'study.sessions',
    )!;
    expect(h.figure.value).toBe(3);
    expect(h.alternatives.map((a) => a.figure.value)).toEqual([2, 11]);
    expect(h.alternatives[1]!.note).toBe('“11次”：未写明“学法、法治或法律”');
    expect(
      pick('面向党员干部开设19场培训及讲座。开展“依法治镇”专题培训班5期。', 'study.sessions')!.figure.value,
    ).toBe(5);
    // The Party's own rules (党内法规) are no study of the state's law.
    expect(
      pick('组织党内法规制度文件学习会议16场次。举办领导干部法治专题培训12期。', 'study.sessions')!.figure
        .value,
    ).toBe(12);
  });

  it('reads the subject after the figure too (开展45场次广场法治宣传活动)', () => {
    const h = pick('全年累计开展45场次广场法治宣传活动，组织送法下乡17次。', 'publicity.events')!;
    expect(h.figure.value).toBe(45);
    expect(h.alternatives.map((a) => a.figure.value)).toEqual([17]);
  });

  it('counts 场次 among the units of an indicator counted in 场 or 次', () => {
    expect(pick('累计开展中心组学习18场次。中心组联组学习1次。', 'study.center_group')!.figure.value).toBe(
      18,
    );
  });

  it("leaves out a part's rate, broadcasts and a total since a past year", () => {
    expect(
      pick(
        '全年开展诉前调解案件64件，调解成功51件，调解成功率79.7%；受理矛盾纠纷238件，化解233件，化解率97.9%。',
        'disputes.resolution_rate',
      )!.figure.value,
    ).toBe(97.9);
    expect(
      pick(
        '全年开展“法律八进”活动86场次；利用应急广播“大喇叭”播放法治宣传音频1200余次。',
        'publicity.events',
      )!.figure.value,
    ).toBe(86);
    expect(
      pick('2022年以来，镇司法所累计开展法治培训56场次。2024年，共举办法治培训18场次。', 'study.sessions')!
        .figure.value,
    ).toBe(18);
  });

  it('counts petitions in 件, not their 批次', () => {
    const h = pick('全年受理信访事项28件42批次，接待来访群众96人次。', 'petitions.cases')!;
    expect(h.figure.value).toBe(28);
    expect(h.reason).toContain('取以“件”计的数值');
  });

  it("prefers the indicator's own units", () => {
    const h = pick('悬挂宣传横幅12条、张贴宣传海报35张。', 'publicity.banners')!;
    expect(h.figure.value).toBe(12);
    expect(h.alternatives[0]!.note).toContain('单位“张”');
  });

  it('takes the first rate, and says when there is only one figure', () => {
    const h = pick('化解率为98.6%。第二季度化解率为100%。', 'disputes.resolution_rate')!;
    expect(h.figure.value).toBe(98.6);
    // A rate raised from last year's: this year's, not last year's.
    const raised = pick('化解率由上年的95.4%提升到98.5%。', 'disputes.resolution_rate')!;
    expect(raised.figure.value).toBe(98.5);
    expect(pick('调处矛盾纠纷12件。', 'disputes.resolved')!.reason).toContain('只有这一处');
    expect(pick('调处矛盾纠纷12件。', 'grid.members')).toBeNull();
  });

  it("reads the roles the county's stated figures already carry", () => {
    const stated = [
      { key: 'disputes.resolved', value: 300, unit: '件', role: 'plan', sentence: '' },
      { key: 'disputes.resolved', value: 150, unit: '件', role: 'current', sentence: '' },
      { key: 'disputes.resolved', value: 160, unit: '件', role: 'part', sentence: '' },
    ];
    const h = headline(stated, 'disputes.resolved')!;
    expect(h.figure.value).toBe(150);
    expect(h.alternatives.map((a) => a.note)).toEqual([
      '“300件”：计划或目标数',
      '“160件”：总数中的一部分（其中/包括）',
    ]);
  });

  it('fills the comparison table with the headline and keeps the choice', () => {
    const text =
      '某某镇2024年法治政府建设工作报告\n一、主要举措和成效\n组织法治宣讲3次。全年共开展普法宣传活动28次。\n二、下一年度工作安排\n开展普法宣传活动50次。\n';
    const doc: SourceDoc = { name: 'a.txt', text, outline: new Map(), tables: [], artifacts: [] };
    const t = figuresTable([analyse(doc)]);
    const col = t.header.indexOf('普法宣传活动（次）');
    expect(t.rows[0]![col]).toBe(28);
    expect(t.headlines![0]![col - 3]!.alternatives.map((a) => a.figure.value)).toEqual([3, 50]);
  });
});

describe('headline the rules cannot settle', () => {
  it('is unsure when it takes the largest of separate activities, sure for a stated sum or one figure', () => {
    const separate = pick('组织专题讲座4次、专题研讨交流6次。', 'study.sessions')!;
    expect([separate.figure.value, separate.unsure]).toEqual([6, true]);
    expect(separate.reason).toContain('规则无法判定');
    const sum = pick(
      '组织法治宣讲3次。全年共开展普法宣传活动28次，其中送法进校园活动5次。',
      'publicity.events',
    )!;
    expect([sum.figure.value, sum.unsure]).toEqual([28, false]);
    expect(sum.reason).not.toContain('规则无法判定');
    expect(pick('组织专题讲座4次。', 'study.sessions')!.unsure).toBe(false);
    // The same figure twice is one figure.
    expect(pick('组织专题讲座4次。全年组织法治讲座4次。', 'study.sessions')!.unsure).toBe(false);
  });

  it('is unsure of a rate stated with different values for groups or sittings', () => {
    const groups = pick(
      '机关干部参考58人、合格率100%，村（社区）干部参考75人、合格率96%。',
      'study.exam_pass_rate',
    )!;
    expect([groups.figure.value, groups.unsure]).toEqual([100, true]);
    expect(groups.reason).toContain('分属不同群体或场次');
    // A rate stated for the whole beside its groups' is the headline, and sure.
    const whole = pick(
      '机关干部合格率100%；村干部合格率95.2%。全镇共166人参加考试，总体合格率97%。',
      'study.exam_pass_rate',
    )!;
    expect([whole.figure.value, whole.unsure]).toEqual([97, false]);
    // The list of decisions published at the year's start is a plan beside the decisions made.
    expect(
      pick('年初公布重大行政决策事项目录4项。全年实际作出重大行政决策3项。', 'decisions.major')!.figure.value,
    ).toBe(3);
    // The same rate stated twice is one rate.
    const twice = pick('考试合格率100%。全年学法考试合格率100%。', 'study.exam_pass_rate')!;
    expect([twice.figure.value, twice.unsure]).toEqual([100, false]);
  });

  it('is unsure when a word alone chose among figures of the year, or two totals differ', () => {
    const byWord = pick('组织干部集中学法6次，邀请专家开展专题讲座8次。', 'study.sessions')!;
    expect([byWord.figure.value, byWord.unsure]).toEqual([6, true]);
    expect(byWord.reason).toContain('可能是应相加的不同活动');
    const twoTotals = pick(
      '全年开展普法宣传活动58场。开展“法律进乡村”活动15场。全年共组织各类普法宣传活动62场。',
      'publicity.events',
    )!;
    expect([twoTotals.figure.value, twoTotals.unsure]).toEqual([62, true]);
    expect(twoTotals.reason).toContain('数值不同');
    // A summary rounded (80余场) beside the exact total is no disagreement.
    const rounded = pick('全年开展普法宣传活动80余场。全年共开展普法宣传活动86场。', 'publicity.events')!;
    expect([rounded.figure.value, rounded.unsure]).toEqual([86, false]);
  });

  it('leaves out a total since a plan began, and takes the opinions issued over the changes asked', () => {
    expect(
      pick(
        '“八五”普法启动以来，我镇累计开展普法活动230余场。2023年开展普法宣传活动68场。',
        'publicity.events',
      )!.figure.value,
    ).toBe(68);
    expect(pick('镇法律顾问全年出具法律意见书18份，提出修改意见56条。', 'legal.opinions')!.figure.value).toBe(
      18,
    );
  });

  it('takes a list summed by 共计 as one item named by every word in it', () => {
    const h = pick(
      '全年召开法治建设专题部署会、推进会共计10次，专题研究法治工作4次。',
      'leadership.meetings',
    )!;
    expect([h.figure.value, h.unsure]).toEqual([10, false]);
  });

  it("takes the 中心组's study of law stated as a part of all its study", () => {
    const h = pick('全年开展理论中心组学习30次，其中专题学法4次。', 'study.center_group')!;
    expect(h.figure.value).toBe(4);
    expect(h.alternatives[0]!.note).toContain('该指标只计学法');
    // Also stated without 其中.
    expect(
      pick('党委理论学习中心组全年召开学习会14次，中心组专题学法3次。', 'study.center_group')!.figure.value,
    ).toBe(3);
    // A part that is not of law is still a part.
    expect(pick('全年开展理论中心组学习30次，其中专题研讨4次。', 'study.center_group')!.figure.value).toBe(
      30,
    );
  });

  it('takes a sum counted in 宗 as a count of cases, blanks around it and all', () => {
    const h = pick(
      '行政处罚工作有序开展，合计 120 宗，其中简易程序80件；普通程序40件。',
      'enforcement.penalties',
    )!;
    expect(h.figure.value).toBe(120);
  });

  it('takes the year’s rate over the quarters’ and a sentence’s sum over its 分别 list', () => {
    const rate = pick(
      '全年登记信访事项44件。一季度按期办结率为90.9%，二至四季度均为100%，全年按期办结率97.7%。',
      'petitions.on_time_rate',
    )!;
    expect([rate.figure.value, rate.unsure]).toEqual([97.7, false]);
    const sum = pick(
      '全年审查行政规范性文件、“三重一大”事项、镇政府合同分别为4件、9件、41件，合计审查54件。',
      'legal.reviews',
    )!;
    expect(sum.figure.value).toBe(54);
  });
});
