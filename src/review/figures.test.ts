import { describe, expect, it } from 'vitest';
import { extractFigures } from './figures.ts';
import { parseChineseNumeral, parseChinesePercent } from './numerals.ts';
import { cellTables, flatTables, spacedTables, tableFigures } from './table-figures.ts';
import type { TableRow } from './types.ts';

const figs = (t: string) => extractFigures(t).map((f) => [f.key, f.value, f.unit, f.approx]);
const keyed = (t: string) => extractFigures(t).map((f) => [f.key, f.value]);

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

  it('gives each name of a list its own count (分别), and one count to each item (各)', () => {
    expect(figs('全年开展执法检查、发现问题、整改到位分别为46次、52处、49处。')).toEqual([
      ['enforcement.inspections', 46, '次', false],
      ['enforcement.problems_found', 52, '处', false],
      ['enforcement.problems_rectified', 49, '处', false],
    ]);
    // As many counts as names, or the list is not read by position (the first name's key).
    expect(figs('发现问题、整改到位分别为52处。').map((f) => f[0])).toEqual([
      'enforcement.problems_rectified',
    ]);
    expect(figs('组织法治专题讲座和学法考试各4场，参考干部56人。')).toEqual([
      ['study.sessions', 4, '场', false],
      ['study.exam_sessions', 4, '场', false],
      ['study.exam_takers', 56, '人', false],
    ]);
  });

  it('reads a label before a colon, who sat an exam listed before the verb, and rates said by a verb', () => {
    expect(figs('干部学法考试：全年共组织2轮，参考干部百分之百通过。')).toEqual([
      ['study.exam_sessions', 2, '轮', false],
      ['study.exam_pass_rate', 100, '%', false],
    ]);
    // A clause with a verb of its own is not the label's (按期答复 is no request).
    expect(figs('依申请公开：收到申请2件，按期答复2件。').map((f) => f[0])).toEqual([
      'disclosure.requests',
      'other',
    ]);
    expect(figs('全镇136名机关干部、事业人员全部参加网上学法考试。')).toEqual([
      ['study.exam_takers', 136, '名', false],
    ]);
    expect(figs('组织干部100%参加学法考试。')).toEqual([['study.exam_participation_rate', 100, '%', false]]);
    // A count done this year after the years since (2021年以来累计…46期，本年度举办9期).
    expect(figs('2021年以来累计开展法治培训46期，本年度举办9期。').map((f) => f[1])).toEqual([46, 9]);
    expect(figs('2021年以来累计开展法治培训46期，本年度举办9期。')[1]![0]).toBe('study.sessions');
  });

  it('reads parts by kind, a rate reached against its target, and leaves what is left or per event', () => {
    expect(figs('全年排查各类矛盾纠纷137件，其中邻里纠纷52件、婚姻家庭纠纷31件。').map((f) => f[0])).toEqual([
      'disputes.found',
      'disputes.found',
      'disputes.found',
    ]);
    // Not a part of other words (其中90分以上112人).
    expect(figs('实际参考144人，其中90分以上112人。').map((f) => f[0])).toEqual([
      'study.exam_takers',
      'other',
    ]);
    expect(figs('年初县里下达的矛盾纠纷化解率目标为95%，我镇实际达到98.2%。')).toEqual([
      ['other', 95, '%', false],
      ['disputes.resolution_rate', 98.2, '%', false],
    ]);
    // Written in words, the same: a rate reads its name one way whether in digits or in words.
    expect(figs('矛盾纠纷化解率目标为95%，我镇实际达到百分之九十八。').map((f) => f[0])).toEqual([
      'other',
      'disputes.resolution_rate',
    ]);
    expect(figs('排查燃气隐患二十三处，已整改到位二十一处，剩余两处正在限期整改。').map((f) => f[1])).toEqual(
      [23, 21],
    );
    expect(figs('到场群众少则30人、多则上百人。').map((f) => f[0])).toEqual(['other', 'other']);
    expect(figs('在全乡9个村划分网格27个。')).toEqual([
      ['other', 9, '个', false],
      ['grid.grids', 27, '个', false],
    ]);
    // A report heard at a meeting; bodies named before what they did; 分别 with a verb.
    expect(
      figs('全年3次主持召开党委会议专题研究依法治乡工作，1次在乡政府常务会上听取法治政府建设专项汇报。').map(
        (f) => f[0],
      ),
    ).toEqual(['leadership.meetings', 'leadership.reports_heard']);
    expect(
      figs('街道党工委会、主任办公会研究法治建设议题、听取依法行政工作汇报分别为6次和2次。').map((f) => f[0]),
    ).toEqual(['leadership.meetings', 'leadership.reports_heard']);
    expect(
      figs('党委理论学习中心组、党委会会前学法、机关干部集中学法分别开展4次、15次、8次。').map((f) => f[0]),
    ).toEqual(['study.center_group', 'study.sessions', 'study.sessions']);
    // A review of which the sentence gives the contracts as a part; a table's cells take no label.
    expect(figs('对合同协议开展合法性审查17件，其中审查合同15份。').map((f) => f[0])).toEqual([
      'legal.reviews',
      'legal.contracts_reviewed',
    ]);
    expect(figs('权力清单：行政处罚事项\t6项\t6项').map((f) => f[0])).toEqual(['powers.penalty', 'other']);
    // Contracts and other matters (合同协议等) reviewed are reviews; contracts of several kinds are contracts.
    expect(figs('对合同协议等开展合法性审查17件。').map((f) => f[0])).toEqual(['legal.reviews']);
    expect(figs('对镇政府签订的工程建设、资产租赁等合同开展合法性审查52件。').map((f) => f[0])).toEqual([
      'legal.contracts_reviewed',
    ]);
    // A colon's label for a clause that only says where it was put out.
    expect(figs('主动公开信息：政府网站发布152条，政务新媒体发布97条。').map((f) => f[0])).toEqual([
      'disclosure.items',
      'disclosure.items',
    ]);
  });

  it('counts a figure under both steps one verb names (排查化解, 发现并整改)', () => {
    expect(figs('全年共排查化解各类矛盾纠纷87件，化解率100%，其中通过诉前调解化解13件。')).toEqual([
      ['disputes.found', 87, '件', false],
      ['disputes.resolved', 87, '件', false],
      ['disputes.resolution_rate', 100, '%', false],
      ['disputes.pre_litigation', 13, '件', false],
    ]);
    expect(figs('发现并整改各类问题隐患121处。').map((f) => f[0])).toEqual([
      'enforcement.problems_found',
      'enforcement.problems_rectified',
    ]);
    // Not when the sentence gives the other step its own figure.
    expect(figs('全年排查化解矛盾纠纷45件，成功化解43件。')).toEqual([
      ['disputes.found', 45, '件', false],
      ['disputes.resolved', 43, '件', false],
    ]);
  });

  it('reads tables a web page flattened into prose, by row, by column and by year', () => {
    const read = (t: string) =>
      tableFigures(flatTables(t)).map((f) => [f.key, f.value, t.slice(f.start, f.end)]);
    expect(read('指标名称 完成数 排查矛盾纠纷（件） 94 化解（件） 92 化解率（%） 97.9')).toEqual([
      ['disputes.found', 94, '94'],
      ['disputes.resolved', 92, '92'],
      ['disputes.resolution_rate', 97.9, '97.9'],
    ]);
    expect(read('执法检查（次）｜发现问题（个）｜整改到位（个）：45｜67｜61')).toEqual([
      ['enforcement.inspections', 45, '45'],
      ['enforcement.problems_found', 67, '67'],
      ['enforcement.problems_rectified', 61, '61'],
    ]);
    // Last year's column is not this year's value.
    expect(read('主要数据如下：项目 上年 本年；排查纠纷（件） 120 134；化解率（%） 96.7 97.8。')).toEqual([
      ['disputes.found', 134, '134'],
      ['disputes.resolution_rate', 97.8, '97.8'],
    ]);
    // Two values with no header saying which year: neither is taken; nor a digit run split in two.
    expect(read('排查纠纷（件） 120 134。排查纠纷（件） 1234567890123')).toEqual([]);
  });

  it('reads Chinese numerals and approximations', () => {
    expect(figs('受教育群众两万余人次，发放宣传资料2万多份(册)，开展普法活动二十场。')).toEqual([
      ['publicity.audience', 20000, '人次', true],
      ['publicity.materials', 20000, '份', true],
      ['publicity.events', 20, '场', false],
    ]);
    const near = extractFigures('发现各类隐患近300处。')[0]!;
    expect([near.qualifier, near.text, near.approx]).toEqual(['近', '近300处', true]);
    // 一 with a unit ends its clause after what it counts; elsewhere it is an article or a motto.
    expect(keyed('作出重大行政决策一项（镇区道路改造方案），行政诉讼案件一件。')).toEqual([
      ['decisions.major', 1],
      ['litigation.cases', 1],
    ]);
    expect(keyed('安排一名干部和群众一起，做到调处一件、巩固一件。')).toEqual([]);
    expect(keyed('在编执法队员三十六名，全部持有行政执法证。')).toEqual([
      ['enforcement.certified_officers', 36],
    ]);
    // Blanks beside the digits: the 万 and the 余 still belong to the number, a part to its total.
    expect(keyed('发放宣传资料1.2 万份、折页6800 余份。')).toEqual([
      ['publicity.materials', 12000],
      ['publicity.materials', 6800],
    ]);
    expect(keyed('排查矛盾纠纷 137 件，其中邻里纠纷 52 件。')).toEqual([
      ['disputes.found', 137],
      ['disputes.found', 52],
    ]);
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

  it('reads the power list by category', () => {
    expect(
      figs(
        '梳理权力清单事项30项，其中行政处罚9项、行政许可4项、行政强制2项、其他行政权力3项，县级赋权12项。',
      ),
    ).toEqual([
      ['powers.total', 30, '项', false],
      ['powers.penalty', 9, '项', false],
      ['powers.licensing', 4, '项', false],
      ['powers.enforcement_measures', 2, '项', false],
      ['powers.other', 3, '项', false],
      ['powers.delegated', 12, '项', false],
    ]);
    // Without the list, 行政处罚 is still the penalties decided.
    expect(figs('依法作出行政处罚6件。')).toEqual([['enforcement.penalties', 6, '件', false]]);
  });

  it('tells petitions resolved from petitions closed and from disputes', () => {
    expect(figs('全年受理信访事项20件，化解18件，已办结19件，其中按期办结17件。')).toEqual([
      ['petitions.cases', 20, '件', false],
      ['petitions.resolved', 18, '件', false],
      ['other', 19, '件', false],
      ['other', 17, '件', false],
    ]);
    expect(figs('排查矛盾纠纷和信访问题40件，化解38件。')).toEqual([
      ['disputes.found', 40, '件', false],
      ['disputes.resolved', 38, '件', false],
    ]);
  });

  it('reads who took part in study, and requests for disclosure', () => {
    expect(figs('组织集中学法12次，累计参学530人次。')).toEqual([
      ['study.sessions', 12, '次', false],
      ['study.trainees', 530, '人次', false],
    ]);
    expect(figs('办理政府信息公开申请3件。')).toEqual([['disclosure.requests', 3, '件', false]]);
  });

  it('does not take what is left undone, a quota per village or a target as the count', () => {
    expect(figs('发现问题40处，整改到位37处，尚有3处未整改到位。')).toEqual([
      ['enforcement.problems_found', 40, '处', false],
      ['enforcement.problems_rectified', 37, '处', false],
      ['other', 3, '处', false],
    ]);
    expect(figs('培养法律明白人35名，实现每村不少于3名法律明白人。')).toEqual([
      ['publicity.legal_literates', 35, '名', false],
      ['other', 3, '名', true],
    ]);
    expect(figs('组织学法考试，确保参考率达到100%。')).toEqual([['other', 100, '%', false]]);
    expect(figs('参考率达到96.5%。')).toEqual([['study.exam_participation_rate', 96.5, '%', false]]);
  });

  it('counts the noun after quoted titles, not the titles, and no deadline as disputes resolved', () => {
    expect(figs('“规范重大行政决策程序”、“建好法律顾问队伍”等工作安排2项尚未完成。')).toEqual([
      ['other', 2, '项', false],
    ]);
    expect(figs('对“甲村宅基地纠纷”等矛盾纠纷3件逐件明确化解时限。')).toEqual([['other', 3, '件', false]]);
    expect(figs('排查矛盾纠纷40件，化解37件，尚有3件未化解。')).toEqual([
      ['disputes.found', 40, '件', false],
      ['disputes.resolved', 37, '件', false],
      ['other', 3, '件', false],
    ]);
  });
});

