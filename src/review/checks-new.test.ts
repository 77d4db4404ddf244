import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.ts';
import { reviewDocuments } from './index.ts';
import { toSimplified } from './hanzi.ts';
import { readDocument } from './read.ts';
import { isError, type ReviewResult } from './types.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const review = (text: string, opts: Parameters<typeof analyse>[1] = {}) =>
  analyse(readDocument('t.txt', enc(text)), opts);
const rules = (text: string, opts: Parameters<typeof analyse>[1] = {}) =>
  review(text, opts).findings.map((f) => f.rule);

const REPORT = (title: string, sign = '白沙镇人民政府\n2026年1月10日') => `${title}

县委全面依法治县委员会：
2025年，白沙镇坚持依法行政。现将有关情况报告如下。

一、2025年度推进法治政府建设的主要举措和成效
组织机关干部集中学法10次。
二、存在的不足和原因
学法不够深入，主要原因是计划落实不严。
三、2026年度推进法治政府建设的主要安排
继续抓好学法。

${sign}
`;

/** The texts of rule `id`'s findings when `line` stands in the report's body. */
const flagged = (line: string, id: string, title = '白沙镇2025年度法治政府建设情况报告') =>
  review(REPORT(title).replace('组织机关干部集中学法10次。', line))
    .findings.filter((f) => f.rule === id)
    .map((f) => f.text);

