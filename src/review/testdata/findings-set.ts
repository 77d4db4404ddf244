/**
 * Labelled findings for the reviewer's checks: short reports written for this set (no text of real
 * reports), each with the findings (warning or error) a careful reader expects: rule id and a piece
 * of the offending text. Cases with no findings guard against noise. Used by findings-set.test.ts
 * and by `npm run eval:review`.
 */
export interface FindingCase {
  name: string;
  text: string;
  year?: number;
  findings: [rule: string, text: string][];
}

interface Parts {
  /** Replaces the measures section's body (after its heading). */
  measures?: string;
  /** Replaces the title line. */
  title?: string;
  /** Replaces the 落款 (two lines). */
  signature?: string;
  /** Replaces the next-year section (heading and body). */
  plans?: string;
  /** Replaces the leader-duty section (heading and body). */
  leader?: string;
}

const MEASURES = `（一）健全工作机制
镇党委专题研究法治建设工作3次，制定年度工作要点。
（二）提升依法行政能力
组织机关干部集中学法10次，参训干部120人次。
（三）化解矛盾纠纷
全年排查矛盾纠纷40件，化解38件，化解率95%。`;

/** A clean report of `year` for 白沙镇 with one part replaced: the checks' findings come from the part. */
function report(year: number, p: Parts = {}): string {
  return `${p.title ?? `白沙镇人民政府关于${year}年度法治政府建设情况的报告`}

县委全面依法治县委员会：
${year}年，白沙镇坚持依法行政，各项工作有序推进。现将有关情况报告如下。

一、${year}年度推进法治政府建设的主要举措和成效
${p.measures ?? MEASURES}
二、存在的不足和原因
部分干部学法不够深入，主要原因是学习计划落实不严。
${p.leader ?? `三、党政主要负责人履行推进法治建设第一责任人职责情况\n镇党委书记主持召开专题会议研究法治建设4次，镇长带头讲法，亲自督办重点案件。`}
${p.plans ?? `四、${year + 1}年度推进法治政府建设的主要安排\n继续抓好干部学法，规范行政执法。`}
五、其他需要报告的情况
无。

${p.signature ?? `白沙镇人民政府\n${year + 1}年1月10日`}
`;
}

/** A third section that is not the leader-duty account. */
const OTHER_THREE = '三、推进依法决策情况\n落实合法性审查制度，审查规范性文件3件。';

const m = (body: string) => `${MEASURES}\n${body}`;

