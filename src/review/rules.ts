import type { Severity } from './types.ts';

/** A document number's year whose 〔 never closes (〔202320, 〔2023 20号): docnum.broken's. */
export const OPEN_YEAR_BRACKET = '〔\\s*20\\d{2}(?![\\d\\s]*〕)';

/** Characters before N是 that make it no point of a list (第二是, 其一是, 统一是, 同一是, 十二是…). */
const NOT_A_POINT = '第其之统唯同单不专万十';
/** What follows a list point's 是: its words, a quotation, a title, a bracket or a number. */
const POINT_FOLLOWS = '(?=[\\u4e00-\\u9fa5“"《（(\\d])';
/** A point of a list, 一是…十是, its numeral captured. */
export const LIST_POINT = `([一二三四五六七八九十])(?<![${NOT_A_POINT}].)是${POINT_FOLLOWS}`;

/** The Party committees a report's opening names as its leadership (在区委区政府的正确领导下). */
const PARTY = '区委|县委|市委|州委|党委|党工委|镇党委|乡党委|街道党工委';

/**
 * Where a punctuation mark was lost between two clauses: before 二是/三是… (年底予以加分二是…),
 * after a count, before the next clause's opening word (汇报4次先后召开…), and before the
 * sentence that opens the report's account (…提供法治保障现将有关情况报告如下). A rule flags it; figure
 * extraction ends a clause there.
 */
export const LOST_PUNCTUATION =
  // Each alternative starts with its words and looks behind after them: a lookbehind first would
  // be tried at every character of the text.
  `[二三四五六七八九十]是(?<=[\\u4e00-\\u9fa5\\d].是)(?<![${NOT_A_POINT}].是)${POINT_FOLLOWS}` +
  '|(?:先后|同时|此外|另外)(?<=\\d[次项场件个名份条]..)|现将(?<=[\\u4e00-\\u9fa5]现将)(?=[^。，,；;\\n]{0,40}(?:报告|汇报)如下)';

/** A leader's own report on his duty: titled 述法/述职, or speaking as 本人 from its opening lines. */
const PERSONAL_REPORT =
  '述法报告|述职报告|述职述法|述法述职|(?:作为|身为)[^。\\n]{0,30}(?:第一责任人|书记|镇长|乡长|主任)[，,]\\s*本人|(?:^|\\n)\\s*本人(?:坚持|始终|认真|切实|深入|全面|严格|带头|紧紧)';

/**
 * A review rule, as data. Either `pattern` (a regular expression searched in the text) or
 * `check` (a named check in checks.ts). Messages may use {text} (what matched), {fix} (the text
 * with `fix` applied), {year} (the report's year) and {detail} (from a check).
 * Extra rules can be loaded from JSON in the same shape.
 */
export interface RuleSpec {
  id: string;
  severity: Severity;
  message: string;
  pattern?: string;
  flags?: string;
  check?: string;
  /** Applies only to reports on this year or later (plans that expired). */
  minYear?: number;
  /** Skip a match when this expression matches the 20 characters either side. */
  unless?: string;
  /** Skip the rule when this expression matches the document's opening (its first 3,000 characters). */
  unlessDocument?: string;
  /** Words a match may start with that are not the problem (a verb before a law's name): left out of its text. */
  trimStart?: string;
  /** [from, to]: the correction, shown as {fix}. */
  fix?: [string, string];
}

/**
 * Plans reports cite, with their real periods (older: earlier editions, checked by plan.expired).
 * `name` is a regular expression for the plan's name as written.
 */
export const PLANS: readonly {
  name: string;
  label: string;
  from: number;
  to: number;
  older?: [number, number][];
}[] = [
  {
    name: '法治政府建设实施纲要',
    label: '法治政府建设实施纲要',
    from: 2021,
    to: 2025,
    older: [[2015, 2020]],
  },
  { name: '法治社会建设实施纲要', label: '法治社会建设实施纲要', from: 2020, to: 2025 },
  { name: '法治中国建设规划', label: '法治中国建设规划', from: 2020, to: 2025 },
  { name: '法治浙江建设规划', label: '法治浙江建设规划', from: 2021, to: 2025 },
  { name: '[“"]?八五[”"]?\\s*普法(?:规划)?', label: '“八五”普法规划', from: 2021, to: 2025 },
  { name: '[“"]?九五[”"]?\\s*普法(?:规划)?', label: '“九五”普法规划', from: 2026, to: 2030 },
  { name: '[“"]?七五[”"]?\\s*普法(?:规划)?', label: '“七五”普法规划', from: 2016, to: 2020 },
];

/**
 * A character slip or a word confused with another (curated from published reports): `wrong` is
 * replaced by `right` in what `pattern` matches (by default `wrong` itself).
 */
const slip = (id: string, wrong: string, right: string, pattern = wrong): RuleSpec => ({
  id: `wording.${id}`,
  severity: 'warning',
  pattern,
  message: '疑似错别字：“{text}”应为“{fix}”',
  fix: [wrong, right],
});

/** A law or regulation cited by a wrong name. */
const misnamed = (pattern: string, message: string): RuleSpec => ({
  id: 'law.title',
  severity: 'warning',
  pattern,
  message,
});
const FIRST_RESPONSIBLE = '《党政主要负责人履行推进法治建设第一责任人职责规定》';