describe('organisation and year', () => {
  it.each([
    ['某区人民政府金龙街道办事处关于2025年度法治政府建设情况的报告', '金龙街道', ''],
    ['某市某区铁桥镇2025年法治政府建设工作报告', '铁桥镇', '某区'],
    ['中共月山镇委员会 月山镇人民政府关于2025年度法治政府建设情况的报告', '月山镇', ''],
    ['某县新市镇2025年度法治政府建设情况报告', '新市镇', '某县'],
    ['和平镇关于2025年度法治政府建设情况的报告', '和平镇', ''],
    ['某县共和乡2025年度法治政府建设工作报告', '共和乡', '某县'],
    ['中共和平镇委员会 和平镇人民政府关于2025年度法治政府建设情况的报告', '和平镇', ''],
    ['礼让街街道2025年度法治政府建设情况报告', '礼让街街道', ''],
    ['某区人民政府府河街道2025年度法治政府建设情况报告', '府河街道', ''],
  ])('reads %s', (title, org, county) => {
    const r = review(REPORT(title, `${org}${org.endsWith('街道') ? '办事处' : '人民政府'}\n2026年1月10日`));
    expect([r.org, r.county, r.year]).toEqual([org, county, 2025]);
    expect(r.confidence?.org).toBeGreaterThanOrEqual(0.8);
    expect(r.findings.map((f) => f.rule)).not.toContain('meta.org');
  });

  it('reads traditional characters and takes the township from the 落款 when the title has none', () => {
    const r = review(REPORT('白沙鎮二〇二五年度法治政府建設情況的報告', '白沙鎮人民政府\n2026年1月10日'));
    expect([r.org, r.year]).toEqual(['白沙镇', 2025]);
    const s = review(REPORT('2025年度法治政府建设情况报告'));
    expect([s.org, s.year]).toEqual(['白沙镇', 2025]);
  });

  it.each([
    ['万古镇', '某县万古镇人民政府关于2025年度法治政府建设情况的报告'],
    ['王集镇', '王集镇2025年度法治政府建设情况报告'],
  ])('keeps a one-character name before 古镇/集镇: %s', (org, title) => {
    expect(review(REPORT(title, `${org}人民政府\n2026年1月10日`)).org).toBe(org);
  });

  it.each([
    [
      'metadata and breadcrumb above the title',
      '您当前所在位置:首页>政务公开>法治政府建设报告\n• 索 引 号:abc/2026-00009\n• 发布机构:青山乡\n' +
        '| 成文日期 | 2026-01-22 | 发布日期 | 2026-02-10 |\n' +
        '青山镇人民政府关于2025年法治政府建设情况的报告\n发布时间:2026-03-04\n' +
        '2025年,青山镇坚持依法行政。现将有关情况报告如下:\n一、主要举措和成效\n组织干部学法10次。\n',
      ['青山镇人民政府关于2025年法治政府建设情况的报告', '青山镇', 2025, false],
    ],
    // The links to other articles and the footer give no year to a report whose title has none.
    [
      'links and footer below a report whose title has no year',
      '首页 > 信息公开 > 法治政府建设\n发布时间：2026-03-06 10:15\n' +
        '青山镇法治政府建设情况报告\n今年以来，青山镇坚持依法行政，组织干部学法10次。\n' +
        '上一篇：关于开展2026年春季防火工作的通知\n下一篇：2025年政府信息公开工作年度报告\n' +
        '主办单位：县人民政府办公室\n网站标识码：4501000012 桂ICP备12003456号\n',
      ['青山镇法治政府建设情况报告', '青山镇', null, true],
    ],
  ] as const)('skips a web page’s %s', (_, page, [title, org, year, noYearInTitle]) => {
    const r = review(page, { profile: 'published' });
    expect([r.title, r.org, r.year]).toEqual([title, org, year]);
    expect(r.findings.map((f) => f.rule).includes('title.year')).toBe(noYearInTitle);
  });

  it('reads 全街道 as the 街道 speaking of itself, not as a name', () => {
    const text =
      '2024年度法治政府建设情况报告\n2024年，东湖街道坚持依法行政。全街道组织干部学法10次，全街道开展普法活动20场，全街道化解纠纷30件。\n';
    expect(review(text, { profile: 'published' }).org).toBe('东湖街道');
  });

  it('skips a breadcrumb with a stray character, page buttons and a 名称 field above the title', () => {
    const section = review(
      '某县人民政府\n\n政府信息公开\n\n青山乡2024年法治政府建设情况报告\n\n2024年,青山乡坚持依法行政。\n一、主要举措和成效\n学法。\n',
      { profile: 'published' },
    );
    expect([section.title, section.org]).toEqual(['青山乡2024年法治政府建设情况报告', '青山乡']);
    const buttons = review(
      '青山镇2025年法治政府建设年度报告\n2026-01-09 11:01 来源: 本网 发布机构: 【字体: 打印\n【字号\n【浏览字体:\n\n' +
        '2025年,青山镇坚持依法行政。现将有关情况报告如下:\n一、主要举措和成效\n学法。\n',
      { profile: 'published' },
    );
    expect(buttons.findings.map((f) => f.rule)).not.toContain('bracket.unpaired');
    const page =
      '• 无障碍\n  • 长辈版\n青山镇人民政府\n3首页 > 政务公开 > 年度法治政府建设情况报告\n' +
      '名称: 中共青山镇委员会 青山镇人民政府关于2025年度法治政府建设情况的报告\n' +
      '青山镇2025年法治政府建设年度报告\n【打印】 【字体:\n\n' +
      '2025年,青山镇坚持依法行政。现将有关情况报告如下:\n一、主要举措和成效\n组织干部学法10次。\n';
    const r = review(page, { profile: 'published' });
    expect([r.title, r.org, r.year]).toEqual(['青山镇2025年法治政府建设年度报告', '青山镇', 2025]);
    expect(r.findings.map((f) => f.rule)).not.toContain('title.year');
    expect(r.findings.map((f) => f.rule)).not.toContain('bracket.unpaired');
    // Nor are a page's words flagged as the report's (法治政府年度报告 in a breadcrumb).
    const crumb = review(
      '您当前的位置: 首页 > 政务公开 > 法治政府年度报告 > 镇街\n青山镇2025年法治政府建设年度报告\n\n2025年,青山镇坚持依法行政,编制法治政府年度报告。\n一、主要举措和成效\n学法。\n',
      { profile: 'published' },
    );
    expect(crumb.findings.filter((f) => f.rule === 'word.missing').map((f) => f.start)).toEqual([
      crumb.text.lastIndexOf('法治政府年度报告'),
    ]);
    // Nor the banner above the furniture (a site's column named 法制宣传).
    const banner = review(
      '青山镇人民政府门户网站 法制宣传专栏\n首页 > 政务公开 > 年度报告\n青山镇2025年法治政府建设年度报告\n\n2025年,青山镇加强法制宣传。\n一、主要举措和成效\n学法。\n',
      { profile: 'published' },
    );
    expect(banner.title).toBe('青山镇2025年法治政府建设年度报告');
    expect(banner.findings.filter((f) => f.rule === 'wording.fazhi').map((f) => f.start)).toEqual([
      banner.text.lastIndexOf('法制宣传'),
    ]);
    // Nor what a site puts above the title: a channel named like a report but with no year of its
    // own, the domain line, a screen reader's notice and a menu's 街镇, a row of buttons.
    const above = (lines: string, title: string) =>
      review(`${lines}\n${title}\n\n2025年,青山镇坚持依法行政。\n一、主要举措和成效\n学法。\n`, {
        profile: 'published',
      });
    for (const [lines, title, org] of [
      ['2025法治政府建设情况报告公示', '青山镇人民政府2025年度法治政府建设情况报告', '青山镇'],
      [
        '您现在的位置:首页 > 法治政府建设 > 镇街法治政府建设报告\n\n镇街法治政府建设报告',
        '青山镇关于2025年度法治政府建设情况的报告',
        '青山镇',
      ],
      ['中文域名:天津市某区人民政府.政务\n', '青山街道2025年法治政府建设情况报告', '青山街道'],
      [
        '已打开行政区划_青山街道栏目页面,本页面是由15个视窗区共计15个区域组成,操作帮助请按Alt加问号键。\n\n您现在所在的位置 : 首页 > 街镇 > 青山镇栏目 > 专题',
        '青山镇2025年法治政府建设年度报告',
        '青山镇',
      ],
      ['注册 无障碍 关怀版 繁體版 智能机器人 网站支持IPv6\n', '青山镇2025年法治政府建设年度报告', '青山镇'],
      ['丨     网站无障碍 丨 关怀版\n', '青山街道办事处2025年法治政府建设情况报告', '青山街道'],
      [
        '政务公开 ＞ 法治政府建设 ＞ 2026年法治政府建设年度报告专栏\n',
        '青山镇2025年度法治政府建设情况报告',
        '青山镇',
      ],
      ['兴隆镇 永安乡 太平镇 朝阳街道\n', '青山镇2025年度法治政府建设情况报告', '青山镇'],
      [
        '相关文章\n· 茶园乡2024年法治政府建设年度报告\n· 平寨镇2025年度法治政府建设工作报告\n',
        '青山镇2025年度法治政府建设情况报告',
        '青山镇',
      ],
    ] as const) {
      const r = above(lines, title);
      expect([r.title, r.org], lines).toEqual([title, org]);
      expect(r.findings.filter((f) => ['word.missing', 'title.year'].includes(f.rule))).toEqual([]);
    }
    // Lines of the body with rates compared by > or three townships listed are no furniture.
    const lines = review(
      '青山镇2025年度法治政府建设情况报告\n一、主要举措和成效\n化解率>95%，满意率>90%，截止目前学法10次。\n与兴隆镇、永安乡、太平镇签订协议，截止年底调处纠纷5起。\n',
      { profile: 'published' },
    ).findings.find((f) => f.rule === 'wording.jiezhi');
    expect(lines?.also).toHaveLength(1);
    // A line of the body that begins with the same words is no page button.
    const body = review(
      '青山镇2025年法治政府建设年度报告\n无障碍设施改造纳入合法性审查,组织干部学法10次。\n一、主要举措和成效\n学法。\n',
      { profile: 'published' },
    );
    expect(body.title).toBe('青山镇2025年法治政府建设年度报告');
  });

  it("reads no year from an earlier year's event when the report never states its own", () => {
    const r = review(
      '古城镇关于法治政府建设工作情况的报告\n一年来，古城镇坚持依法行政。继2022年成功创建省级民主法治示范村后，我镇持续深化示范创建。\n一、主要举措和成效\n组织干部学法10次。\n',
      { profile: 'published' },
    );
    expect([r.org, r.year]).toEqual(['古城镇', null]);
    expect(r.findings.map((f) => f.rule)).toContain('meta.yearMissing');
  });

  it('skips a breadcrumb broken after 首页 onto a line of its own', () => {
    const r = review(
      '青山镇2025年度法治政府建设工作报告\n浏览:120次 时间:2026-01-07 来源:本站\n\n首页\n>> 政务公开 >> 法治政府工作报告\n' +
        '2025年,青山镇坚持依法行政。现将有关情况报告如下:\n一、主要举措和成效\n组织干部学法10次。\n',
      { profile: 'published' },
    );
    expect([r.title, r.org, r.year]).toEqual(['青山镇2025年度法治政府建设工作报告', '青山镇', 2025]);
    expect(r.findings.map((f) => f.rule)).not.toContain('title.year');
  });

  it('skips 您当前的位置 and 您当前位置 breadcrumbs and a row of links to other government sites', () => {
    for (const crumb of [
      '您当前的位置:首页>街镇>青山乡人民政府>政务公开',
      '您当前位置: 首页 > 青山乡人民政府 > 政务公开',
    ]) {
      const r = review(
        `中国政府网 | 某省人民政府网 | 某县人民政府网 | |\n${crumb}\n青山乡2025年度法治政府建设情况报告\n` +
          '2025年,青山乡坚持依法行政。现将有关情况报告如下:\n一、主要举措和成效\n组织干部学法10次。\n',
        { profile: 'published' },
      );
      expect([r.title, r.org, r.year]).toEqual(['青山乡2025年度法治政府建设情况报告', '青山乡', 2025]);
      expect(r.findings.map((f) => f.rule)).not.toContain('title.year');
    }
  });

  it('reads a 某某街 named at the opening sentence', () => {
    const r = review(
      '2023年,万兴街在区委、区政府的正确领导下,坚持依法行政。根据街党工委分工推进工作。\n一、主要举措和成效\n学法10次。\n',
      {
        profile: 'published',
      },
    );
    expect(r.org).toBe('万兴街');
  });

  it('reads a 某某街 before the year in the title, over a 某某街道 in a document named in the body', () => {
    const r = review(
      '某市某区河东街2023年度法治政府建设情况报告\n2023年,我街坚持依法行政,修订《河东街道工委议事决策规则》。\n一、主要举措和成效\n学法10次。\n',
      { profile: 'published' },
    );
    expect(r.org).toBe('河东街');
  });

  it('takes no 全面依法治镇, 充分发挥镇 or a verb before the name for a township', () => {
    const opening = (body: string) =>
      review(`${body}\n一、主要举措和成效\n组织干部学法10次。\n`, { profile: 'published' });
    expect(
      opening('2023年,我镇制定《中共青山镇委全面依法治镇委员会工作规则》,充分发挥镇党委的领导作用。').org,
    ).not.toMatch(/依法治镇|发挥镇/);
    expect(opening('2023年,结合长塘镇实际,推进依法行政,全镇干部学法10次。').org).toBe('长塘镇');
    // A verb asking the 街道's people to act names no 街道 (要求街道干部带头学法).
    expect(opening('2021年,坚持依法行政,要求街道干部带头学法用法,全体干部学法10次。').org).toBe('');
    // The township the text speaks of as itself (我乡) before a neighbour it names more often.
    expect(
      opening(
        '县委、县政府：\n2024年，借鉴邻近的黄坡镇“法治网格”经验，茶园乡推进法治政府建设。与黄坡镇签订联调协议，我乡全年调处纠纷5起，全乡干部学法10次。',
      ).org,
    ).toBe('茶园乡');
    // A township named only as a neighbour names none.
    expect(
      opening(
        '县委全面依法治县委员会办公室：\n2024年，我镇坚持依法行政。我镇东与马坊镇相邻，北与邻县黄柏乡接壤，全镇干部学法10次。',
      ).org,
    ).toBe('');
  });

  it("takes no year from the next year's plan heading", () => {
    const r = review(
      '一、2022年度推进法治政府建设的主要举措和成效\n（一）抓好学法用法。全年会前学法12次。\n二、存在的不足和原因\n干部法治素养仍有差距，原因是考核不力。\n三、2023年工作安排\n健全学法考核机制。\n',
      { profile: 'published' },
    );
    expect(r.year).toBe(2022);
    expect(r.findings.map((f) => f.rule)).not.toContain('years.heading');
  });

  it('reads the title under a document header (签发人, 文号), not with it', () => {
    const r = review(
      '签发人：林某\n\n渔政报〔2025〕2号\n\n渔洲乡人民政府关于2024年度法治政府建设工作情况的报告\n\n县委、县政府：\n2024年，渔洲乡坚持依法行政。\n一、主要举措和成效\n组织干部学法10次。\n',
    );
    expect([r.title, r.org, r.year]).toEqual([
      '渔洲乡人民政府关于2024年度法治政府建设工作情况的报告',
      '渔洲乡',
      2024,
    ]);
  });

  it('reads the township from a body with ASCII punctuation, a 某某街 and no title', () => {
    const opening = (body: string) =>
      review(`${body}\n一、主要举措和成效\n组织干部学法10次。\n`, { profile: 'published' });
    expect(opening('2025年,石门街道坚持依法行政,石门街道党工委专题学法5次。').org).toBe('石门街道');
    expect(opening('按照市、区的部署要求,联和街积极行动,推进依法治街,干部学法10次。').org).toBe('联和街');
    expect(
      opening('2024年,沙湾街坚持依法行政。推进沙湾街党政主要负责人述法,沙湾街党工委专题学法5次。').org,
    ).toBe('沙湾街');
    // A 述法 report's date under its author is when it was written: the year reported on is the one before.
    const shufa = review(
      '尼勒克县胡吉尔台乡党委书记 刘帅\n(2025年1月)\n2024年以来,胡吉尔台乡党委坚持依法行政,现述法如下:\n一、履职情况\n组织干部学法10次。\n',
      {
        profile: 'published',
      },
    );
    expect([shufa.year, shufa.findings.filter((f) => f.rule === 'years.since')]).toEqual([2024, []]);
    // A 社管办 (社区管理办公室) stands in a 街道's place.
    expect(opening('2025年,常青花园社管办党工委紧紧围绕区委、区政府中心工作,推进依法行政。').org).toBe(
      '常青花园社管办',
    );
    // 促进全乡 and 实现镇、村 are no townships; the one named once is.
    expect(
      opening('2024年,我乡以促进全乡经济发展为目的,实现镇、村干部学法全覆盖;东岭乡法治副校长上普法课2场次。')
        .org,
    ).toBe('东岭乡');
  });

  it('takes no phrase ending in 环境下/指导下 for a 街道, and a township named only in its brand', () => {
    const opening = (body: string) =>
      review(`${body}\n一、主要举措和成效\n组织干部学法10次。\n`, { profile: 'published' });
    expect(opening('2025年,在上级的指导下街道坚持依法行政,在良好的执法环境下街道办案效率提升。').org).toBe(
      '',
    );
    const brand = opening('2025年,我乡坚持依法行政,明确“法治岭南”建设的重点任务,全乡干部学法10次。');
    expect([brand.org, brand.confidence?.org]).toEqual(['岭南乡', 0.3]);
    // A city's brand is no township: 杭州市 is written too.
    expect(opening('2025年,我乡落实法治杭州建设要点,杭州市普法办指导全乡学法。').org).toBe('');
    expect(opening('2025年,我乡推进法治乡村建设,全乡干部学法10次。').org).toBe('');
  });

  it("reads a web page's opening past its sidebars, slashes, labels and date lines", () => {
    const page = (text: string) => {
      const r = review(text, { profile: 'published' });
      return [r.title, r.org, r.year];
    };
    // A breadcrumb of slashes is no title.
    expect(
      page(
        '首页/政府信息公开/乡镇/杨柳铺镇\n杨柳铺镇2024年度法治政府建设工作报告\n2024年，杨柳铺镇全面贯彻习近平法治思想。现将全年工作情况报告如下：',
      ),
    ).toEqual(['杨柳铺镇2024年度法治政府建设工作报告', '杨柳铺镇', 2024]);
    // A label in brackets and a sidebar's dated links above a dated title are not part of it.
    expect(
      page(
        '桥头铺乡人民政府\n【最新公开】\n2025年度政府信息公开指南\n2025年乡村振兴重点工作任务清单\n桥头铺乡2024年法治政府建设情况报告\n2024年，桥头铺乡坚持以习近平法治思想为指导。',
      ),
    ).toEqual(['桥头铺乡2024年法治政府建设情况报告', '桥头铺乡', 2024]);
    // Nor is a list of related links; the page's date line and the links give no year.
    expect(
      page(
        '小河沿乡人民政府\n相关链接：2024年乡村振兴简报（第3期）\n小河沿乡法治政府建设工作报告\n发布日期：2024-12-30\n本年度，小河沿乡坚持依法决策、依法行政。',
      ),
    ).toEqual(['小河沿乡法治政府建设工作报告', '小河沿乡', null]);
    expect(
      page(
        '黑河岭镇法治政府建设工作报告\n发布日期：2024年3月12日\n2023年，黑河岭镇扎实推进法治政府建设各项工作。现将全年工作情况报告如下。',
      ),
    ).toEqual(['黑河岭镇法治政府建设工作报告', '黑河岭镇', 2023]);
    // A cover letter names the township after its verb (关于报送朝阳沟镇…的函).
    expect(
      page('关于报送朝阳沟镇2024年度法治政府建设工作报告的函\n县委依法治县办：\n现将报告报送你办。')[1],
    ).toBe('朝阳沟镇');
    // A brand of strength (建设法治强镇) names no township; 富强镇 is one.
    expect(
      page(
        '2024年，我镇坚持依法行政。\n一、主要举措\n切实将法治思想转化为建设法治强镇的实践动能，全镇干部学法10次。',
      )[1],
    ).toBe('');
    // A mirror's pinyin glosses are no part of the text (關(guān)刀鎮(zhèn)).
    expect(
      page(
        '今年以來,關(guān)刀鎮(zhèn)法治政府建設(shè)工作扎實(shí)推進(jìn)。\n一、強化責任落實\n學法10次。',
      )[1],
    ).toBe('关刀镇');
  });

  it('takes no year from the plans a year is said to be for (2022年将…)', () => {
    const body =
      '根据有关文件要求，我镇对今年作出的行政处罚案件进行统计。\n一、执法行为数据统计分析\n2021年，附海镇办理的行政处罚案件为0件。\n二、存在问题\n一是执法人员素质不一。2022年将强化学习培训。二是执法设备不足，2022年将积极争取补助。三是宣传不够，2022年将加大宣传力度。\n';
    expect(review(body, { profile: 'published' }).year).toBe(2021);
    // Where no other year is said, 将 marks the object: 2024年将两项事项列入决策目录.
    expect(
      review('白水塘乡2024年将乡村道路提质改造等2项事项列入重大行政决策目录。\n一、主要举措\n学法10次。\n', {
        profile: 'published',
      }).year,
    ).toBe(2024);
  });

  it('says when neither the township nor the year can be read', () => {
    const r = review('法治政府建设情况\n\n一、主要举措和成效\n学法。\n');
    expect(r.org).toBe('');
    expect(r.year).toBeNull();
    expect(r.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['meta.orgMissing', 'meta.yearMissing']),
    );
    expect(r.confidence).toEqual({ org: 0, year: 0 });
  });

  it('takes the year most sources give and reports the one that disagrees', () => {
    const r = review(REPORT('白沙镇关于2024年度法治政府建设情况的报告'));
    expect(r.year).toBe(2025);
    expect(r.findings.find((f) => f.rule === 'meta.year')?.message).toBe(
      '标题写的是2024年，报告年度为2025年',
    );
    expect(r.confidence!.year).toBeLessThan(0.5);
  });
});

