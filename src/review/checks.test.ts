import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.ts';
import { readDocument } from './read.ts';

const review = (name: string, text: string) => analyse(readDocument(name, new TextEncoder().encode(text)));
const rules = (name: string, text: string) => review(name, text).findings.map((f) => f.rule);

const BODY = `白沙镇关于2024年度法治政府建设情况的报告

县委全面依法治县委员会：

一、主要举措和成效
全年开展普法宣传活动12次。
二、存在的不足和原因
学法不够深入，主要原因是工作任务重。
三、下一年度主要安排
继续抓好学法。

特此报告。

附件：主要数据
`;

/** An appendix page: 附件, its title, and a table longer than the 落款's few lines. */
const APPENDIX = `
附件

主要数据

指标\t数值
${['普法宣传活动\t12次', '学法培训\t8次', '网格\t20个', '网格员\t60名', '排查矛盾纠纷\t40件', '化解矛盾纠纷\t38件', '执法检查\t15次', '法律意见\t9次', '主动公开信息\t31条', '应急演练\t3次'].join('\n')}
`;

describe('the 落款 (signature block)', () => {
  it('is found before an appendix page with its title and table', () => {
    const text = `${BODY}
白沙镇人民政府
2025年1月10日
${APPENDIX}`;
    expect(rules('a.txt', text)).not.toContain('format.signature');
    // Without the date there is no 落款, appendix or not.
    expect(rules('b.txt', text.replace('2025年1月10日', ''))).toContain('format.signature');
  });

  it('is found above the 版记, and a later date in the appendix is not the 成文日期', () => {
    const text = `${BODY}
白沙镇人民政府
2025年1月10日

抄送：县司法局。
白沙镇党政办公室 2025年1月10日印发
`;
    expect(rules('c.txt', text)).not.toContain('format.signature');
    const late = `${BODY}
白沙镇人民政府
2025年1月10日
${APPENDIX.replace('主要数据', '主要数据\n2025年2月1日')}`;
    const r = review('d.txt', late);
    expect(r.findings.map((f) => f.rule)).not.toContain('format.signature');
    expect(r.findings.map((f) => f.rule)).not.toContain('dates.afterWriting');
    // A date in the body after the 成文日期 still is one.
    expect(rules('e.txt', late.replace('全年开展', '2025年3月1日开展'))).toContain('dates.afterWriting');
    // Not a date something is still to be done by.
    expect(rules('f.txt', late.replace('全年开展', '将于2025年3月31日前公开，全年开展'))).not.toContain(
      'dates.afterWriting',
    );
    // Nor the page's own date line above a published copy.
    expect(
      rules('g.txt', `发布时间：2025年03月25日\u3000\u3000来源：白沙镇\u3000\u3000点击数：\n${late}`),
    ).not.toContain('dates.afterWriting');
  });

  it('flags last year’s 以来 said of the year’s work, not of things since then', () => {
    const since = (line: string) =>
      review('s.txt', BODY.replace('全年开展普法宣传活动12次。', line))
        .findings.filter((f) => f.rule === 'years.since')
        .map((f) => f.text);
    expect(since('2023年以来，我镇全面推进依法行政。')).toEqual(['2023年以来']);
    expect(since('我镇对2023年以来签订的村集体经济合同进行了全面清理。')).toEqual([]);
  });

  it('takes a cutoff the report declares once as said for every figure of that month', () => {
    const cut = (text: string) =>
      review('c.txt', BODY.replace('全年开展普法宣传活动12次。', text))
        .findings.filter((f) => f.rule === 'dates.earlyCutoff')
        .map((f) => f.text);
    const declared =
      '本报告数据统计时间截至2024年11月30日，12月份数据将在全年工作总结中补充。截至11月底，全镇开展普法宣传活动47场。';
    expect(cut(declared)).toEqual([]);
    expect(cut('截至11月底，全镇开展普法宣传活动47场。')).toEqual(['截至11月']);
  });

  it('finds the 落款 above an appendix titled on its first line, and the plans under 工作谋划', () => {
    const text = BODY.replace('三、下一年度主要安排', '三、2025年工作谋划').replace(
      '附件：主要数据\n',
      '白沙镇人民政府\n2025年1月10日\n附件：主要数据\n指标\t单位\t数量\n合法性审查\t件\t11\n',
    );
    const r = review('a.txt', text);
    expect(r.findings.map((f) => f.rule)).not.toContain('format.signature');
    expect(r.findings.map((f) => f.rule)).not.toContain('years.heading');
    expect(r.parts.nextYear).toBe(true);
  });

  it('reads the township after a document number run into the title', () => {
    const r = review('n.txt', BODY.replace('白沙镇关于2024年度', '南办发〔2024〕3号白沙镇关于2024年度'));
    expect(r.org).toBe('白沙镇');
  });

  it('leaves the 落款 out of a published copy, as the page shows who published it and when', () => {
    const text = BODY.replace('县委全面依法治县委员会：\n', '');
    expect(rules('p.txt', text)).toContain('format.signature');
    expect(
      analyse(readDocument('p.txt', new TextEncoder().encode(text)), { profile: 'published' }).findings.map(
        (f) => f.rule,
      ),
    ).not.toContain('format.signature');
  });

  it('takes a date still to be filled in as the 落款, and notes the gap', () => {
    const r = review('f.txt', `${BODY}\n白沙镇人民政府\n【待定：签发日期】\n`);
    expect(r.findings.filter((f) => f.rule === 'format.signature')).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'format.placeholder')).toMatchObject([
      { severity: 'info', text: '【待定：签发日期】' },
    ]);
    // A bracket that is not about a date is no 成文日期.
    expect(rules('g.txt', `${BODY}\n白沙镇人民政府\n【待定：署名】\n`)).toContain('format.signature');
  });
});