describe('wording, traps and sentences', () => {
  it('reads materials, trainees, study and publicity worded without the usual nouns', () => {
    expect(figs('发放《民法典》小册子600册，培训覆盖镇村干部320人，举办法治专题培训班四期。')).toEqual([
      ['publicity.materials', 600, '册', false],
      ['study.trainees', 320, '人', false],
      ['study.sessions', 4, '期', false],
    ]);
    expect(figs('开展集中宣传16场，法律进校园6次，流动课堂9次。').map((f) => f[0])).toEqual([
      'publicity.events',
      'publicity.events',
      'publicity.events',
    ]);
  });

  it('takes no rule count, frequency or target as a figure of the year', () => {
    expect(figs('严格落实重大行政决策5项必经程序。')).toEqual([]);
    expect(
      figs('坚持每两月1次集中学法，中心组每季度至少1次专题学法，入户走访1次/月。').map((f) => f[0]),
    ).toEqual(['other', 'other', 'other']);
    expect(figs('确保参考率不低于95%。').map((f) => f[0])).toEqual(['other']);
  });

  it('reads rates written in words', () => {
    expect(figs('化解率达到百分之九十八点五，出庭率为百分之百。')).toEqual([
      ['disputes.resolution_rate', 98.5, '%', false],
      ['litigation.leader_appearance_rate', 100, '%', false],
    ]);
    expect(parseChinesePercent('九十八')).toBe(98);
    expect(parseChinesePercent('百')).toBe(100);
    expect(parseChinesePercent('九八')).toBeNull();
  });

  it('reads two counts joined by 和 each by its own words', () => {
    expect(figs('按计划完成中心组学法7次和其他学法2次。')).toEqual([
      ['study.center_group', 7, '次', false],
      ['study.sessions', 2, '次', false],
    ]);
    // With no words of its own, the second count is still of the list's kind.
    expect(figs('发放宣传资料3000份和宣传品500件。')).toEqual([
      ['publicity.materials', 3000, '份', false],
      ['publicity.materials', 500, '件', false],
    ]);
  });

  it('reads enforcement as a platform counts it, not the certificates taken back', () => {
    expect(figs('2023年度下达行政处罚决定84起，罚款8600元。')[0]).toEqual([
      'enforcement.penalties',
      84,
      '起',
      false,
    ]);
    expect(
      keyed('录入的案件总数为339(行政检查195件、行政处罚144件、行政强制0件)，其中适用简易程序137件。'),
    ).toEqual([
      ['enforcement.inspections', 195],
      ['enforcement.penalties', 144],
      ['other', 0],
      ['enforcement.penalties', 137],
    ]);
    expect(keyed('现有持证执法人员25人，2023年度依法注销执法证件2人。')).toEqual([
      ['enforcement.certified_officers', 25],
      ['other', 2],
    ]);
    expect(keyed('全年开展联合执法检查62次，发现违法建设、占道经营等问题153个，督促整改到位147个。')).toEqual(
      [
        ['enforcement.inspections', 62],
        ['enforcement.problems_found', 153],
        ['enforcement.problems_rectified', 147],
      ],
    );
    expect(keyed('执法检查：全年开展“双随机、一公开”抽查19次。')).toEqual([['enforcement.inspections', 19]]);
    // A hazard is a kind of problem found.
    expect(keyed('检查中发现各类问题46项，其中消防隐患21项、食品安全问题9项。')).toEqual([
      ['enforcement.problems_found', 46],
      ['enforcement.problems_found', 21],
      ['enforcement.problems_found', 9],
    ]);
  });

  it('reads meetings, reports and exams by the words a clerk uses', () => {
    // Work planned and deployed is not said to be meetings (a second reader's call).
    expect(keyed('街道党政主要领导先后主持谋划部署法治工作16次。')).toEqual([['other', 16]]);
    expect(keyed('法治政府建设工作情况先后3次在镇党委会上作专题汇报。')).toEqual([
      ['leadership.reports_heard', 3],
    ]);
    expect(keyed('镇党委听取法治政府建设工作汇报2次，另听取司法所等站所专项工作汇报6次。')).toEqual([
      ['leadership.reports_heard', 2],
      ['other', 6],
    ]);
    expect(keyed('安全生产方面，镇安委会全年召开专题会议10次。')).toEqual([['safety.meetings', 10]]);
    expect(keyed('参加线下培训10次，线上培训1次并全员通过考试考核。')).toEqual([
      ['study.sessions', 10],
      ['study.sessions', 1],
    ]);
    expect(keyed('年度学法考试于11月统一进行。全镇136名干部职工全部参加，参考率100%。')).toEqual([
      ['study.exam_takers', 136],
      ['study.exam_participation_rate', 100],
    ]);
    // An exam named a sentence earlier names its pass rates; one name given 分别 names every rate.
    expect(keyed('今年组织学法考试2场次。第一场合格率95.8%，全年总合格率97.9%。').slice(1)).toEqual([
      ['study.exam_pass_rate', 95.8],
      ['study.exam_pass_rate', 97.9],
    ]);
    expect(keyed('两次学法考试的参考率分别为100%和96%。').slice(1)).toEqual([
      ['study.exam_participation_rate', 100],
      ['study.exam_participation_rate', 96],
    ]);
  });

  it('reads reviews listed by kind, with the list’s verb and its sum', () => {
    expect(
      keyed('全年审查行政规范性文件、“三重一大”事项、镇政府合同分别为4件、9件、41件，合计审查54件。'),
    ).toEqual([
      ['legal.reviews', 4],
      ['legal.reviews', 9],
      ['legal.contracts_reviewed', 41],
      ['legal.reviews', 54],
    ]);
    expect(keyed('全年提交合法性审查事项58件，其中行政规范性文件3件、重大行政决策事项4件。')).toEqual([
      ['legal.reviews', 58],
      ['legal.reviews', 3],
      ['legal.reviews', 4],
    ]);
  });

  it('reads publicity for villagers and pupils, not books bought or one village’s grids', () => {
    expect(
      keyed('各村（居）以“板凳会”形式召集群众学法议事。全年累计召开板凳会93场，议定事项27件。'),
    ).toContainEqual(['publicity.events', 93]);
    expect(keyed('为全镇中小学生赠送读本600本，开展防溺水、防校园欺凌专题讲座7场。')).toEqual([
      ['publicity.materials', 600],
      ['publicity.events', 7],
    ]);
    expect(keyed('全年“法治大篷车”共巡演24场。')).toEqual([['publicity.events', 24]]);
    expect(keyed('投入资金12万元，购置法律书籍2300册。')).toEqual([
      ['other', 120000],
      ['other', 2300],
    ]);
    expect(keyed('兴隆屯作为试点，把全屯划成6个微网格。')).toEqual([['other', 6]]);
    expect(keyed('此外，各村根据自身实际自行组织防汛、消防演练共计20余次。')).toEqual([['other', 20]]);
  });

  it('reads the cells of a table flattened with bars by its row label', () => {
    expect(keyed('信访工作｜登记 39件｜化解 37件｜按期办结率 100%｜接访 212人次')).toEqual([
      ['petitions.cases', 39],
      ['petitions.resolved', 37],
      ['petitions.on_time_rate', 100],
      ['petitions.visits_received', 212],
    ]);
  });

  it('reads the wordings of whole reports: parts by kind, a list’s verb, talks to cadres', () => {
    expect(
      keyed('开展普法宣传活动87场次，分别面向居民、楼宇企业员工、青少年开展41场次、28场次、18场次。'),
    ).toEqual([
      ['publicity.events', 87],
      ['publicity.events', 41],
      ['publicity.events', 28],
      ['publicity.events', 18],
    ]);
    expect(keyed('全年开展“法律七进”活动三十二场次，其中“法治赶场”十场次、“法治院坝会”十四场次。')).toEqual([
      ['publicity.events', 32],
      ['publicity.events', 10],
      ['publicity.events', 14],
    ]);
    // A kind of the disputes found, not of those resolved just before it, after a rate and a 分号.
    expect(
      keyed('全镇排查矛盾纠纷625宗，化解607宗，化解率97.1%；其中劳资纠纷132宗，调处成功128宗。'),
    ).toEqual([
      ['disputes.found', 625],
      ['disputes.resolved', 607],
      ['disputes.resolution_rate', 97.1],
      ['disputes.found', 132],
      ['disputes.resolved', 128],
    ]);
    expect(
      keyed('全年排查矛盾纠纷54件，化解52件，化解率96.3%，其中涉及跨境婚姻、边民往来的纠纷8件。')[3],
    ).toEqual(['disputes.found', 8]);
    // A part in a unit of events is one of the events, whatever it is called.
    expect(keyed('壮汉双语普法活动57场次，其中法治山歌会9场次，2.1万人次的群众受教育。')).toEqual([
      ['publicity.events', 57],
      ['publicity.events', 9],
      ['publicity.audience', 21000],
    ]);
    // Counts given one by one for what the sentence named, the last after 和.
    expect(keyed('双语普法小分队每季度集中进村入寨，场次分别为8场、6场、7场和11场。')).toEqual([
      ['publicity.events', 8],
      ['publicity.events', 6],
      ['publicity.events', 7],
      ['publicity.events', 11],
    ]);
    // Contracts described at length before their count; officers who all hold certificates; a
    // second review (复审) of documents.
    expect(keyed('审查乡政府签订的易地扶贫搬迁安置点物业、产业项目租赁等合同协议十一份。')).toEqual([
      ['legal.contracts_reviewed', 11],
    ]);
    expect(keyed('街道综合执法队在编执法队员36名，全部持有行政执法证。')).toEqual([
      ['enforcement.certified_officers', 36],
    ]);
    expect(keyed('街道综合执法队在编执法队员36名，其中12名持有行政执法证。')[0]).toEqual(['other', 36]);
    expect(keyed('规范性文件和重大事项经司法所初审、法律顾问复审的17件，出具法律意见书17份。')).toEqual([
      ['legal.reviews', 17],
      ['legal.opinions', 17],
    ]);
    // A length of time, a mediation ended without a settlement, one who passed a qualification exam.
    expect(keyed('行政处罚决定信息在作出之日起7个工作日内公示，3个月内完成整改。')).toEqual([]);
    expect(keyed('受理调解各类矛盾纠纷22起,调处21起,调解终结1起。')).toEqual([
      ['disputes.found', 22],
      ['disputes.resolved', 21],
      ['other', 1],
    ]);
    expect(keyed('加强学习培训,1人顺利通过执法资格考试。')).toEqual([['other', 1]]);
    // The 中心组's study counted in 期.
    expect(keyed('党委理论学习中心组把法治内容列入年度学习计划，安排专题学法五期。')).toEqual([
      ['study.center_group', 5],
    ]);
    // The county's cases the township took on are the township's.
    expect(keyed('区法院委派的诉前调解案件48件由街道调委会承接。')).toEqual([
      ['disputes.pre_litigation', 48],
    ]);
    expect(keyed('区法院委派的诉前调解案件48件。')).toEqual([['other', 48]]);
    // A case explained to cadres and films on the law they watched are their study.
    expect(keyed('开展“以案述法”1场次,组织干部观看各类法治视频10余次。')).toEqual([
      ['study.sessions', 1],
      ['study.sessions', 10],
    ]);
    expect(keyed('组织村民观看法治视频5次。')).toEqual([['other', 5]]);
    // The office's own study after the 中心组's; a village's own events; disputes with the government;
    // checks of how work is done; all those due who sat; a bare count of literates trained; a lecture
    // among the study sessions, by the county's people invited; cases a court sent before trial.
    expect(keyed('中心组全年开展学法四次。乡机关坚持集中学法，全年集中学法10次。')).toEqual([
      ['study.center_group', 4],
      ['study.sessions', 10],
    ]);
    expect(keyed('阿瓦提村结合“民族团结一家亲”活动，由驻村干部和村民结对开展以案释法12场。')).toEqual([
      ['other', 12],
    ]);
    expect(keyed('羊排村还自发组织了“火塘夜话”普法6场。')).toEqual([['other', 6]]);
    expect(keyed('全乡各村开展普法活动30场。')).toEqual([['publicity.events', 30]]);
    expect(keyed('推动2起历史遗留的征迁争议实质性化解。')).toEqual([['other', 2]]);
    expect(keyed('年中、年末分两次开展督导检查。开展安全生产督导检查12次。')).toEqual([
      ['enforcement.inspections', 12],
    ]);
    expect(keyed('全镇87名应考人员全部按时参考。')).toEqual([['study.exam_takers', 87]]);
    expect(keyed('在每个村培养“法律明白人”，全乡共培养80名。')).toEqual([['publicity.legal_literates', 80]]);
    expect(keyed('全年组织集中学法12次，其中邀请县司法局、县人民法院干警开展专题法治讲座2次。')).toEqual([
      ['study.sessions', 12],
      ['study.sessions', 2],
    ]);
    expect(keyed('承接诉前委派调解案件187件。')).toEqual([['disputes.pre_litigation', 187]]);
    // The county's staff sent down to a team the township runs are counted as its officers.
    expect(keyed('县级部门下沉人员与镇综合行政执法队混编运行，队伍中持有行政执法证件的23名。')).toEqual([
      ['enforcement.certified_officers', 23],
    ]);
    // Reports heard counted before them; parts by field; contracts counted before their review.
    expect(keyed('乡政府常务会听取3次法治政府建设汇报。')).toEqual([['leadership.reports_heard', 3]]);
    expect(keyed('全年开展各类执法检查214次，其中城市管理领域126次、安全生产领域88次。')).toEqual([
      ['enforcement.inspections', 214],
      ['enforcement.inspections', 126],
      ['enforcement.inspections', 88],
    ]);
    expect(keyed('法律顾问对土地流转、工程建设等合同60余份进行合法性审查。')).toEqual([
      ['legal.contracts_reviewed', 60],
    ]);
    // After a 分号 without 其中, a count of the same unit is no part.
    expect(keyed('排查矛盾纠纷54件，化解52件；土地流转纠纷41件。')[2]).toEqual(['other', 41]);
    // One of the cases, told apart only by what it was about, is no kind of them.
    expect(
      keyed('共办理行政处罚一般程序案件14起，其中1起案由为擅自设立弃置场，其余13起均为露天焚烧秸秆案。')[1],
    ).toEqual(['other', 1]);
    expect(keyed('镇法律顾问全年审查各类文件和重大事项31件、合同协议26份，出具法律意见书15份。')).toEqual([
      ['legal.reviews', 31],
      ['legal.contracts_reviewed', 26],
      ['legal.opinions', 15],
    ]);
    // One count for documents and contracts together is the reviews'.
    expect(keyed('乡法律顾问全年审查乡政府各类文件、合同十六件。')).toEqual([['legal.reviews', 16]]);
    expect(keyed('乡党委书记为全乡干部讲授法治专题党课一次，乡长每月亲自接待来访群众。')).toEqual([
      ['study.sessions', 1],
    ]);
    expect(keyed('组织法庭工作人员深入移民村开展以案释法活动十二场，受教育群众约2100人次。')).toEqual([
      ['publicity.events', 12],
      ['publicity.audience', 2100],
    ]);
    expect(
      keyed('开展“法治进企业”“法治进村组”“法治进校园”活动，分别开展13场、19场、6场。').map((k) => k[0]),
    ).toEqual(['publicity.events', 'publicity.events', 'publicity.events']);
    expect(keyed('全镇12个行政村均有“法律明白人”，目前共48名。')[1]).toEqual([
      'publicity.legal_literates',
      48,
    ]);
    expect(keyed('村（社区）法治宣传栏27个，悬挂横幅42条。')).toEqual([
      ['other', 27],
      ['publicity.banners', 42],
    ]);
    expect(keyed('参考78人，另有2名干部因长期病假未能参考。')).toEqual([
      ['study.exam_takers', 78],
      ['other', 2],
    ]);
    expect(keyed('化解率：98.3%。')).toEqual([['disputes.resolution_rate', 98.3]]);
  });

  it('reads cases in 宗, a bare review or total after its subject, and campaigns named in quotation marks', () => {
    expect(keyed('全镇各级调解组织排查矛盾纠纷625宗，化解607宗。')).toEqual([
      ['disputes.found', 625],
      ['disputes.resolved', 607],
    ]);
    expect(keyed('各类矛盾纠纷58件经乡村两级调委会排查登记在册，化解56件。')).toEqual([
      ['disputes.found', 58],
      ['disputes.resolved', 56],
    ]);
    expect(keyed('镇政府出台的规范性文件、重大事项和合同一律提交法律顾问审查，全年审查33件。')).toEqual([
      ['legal.reviews', 33],
    ]);
    expect(keyed('全年审查各类合同57份，其中土地流转合同36份。')).toEqual([
      ['legal.contracts_reviewed', 57],
      ['legal.contracts_reviewed', 36],
    ]);
    expect(keyed('每村培养“法律明白人”不少于5名，全乡共75名。')).toEqual([
      ['other', 5],
      ['publicity.legal_literates', 75],
    ]);
    expect(keyed('镇政府常务会议坚持会前学法，一年下来学了22次。')).toEqual([['study.sessions', 22]]);
    expect(keyed('开展“法治进渔村、进渔港、进渔船”活动52场次。')).toEqual([['publicity.events', 52]]);
    expect(keyed('镇执法队会同派出所、市场监管所组织联合检查96次，查出燃气软管老化等问题213处。')).toEqual([
      ['enforcement.inspections', 96],
      ['enforcement.problems_found', 213],
    ]);
    expect(keyed('立案处罚392起，其中涉及垃圾分类的案件146起。')).toEqual([
      ['enforcement.penalties', 392],
      ['enforcement.penalties', 146],
    ]);
    expect(keyed('9月组织的学法考试中，应考的63名干部全部到考。')).toEqual([['study.exam_takers', 63]]);
    expect(keyed('受理纠纷445件，调解成功437件，成功率98.2%。')[2]).toEqual([
      'disputes.resolution_rate',
      98.2,
    ]);
  });

  it('gives each figure its sentence', () => {
    const t = '一、成效\n  全年开展普法活动28次。化解纠纷12件；其中诉前调解3件。';
    const fs = extractFigures(t);
    expect(fs.map((f) => f.sentence)).toEqual(['全年开展普法活动28次', '化解纠纷12件', '其中诉前调解3件']);
    for (const f of fs)
      expect(t.slice(f.sentenceStart, f.sentenceStart + f.sentence.length)).toBe(f.sentence);
  });
});