describe('less noise', () => {
  const published = REPORT('白沙镇关于2025年度法治政府建设情况的报告').replace(
    '县委全面依法治县委员会：\n',
    '',
  );

  it('drops the addressee and 其他情况 notices on a published copy', () => {
    expect(rules(published)).toEqual(expect.arrayContaining(['format.addressee', 'parts.other']));
    const p = rules(published, { profile: 'published' });
    expect(p).not.toContain('format.addressee');
    expect(p).not.toContain('parts.other');
    expect(
      reviewDocuments([{ name: 'p.txt', bytes: enc(published) }], { profile: 'published' }),
    ).toMatchObject([{ org: '白沙镇' }]);
  });

  it('never takes 我鄉 or 我鎮 for the first person, but still 我认为', () => {
    const text = published.replace('组织机关干部集中学法10次。', '我鄉組織幹部學法，我鎮堅持依法行政。');
    expect(rules(text)).not.toContain('wording.firstPerson');
    expect(rules(published.replace('组织机关', '我认为组织机关'))).toContain('wording.firstPerson');
  });

  it('counts the first-responsibility account only when it says what the leaders did', () => {
    const passing = published.replace(
      '组织机关干部',
      '党政主要负责人履行推进法治建设第一责任人职责，组织机关干部',
    );
    expect(rules(passing)).toContain('parts.leaderDuty');
    const acts = published.replace(
      '组织机关干部集中学法10次。',
      '镇党委书记履行第一责任人职责，主持召开专题会议3次，带头讲法，亲自督办重点案件。',
    );
    expect(rules(acts)).not.toContain('parts.leaderDuty');
  });

  it('recognises a top-level part numbered in another style', () => {
    const r = review(published.replace('三、2026年度', '(三)2026年度'));
    expect(r.parts.nextYear).toBe(true);
    expect(r.headings.find((h) => h.number === '(三)')?.level).toBe(1);
    // A first sub-heading numbered （一） stays a sub-heading.
    const sub = review(published.replace('组织机关干部', '（一）加强学习\n组织机关干部'));
    expect(sub.headings.find((h) => h.number === '（一）')?.level).toBe(2);
  });
});

describe('errors', () => {
  it('refuses a whitespace-only text and an empty Word document', async () => {
    const empty = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('')] }] }));
    const out = reviewDocuments([
      { name: 'blank.txt', bytes: enc(' \n\u3000\n\t') },
      { name: 'blank.docx', bytes: new Uint8Array(empty) },
    ]);
    expect(out).toEqual([
      { file: 'blank.txt', error: '文件没有正文内容（空白文档），无法审阅' },
      { file: 'blank.docx', error: '文件没有正文内容（空白文档），无法审阅' },
    ]);
  });
});