export const rules: readonly RuleSpec[] = [
  // Statutory items: 法治政府建设与责任落实督察工作规定 第25条.
  {
    id: 'parts.measures',
    severity: 'error',
    check: 'missingPart:measures',
    message: '缺少“上一年度推进法治政府建设的主要举措和成效”部分',
  },
  {
    id: 'parts.shortcomings',
    severity: 'error',
    check: 'missingPart:shortcomings',
    message: '缺少“存在的不足和原因”部分',
  },
  {
    id: 'parts.causes',
    severity: 'warning',
    check: 'causesMissing',
    message: '只列出不足，未分析原因（年度报告应写明“存在的不足和原因”）',
  },
  {
    id: 'parts.leaderDuty',
    severity: 'error',
    check: 'missingPart:leaderDuty',
    message: '缺少党政主要负责人履行推进法治建设第一责任人职责的情况',
  },
  {
    id: 'parts.nextYear',
    severity: 'error',
    check: 'missingPart:nextYear',
    message: '缺少“下一年度推进法治政府建设的主要安排”部分',
  },
  {
    id: 'parts.other',
    severity: 'info',
    check: 'missingPart:other',
    message: '未写“其他需要报告的情况”（如无可不写）',
  },
  {
    id: 'format.addressee',
    severity: 'warning',
    check: 'addresseeMissing',
    message: '缺少主送机关（如“县委全面依法治县委员会：”）',
  },
  {
    id: 'format.signature',
    severity: 'warning',
    check: 'signatureMissing',
    message: '缺少落款（署名机关和成文日期）',
  },
  { id: 'format.artifact', severity: 'error', check: 'artifact', message: '文档转换残留“{text}”，应删除' },
  // A character lost in conversion shows as ? inside a sentence, often with stray letters
  // (水平?,F将), or as the replacement character, or as a run of them (? ? ?2024年). A question mark
  // after a question word is a question.
  {
    id: 'format.artifact',
    severity: 'warning',
    pattern:
      '(?<=[\\u4e00-\\u9fa5])\\?[,.A-Za-z]{0,3}(?=[\\u4e00-\\u9fa5])|\\uFFFD|\\?(?:[ \\u3000]*\\?){2,}',
    unless: '(吗|呢|如何|怎样|怎么|什么|为何|为什么|哪|谁|是否|多少|几)[^。；\\n]{0,16}\\?',
    message: '“{text}”疑为转换中丢失的字符（乱码），应核对原文',
  },
  // A draft's visible gaps (the report generator writes them so): to fill in before it is signed.
  {
    id: 'format.placeholder',
    severity: 'info',
    pattern: '【(?:待补充|待定|待填写|请填写|请补充)[：:][^】\\n]{0,120}】',
    message: '“{text}”尚待填写，定稿前应补齐或删除',
  },
  { id: 'headings.level', severity: 'warning', check: 'headingLevel', message: '{detail}' },
  // “1.” straight under “一、”: usual in township reports, a notice only.
  { id: 'headings.level', severity: 'info', check: 'headingSkipped', message: '{detail}' },
  { id: 'headings.mixed', severity: 'warning', check: 'headingMixed', message: '{detail}' },
  { id: 'headings.gap', severity: 'warning', check: 'headingGap', message: '{detail}' },
  { id: 'headings.mixed', severity: 'warning', check: 'headingContinued', message: '{detail}' },
  { id: 'list.gap', severity: 'warning', check: 'listGap', message: '{detail}' },
  { id: 'punct.missing', severity: 'warning', check: 'paragraphEnd', message: '{detail}' },
  { id: 'format.artifact', severity: 'warning', check: 'paragraphSplit', message: '{detail}' },
  { id: 'figures.rate', severity: 'warning', check: 'rateMismatch', message: '{detail}' },
  { id: 'figures.rate', severity: 'warning', check: 'countedRateMismatch', message: '{detail}' },
  { id: 'figures.rate', severity: 'warning', check: 'tableRateMismatch', message: '{detail}' },
  { id: 'figures.over100', severity: 'error', check: 'rateOver100', message: '比率“{text}”超过100%' },
  { id: 'figures.resolved', severity: 'error', check: 'resolvedOverFound', message: '{detail}' },
  { id: 'dates.afterWriting', severity: 'error', check: 'dateAfterWriting', message: '{detail}' },
  { id: 'dates.earlyCutoff', severity: 'warning', check: 'earlyCutoff', message: '{detail}' },
  // A passage shared by more reports than the boilerplate limit (batch review only, index.ts).
  {
    id: 'similarity.template',
    severity: 'info',
    check: 'batchOnly',
    message: '模板段落：{count}份报告含有这段相同文字（另见 {reports}）',
  },
  { id: 'meta.org', severity: 'warning', check: 'metaOrg', message: '{detail}' },
  { id: 'meta.year', severity: 'error', check: 'metaYear', message: '{detail}' },
  // A published copy's township is often only on the web page: a note, not a warning.
  { id: 'meta.orgMissing', severity: 'info', check: 'metaOrgMissing', message: '{detail}' },
  { id: 'meta.yearMissing', severity: 'warning', check: 'metaYearMissing', message: '{detail}' },
  { id: 'bracket.unpaired', severity: 'warning', check: 'bracketUnpaired', message: '{detail}' },
  { id: 'punct.booktitle', severity: 'warning', check: 'titleNested', message: '{detail}' },
  {
    id: 'word.missing',
    severity: 'warning',
    // Also before the township's name (2021高塍镇坚持…), not a count (2000余名镇村干部).
    pattern:
      '(?<![\\d.．〔［\\[（(—–\\-－~～])20[0-3]\\d(?:法治|法制|依法|普法|工作|度|(?![年月日余多名人个次万件份场条户项])(?=[\\u4e00-\\u9fa5]{1,5}(?:镇|乡|街道)(?![\\u4e00-\\u9fa5]{0,1}[村级域内])))',
    message: '“{text}”后疑缺“年”字',
  },
  misnamed('《有组织犯罪法》', '法律名称有误：应为《中华人民共和国反有组织犯罪法》'),
  misnamed('《乡村振兴法》', '法律名称有误：应为《中华人民共和国乡村振兴促进法》'),
  misnamed('《?党政主要责任人履行推进法治建设', `法规名称有误：应为${FIRST_RESPONSIBLE}（负责人）`),
  misnamed('《党政主要负责人推进法治建设', `法规名称有误：应为${FIRST_RESPONSIBLE}（缺“履行”）`),
  // No law is called 行政法: it is a field of law (行政处罚法, 行政许可法…).
  misnamed(
    '《行政法》',
    '法律名称有误：没有名为《行政法》的法律，请写明具体法律（如《中华人民共和国行政处罚法》）',
  ),
  misnamed('责任落实督查工作规定', '法规名称有误：应为《法治政府建设与责任落实督察工作规定》（督察）'),
  misnamed('《土地法》', '法律名称有误：应为《中华人民共和国土地管理法》'),
  misnamed('《(?:中华人民共和国)?个人信息安全法》', '法律名称有误：应为《中华人民共和国个人信息保护法》'),
  misnamed('《(?:中华人民共和国)?治安处罚法》', '法律名称有误：应为《中华人民共和国治安管理处罚法》'),
  misnamed('《(?:中华人民共和国)?反电信诈骗法》', '法律名称有误：应为《中华人民共和国反电信网络诈骗法》'),
  // A regulation called a law and a law called a regulation.
  misnamed(
    '《(?:中华人民共和国)?政府信息公开法》',
    '法规名称有误：应为《中华人民共和国政府信息公开条例》（行政法规，不是法律）',
  ),
  misnamed('《(?:中华人民共和国)?人民调解条例》', '法律名称有误：应为《中华人民共和国人民调解法》'),
  misnamed('(?:履行)?推进法治政府建设第一责任人职责规定', `法规名称有误：应为${FIRST_RESPONSIBLE}`),
  { id: 'years.heading', severity: 'error', check: 'headingYear', message: '{detail}' },
  { id: 'years.cited', severity: 'warning', check: 'citedYear', message: '{detail}' },
  {
    id: 'title.year',
    severity: 'warning',
    check: 'titleYearMissing',
    message: '标题未写明报告年度：“{text}”',
  },
  { id: 'years.since', severity: 'warning', check: 'sinceYear', message: '{detail}' },
  { id: 'plan.period', severity: 'error', check: 'planPeriod', message: '{detail}' },
  { id: 'headings.syntax', severity: 'warning', check: 'headingSyntax', message: '{detail}' },
  { id: 'wording.traditional', severity: 'warning', check: 'strayScript', message: '{detail}' },

  // 文号 (GB/T 9704 7.2.4): 机关代字 + 〔年份〕 + 序号 + 号, in 六角括号 (﹝﹞, their small forms, look the same).
  {
    id: 'docnum.bracket',
    severity: 'warning',
    pattern:
      '(?<=[\\u4e00-\\u9fa5](?:发|字|函|办|规|通|呈|报|令|文|电))\\s*[\\[［【（(]\\s*20\\d{2}\\s*[\\]］】）)]\\s*\\d{1,4}\\s*号',
    message: '文号“{text}”的年份应使用六角括号“〔〕”',
  },
  {
    id: 'docnum.broken',
    severity: 'error',
    // 〔202526号, 2025〕26号, and an issuer's abbreviation run into the year (开州委法20239).
    pattern: `${OPEN_YEAR_BRACKET}\\s*\\d*\\s*号?|(?<![〔\\[［【（(﹝\\d])20\\d{2}〕\\s*\\d{1,4}\\s*号?|(?<=[\\u4e00-\\u9fa5]{2}[委政办发法字])20[0-3]\\d\\d{1,3}(?=[)）》、，,。]|号)`,
    message: '文号“{text}”括号不完整（应如“〔2025〕26号”）',
  },
  {
    id: 'docnum.broken',
    severity: 'error',
    pattern: '〔\\s*20\\d{2}\\s*〕\\s*号',
    message: '文号“{text}”缺少序号（应如“〔2025〕26号”）',
  },
  {
    id: 'docnum.noHao',
    severity: 'warning',
    pattern: '〔\\s*20\\d{2}\\s*〕\\s*\\d{1,4}(?!\\s*号|\\d)',
    message: '文号“{text}”缺少“号”',
  },

  // Expired plans: 七五普法 2016–2020; 法治政府建设实施纲要（2015—2020年）; 十三五 2016–2020.
  {
    id: 'plan.expired',
    severity: 'error',
    pattern: '[“"「]?[六七][·・•．.]?五[”"」]?\\s*(普法|法治宣传教育)',
    minYear: 2021,
    // Not a look back at it (“七五”普法期间，全镇累计开展普法活动300余场); its summary in a later
    // year's report (为“七五”普法工作总结收集资料, 2023) is a text carried over.
    unless: '期间|以来|回顾',
    message: '“{text}”已于2020年结束，{year}年度报告应对应“八五”普法（2021—2025年）',
  },
  {
    id: 'plan.expired',
    severity: 'warning',
    pattern: '《?法治政府建设实施纲要[（(]2021\\s*[—–\\-－~～至]+\\s*2025年?[）)]》?',
    minYear: 2026,
    unless: '总结|验收|收官|期间|回顾|成果|评估|以来|完成',
    message: '“{text}”的期限已于2025年结束，{year}年度报告应对照现行规划',
  },
  {
    id: 'plan.expired',
    severity: 'warning',
    pattern: '[“"「]?八五[”"」]?\\s*普法',
    minYear: 2026,
    unless: '总结|验收|收官|期间|回顾|成果|评估|以来',
    message: '“{text}”已于2025年结束，{year}年度报告应对应“九五”普法（2026—2030年）',
  },
  // The 2004 纲要, replaced by the 法治政府建设实施纲要 from 2015 on; cited beside the current one as
  // background (落实《全面推进依法行政实施纲要》和…《法治政府建设实施纲要(2021-2025年)》) it is no slip.
  {
    id: 'plan.expired',
    severity: 'warning',
    pattern: '《全面推进依法行政实施纲要》',
    minYear: 2016,
    unlessDocument: '法治政府建设实施纲要',
    message: '“{text}”（2004年）已由《法治政府建设实施纲要》取代，{year}年度报告应对照现行纲要',
  },
  {
    id: 'plan.expired',
    severity: 'error',
    pattern: '《?法治政府建设实施纲要[（(]2015\\s*[—–\\-－~～至]+\\s*2020年?[）)]》?',
    minYear: 2021,
    message: '“{text}”已到期，现行为《法治政府建设实施纲要（2021—2025年）》',
  },
  {
    id: 'plan.expired',
    severity: 'warning',
    pattern: '[“"]?十三五[”"]?(?!期间|以来|时期)',
    minYear: 2021,
    message: '“{text}”规划期已于2020年结束，{year}年度应为“十四五”',
  },

  // Wording.
  {
    id: 'wording.fazhi',
    severity: 'warning',
    pattern: '法制(宣传|教育|建设|意识|观念|思维|政府|社会|国家|环境|素养|文化|讲座|培训|课|理念|精神|示范)',
    // 民主法制建设 is a set phrase of its own (民主法制示范村 was renamed 民主法治示范村).
    unless: '民主法制建设',
    message: '“{text}”应为“{fix}”（“法制”指法律制度，此处应为“法治”）',
    fix: ['法制', '法治'],
  },
  {
    id: 'wording.yi',
    severity: 'warning',
    pattern:
      // Not when the 以 is there already (已构建了以数字化改革为引领的…).
      '已(?!经)(?:(?!以)[^，。；！？\\n]){1,15}?(?<![作成视认称改定])为(基础|导向|主线|抓手|指导|核心|重点|目标|出发点|落脚点|载体|契机|突破口|切入点|根本|遵循|准绳|依据|中心|引领)',
    message: '“{text}”中“已”应为“以”（“以……为……”）',
  },
  { id: 'wording.yi', severity: 'warning', pattern: '已案释法|已法治', message: '“{text}”中“已”应为“以”' },
  slip('slip', '法六政府', '法治政府'),
  slip('slip', '依发行政', '依法行政'),
  slip('slip', '法律咨讯', '法律咨询'),
  slip('slip', '矛盾纠份', '矛盾纠纷'),
  slip('slip', '布署', '部署'),
  // 公众参与 is the first step of a major decision (公众参与、专家论证、风险评估…).
  slip(
    'slip',
    '公共参与',
    '公众参与',
    '公共参与(?=[、，,\\s]*专家论证)|公共参与(?<=决策[\\u4e00-\\u9fa5]{0,6}公共参与)',
  ),
  // The 中心组's words in the wrong order (街道党工委中心理论组).
  slip('slip', '中心理论组', '理论中心组'),
  // 围绕 typed 国绕 (國繞 in a traditional copy).
  slip('slip', '国绕', '围绕'),
  slip('slip', '部暑', '部署'),
  slip('slip', '再接再励', '再接再厉'),
  slip('slip', '一如继往', '一如既往'),
  slip('slip', '粘贴标语', '张贴标语'),
  slip('slip', '行政复义', '行政复议'),
  slip('slip', '法律援肋', '法律援助'),
  slip('slip', '合法性审察', '合法性审查'),
  slip('slip', '重大行政决测', '重大行政决策'),
  slip('slip', '尊法学法守法用法治', '尊法学法守法用法'),
  slip('slip', '第一人责任', '第一责任人'),
  slip('slip', '依法形政', '依法行政'),
  slip('slip', '以上效下', '以上率下'),
  // The 十四五 plan (规划) typed 规范; not 规范化 or 规范性 work in its years.
  slip('slip', '“十四五”规范', '“十四五”规划', '“十四五”规范(?![化性])'),
  // 党的十九大和历次全会 without the 届 (十九届历次全会).
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '[一二三四五六七八九十]{2,3}大和历次全会',
    message: '“{text}”疑缺届次（如“党的十九大和十九届历次全会”）',
  },
  // A clause opening on 区委区政府的正确领导下 without its 在.
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: `(?:${PARTY})(?<=(?:^|[，,。；;：:\\n])(?:${PARTY}))(?:、?(?:区|县|市|州|镇|乡)?政府|办事处)?的(?:坚强|正确|有力)?领导下`,
    message: '“{text}”前疑缺“在”',
  },
  // 现就…情况如下 without its verb (报告).
  {
    id: 'word.missing',
    severity: 'warning',
    pattern:
      '情况如下(?<=现[就将](?:(?!报告|汇报|总结|通报|说明|介绍|梳理|报送|综述)[^。：:；;\\n]){2,40}情况如下)',
    message: '“{text}”前疑缺“报告”（现就……情况报告如下）',
  },
  { ...slip('slip', '第一责任职责', '第一责任人职责'), id: 'word.missing' },
  { ...slip('slip', '第一责任制度', '第一责任人制度'), id: 'word.missing' },
  { ...slip('slip', '第一责人', '第一责任人'), id: 'word.missing' },
  { ...slip('slip', '法治政建设', '法治政府建设'), id: 'word.missing' },
  // A numbered slogan without its number (习近平法治思想个坚持 for 十一个坚持, 个维护 for 两个维护).
  {
    id: 'word.missing',
    severity: 'warning',
    pattern:
      '个(?<=[\\u4e00-\\u9fa5“]个)(?<![一二三四五六七八九十两几每各这那整某哪]个)(?:坚持|确立|维护|意识|自信|全面)',
    message: '“{text}”前疑缺数字（如“十一个坚持”“两个维护”）',
  },
  // 人民政府 without 府 (沙市镇人民政 关于…); not 人民政协, 人民政权.
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '人民政(?![府协权治法])',
    message: '“{text}”后疑缺“府”字（应为“人民政府”）',
  },
  // 建设 without 设 (统筹推进法治政府建工作).
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '法治(?:政府|社会|乡村)?建(?=工作|情况|各项|重点|[，。；,;])',
    message: '“{text}”后疑缺“设”字（应为“建设”）',
  },
  // 推进法治建设 written 推行 (推行 takes a system or a measure, not the building of the rule of law).
  // Not 推行 a system named after it (推行法治建设第一责任人制度).
  slip('slip', '推行', '推进', '推行法治(?:政府)?建设(?![^，,。；;]{0,12}(?:制度|责任制))'),
  // 学习 typed 学些 (理论学些).
  slip('slip', '学些', '学习', '(?<=理论|集中|专题|认真)学些'),
  // 纠纷 typed 纠分 (矛盾纠分).
  slip('slip', '纠分', '纠纷', '纠分'),
  // A newspaper named without 《》 (被浙江法治报报道).
  {
    id: 'punct.booktitle',
    severity: 'warning',
    pattern: '(?<![《〈])(?:[\\u4e00-\\u9fa5]{2}法[治制]报|人民日报|法治日报|法制日报)(?![》〉社])',
    message: '报刊名称“{text}”应加书名号《》',
  },
  // Regulations named in full without 《》 (严格落实政府信息公开条例).
  {
    id: 'punct.booktitle',
    severity: 'warning',
    pattern:
      '(?<!《|〈|<|中华人民共和国)(?:政府信息公开条例|信访工作条例|重大行政决策程序暂行条例|优化营商环境条例|党政主要负责人履行推进法治建设第一责任人职责规定)(?![》〉>])',
    message: '法规名称“{text}”应加书名号《》',
  },
  // Laws on administration named without 《》 (行政复议法学习1次); not 行政处罚法定原则.
  {
    id: 'punct.booktitle',
    severity: 'warning',
    pattern:
      '(?<!《|〈|中华人民共和国)(?:行政复议法|行政诉讼法|行政处罚法|行政许可法|行政强制法|法律援助法|人民调解法)(?![》〉定律规治院])',
    message: '法律名称“{text}”应加书名号《》',
  },
  // An event's name in 《》 (《宪法宣传周》): book-title marks are for documents, laws and papers.
  {
    id: 'punct.booktitle',
    severity: 'warning',
    pattern: '《[^《》\\n]{0,12}(?:宣传周|宣传月|宣传日|宪法日)》',
    message: '“{text}”是活动名称，不应使用书名号，宜改为引号“”',
  },
  // A title left empty (《垫江县贯彻落实<>的具体措施》).
  {
    id: 'punct.booktitle',
    severity: 'warning',
    pattern: '《[ \\u3000]*》|<[ \\u3000]*>|〈[ \\u3000]*〉',
    message: '书名号“{text}”内缺少文件或法规名称',
  },
  // 习近平法治思想 misnamed (习近平新时代中国特色社会主义法治思想).
  {
    id: 'wording.term',
    severity: 'warning',
    pattern: '(?:习近平新时代)?中国特色社会主义法治思想',
    message: '“{text}”的提法有误，应为“习近平法治思想”（或“中国特色社会主义法治理论”）',
  },
  slip('slip', '历中全会', '历次全会'),
  slip('slip', '标准性文件', '规范性文件'),
  slip('slip', '标准', '规范', '标准行政执法'),
  slip('slip', '常抓不怠', '常抓不懈'),
  // 的 where an adverb leads a verb (全面深入的推进 for 全面深入地推进).
  {
    id: 'wording.de',
    severity: 'warning',
    pattern:
      '(?:深入|全面|扎实|有效|积极|认真|切实|持续|稳步|有序|不断|大力|广泛|较好|很好|圆满|顺利|系统性?)的(?:推进|开展|落实|推动|实施|贯彻|加强|提升|完成(?![率度情量]))',
    message: '“{text}”中“的”应为“地”（修饰动词的状语后用“地”）',
  },
  // A congress and its Central Committee's plenum run together (二十大届三中全会 for 二十届三中全会).
  slip('slip', '大届', '届', '(?:十九|二十)大届(?=[一二三四五六七八九]中全会|历次)'),

  // A 的 too many in the opening's formula (现将…情况的报告如下).
  {
    id: 'wording.slip',
    severity: 'warning',
    pattern: '情况的报告如下',
    message: '“{text}”中多一“的”字（应为“情况报告如下”）',
  },
  // 法治政府建设 without 建设 in a report's name (法治政府年度报告).
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '法治政府(?=年度报告)',
    message: '“{text}”后疑缺“建设”二字（应为“法治政府建设”）',
  },
  // A congress and a Central Committee run together (十九大十九届历次全会).
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '[一二三四五六七八九十]{1,3}大(?=[一二三四五六七八九十]{1,3}届)',
    message: '“{text}”后疑缺“和”或顿号',
  },
  // A punctuation mark lost between two clauses (LOST_PUNCTUATION).
  {
    id: 'punct.missing',
    severity: 'warning',
    pattern: LOST_PUNCTUATION,
    message: '“{text}”前疑缺标点（逗号、分号或句号）',
  },
  // Two offices run together (由党委书记镇长任组长 for 党委书记、镇长).
  {
    id: 'punct.missing',
    severity: 'warning',
    pattern: '书记(?:镇长|乡长|主任)(?=任|担任|为|共同)',
    message: '“{text}”中“书记”后疑缺顿号',
  },
  // A space before a punctuation mark, after a closing quotation (“国家安全教育日” 、“七五普法”).
  {
    id: 'punct.space',
    severity: 'warning',
    pattern: '[”’》）][ \\u3000]+[、，。；：！？]',
    message: '“{text}”中标点前多了空格',
  },
  // A space after the enumeration comma between two words (二中、 三中); not after a heading's
  // number (一、 主要工作), which many pages indent so.
  {
    id: 'punct.space',
    severity: 'warning',
    pattern:
      '[\\u4e00-\\u9fa5]?[\\u4e00-\\u9fa5](?<![一二三四五六七八九十百])、[ \\u3000]+[\\u4e00-\\u9fa5“《][\\u4e00-\\u9fa5]?',
    message: '“{text}”中顿号后多了空格',
  },
  // A space after a comma or a full stop inside a paragraph (重要位置。 充分发挥, 领导下, 我镇): not at a
  // line's start, where pages indent.
  {
    id: 'punct.space',
    severity: 'warning',
    pattern: '[\\u4e00-\\u9fa5]{1,2}[，,。；;][ \\u3000]+[\\u4e00-\\u9fa5]{1,2}',
    message: '“{text}”中标点后多了空格',
  },
  // A space inside a year or beside a number in brackets or before its 顿号 (2020 年, ( 2015-2020 年),
  // 1 、统筹推进): a document converted with its digits set apart.
  {
    id: 'punct.space',
    severity: 'warning',
    // A bracket's spaces are one finding with the bracket.
    pattern:
      '[（(](?:[ \\u3000]+\\d[^（()）\\n]{0,20}|[^（()）\\n]{0,20}\\d[ \\u3000]+)[)）]|\\d{4}[ \\u3000]+年|\\d{1,4}[ \\u3000]+、',
    message: '“{text}”中数字旁多了空格',
  },
  // A space beside a quotation inside a sentence (落实 “一岗双责”, “三项制度” 落实).
  {
    id: 'punct.space',
    severity: 'warning',
    pattern:
      '[\\u4e00-\\u9fa5]{1,3}[ \\u3000]+“[^“”\\n]{1,30}”(?:[ \\u3000]+[\\u4e00-\\u9fa5]{1,2})?|“[^“”\\n]{1,30}”[ \\u3000]+[\\u4e00-\\u9fa5]{1,2}',
    message: '“{text}”中引号旁多了空格',
  },
  // A space inside a word or a fixed term (精 神, 进一 步, 法治 建设): a line wrapped on the page.
  {
    id: 'punct.space',
    severity: 'warning',
    pattern:
      '(?:法[ \\u3000]+治|建[ \\u3000]+设|精[ \\u3000]+神|政[ \\u3000]+府|行[ \\u3000]+政|进一[ \\u3000]+步|进[ \\u3000]+一步|法治[ \\u3000]+(?:建设|政府|思想|宣传)|依法[ \\u3000]+(?:行政|治理|履职))',
    message: '“{text}”中多了空格',
  },
  // 负责人 with a stray 任 (镇长为第一负责任人); not 负责任人员.
  slip('slip', '负责任人', '负责人', '负责任人(?!员)'),
  // 履行 without its object: 认真履行推进法治建设，… (…第一责任人职责).
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '履行推进法治(?:政府)?建设(?=[，,。；;、]|情况)',
    message: '“{text}”后疑缺“第一责任人职责”',
  },
  // 全体干部 without 体 (让全干部知法); not 健全干部…, 安全干部.
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '(?<![安健完齐周])全干部',
    message: '“{text}”中疑缺“体”字（应为“全体干部”）',
  },
  // 第一责任人职责情况 without 职责 (履行推进法治建设第一责任人情况).
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '第一责任人情况',
    message: '“{text}”中疑缺“职责”（应为“第一责任人职责情况”）',
  },
  // The review of major enforcement decisions is 法制审核 (one of the 三项制度), not 法治审核.
  {
    id: 'wording.slip',
    severity: 'warning',
    pattern: '(?<=执法决定)法治审核|法治审核(?=制度)',
    message: '“{text}”应为“法制审核”（重大执法决定法制审核制度）',
  },
  // A date with 年 and 月 lost (自202311日起).
  {
    id: 'dates.garbled',
    severity: 'warning',
    pattern: '(?<![\\d.．])20[0-3]\\d\\d{1,4}日',
    message: '日期“{text}”缺少“年”“月”，应核对原文',
  },
  // 工作人员 without 员 (配备专职工作人负责).
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '工作人(?![员手次群])',
    message: '“{text}”中疑缺“员”字（应为“工作人员”）',
  },
  // The 纲要's goals quoted wrongly: 职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意.
  {
    id: 'wording.misquote',
    severity: 'warning',
    pattern: '(?<=公开公正[、，,]?)智慧高效|智慧高效(?=[、，,]?廉洁诚信)',
    message: '“{text}”与《法治政府建设实施纲要》原文不符，应为“智能高效”',
  },
  // The goals of the 2015—2020 纲要 in a report on 2021 or later.
  {
    id: 'wording.misquote',
    severity: 'warning',
    pattern: '廉洁高效[、，,]?守法诚信',
    minYear: 2021,
    message:
      '“{text}”是《法治政府建设实施纲要（2015—2020年）》的提法，现行纲要为“智能高效、廉洁诚信、人民满意”',
  },
  // 基本 written without 本 (案件基做到了主体合法).
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '(?<![路地根房])基(?:做到|达到|实现|形成|建成|完成|掌握|满足)',
    message: '“{text}”中疑缺“本”字（应为“{fix}”）',
    fix: ['基', '基本'],
  },
  // The plan's name cut short: 《法治政府实施纲（2021-2025）》, 法治政府建设实施纲.
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '法治(?:政府|社会)(?:建设)?实施纲(?!要)|法治(?:政府|社会)实施纲要',
    message: '规划名称“{text}”不完整，应为《法治政府建设实施纲要》或《法治社会建设实施纲要》',
  },
  // 理论学习中心组 with characters dropped: 理论中组学习.
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '理论中组',
    message: '“{text}”疑有缺字（应为“理论学习中心组”）',
  },
  // The year's work named without 法治: 2025年政府建设工作举措及成效.
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '20[0-3]\\d\\s*年度?政府建设',
    message: '“{text}”疑缺“法治”二字（应为“法治政府建设”）',
  },
  // A stray character after 精神 before a conjunction (全会精神会以及…).
  {
    id: 'wording.slip',
    severity: 'warning',
    pattern: '精神会(?:以及|及(?!时)|和|与)|精神会(?=[、，,])',
    message: '“{text}”中疑有多余的“会”字（应为“{fix}”）',
    fix: ['精神会', '精神'],
  },
  // 确实 (indeed) for 切实 (in earnest) before the verbs reports pair with 切实.
  {
    id: 'wording.slip',
    severity: 'warning',
    pattern: '确实(?:加强|落实|履行|抓好|提高|做好|推进|维护|保障)(?!了)',
    message: '疑似错别字：“{text}”应为“{fix}”',
    fix: ['确实', '切实'],
  },
  {
    id: 'wording.slip',
    severity: 'warning',
    pattern: '(?<![\\d.．])\\d{1,5}(?:公职人员|机关干部|村干部|干部|党员|群众|村民|居民|职工|网格员)',
    message: '“{text}”中数字后缺少量词（如“名”“人”）',
  },
  // A plenum numbered after the congress instead of the Central Committee: 二十大四中全会.
  {
    id: 'wording.slip',
    severity: 'warning',
    pattern: '[十二]*[一二三四五六七八九十]大(?:[一二三四五六七八九]中|历次)全会',
    message: '“{text}”有误：全会按届次称“二十届四中全会”',
    fix: ['大', '届'],
  },
  // A verb typed twice (组织组织居委干部).
  {
    id: 'wording.slip',
    severity: 'warning',
    pattern: '(组织|开展|召开|加强|推进|落实|深入|进一步|持续|不断|坚持|完善|健全|强化)\\1',
    message: '“{text}”中词语重复',
  },
  // 少数关键岗位 (a few key posts) is right; 少数关键 for the 关键少数 (leading cadres) is not.
  {
    id: 'wording.slip',
    severity: 'warning',
    pattern: '少数关键(?![岗环领人部问技事项])',
    message: '疑似错别字：“{text}”应为“关键少数”',
  },
  // 现将…报告如下 with 将 dropped: 现2025年我镇法治政府建设工作情况报告如下.
  {
    id: 'word.missing',
    severity: 'warning',
    pattern: '现20\\d{2}年(?=[^。\\n]{0,40}(?:报告|汇报|总结)如下)',
    message: '“现”后疑缺“将”字（应为“现将……报告如下”）',
  },
  // A plan's period with the dash between its years lost: 纲要（20212025年）.
  {
    id: 'plan.period',
    severity: 'warning',
    pattern: '[（(]\\s*20[0-3]\\d\\s*20[0-3]\\d\\s*年?\\s*[）)]',
    message: '规划期限“{text}”的起止年份之间缺少连接号（应为“2021—2025年”）',
  },
  // A word of two different characters typed twice (切实切实加强, 积极配合配合, 推进推进); not numerals
  // (一条一条, 二〇二〇).
  { id: 'wording.slip', severity: 'warning', check: 'doubledWord', message: '“{text}”中词语重复' },
  // A 的 typed twice (新征程的的关键之年); 目的的 and 的的确确 are words.
  {
    id: 'wording.slip',
    severity: 'warning',
    pattern: '(?<!目)的的(?!确)',
    message: '“{text}”中“的”字重复',
  },
  {
    id: 'punct.booktitle',
    severity: 'warning',
    pattern: '(?<![《〈])中华人民共和国[\\u4e00-\\u9fa5]{0,14}?(?:法典|法|条例)(?![》〉律治规院人制定典])',
    message: '法律名称“{text}”应加书名号《》',
  },
  // A law named by its short title without 《》, in a list or after a comma (大力宣传民法典、宪法、
  // 未成年人保护法): names that end in a law's own noun (保护法, 诉讼法, 复议法…), not 宪法 or
  // 民法典 alone, which reports use for the subject as much as the text. The name starts after the
  // verb before it (重点学习了行政处罚法 → 行政处罚法).
  {
    id: 'punct.booktitle',
    severity: 'warning',
    pattern:
      '(?<![《〈\\u4e00-\\u9fa5])[\\u4e00-\\u9fa5]{2,8}(?:保护|管理|承包|诉讼|复议|处罚|调解|援助|诈骗|犯罪|防治|促进|监督|保障|许可|强制)法(?![》〉律治规院人制定官学典条宣])',
    trimStart: '^[\\u4e00-\\u9fa5]*?(?:学习了?|宣传了?|贯彻|落实|执行|实施|解读|宣讲|普及)',
    message: '法律名称“{text}”应加书名号《》',
  },
  {
    id: 'wording.jiezhi',
    severity: 'warning',
    pattern: '截止(?!到|于|日期|时间|期限)(?=\\s*(?:目前|今年|年底|当前|20\\d{2}\\s*年|\\d{1,2}\\s*月))',
    message: '表示统计时间点应用“截至”，“截止”用于期限终止',
    fix: ['截止', '截至'],
  },
  {
    id: 'wording.lijie',
    severity: 'warning',
    pattern: '历届(?=[^，。；\\n]{0,4}(?:检查|活动|培训|考试|督察|督查|整改|排查|宣传|比赛|全会|中全会))',
    message: '“历届”指各届（会议、班子），此处应为“历次”',
  },
  {
    id: 'wording.lijie',
    severity: 'warning',
    pattern: '历次(?=(?:领导班子|班子|党委|人大|政协|村两委|村委|换届|毕业生))',
    message: '“历次”指各次，此处应为“历届”',
  },
  {
    id: 'wording.yu',
    severity: 'warning',
    pattern: '(?<![\\d.．])[1-9]余[次件场人个份条项户名期篇起家所]',
    message: '“{text}”：个位数不能用“余”表示约数（可写“6次”或“近10次”）',
  },
  {
    id: 'wording.quotes',
    severity: 'warning',
    pattern: '"(?=[^"\\n]{0,30}[\\u4e00-\\u9fa5])[^"\\n]{1,30}"',
    message: '中文文本应使用全角引号“”：{text}',
  },
  {
    id: 'wording.quotes',
    severity: 'warning',
    // A phrase in doubled marks (““十四五””) is one problem, not two.
    pattern: '““[^“”\\n]{1,30}””|““|””|""',
    message: '引号重复：{text}',
  },

  // An organ's report speaks as the organ (我镇), never as one person; a leader's own report on
  // his duty (述法报告, 作为…第一责任人，本人…) speaks as him.
  {
    id: 'wording.firstPerson',
    severity: 'warning',
    unlessDocument: PERSONAL_REPORT,
    pattern:
      // Not a campaign's name (我为群众办实事, “我是委员我来讲”).
      '(?<![自])(?<!“[^”\\n]{0,10})我(?![镇乡县市区街村们局所委办单党国省司部校院会站队组社中处科室方])(?!为群众办实事|的收藏)[\\u4e00-\\u9fa5]{1,4}',
    message: '机关报告中出现第一人称单数“{text}”，应以机关名义表述（如“我镇”“镇党委”）',
  },
  {
    id: 'wording.firstPerson',
    severity: 'warning',
    unlessDocument: PERSONAL_REPORT,
    pattern: '(由|经)?(?<![当事请申诉委托])本人(担任|负责|亲自|牵头|主持)?',
    message: '机关报告中出现“{text}”，应写明职务（如“由镇党委书记担任”）',
  },
];