export const findingCases: FindingCase[] = [
  { name: 'clean report', text: report(2025), findings: [] },
  { name: 'clean report, 2024', text: report(2024), findings: [] },

  // Year consistency.
  {
    name: 'heading with last year',
    text: report(2025, { measures: MEASURES.replace('（二）提升依法行政能力', '（二）2024年度学法情况') }),
    findings: [['years.heading', '2024年']],
  },
  {
    name: 'heading with the report year',
    text: report(2025, { measures: MEASURES.replace('（二）提升依法行政能力', '（二）2025年度学法情况') }),
    findings: [],
  },
  {
    name: 'plans heading names the next year',
    text: report(2025, { plans: '四、2026年工作思路\n继续抓好干部学法。' }),
    findings: [],
  },
  {
    name: '20XX年以来 from last year',
    text: report(2025, { measures: m('2024年以来，镇司法所共接待法律咨询56人次。') }),
    findings: [['years.since', '2024年以来']],
  },
  {
    name: '20XX年以来 of the year and of the plan',
    text: report(2025, {
      measures: m('2025年以来，镇司法所共接待法律咨询56人次。2021年以来，累计培育学法用法示范户40户。'),
    }),
    findings: [],
  },
  {
    name: 'plan cited with wrong years',
    text: report(2025, { measures: m('对照《法治政府建设实施纲要（2022—2025年）》逐项落实。') }),
    findings: [['plan.period', '2022—2025']],
  },
  {
    name: 'plans cited with their periods',
    text: report(2025, {
      measures: m(
        '对照《法治政府建设实施纲要（2021—2025年）》和《法治社会建设实施纲要（2020—2025年）》逐项落实，“八五”普法规划（2021—2025年）全面完成。',
      ),
    }),
    findings: [],
  },
  {
    name: '法治社会纲要 and 八五 with wrong years',
    text: report(2025, {
      measures: m('落实《法治社会建设实施纲要（2021—2025年）》，推进“八五”普法规划（2021—2026年）。'),
    }),
    findings: [
      ['plan.period', '2021—2025'],
      ['plan.period', '2021—2026'],
    ],
  },
  {
    name: 'plans that ended, in a 2026 report',
    text: report(2026, {
      measures: m('以“八五”普法为主线开展宣传，对照《法治政府建设实施纲要（2021—2025年）》逐项落实。'),
    }),
    findings: [
      ['plan.expired', '八五'],
      ['plan.expired', '法治政府建设实施纲要（2021—2025年）'],
    ],
  },
  {
    name: 'plans that ended, looked back on in a 2026 report',
    text: report(2026, { measures: m('“八五”普法总结验收顺利完成。') }),
    findings: [],
  },
  {
    name: 'title, 落款 and body on different years',
    text: report(2025, {
      title: '白沙镇人民政府关于2024年度法治政府建设情况的报告',
      signature: '白沙镇人民政府\n2026年1月10日',
    }),
    findings: [['meta.year', '2024年']],
  },
  {
    name: '落款 two years later',
    text: report(2024, { signature: '白沙镇人民政府\n2026年3月2日' }),
    findings: [['meta.year', '2026年']],
  },
  {
    name: 'title and 落款 name different townships',
    text: report(2025, { signature: '青山镇人民政府\n2026年1月10日' }),
    findings: [['meta.org', '青山镇']],
  },

  {
    name: "last year's work plan as this year's basis",
    text: report(2025, { measures: m('按照《2024年白沙镇普法依法治理工作要点》开展工作。') }),
    findings: [['years.cited', '2024年白沙镇普法依法治理工作要点']],
  },
  {
    name: "this year's work plan, and last year's summed up",
    text: report(2025, {
      measures: m(
        '按照《2025年白沙镇普法依法治理工作要点》开展工作，总结《2024年白沙镇普法依法治理工作要点》落实情况。',
      ),
    }),
    findings: [],
  },
  {
    name: 'title without the year',
    text: report(2025, { title: '白沙镇人民政府关于法治政府建设情况的报告' }),
    findings: [['title.year', '白沙镇人民政府关于法治政府建设情况的报告']],
  },
  {
    name: 'year without 年',
    text: report(2025, { title: '白沙镇2025法治政府建设年度报告' }),
    findings: [['word.missing', '2025法治']],
  },

  // Heading syntax and numbering.
  {
    name: 'missing left bracket',
    text: report(2025, { measures: MEASURES.replace('（二）提升', '二）提升') }),
    findings: [['headings.syntax', '二）']],
  },
  {
    name: 'missing right bracket',
    text: report(2025, { measures: MEASURES.replace('（三）化解', '（三化解') }),
    findings: [['headings.syntax', '（三']],
  },
  {
    name: 'half-width brackets among full-width ones',
    text: report(2025, { measures: MEASURES.replace('（二）提升', '(二)提升') }),
    findings: [['headings.syntax', '(二)']],
  },
  {
    name: 'skipped number at level 2',
    text: report(2025, {
      measures: MEASURES.replace('（二）提升依法行政能力\n组织机关干部集中学法10次，参训干部120人次。\n', ''),
    }),
    findings: [['headings.gap', '（三）']],
  },
  {
    name: 'skipped number at level 3',
    text: report(2025, {
      measures: m('1.集中学法\n每月学法一次。\n3.旁听庭审\n组织旁听庭审活动。'),
    }),
    findings: [['headings.gap', '3.旁听庭审']],
  },
  {
    name: 'top-level part numbered 5、',
    text: report(2025).replace('五、其他需要报告的情况', '5、其他需要报告的情况'),
    findings: [['headings.mixed', '5、其他']],
  },
  {
    name: 'unusual plans heading',
    text: report(2025, { plans: '四、今后工作方向\n继续抓好干部学法。' }),
    findings: [],
  },

  // Document numbers.
  {
    name: 'document numbers mangled',
    text: report(2025, {
      measures: m(
        '印发《白沙镇法治建设工作要点》（白政发〔202526号）；制定《学法制度》（白政发[2025]27号）；印发《执法规范》（白政办发(2025)28号）；转发通知（白政发〔2025〕29）。',
      ),
    }),
    findings: [
      ['docnum.broken', '〔202526号'],
      ['docnum.bracket', '[2025]27号'],
      ['docnum.bracket', '(2025)28号'],
      ['docnum.noHao', '〔2025〕29'],
    ],
  },
  {
    name: 'document number well formed',
    text: report(2025, { measures: m('印发《白沙镇法治建设工作要点》（白政发〔2025〕26号）。') }),
    findings: [],
  },

  // Rates against counts.
  {
    name: 'rate in the next sentence',
    text: report(2025, { measures: m('全年共排查各类矛盾纠纷60件，化解50件。矛盾纠纷化解率达98%。') }),
    findings: [['figures.rate', '98%']],
  },
  {
    name: 'rate in the next sentence that agrees',
    text: report(2025, { measures: m('全年共排查各类矛盾纠纷60件，化解57件。矛盾纠纷化解率达95%。') }),
    findings: [],
  },
  {
    name: 'rate in Chinese numerals',
    text: report(2025, { measures: m('排查矛盾纠纷50件，化解45件，化解率百分之九十八。') }),
    findings: [['figures.rate', '百分之九十八']],
  },
  {
    name: 'count worded 调处',
    text: report(2025, { measures: m('摸排矛盾纠纷32起，成功调处24起，调处成功率93.8%。') }),
    findings: [['figures.rate', '93.8%']],
  },

  // Brackets and names.
  {
    name: 'closing bracket without its opening one',
    text: report(2025, { measures: m('对照《法治政府建设实施纲要2021—2025年）》逐项落实。') }),
    findings: [['bracket.unpaired', '纲要2021—2025年）']],
  },
  {
    name: 'opening bracket never closed',
    text: report(2025, { measures: m('认真学习《中华人民共和国行政复议法，提升依法行政能力。') }),
    findings: [['bracket.unpaired', '《中华人民共和国']],
  },
  {
    name: 'list numbers and nested brackets',
    text: report(2025, {
      measures: m(
        '学习内容包括：\n1）宪法；\n2）民法典。\n印发《白沙镇学法制度（试行）》（白政发〔2025〕3号）。',
      ),
    }),
    findings: [],
  },
  {
    name: 'the regulation on first responsibility misnamed',
    text: report(2025, {
      measures: m('学习《党政主要负责人履行推进法治政府建设第一责任人职责规定》。'),
    }),
    findings: [['law.title', '履行推进法治政府建设第一责任人职责规定']],
  },

  {
    name: 'a law named without 书名号',
    text: report(2025, { measures: m('组织干部学习中华人民共和国宪法，开展《中华人民共和国民法典》宣传。') }),
    findings: [['punct.booktitle', '中华人民共和国宪法']],
  },

  // Word slips.
  {
    name: 'word slips',
    text: report(2025, {
      measures: m(
        '认真整改历届督察反馈的问题，历次领导班子都重视法治建设，学习党的二十大和历届全会精神。截止目前，开展法治讲座6余次，举办““宪法宣传周””活动。',
      ),
    }),
    findings: [
      ['wording.lijie', '历届'],
      ['wording.lijie', '历次'],
      ['wording.lijie', '历届'],
      ['wording.jiezhi', '截止'],
      ['wording.yu', '6余次'],
      ['wording.quotes', '““'],
      ['wording.quotes', '””'],
    ],
  },
  {
    name: 'a count without its measure word, and a word left out',
    text: report(2025, { measures: m('实现全镇47公职人员学法全覆盖，落实第一责任职责。') }),
    findings: [
      ['wording.slip', '47公职人员'],
      ['word.missing', '第一责任职责'],
    ],
  },
  {
    name: 'words used rightly',
    text: report(2025, {
      measures: m(
        '历届领导班子重视法治建设，历次检查发现的问题均已整改。截至目前，开展法治讲座10余次，举办“宪法宣传周”活动。报名截止时间为3月1日。',
      ),
    }),
    findings: [],
  },
  {
    name: 'half-width quotation marks',
    text: report(2025, { measures: m('推行"法治讲堂+业务讲堂"模式，开展“法律明白人”培训。') }),
    findings: [['wording.quotes', '"法治讲堂']],
  },
  {
    name: '法制 in 法治政府 context',
    text: report(2025, { measures: m('扎实推进法制政府建设，开展法制宣传活动。') }),
    findings: [
      ['wording.fazhi', '法制政府'],
      ['wording.fazhi', '法制宣传'],
    ],
  },

  // Noise.
  {
    name: 'traditional characters are no first person',
    text: report(2025, { measures: m('我鄉堅持依法行政，我鎮幹部積極學法。') }),
    findings: [],
  },
  {
    name: 'first person singular',
    text: report(2025, { measures: m('我高度重视法治建设。') }),
    findings: [['wording.firstPerson', '我高度重视']],
  },
  {
    name: 'first responsibility in a passing clause',
    text: report(2025, {
      leader: OTHER_THREE,
      measures: m('镇党政主要负责人履行推进法治建设第一责任人职责，各项工作有序开展。'),
    }),
    findings: [['parts.leaderDuty', '']],
  },
  {
    name: 'first responsibility as what the leaders did, without the words',
    text: report(2025, {
      leader: OTHER_THREE,
      measures: m('镇党委书记主持召开党委会研究法治工作5次，镇长带头讲法2次，亲自督办疑难信访件。'),
    }),
    findings: [],
  },
  {
    name: 'a 文号 in brackets, 截止 a date, 8余场',
    text: report(2025, {
      measures: m('依据白政发（2025）12号文件，截止2025年12月31日开展法律讲座8余场。'),
    }),
    findings: [
      ['docnum.bracket', '（2025）12号'],
      ['wording.jiezhi', '截止'],
      ['wording.yu', '8余场'],
    ],
  },
  {
    name: 'a law without 《》, an empty title, a misnamed 习近平法治思想, 历中全会, 书记镇长, 较好的完成',
    text: report(2025, {
      measures: m(
        '以习近平新时代中国特色社会主义法治思想为指导，贯彻二十届历中全会精神，由党委书记镇长任组长，落实《贯彻落实<>的具体措施》，组织行政复议法学习1次，较好的完成了年度目标。',
      ),
    }),
    findings: [
      ['wording.term', '习近平新时代中国特色社会主义法治思想'],
      ['wording.slip', '历中全会'],
      ['punct.missing', '书记镇长'],
      ['punct.booktitle', '<>'],
      ['punct.booktitle', '行政复议法'],
      ['wording.de', '较好的完成'],
    ],
  },
  {
    name: 'a list without its first point, 建 without 设, 第一责任制度, 《乡村振兴法》',
    text: report(2025, {
      measures: m('镇党委统筹推进法治政府建工作。二是严格落实第一责任制度，三是组织学习《乡村振兴法》。'),
    }),
    findings: [
      ['word.missing', '法治政府建'],
      ['list.gap', '二是严格落实'],
      ['word.missing', '第一责任制度'],
      ['law.title', '《乡村振兴法》'],
    ],
  },
  {
    name: 'a clause without its 在, a plenum without its 届, 现就…情况如下, 第一人责任, 以上效下, “十四五”规范, 系统性的推进',
    text: report(2025, {
      measures: m(
        '2025年，县委县政府的正确领导下，镇党委学习党的二十大和历次全会精神，落实“十四五”规范，严格落实第一人责任，以上效下抓学法。现就学法情况如下：坚持“十四五”规范化建设，系统性的推进依法行政。',
      ),
    }),
    findings: [
      ['word.missing', '县委县政府的正确领导下'],
      ['word.missing', '二十大和历次全会'],
      ['wording.slip', '“十四五”规范'],
      ['wording.slip', '第一人责任'],
      ['wording.slip', '以上效下'],
      ['word.missing', '情况如下'],
      ['wording.de', '系统性的推进'],
    ],
  },
  {
    name: 'the first-responsibility regulation without 《》; a law that lost only its opening 《',
    text: report(2025, {
      measures: m(
        '认真落实党政主要负责人履行推进法治建设第一责任人职责规定，组织学习《中华人民共和国宪法》中华人民共和国民法典》等法律。',
      ),
    }),
    findings: [
      ['punct.booktitle', '党政主要负责人履行推进法治建设第一责任人职责规定'],
      ['bracket.unpaired', '》中华人民共和国民法典》'],
    ],
  },
  {
    name: 'first responsibility as actions in the measures',
    text: report(2025, {
      leader: OTHER_THREE,
      measures: m(
        '镇党委书记切实履行推进法治建设第一责任人职责，主持召开专题会议4次，带头讲法2次，亲自督办信访积案。',
      ),
    }),
    findings: [],
  },
];