describe('words missing or slipped', () => {
  const found = (line: string) =>
    review(REPORT('白沙镇关于2025年度法治政府建设情况的报告').replace('组织机关干部集中学法10次。', line))
      .findings.filter((f) => f.rule === 'word.missing' || f.rule === 'wording.slip')
      .map((f) => [f.rule, f.text, f.message]);

  it('flags 基 without 本, a cut plan name and 政府建设 without 法治', () => {
    expect(found('执法案件基达到了程序合法。')).toEqual([
      ['word.missing', '基达到', '“基达到”中疑缺“本”字（应为“基本达到”）'],
    ]);
    expect(found('按照《法治社会实施纲(2020-2025)》要求推进。').map((f) => f[1])).toEqual(['法治社会实施纲']);
    expect(found('对照法治政府实施纲要抓落实。').map((f) => f[1])).toEqual(['法治政府实施纲要']);
    expect(found('2025年度政府建设工作扎实推进。').map((f) => f[1])).toEqual(['2025年度政府建设']);
  });

  it('flags 二十大届 for 二十届 and 常抓不怠, but not 二十大 beside 二十届', () => {
    expect(found('学习党的二十大届三中全会精神，常抓不怠。').map((f) => f[1])).toEqual([
      '二十大届',
      '常抓不怠',
    ]);
    expect(found('学习党的二十大和二十届三中全会精神，常抓不懈。')).toEqual([]);
  });

  it('flags 的 where an adverb leads a verb, not where it leads a noun', () => {
    expect(flagged('全镇上下扎实的开展法治宣传。', 'wording.de')).toEqual(['扎实的开展']);
    expect(flagged('开展了扎实的工作，取得有效的成果。', 'wording.de')).toEqual([]);
  });

  // One row each: a line, a rule, and what the rule flags in it (nothing, for the line written right).
  it.each([
    ['较好的完成了本年度的工作目标。', 'wording.de', ['较好的完成']],
    ['取得较好的完成率。', 'wording.de', []],
    ['组织行政复议法学习1次。', 'punct.booktitle', ['行政复议法']],
    ['坚持行政处罚法定原则，学习《行政复议法》和《中华人民共和国行政处罚法》。', 'punct.booktitle', []],
    ['落实《垫江县贯彻落实<>的具体措施》。', 'punct.booktitle', ['<>']],
    [
      '以习近平新时代中国特色社会主义法治思想为指导。',
      'wording.term',
      ['习近平新时代中国特色社会主义法治思想'],
    ],
    ['落实中国特色社会主义法治理论。', 'wording.term', []],
    ['贯彻党的二十届历中全会精神。', 'wording.slip', ['历中全会']],
    ['做好矛盾纠分排查化解。', 'wording.slip', ['纠分']],
    ['学习《中华人民共和国反电信诈骗法》。', 'law.title', ['《中华人民共和国反电信诈骗法》']],
    ['学习《中华人民共和国个人信息安全法》。', 'law.title', ['《中华人民共和国个人信息安全法》']],
    ['贯彻党的二十届历次全会精神。', 'wording.slip', []],
    ['由党委书记镇长任组长。', 'punct.missing', ['书记镇长']],
    ['由党委书记、镇长任组长。', 'punct.missing', []],
    ['结合“国家安全教育日” 、“宪法宣传周”开展活动。', 'punct.space', ['” 、']],
    ['结合“国家安全教育日”、“宪法宣传周”开展活动。', 'punct.space', []],
    ['结合“七·五普法”开展活动。', 'plan.expired', ['“七·五普法']],
    // A look back at it is no citation of it.
    ['“七五”普法期间，全镇累计开展普法活动300余场。', 'plan.expired', []],
    ['认真学法。二是统筹部署法治工作，三是抓好落实。', 'list.gap', ['二是统筹部署']],
    ['一是加强学习，三是抓好落实。', 'list.gap', ['三是抓好落实']],
    ['一是“关键少数”带头学，二是2024年来持续推进，三是创新治理。唯一是统一是。', 'list.gap', []],
    ['沙市镇人民政 关于2025年法治政府建设情况。', 'word.missing', ['人民政']],
    ['统筹推进法治政府建工作。', 'word.missing', ['法治政府建']],
    ['严格落实第一责任制度。', 'word.missing', ['第一责任制度']],
    ['镇人民政府和人民政协坚持人民政权，推进法治政府建设工作，落实第一责任人制度。', 'word.missing', []],
    ['学习《乡村振兴法》。', 'law.title', ['《乡村振兴法》']],
    ['学习《乡村振兴促进法》。', 'law.title', []],
    ['? ? ?2024年，在县委的领导下开展工作。', 'format.artifact', ['? ? ?']],
    ['群众问：如何申请法律援助？', 'format.artifact', []],
  ] as const)('in “%s”, %s flags %j', (line, id, want) => {
    expect(flagged(line, id)).toEqual(want);
  });

  it('flags a 的 typed twice, but not 目的的 or 的的确确', () => {
    expect(found('迈上新征程的的关键一步。').map((f) => f[2])).toEqual(['“的的”中“的”字重复']);
    expect(found('达到普法目的的活动,的的确确见效。')).toEqual([]);
  });

  it('flags 二十大四中全会, a verb typed twice, 少数关键, 现 without 将 and a law misnamed', () => {
    expect(found('学习党的二十大四中全会精神。').map((f) => f[1])).toEqual(['二十大四中全会']);
    expect(found('组织组织居委干部参加学习。').map((f) => f[1])).toEqual(['组织组织']);
    expect(found('紧抓领导干部“少数关键”。').map((f) => f[1])).toEqual(['少数关键']);
    expect(found('现2025年我镇法治政府建设工作情况报告如下：').map((f) => f[1])).toEqual(['现2025年']);
    const law = review(
      REPORT('白沙镇2025年度法治政府建设情况报告').replace(
        '组织机关干部集中学法10次。',
        '学习《有组织犯罪法》。',
      ),
    ).findings.filter((f) => f.rule === 'law.title');
    expect(law.map((f) => f.text)).toEqual(['《有组织犯罪法》']);
    expect(
      found('学习党的二十届四中全会精神，组织居委干部参加学习，轮岗少数关键岗位。现将2025年工作报告如下：'),
    ).toEqual([]);
  });

  it('flags 坚持 typed twice, the first-responsibility rules without 履行 and a 《行政法》', () => {
    expect(found('坚持坚持以人民为中心。').map((f) => f[1])).toEqual(['坚持坚持']);
    expect(found('坚持以人民为中心，坚持依法行政。')).toEqual([]);
    expect(flagged('落实《党政主要负责人推进法治建设第一责任人职责规定》。', 'law.title')).toEqual([
      '《党政主要负责人推进法治建设',
    ]);
    expect(flagged('学习《民法典》《行政法》等内容。', 'law.title')).toEqual(['《行政法》']);
    expect(
      flagged('落实《党政主要负责人履行推进法治建设第一责任人职责规定》，学习《行政处罚法》。', 'law.title'),
    ).toEqual([]);
  });

  it('flags a space after 、 between two words, not after a heading’s number', () => {
    expect(flagged('学习二十届二中、 三中全会精神。', 'punct.space')).toEqual(['二中、 三中']);
    expect(
      flagged('学习二十届二中、三中全会精神，开展“宪法日”、 “民法典宣传月”活动。', 'punct.space'),
    ).toEqual([]);
    expect(flagged('十一、 其他工作\n学习宪法。', 'punct.space')).toEqual([]);
  });

  it('flags a space beside a quotation inside a sentence', () => {
    expect(flagged('推进 “法律明白人” 队伍建设，落实 “一岗双责”。', 'punct.space')).toEqual([
      '推进 “法律明白人” 队伍',
      '落实 “一岗双责”',
    ]);
    expect(flagged('“三项制度” 落实到位。', 'punct.space')).toEqual(['“三项制度” 落实']);
    expect(flagged('推进“法律明白人”队伍建设，开展“宪法日”、“民法典宣传月”活动。', 'punct.space')).toEqual(
      [],
    );
  });

  it('flags a plan period whose years lost their dash', () => {
    const plan = (line: string) => flagged(line, 'plan.period');
    expect(plan('2025年是《法治政府建设实施纲要(20212025年)》收官之年。')).toEqual(['(20212025年)']);
    expect(plan('2025年是《法治政府建设实施纲要（2021—2025年）》收官之年。')).toEqual([]);
    // A city's own plan of the same name has its own period; the national one does not.
    expect(plan('落实《广州市法治社会建设实施纲要（2021—2025年）》。')).toEqual([]);
    expect(plan('印发《砚山县贯彻法治社会建设实施纲要（2021—2025年）任务分解方案》。')).toEqual([]);
    expect(plan('落实《法治社会建设实施纲要（2021—2025年）》。')).toEqual([
      '法治社会建设实施纲要（2021—2025年）',
    ]);
  });

  it('flags 理论中组 for 理论学习中心组', () => {
    expect(found('开展理论中组学习9次。').map((f) => f[1])).toEqual(['理论中组']);
    expect(found('开展理论学习中心组学习9次，理论中心组带头学。')).toEqual([]);
  });

  it('flags a traditional character left in simplified text, but not a report in traditional characters', () => {
    const stray = (t: string) =>
      review(t)
        .findings.filter((f) => f.rule === 'wording.traditional')
        .map((f) => f.message);
    expect(
      stray(REPORT('白沙镇2025年度法治政府建设情况报告').replace('有关情况报告', '有关工作情況报告')),
    ).toEqual(['“作情況”中的“況”是繁体字，应为“况”']);
    expect(
      stray(REPORT('白沙鎮二〇二五年度法治政府建設情況的報告', '白沙鎮人民政府\n2026年1月10日')),
    ).toEqual([]);
    expect(stray(REPORT('白沙镇2025年度法治政府建设情况报告'))).toEqual([]);
    // Read through OpenCC's dictionaries: characters beyond a report's common words, phrase-aware.
    expect(
      stray(REPORT('白沙镇2025年度法治政府建设情况报告').replace('有关情况报告', '围繞中心有关情况报告')),
    ).toEqual(['“将围繞”中的“繞”是繁体字，应为“绕”']);
    expect(toSimplified('國繞乾淨，乾隆')).toBe('国绕干净，乾隆');
    // A web page's 繁體版 button above the title is the page's, not the report's.
    const page = `注册 无障碍 关怀版 繁體版 智能机器人 网站支持IPv6\n\n${REPORT('白沙镇2025年度法治政府建设情况报告')}`;
    expect(stray(page)).toEqual([]);
  });

  it('flags a stray 会 after 精神 and 确实 for 切实', () => {
    expect(found('学习全会精神会和条例。').map((f) => f[2])).toEqual([
      '“精神会和”中疑有多余的“会”字（应为“精神和”）',
    ]);
    expect(found('确实履行法定职责。').map((f) => f[2])).toEqual(['疑似错别字：“确实履行”应为“切实履行”']);
  });

  it('flags 负责任人, 履行 without its duty, 工作人 without 员 and a misquoted 纲要 goal', () => {
    expect(found('镇长为第一负责任人。').map((f) => f[2])).toEqual(['疑似错别字：“负责任人”应为“负责人”']);
    expect(found('认真履行推进法治建设，统筹全镇工作。').map((f) => f[1])).toEqual(['履行推进法治建设']);
    expect(found('配备2名专职工作人负责审查。').map((f) => f[1])).toEqual(['工作人']);
    const quote = (line: string) => flagged(line, 'wording.misquote');
    expect(
      quote('建设职能科学、权责法定、执法严明、公开公正、智慧高效、廉洁诚信、人民满意的法治政府。'),
    ).toEqual(['智慧高效']);
    expect(quote('建设智慧高效的政务服务平台。')).toEqual([]);
    expect(found('主要负责任人员到场，认真履行推进法治建设第一责任人职责，配备工作人员、工作人手。')).toEqual(
      [],
    );
  });

  it('flags 民主法制示范村, 《土地法》 and a law in a list without 《》', () => {
    expect(flagged('创建民主法制示范村1个。', 'wording.fazhi')).toEqual(['法制示范']);
    expect(flagged('宣传《土地法》等法律。', 'law.title')).toEqual(['《土地法》']);
    expect(flagged('大力宣传民法典、宪法、未成年人保护法等法律。', 'punct.booktitle')).toEqual([
      '未成年人保护法',
    ]);
    expect(
      flagged(
        '宣传《未成年人保护法》《中华人民共和国行政复议法》，坚持行政处罚法定原则，落实民法典、宪法宣传。',
        'punct.booktitle',
      ),
    ).toEqual([]);
  });

  it('flags 十九大历次全会, 全干部, 第一责任人情况, 法治审核 and 督查工作规定', () => {
    expect(found('学习党的十九大历次全会精神。').map((f) => f[1])).toEqual(['十九大历次全会']);
    expect(found('让全干部知法守法。').map((f) => f[1])).toEqual(['全干部']);
    expect(found('报告履行推进法治建设第一责任人情况。').map((f) => f[1])).toEqual(['第一责任人情况']);
    expect(found('落实重大执法决定法治审核制度。').map((f) => f[1])).toEqual(['法治审核']);
    expect(found('健全干部考核，配强安全干部，落实重大执法决定法制审核制度，将法治审核等作为方向。')).toEqual(
      [],
    );
    const law = (line: string) => [...flagged(line, 'law.title'), ...flagged(line, 'punct.booktitle')];
    expect(law('落实《法治政府建设与责任落实督查工作规定》，宣传宪法、农村土地承包法。')).toEqual([
      '责任落实督查工作规定',
      '农村土地承包法',
    ]);
  });

  it('flags a date that lost 年 and 月, an issuer run into the year, and the old 纲要 goals after 2020', () => {
    expect(flagged('自202311日起至1231日止开展专项行动。', 'dates.garbled')).toEqual(['202311日']);
    expect(flagged('自2023年1月1日起开展专项行动，全年365日值守。', 'dates.garbled')).toEqual([]);
    expect(flagged('印发《任务分工清单》(开州委法20239)。', 'docnum.broken')).toEqual(['20239']);
    expect(flagged('印发《任务分工清单》(开州委法〔2023〕9号)。', 'docnum.broken')).toEqual([]);
    const goals = '建设职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府。';
    expect(flagged(goals, 'wording.misquote')).toEqual(['廉洁高效、守法诚信']);
    // A report on 2019 still quoted the plan then in force.
    const old = REPORT('白沙镇2019年度法治政府建设情况报告', '白沙镇人民政府\n2020年1月10日')
      .replace('组织机关干部集中学法10次。', goals)
      .replaceAll('2025', '2019')
      .replaceAll('2026', '2020');
    expect(review(old).findings.filter((f) => f.rule === 'wording.misquote')).toEqual([]);
  });

  it('flags 推行法治建设, 理论学些, a year without 年 before the township and a regulation without 《》', () => {
    expect(found('推行法治建设，理论学些常态化。').map((f) => f[1])).toEqual(['推行法治建设', '学些']);
    expect(found('2021高塍镇坚持依法行政。').map((f) => f[2])).toEqual(['“2021”后疑缺“年”字']);
    expect(found('2021年高塍镇坚持依法行政，2000余名镇村干部参加。')).toEqual([]);
    const rule = (line: string) => flagged(line, 'punct.booktitle');
    expect(rule('严格落实政府信息公开条例。')).toEqual(['政府信息公开条例']);
    expect(
      rule(
        '落实《政府信息公开条例》《中华人民共和国政府信息公开条例》，开展“9·26”未成年人保护法宣传日活动。',
      ),
    ).toEqual([]);
    // Wrong words of fixed terms.
    expect(
      found('严格按照决策启动公共参与、专家论证、风险评估程序，依托党工委中心理论组学习，国绕中心工作。').map(
        (f) => f[1],
      ),
    ).toEqual(['公共参与', '中心理论组', '国绕']);
    expect(found('推动公共参与社会治理。')).toEqual([]);
    // A numbered slogan without its number.
    expect(
      found('深刻把握习近平法治思想个坚持的核心要义，做到两个维护、“四个意识”，每个全面都抓实。'),
    ).toEqual([['word.missing', '个坚持', '“个坚持”前疑缺数字（如“十一个坚持”“两个维护”）']]);
    // A word typed twice; not numerals said one by one or a year in words.
    expect(
      found('切实切实加强学法，积极配合配合上级，一条一条落实，二〇二〇年推进。').map((f) => f[1]),
    ).toEqual(['切实切实', '配合配合']);
    expect(flagged('学习《中华人民共和国治安处罚法》。', 'law.title')).toEqual([
      '《中华人民共和国治安处罚法》',
    ]);
    // A law named after the verb before it, once where two rules see it.
    expect(rule('重点学习了行政处罚法、土地管理法等法律法规。')).toEqual(['行政处罚法', '土地管理法']);
    // 推行 a system named after it is no slip.
    expect(found('推行法治建设第一责任人制度。')).toEqual([]);
  });

  it('flags a space inside a word or a fixed term, not between two clauses', () => {
    const space = (line: string) => flagged(line, 'punct.space');
    expect(space('深入学习全会精 神，进一 步推进法治 建设。')).toEqual(['精 神', '进一 步', '法治 建设']);
    expect(space('贯彻中共中央 国务院部署，学习法治思想 强化依法行政。')).toEqual([]);
    // After a comma or a full stop inside a paragraph, not at a line's start.
    expect(space('放在全局的重要位置。 充分发挥党委作用,在区委领导下, 我镇推进依法行政。')).toEqual([
      '位置。 充分',
      '导下, 我镇',
    ]);
    expect(space('推进依法行政。\n  二是加强学法。')).toEqual([]);
    // Beside a year or a number in brackets or before its 顿号.
    expect(space('2020 年,落实《纲要( 2015-2020 年)》。\n1 、统筹推进\n')).toEqual([
      '2020 年',
      '( 2015-2020 年)',
      '1 、',
    ]);
    expect(space('发布时间 2021-03-05\n镇人民政府 2025年1月5日')).toEqual([]);
  });

  it("checks an exam's pass and participation rates against the counts beside them", () => {
    const rate = (line: string) => flagged(line, 'figures.rate');
    expect(rate('组织干部参加学法考试，参考120人，合格114人，合格率97.5%。')).toEqual(['97.5%']);
    expect(rate('组织干部参加学法考试，参考120人，合格114人，合格率95%。')).toEqual([]);
    expect(rate('组织学法考试，应参考146人，实际参考144人，参考率98.6%，合格率100%。')).toEqual([]);
    expect(rate('组织学法考试，应参考146人，实际参考140人，参考率98.6%。')).toEqual(['98.6%']);
    // Who was to sit named between (应参考干部75人).
    expect(rate('组织全镇干部年度学法考试，应参考干部75人，实际参考72人，参考率98%。')).toEqual(['98%']);
    expect(rate('组织全镇干部年度学法考试，应参考干部75人，实际参考72人，参考率96%。')).toEqual([]);
    // Counts in Chinese numerals.
    expect(rate('组织学法考试，应参考四十八人，实际参考四十六人，参考率100%。')).toEqual(['100%']);
    expect(rate('组织学法考试，参考一百二十人，合格一百一十四人，合格率95%。')).toEqual([]);
    // Last year's rectified beside this year's found is no pair, whatever the semicolons.
    expect(
      flagged(
        '主要执法数据(2022年/2021年):发现问题1034处/1187处;整改到位1002处/1160处。',
        'figures.resolved',
      ),
    ).toEqual([]);
    // Counts in 人次, or another exam's, say nothing of this rate.
    expect(rate('组织学法考试，参考120人，培训合格200人次，合格率97.5%。')).toEqual([]);
  });

  it('flags a document number without its serial, and laws and regulations called by the other kind', () => {
    expect(flagged('依据《关于推进法治建设的通知》（高政发〔2023〕号）开展工作。', 'docnum.broken')).toEqual([
      '〔2023〕号',
    ]);
    expect(flagged('落实《中华人民共和国政府信息公开法》。', 'law.title')).toEqual([
      '《中华人民共和国政府信息公开法》',
    ]);
    expect(flagged('依据《人民调解条例》调解纠纷。', 'law.title')).toEqual(['《人民调解条例》']);
    expect(flagged('落实《中华人民共和国政府信息公开条例》。', 'law.title')).toEqual([]);
    expect(flagged('推进法治政建设，落实第一责人职责。', 'word.missing')).toEqual(['法治政建设', '第一责人']);
    expect(flagged('坚持依法形政。', 'wording.slip')).toEqual(['依法形政']);
  });

  it('flags a punctuation mark lost before 二是 or after a count, not 第二是 or a list', () => {
    const lost = (line: string) => flagged(line, 'punct.missing');
    expect(lost('一是健全机制，年底予以加分二是压实责任。')).toEqual(['二是']);
    expect(lost('听取汇报4次先后召开党委会3次。')).toEqual(['先后']);
    expect(lost('为全镇发展提供法治保障现将有关情况报告如下：')).toEqual(['现将']);
    expect(lost('为全镇发展提供法治保障。现将有关情况报告如下：')).toEqual([]);
    expect(lost('一是健全机制；二是压实责任，其二是落实，第二是督办。先后召开会议4次。')).toEqual([]);
  });

  it('gives “1.” straight under “一、” as a notice, “（1）” there and “（一）” opening as warnings', () => {
    const levels = (body: string) =>
      review(`白沙镇2025年度法治政府建设情况报告\n\n2025年,白沙镇坚持依法行政。\n${body}`, {
        profile: 'published',
      })
        .findings.filter((f) => f.rule === 'headings.level')
        .map((f) => [f.severity, f.text.slice(0, 3)]);
    expect(levels('一、主要举措\n1.强化领导\n学法。\n2.规范执法\n执法。\n')).toEqual([['info', '1.强']]);
    expect(levels('一、主要举措\n（1）强化领导\n学法。\n（2）规范执法\n执法。\n')).toEqual([
      ['warning', '（1）'],
    ]);
    expect(levels('（一）主要举措\n学法。\n（二）存在不足\n不足。\n')).toEqual([['warning', '（一）']]);
  });

  it('reads a part heading that lost its 、 and says so', () => {
    const r = review(
      '白沙镇2025年度法治政府建设情况报告\n\n2025年,白沙镇坚持依法行政。\n一主要举措和成效\n（一）强化组织领导\n学法。\n（二）规范执法\n执法。\n',
      { profile: 'published' },
    );
    expect(r.headings.map((h) => [h.level, h.number.trim()])).toEqual([
      [1, '一'],
      [2, '（一）'],
      [2, '（二）'],
    ]);
    expect(r.findings.filter((f) => f.rule === 'headings.syntax').map((f) => f.message)).toEqual([
      '标题编号“一”后缺少顿号“、”',
    ]);
    expect(r.findings.map((f) => f.rule)).not.toContain('headings.level');
    expect(review('白沙镇2025年度法治政府建设情况报告\n一年来成效明显\n').headings).toEqual([]);
  });

  it('reads ㈠ as a （一） heading and says it should be written so', () => {
    const r = review(
      '白沙镇2022年度法治政府建设情况报告\n一、主要举措和成效\n㈠学习贯彻习近平法治思想\n1.系统学习。\n2.履行职责。\n㈡树牢总体国家安全观\n1.优化社会管理职能。\n',
    );
    expect(r.headings.map((h) => [h.level, h.number.trim()])).toEqual([
      [1, '一、'],
      [2, '㈠'],
      [3, '1.'],
      [3, '2.'],
      [2, '㈡'],
      [3, '1.'],
    ]);
    expect(r.findings.filter((f) => f.rule === 'headings.syntax').map((f) => f.message)).toEqual([
      '标题编号“㈠”是一个带括号的字符，应为“（一）”',
      '标题编号“㈡”是一个带括号的字符，应为“（二）”',
    ]);
    expect(r.findings.map((f) => f.rule)).not.toContain('headings.gap');
  });

  it('reads a heading whose number lost its dot when the next number follows, and says so', () => {
    const r = review(
      '白沙镇2025年度法治政府建设情况报告\n一、主要举措和成效\n（一）强化学习\n1理论武装入脑入心，筑牢根基。学法。\n2.组织领导坚强有力，压实责任。\n5月开展培训。\n',
    );
    expect(r.headings.filter((h) => h.style === 'arabic').map((h) => h.number)).toEqual(['1', '2.']);
    expect(r.findings.filter((f) => f.rule === 'headings.syntax').map((f) => f.message)).toEqual([
      '标题编号“1”后缺少“.”',
    ]);
    expect(r.findings.map((f) => f.rule)).not.toContain('headings.gap');
    // Without a 2. after it, a line that begins with a number is no heading.
    expect(
      review('白沙镇2025年度法治政府建设情况报告\n一、举措\n1理论武装入脑入心。\n').headings,
    ).toHaveLength(1);
  });

  it('finds a paragraph that stops without its mark, or is cut in two mid-word', () => {
    const r = review(
      '白沙镇2025年度法治政府建设情况报告\n\n2025年，白沙镇坚持以习近平法治思想为指导，全面推进依法行政，现将有关情况报告如下\n' +
        '一、主要举措和成效\n1.强化学习。全年组织学法12次，深入学习习近平总书记关于全面依法治国的重要论述和党中\n\n' +
        '央、省委、市委相关会议精神，引导领导干部深刻把握和践行习近平法治思想的核心要义\n' +
        '（一）规范执法\n全年开展执法检查20次，规范执法程序，执法人员全部持证上岗，较好地完成了各项任务\n',
    );
    const of = (rule: string) => r.findings.filter((f) => f.rule === rule && !f.message.startsWith('文档'));
    expect(of('punct.missing').map((f) => [f.text, f.message])).toEqual([
      ['报告如下', '段落末尾缺少句号等标点'],
      ['核心要义', '段落末尾缺少句号等标点'],
    ]);
    expect(of('format.artifact').map((f) => [f.text, f.message])).toEqual([
      ['中\n\n央', '段落在“中央”处被断开，应连为一段'],
    ]);
    // A draft's notes to its writer, and the paragraph that runs on into one, are the writer's.
    const draft = review(
      '白沙镇2025年度法治政府建设情况报告\n一、主要举措和成效\n镇长年终述职中述法的情况，台账中无其述职述法记录，请核实后补登记录\n' +
        '待核实：如全镇确无此类事项，保留本段；如有，请补登台账后重新生成\n二、存在的不足和原因\n学法不够。\n',
    );
    expect(draft.findings.filter((f) => f.rule === 'punct.missing')).toEqual([]);
  });

  it('names a heading whose number was lost with its closing bracket, once', () => {
    const r = review(
      '白沙镇2025年度法治政府建设情况报告\n一、主要举措和成效\n（一）强化学习。\n  (深入学习宣传贯彻习近平法治思想的情况,有关具体举措。\n（三）规范执法。\n',
    );
    const syntax = r.findings.filter((f) => f.rule === 'headings.syntax');
    expect(syntax.map((f) => [f.text, f.message])).toEqual([
      [
        '(深入学习宣传贯彻习近平法治思想的情况',
        '标题“(深入学习宣传贯彻习近平法治思想的情况”缺少序号，左括号未闭合',
      ],
    ]);
    expect(r.findings.map((f) => f.rule)).not.toContain('bracket.unpaired');
    // Without （一）-style headings beside it, a bracket left open is only a bracket left open.
    expect(rules('白沙镇2025年度法治政府建设情况报告\n一、举措\n(深入学习习近平法治思想\n学法。\n')).toEqual(
      expect.arrayContaining(['bracket.unpaired']),
    );
  });

  it('flags the 2004 纲要, a newspaper without 《》, 标准性文件, 十九大十九届 and 情况的报告如下', () => {
    expect(flagged('依据《全面推进依法行政实施纲要》开展工作。', 'plan.expired')).toEqual([
      '《全面推进依法行政实施纲要》',
    ]);
    // Beside the current 纲要, as background, it is no slip.
    expect(
      flagged(
        '落实国务院《全面推进依法行政实施纲要》和《法治政府建设实施纲要（2021—2025年）》的总体要求。',
        'plan.expired',
      ),
    ).toEqual([]);
    expect(flagged('相关做法被浙江法治报报道。', 'punct.booktitle')).toEqual(['浙江法治报']);
    expect(flagged('相关做法被《浙江法治报》报道，法治日报社记者采访。', 'punct.booktitle')).toEqual([]);
    expect(found('清理标准性文件，学习十九大十九届历次全会精神。').map((f) => f[1])).toEqual([
      '标准性文件',
      '十九大',
    ]);
    expect(found('现将2025年法治政府建设情况的报告如下：').map((f) => f[1])).toEqual(['情况的报告如下']);
    expect(flagged('法治浙江建设规划（2022—2025年）。', 'plan.period')).toEqual([
      '法治浙江建设规划（2022—2025年）',
    ]);
  });

  it('takes no campaign named 我为群众办实事 or “我是委员我来讲” for the first person', () => {
    const first = (line: string) => flagged(line, 'wording.firstPerson');
    expect(first('开展我为群众办实事活动和“我是委员我来讲”党课。')).toEqual([]);
    expect(first('我认为应当加强学法。')).not.toEqual([]);
  });

  it("lets a leader's own report on his duty speak as 本人, and keeps 民主法制建设", () => {
    const own = (line: string, title: string) => flagged(line, 'wording.firstPerson', title);
    expect(own('本人认为应当加强学法。', '白沙镇2025年度法治政府建设情况报告')).toEqual(['本人']);
    expect(own('本人坚持带头学法。', '白沙镇党委书记2025年度述法报告')).toEqual([]);
    expect(
      own(
        '作为白沙镇法治建设第一责任人，本人始终坚持带头学法。',
        '2025年度履行推进法治建设第一责任人职责情况',
      ),
    ).toEqual([]);
    expect(flagged('法治宣传是民主法制建设的重要组成部分。', 'wording.fazhi')).toEqual([]);
    expect(flagged('健全法制宣传教育机制。', 'wording.fazhi')).toEqual(['法制宣传']);
  });

  it('reads a phrase in doubled quotation marks as one problem', () => {
    expect(flagged('编制““十四五””规划。', 'wording.quotes')).toEqual(['““十四五””']);
    expect(flagged('编制““十四五”规划。', 'wording.quotes')).toEqual(['““']);
  });

  it('leaves 已 alone when the 以 is there already', () => {
    const yi = (line: string) => flagged(line, 'wording.yi');
    expect(yi('已构建了以数字化改革为引领的治理体系。')).toEqual([]);
    expect(yi('坚持已人民为中心，已法治为引领。')).not.toEqual([]);
  });

  it('leaves the right words alone', () => {
    expect(
      found(
        '路基完成铺设，根基形成。传达精神会议2次。整改后确实加强了管理。数字政府建设、法治政府建设同步推进。',
      ),
    ).toEqual([]);
  });
});