/** Table rows as the reader lays them out: cells joined by tabs, one line each. */
function rows(lines: readonly string[][]): TableRow[] {
  let start = 0;
  return lines.map((cells) => {
    const row = { cells: [...cells], start };
    start += cells.join('\t').length + 1;
    return row;
  });
}

describe('tableFigures', () => {
  it("reads this year's column, not last year's or the change", () => {
    const t = rows([
      ['指标', '本年', '上年', '增减'],
      ['排查矛盾纠纷', '45件', '50件', '-10%'],
      ['化解率', '97.8%', '96%', '+1.8个百分点'],
    ]);
    expect(tableFigures([t]).map((f) => [f.key, f.value])).toEqual([
      ['disputes.found', 45],
      ['disputes.resolution_rate', 97.8],
    ]);
  });

  it('names a rate by the rows just above it', () => {
    const t = rows([
      ['指标', '数值'],
      ['化解矛盾纠纷', '44件'],
      ['化解率', '97.8%'],
      ['满意率', '95%'],
      ['网格员', '60名'],
    ]);
    expect(tableFigures([t]).map((f) => [f.key, f.value])).toEqual([
      ['disputes.resolved', 44],
      ['disputes.resolution_rate', 97.8],
      ['disputes.satisfaction_rate', 95],
      ['grid.members', 60],
    ]);
    const worded = rows([
      ['指标', '数值'],
      ['化解矛盾纠纷', '49件'],
      ['化解率', '百分之九十八'],
    ]);
    expect(tableFigures([worded]).map((f) => [f.key, f.value])).toEqual([
      ['disputes.resolved', 49],
      ['disputes.resolution_rate', 98],
    ]);
    // Alone, a 满意率 could be of anything.
    const alone = rows([
      ['指标', '数值'],
      ['满意率', '95%'],
    ]);
    expect(tableFigures([alone]).map((f) => f.key)).toEqual(['other']);
  });

  it('reads a table typed with blanks: kinds by row, what was done with them by column, the total row', () => {
    const text = [
      '全年矛盾纠纷排查化解情况见下表：',
      '表1  2022年矛盾纠纷排查化解情况',
      '类别  排查（件）  化解（件）',
      '草牧场边界纠纷  17  16',
      '婚姻家庭纠纷\t9\t9',
      '合计  26  25',
      '',
      '化解率96.2%。',
    ].join('\n');
    const read = tableFigures(spacedTables(text)).map((f) => [
      f.key,
      f.value,
      text.slice(f.start, f.end),
      f.role,
    ]);
    expect(read).toEqual([
      ['disputes.found', 17, '17', 'part'],
      ['disputes.resolved', 16, '16', 'part'],
      ['disputes.found', 9, '9', 'part'],
      ['disputes.resolved', 9, '9', 'part'],
      ['disputes.found', 26, '26', undefined],
      ['disputes.resolved', 25, '25', undefined],
    ]);
    // Columns by year: the earlier one is last year's. Prose with double blanks is no table.
    const years = ['项目  2023年  2024年', '排查矛盾纠纷（件）  50  45', '化解矛盾纠纷（件）  48  44'].join(
      '\n',
    );
    expect(tableFigures(spacedTables(years)).map((f) => [f.key, f.value])).toEqual([
      ['disputes.found', 45],
      ['disputes.resolved', 44],
    ]);
    const prose = [
      '一、主要举措  全年开展普法活动12场',
      '二、存在问题  学法不够深入',
      '三、下步安排  继续推进',
    ].join('\n');
    expect(spacedTables(prose)).toEqual([]);
    // Under its header, rows with a 序号 first, a 单位 between or a 备注 of words last.
    const indicators = [
      '序号\t指标\t单位\t数量\t备注',
      '1\t专题研究法治建设会议\t次\t3\t',
      '2\t合法性审查\t件\t8\t含合同6件',
      '3\t法律明白人\t名\t76\t每村不少于3名',
    ].join('\n');
    expect(tableFigures(spacedTables(indicators)).map((f) => [f.key, f.value])).toEqual([
      ['leadership.meetings', 3],
      ['legal.reviews', 8],
      ['publicity.legal_literates', 76],
    ]);
  });

  it('reads a Word table by the column that names its rows, and rows of kinds by their column header', () => {
    const numbered = rows([
      ['序号', '指标', '单位', '数量'],
      ['1', '专题研究法治建设会议', '次', '3'],
      ['2', '合法性审查', '件', '8'],
    ]);
    expect(tableFigures([numbered]).map((f) => [f.key, f.value])).toEqual([
      ['leadership.meetings', 3],
      ['legal.reviews', 8],
    ]);
    const kinds = rows([
      ['纠纷类型', '排查（件）', '化解（件）'],
      ['婚姻家庭', '34', '33'],
      ['合计', '120', '110'],
    ]);
    expect(tableFigures([kinds]).map((f) => [f.key, f.value, f.role])).toEqual([
      ['disputes.found', 34, 'part'],
      ['disputes.resolved', 33, 'part'],
      ['disputes.found', 120, undefined],
      ['disputes.resolved', 110, undefined],
    ]);
  });

  it('reads a table a page gave one cell per line, by its header, without 序号 and 类别', () => {
    const text = [
      '附件',
      '主要数据统计表',
      '序号',
      '项目',
      '单位',
      '数量',
      '1',
      '普法宣传活动',
      '场',
      '52',
      '2',
      '排查矛盾纠纷',
      '件',
      '39',
      '3',
      '矛盾纠纷化解率',
      '%',
      '97.4',
      '',
      '打印本页　关闭窗口',
    ].join('\n');
    expect(tableFigures(cellTables(text)).map((f) => [f.key, f.value, text.slice(f.start, f.end)])).toEqual([
      ['publicity.events', 52, '52'],
      ['disputes.found', 39, '39'],
      ['disputes.resolution_rate', 97.4, '97.4'],
    ]);
    const byKind = [
      '类别',
      '指标',
      '数值',
      '普法宣传',
      '普法宣传活动（场）',
      '45',
      '普法宣传',
      '发放宣传资料（份）',
      '12000',
    ].join('\n');
    expect(tableFigures(cellTables(byKind)).map((f) => [f.key, f.value])).toEqual([
      ['publicity.events', 45],
      ['publicity.materials', 12000],
    ]);
    // Words that only look like a header, with no rows of values after them, are none.
    expect(cellTables(['项目', '单位', '全年开展普法活动', '很多'].join('\n'))).toEqual([]);
  });
});