describe('the 化解率 check', () => {
  const rateFindings = (sentence: string) =>
    review('h.txt', BODY.replace('全年开展普法宣传活动12次。', sentence)).findings.filter(
      (f) => f.rule === 'figures.rate',
    );

  it('takes the base the report states (N件，其中化解M件) as the denominator', () => {
    expect(rateFindings('排查矛盾纠纷50件，已办结或到期40件，其中化解38件，化解率95%。')).toEqual([]);
    expect(rateFindings('排查矛盾纠纷50件，已办结或到期40件，其中化解38件，化解率90%。')).toHaveLength(1);
  });

  it('divides by the disputes found, not by their kinds counted under 其中', () => {
    const text =
      '排查矛盾纠纷107件，其中山林土地纠纷46件、婚姻家庭纠纷22件，调处成功105件，调处成功率98.1%。';
    const r = review('k.txt', BODY.replace('全年开展普法宣传活动12次。', text));
    expect(r.findings.filter((f) => f.rule === 'figures.rate' || f.rule === 'figures.resolved')).toEqual([]);
    // The found closing the sentence before the resolved and their rate, its kinds under 其中：.
    const split = '排查矛盾纠纷86件，其中：婚姻家庭纠纷31件、邻里纠纷22件；调处成功79件，调处成功率97.7%。';
    expect(rateFindings(split)).toMatchObject([
      { message: '化解率97.7%与所列数字不符：化解79件÷排查86件＝91.86%' },
    ]);
    expect(rateFindings(split.replace('97.7%', '91.9%'))).toEqual([]);
  });

  it('still divides by the disputes found when no base is declared', () => {
    expect(rateFindings('排查矛盾纠纷50件，化解38件，化解率76%。')).toEqual([]);
    expect(rateFindings('排查矛盾纠纷50件，办结40件，化解38件，化解率95%。')).toMatchObject([
      { message: '化解率95%与所列数字不符：化解38件÷排查50件＝76%' },
    ]);
  });
});

describe('headings', () => {
  it('takes a heading whose words start with a month, and finds no gap in the numbering', () => {
    const text = BODY.replace(
      '继续抓好学法。',
      '（一）抓好学法\n继续抓好学法。\n（二）3月底前公开年度报告\n按时公开。\n（三）推进信访工作法治化\n落实到期提醒。',
    );
    const r = review('m.txt', text);
    expect(r.headings.filter((h) => h.level === 2).map((h) => h.number + h.text)).toEqual([
      '（一）抓好学法',
      '（二）3月底前公开年度报告',
      '（三）推进信访工作法治化',
    ]);
    expect(r.findings.map((f) => f.rule)).not.toContain('headings.gap');
    // A number and its unit after 1. is still no heading.
    expect(review('n.txt', '一、主要举措\n1. 5万份资料').headings.map((h) => h.number)).toEqual(['一、']);
  });
});