describe('heading numbers carried on', () => {
  const gaps = (body: string) => flagged(body, 'headings.gap').map((t) => t.slice(0, 2));
  it('takes numbering carried on from the previous part as a choice, and still flags a skip', () => {
    const parts = (second: string) =>
      `（一）强化组织领导\n1、健全机制\n学法。\n2、压实责任\n学法。\n（二）规范执法\n${second}、落实程序\n学法。\n`;
    expect(gaps(parts('3'))).toEqual([]);
    expect(gaps(parts('1'))).toEqual([]);
    expect(gaps(parts('4'))).toEqual(['4、']);
  });

  it('reads a part number that carries on its items above as a level mixed up, not a gap', () => {
    const text =
      '东陈乡2020年度行政执法工作报告\n2020年，东陈乡推进依法行政。\n一、2020年度工作开展情况\n1、开展专项治理。学法。\n2、推进综合执法改革。学法。\n三、严格落实行政执法“三项制度”。公示。\n';
    const r = review(text, { profile: 'published' });
    expect(r.findings.filter((f) => f.rule === 'headings.gap')).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'headings.mixed').map((f) => f.message)).toEqual([
      '“三、”接在“1、”“2、”之后，疑为下一级编号误写为第1级编号',
    ]);
  });

  it('takes a text of one level of （一） headings as its style, not a level misused', () => {
    const text =
      '2021年，我镇深入推进法律进机关、进乡村。\n(一)加强组织领导。镇党委统筹部署。\n(二)明确工作任务。制定实施方案。\n(三)加强信息报送。及时报送简报。\n';
    expect(rules(text, { profile: 'published' })).not.toContain('headings.level');
  });

  it('reads 1. beside 1、 at one level as mixed', () => {
    const text =
      '白沙镇2025年度法治政府建设情况报告\n\n2025年，白沙镇坚持依法行政。\n一、主要举措和成效\n（一）学法\n1.抓好学法。学法10次。\n2.抓好考试。考试1次。\n（二）普法\n1、开展主题宣传。宣传5场。\n2、开展送法下乡。送法3场。\n';
    expect(
      review(text, { profile: 'published' })
        .findings.filter((f) => f.rule === 'headings.mixed')
        .map((f) => f.text.slice(0, 2)),
    ).toEqual(['1、']);
  });

  it('reads 1. straight under one part beside （一） under another as a level left out, not mixed', () => {
    const text = (later: string) =>
      `白沙镇2025年度法治政府建设情况报告\n\n2025年，白沙镇坚持依法行政。\n一、主要举措和成效\n（一）学法\n1.抓好学法。学法10次。\n2.抓好考试。考试1次。\n（二）普法\n开展主题宣传5场。\n二、存在的不足和原因\n${later}执法力量不足。人员少。\n${later.replace('1', '2')}普法不够精准。内容少。\n`;
    const mixed = (t: string) =>
      review(t, { profile: 'published' })
        .findings.filter((f) => f.rule === 'headings.mixed')
        .map((f) => f.message);
    expect(mixed(text('1.'))).toEqual([]);
    expect(rules(text('1.'), { profile: 'published' })).toContain('headings.level');
    // The marks still agree with the 1. under （一）.
    expect(mixed(text('1、'))).toEqual(['“1、”与第6行的“1.”编号样式不一致']);
  });

  it('asks the plans’ own heading for the next year', () => {
    const text = REPORT('白沙镇2025年度法治政府建设情况报告').replace(
      '三、2026年度推进法治政府建设的主要安排',
      '三、2025年工作安排',
    );
    expect(
      review(text)
        .findings.filter((f) => f.rule === 'years.heading')
        .map((f) => f.text.slice(0, 9)),
    ).toEqual(['三、2025年工作']);
  });
});

describe('brackets in a web copy', () => {
  const unpaired = (line: string) => flagged(line, 'bracket.unpaired');

  it('pairs ASCII parentheses as well as full-width ones', () => {
    expect(unpaired('落实《法治政府建设实施纲要2021-2025年)》要求。')).toEqual(['纲要2021-2025年)']);
    expect(unpaired('落实《法治政府建设实施纲要(2021-2025年)》要求。')).toEqual([]);
    expect(unpaired('1)组织机关干部集中学法10次。')).toEqual([]);
    // A bracket left open by a document number cut short is the number's finding alone.
    const cut = '落实《工作要点》(璧山府办发〔202320文件精神,推进依法行政。';
    expect(unpaired(cut)).toEqual([]);
    expect(flagged(cut, 'docnum.broken')).toEqual(['〔202320']);
    expect(unpaired('落实《工作要点》(璧山府办发文件精神,推进依法行政。')).toEqual([
      '(璧山府办发文件精神,推进',
    ]);
  });

  it('flags a “ left open before the next one, but not quotation marks nested or doubled in place', () => {
    expect(unpaired('结合“3·15”、“平安建设宣传月、“12.4”等节日开展宣传。\n二、其他')).toEqual([
      '“平安建设宣传月、',
    ]);
    expect(unpaired('开展““4·15”全民国家安全教育日”活动。\n二、其他')).toEqual([]);
  });

  it('flags a 《 left open before the next title, even in a last line cut short', () => {
    expect(
      unpaired('对照《法治中国建设规划(2020-2025年)《法治政府建设实施纲要(2021-2025年)》抓落实。'),
    ).toEqual(['《法治中国建设规划(2020-2025年)']);
    const cut = review(
      '白沙镇2025年度法治政府建设情况报告\n\n落实《法治中国建设规划《法治社会建设实施纲要》',
      {
        profile: 'published',
      },
    );
    expect(cut.findings.filter((f) => f.rule === 'bracket.unpaired').map((f) => f.text)).toEqual([
      '《法治中国建设规划',
    ]);
  });

  it('reads a title within a title written with 《》 as one finding, not two unpaired marks', () => {
    const line =
      '按照《重庆市黔江区人民政府办公室关于印发《2024年全区法治政府建设工作要点》的通知》要求，推进依法行政。';
    expect(flagged(line, 'bracket.unpaired')).toEqual([]);
    expect(flagged(line, 'punct.booktitle')).toEqual(['《2024年全区法治政府建设工作要点》']);
    // A title never closed before the next begins is still unpaired.
    expect(flagged('落实《法治政府建设实施纲要，学习《宪法》。', 'bracket.unpaired')).toHaveLength(1);
  });

  it('marks an event’s name in 《》, not a document’s', () => {
    expect(flagged('组织开展《宪法宣传周》系列活动。', 'punct.booktitle')).toEqual(['《宪法宣传周》']);
    expect(flagged('印发《宪法宣传周活动方案》。', 'punct.booktitle')).toEqual([]);
  });

  it('takes the small forms of the hexagonal brackets (﹝﹞) in a document number as they look', () => {
    expect(flagged('按照《某某方案的通知》(国办发﹝2017﹞14号)要求。', 'docnum.bracket')).toEqual([]);
    expect(flagged('按照《某某方案的通知》(国办发[2017]14号)要求。', 'docnum.bracket')).toHaveLength(1);
  });

  it('reads a law of crime named in a list without 《》', () => {
    expect(flagged('重点学习宪法、民法典、反有组织犯罪法等法律。', 'punct.booktitle')).toEqual([
      '反有组织犯罪法',
    ]);
  });
});

describe('characters lost in conversion', () => {
  it('flags a ? inside a sentence, with or without stray letters, but not a question', () => {
    const found = (t: string) =>
      review(REPORT('白沙镇2025年度法治政府建设情况报告').replace('坚持依法行政。', t)).findings;
    const artifact = (t: string) =>
      found(t)
        .filter((f) => f.rule === 'format.artifact')
        .map((f) => f.text);
    expect(artifact('坚持依法行政,提升了管理水平?,F将工作报告如下。')).toEqual(['?,F']);
    expect(artifact('坚持依法行政?全面推进。')).toEqual(['?']);
    expect(artifact('坚持依法行政。如何让群众满意?我们持续改进。')).toEqual([]);
  });
});

describe('rates in a .docx table', () => {
  const cell = (t: string) => new TableCell({ children: [new Paragraph({ children: [new TextRun(t)] })] });
  const docx = async (rows: string[][]) =>
    new Uint8Array(
      await Packer.toBuffer(
        new Document({
          sections: [
            {
              children: [
                new Paragraph('白沙镇2025年度法治政府建设情况报告'),
                new Paragraph('一、主要举措和成效'),
                new Table({ rows: rows.map((r) => new TableRow({ children: r.map(cell) })) }),
              ],
            },
          ],
        }),
      ),
    );
  const rateFindings = async (rows: string[][]) => {
    const [r] = reviewDocuments([{ name: 't.docx', bytes: await docx(rows) }]);
    return (r as ReviewResult).findings.filter((f) => f.rule === 'figures.rate');
  };

  it('finds a rate below 化解 ÷ 排查, in rows or under a header', async () => {
    expect(
      await rateFindings([
        ['排查矛盾纠纷', '50'],
        ['化解矛盾纠纷', '48'],
        ['化解率', '90%'],
      ]),
    ).toMatchObject([
      { text: '90', message: '表格中化解率90%与所列数字不符：化解矛盾纠纷48÷排查矛盾纠纷50＝96%' },
    ]);
    expect(
      await rateFindings([
        ['排查（件）', '化解（件）', '化解率'],
        ['50', '48', '90%'],
      ]),
    ).toHaveLength(1);
  });

  it('takes a rate on a stated base, and one above 化解 ÷ 排查 that may be on the concluded ones', async () => {
    expect(
      await rateFindings([
        ['排查矛盾纠纷', '50'],
        ['已办结', '40'],
        ['化解矛盾纠纷', '38'],
        ['化解率', '95%'],
      ]),
    ).toEqual([]);
    expect(
      await rateFindings([
        ['排查矛盾纠纷', '50'],
        ['化解矛盾纠纷', '38'],
        ['化解率', '95%'],
      ]),
    ).toEqual([]);
  });
});

describe('templates shared by many reports', () => {
  const TEMPLATE =
    '我镇坚持把矛盾纠纷多元化解作为基层治理的重要抓手，建立镇村组三级调解网络，推行一站式受理、一揽子调处、全链条解决的工作模式，做到小事不出村、大事不出镇、矛盾不上交。';
  const report = (i: number, withTemplate: boolean) =>
    `${'甲乙丙丁戊己庚辛壬癸子丑'[i]}山镇2025年度法治政府建设情况报告\n\n一、主要举措和成效\n` +
    `全镇第${i + 1}片区开展了第${i * 7 + 3}轮走访，${'春夏秋冬'[i % 4]}季组织村民议事${i + 2}场，围绕${['水利', '道路', '林地', '宅基地', '养老', '教育', '医保', '农机', '电商', '旅游', '茶叶', '果园'][i]}问题形成台账。\n` +
    (withTemplate ? TEMPLATE + '\n' : '') +
    `二、存在的不足和原因\n${['人手少', '经费紧', '培训少', '设备旧', '任务重', '宣传弱', '队伍新', '制度缺', '考核松', '协调难', '底数不清', '信息滞后'][i]}，原因是重视不够。\n`;

  it('reports a passage more than five reports share, with the count and the reports', () => {
    const files = Array.from({ length: 10 }, (_, i) => ({ name: `r${i}.txt`, bytes: enc(report(i, i < 7)) }));
    const out = reviewDocuments(files) as ReviewResult[];
    expect(out.some(isError)).toBe(false);
    const t = out[0]!.findings.filter((f) => f.rule === 'similarity.template');
    expect(t).toHaveLength(1);
    expect(t[0]!.text).toContain('一站式受理');
    expect(t[0]!.reports).toEqual(['r0.txt', 'r1.txt', 'r2.txt', 'r3.txt', 'r4.txt', 'r5.txt', 'r6.txt']);
    expect(t[0]!.message).toMatch(/^模板段落：7份报告含有这段相同文字/);
    expect(out[8]!.findings.map((f) => f.rule)).not.toContain('similarity.template');
    // The pairwise copying stays as it was: a template is not copying between two.
    expect(out[0]!.similarity).toEqual([]);
  });

  it('does not call a passage three reports share a template', () => {
    const files = Array.from({ length: 10 }, (_, i) => ({ name: `r${i}.txt`, bytes: enc(report(i, i < 3)) }));
    const out = reviewDocuments(files) as ReviewResult[];
    expect(out.flatMap((r) => r.findings).filter((f) => f.rule === 'similarity.template')).toEqual([]);
    expect(out[0]!.similarity.map((s) => s.other)).toEqual(['r1.txt', 'r2.txt']);
  });
});
