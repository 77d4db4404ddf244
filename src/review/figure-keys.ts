import { indicators } from '../catalogue/indicators.ts';
import { CN_NUMERAL_CHARS } from './numerals.ts';

/**
 * How a counted figure maps to a catalogue key: `near` is tested on the clause around the number,
 * written as `before§after` (§ stands for the number and its unit); `sentence`, when given, must
 * also match the whole sentence. Rules are tried in order; the first whose words and unit fit wins.
 * A figure no rule claims is kept under `other`. Order matters: specific before general.
 */
export interface CountRule {
  readonly key: string;
  readonly near: RegExp;
  readonly sentence?: RegExp;
  /** Units accepted; defaults to the catalogue's units for the key. */
  readonly units?: readonly string[];
  /** The rule does not apply when the whole sentence matches this. */
  readonly unlessSentence?: RegExp;
  /** The rule does not apply when the clause (`near`'s text) matches this. */
  readonly unless?: RegExp;
  /**
   * The rule does not apply when the text up to the number matches this: a subject named before
   * the figure, not the people it reached after it (…专题学习4次，覆盖镇村干部200余人次).
   */
  readonly unlessBefore?: RegExp;
  /**
   * When the sentence does not match `sentence`, the paragraph up to the figure may: the subject
   * (中心组) named a sentence earlier (街道中心组…形成学习机制。…开展学习6次).
   */
  readonly inParagraph?: boolean;
  /**
   * When neither does, the heading the paragraph stands under may: the subject named there
   * ((二)强化法治建设主体责任 — 主持召开专题会议4次，研究解决…).
   */
  readonly inSection?: boolean;
}

/** Cadres and staff at large: their study is study sessions, not the 党委's own (中心组). */
const CADRES =
  /干部职工|全体干部|机关干部|公职人员|村干部|镇村干部|村社干部|乡村干部|全体人员|工作人员|党员、?干部|(?:镇|乡|街道)机关(?!干部)/;

/** A sentence about the power list (权力清单): its counts by category are list items (项), not cases. */
const POWER_LIST = /权力清单|权责清单|权力事项|职权事项/;
const power = (key: string, near: RegExp): CountRule => ({ key, near, sentence: POWER_LIST });

const N = '[^，,。；;§]'; // one character inside the clause, before or after the number
/** A count in the sentence, in digits or in Chinese numerals (36, 三十六). */
const COUNT = `(?:\\d+|[${CN_NUMERAL_CHARS}]+)`;
/** The 中心组 given a count of its own in the sentence (中心组专题学习12次, 中心组学法十四次). */
const CENTER_COUNTED = `中心组[^，,。；;\\d]{0,10}(?:\\d|[${CN_NUMERAL_CHARS}]{1,3}(?:次|期|场))`;

/** The units of a meeting, a class or a session counted. */
const SESSION_UNITS = ['次', '场', '场次', '期'];
/** A sentence about the township's own staff: a talk or a class in it is their study, not publicity. */
const FOR_STAFF = /干部|职工|党员|公职人员|工作人员|班子/;
/** The public a township's publicity reaches, as against its own staff. */
const THE_PUBLIC =
  /村民|群众|居民|学生|师生|青少年|儿童|未成年人|老年人|企业员工|商户|经营户|游客|务工人员|农民工/;
/** A sentence about publicity for the public: the people in it are an audience, not trainees. */
const FOR_PUBLIC = new RegExp(`宣讲|普法|宣传|${THE_PUBLIC.source}`);

/** 普法 that is no plan's name (以“八五”普法为抓手, 纳入普法规划 say nothing of who was reached). */
const PUFA = '(?<![五六七八九][”"」]?)普法(?!规划)';

/**
 * Traps: words that make a number no count of the year's work. A small count followed by one of
 * these nouns (a few words may come between: 5项必经程序, 三项制度) names a rule, not decisions.
 */
export const RULE_NOUN = new RegExp(
  `^[“"]?[\u4e00-\u9fa5]{0,3}?(法定程序|必经程序|程序|原则|制度|机制|要求|工作法|规定|标准|清单|承诺|禁令|纪律|规范|确立|维护|自信|意识|中心|务必|基本|全面|体系|模式|理念|作用|目标|任务|工程|行动|举措|措施|服务|覆盖|融合|联动|结合|环节|步骤|关口|底线|红线)`,
);
/** A quota or frequency per unit (每村不少于3名, 每两月1次, 每季度至少召开1次): not the year's count. */
export const PER_UNIT = new RegExp(`每(?:个|一|两|半)?[\u4e00-\u9fa5]{1,2}${N}{0,8}$`);
/** A frequency written after the number: 1次/月, 一次/季度. */
export const FREQUENCY_AFTER = /^\s?[/／每]\s?(?:个|一)?[月季年周旬天日]/;
/**
 * A target or a quota, not a result (确保参考率达到100%, 力争化解率98%以上, 不低于95%, 不少于30场, a
 * quota 下达); not a decision handed down (下达行政处罚决定84起, 下达责令整改通知书).
 */
export const TARGET =
  /确保|力争|争取|目标|不低于|不得少于|不少于|应达|须达|应不少于|任务[为是]|下达(?![^，,。；;]{0,6}(?:决定|通知书|责令))/;

export const countRules: readonly CountRule[] = [
  // What is left (剩余两处正在限期整改, 其余3件正在办理), the villages a count is made in (在全乡9个村划分
  // 网格27个), and one event's smallest or largest (到场群众少则30人、多则上百人) are no year's count.
  {
    key: 'other',
    near: new RegExp(`(剩余|其余|尚有|尚余|仍有)${N}{0,2}§|§${N}{0,4}(正在|尚未|仍在)`),
    units: ['处', '个', '项', '件', '起'],
  },
  { key: 'other', near: /^[^§]*§(?:行政|自然)?(?:村|社区|村（社区）|居委会|村民小组)/, units: ['个'] },
  {
    key: 'other',
    near: new RegExp(`(少则|多则|最多|最少|平均)${N}{0,2}§`),
    units: ['人', '人次', '名', '次', '场', '场次', '件', '个', '处', '份', '户', '项'],
  },
  // Broadcasts and posts (村村响播放普法音频1200余次, 推送普法信息) are no events.
  { key: 'other', near: /广播|播放|推送|转发|大喇叭|村村响/, units: SESSION_UNITS },
  // One count of the public's events and the staff's study or exams together (开展普法宣传和学法考试等
  // 活动共30场): no count of either.
  {
    key: 'other',
    near: /(宣传|普法)[^§，,]{0,8}[和与及、][^§，,]{0,6}(考试|培训|学法)|(考试|培训|学法)[^§，,]{0,6}[和与及、][^§，,]{0,8}(宣传|普法)/,
    units: SESSION_UNITS,
  },
  // What the county's organs held (县委依法治县办组织全县法治专干培训2期，我镇派员参加; 县法院在我镇
  // 举办…启动仪式1场; 区司法局对我镇开展行政执法监督检查1次) is not the township's work, nor what the
  // villages held on their own (各村（社区）自行组织应急疏散演练30余次).
  { key: 'other', near: /各(村|社区|村居|行政村)[^§]{0,8}自行/, units: SESSION_UNITS },
  // So is one village's (新胜村结合村规民约修订，自行组织村民学法活动6场; 羊排村还自发组织了“火塘夜话”普法
  // 6场), and what a village named as the sentence's subject held (阿瓦提村结合“民族团结一家亲”活动，…
  // 开展以案释法12场).
  {
    key: 'other',
    near: /自[行发]组织/,
    sentence: /[\u4e00-\u9fa5]{1,4}(村|社区)[^。；;]{0,30}自[行发]组织/,
    units: SESSION_UNITS,
  },
  {
    key: 'other',
    near: /./,
    sentence:
      /^[\u4e00-\u9fa5]{2,4}(?<![各全每本我该])村(?:还|也|则)?(?:结合|依托|利用|自发|自行|组织|开展|举办)/,
    units: SESSION_UNITS,
  },
  {
    key: 'other',
    near: /^(县|区|市(?!场)|州)[^§、，,]{0,10}([在对]我(镇|乡|街道|街)|组织|举办|召开)/,
    units: SESSION_UNITS,
  },
  power('powers.penalty', /行政处罚/),
  power('powers.licensing', /行政许可/),
  power('powers.enforcement_measures', /行政强制/),
  power('powers.inspection', /行政检查/),
  power('powers.confirmation', /行政确认/),
  power('powers.payment', /行政给付/),
  power('powers.reward', /行政奖励/),
  power('powers.adjudication', /行政裁决/),
  // 其他47项 as the last item of the list's parts.
  power('powers.other', /其他(行政)?(权力|职权)|其他[^、，,。；;§]{0,4}§/),
  power('powers.delegated', /赋权|下放|委托/),
  power('powers.total', POWER_LIST),
  { key: 'disputes.pre_litigation', near: new RegExp(`诉前(?:委派|委托)?(调解|化解|调处)`) },
  // Not people who came for legal advice (接待群众来访咨询210人次).
  {
    key: 'petitions.visits_received',
    near: new RegExp(`接访|(接待|受理)${N}{0,8}(来访|上访|信访)`),
    unless: /咨询/,
    units: ['人次'],
  },
  // 接待群众210余人次 in a sentence on petitions (带头接访下访).
  {
    key: 'petitions.visits_received',
    near: new RegExp(`接待${N}{0,6}(群众|来访)`),
    sentence: /接访|下访|信访|来访/,
    unless: /咨询/,
    units: ['人次'],
  },
  // Petitions closed (办结) are not petitions resolved (化解), and no catalogue figure.
  { key: 'other', near: /办结/, sentence: /信访/, units: ['件', '批次', '起'] },
  {
    key: 'petitions.resolved',
    near: new RegExp(`(化解|解决)[^，,。；;]{0,12}信访|信访${N}{0,12}化解`),
  },
  // Old petitions settled (信访积案清零15件, 化解信访积案8件): petitions resolved.
  {
    key: 'petitions.resolved',
    near: new RegExp(`积案${N}{0,4}(清零|化解|销号|办结)|化解${N}{0,4}积案`),
    sentence: /信访/,
  },
  {
    key: 'petitions.cases',
    // 信访总量62件, 办理网上信访四十五件, 受理信访件一百二十件次.
    near: new RegExp(`信访(事项|案件|件|总量)|网上信访|受理${N}{0,6}信访|来信来访|信访${N}{0,6}(受理|登记)`),
    units: ['件', '批次', '件次'],
    // The petitions a list's verb resolved (成功化解信访积案、疑难信访事项7件) are read from the list.
    unlessBefore: /(化解|解决)[^，,。；;]{0,20}$/,
  },
  // Visits counted in batches (接待群众来访97批次265人次): petitions registered.
  { key: 'petitions.cases', near: new RegExp(`来访${N}{0,2}§`), units: ['批次'] },
  // A bare 化解N件 in a sentence about petitions (and not disputes) is petitions resolved, also a
  // sentence after the one that names them (受理群众信访事项64件…。已化解61件).
  {
    key: 'petitions.resolved',
    near: new RegExp(`(化解|解决)${N}{0,2}§`),
    sentence: /信访/,
    inParagraph: true,
    unlessSentence: /纠纷|矛盾/,
  },
  // Mediations ended without a settlement (调解终结1起, 调解不成3件): neither found nor resolved.
  {
    key: 'other',
    near: new RegExp(`(调解|调处)(终结|终止|不成|未成功?)${N}{0,2}§|终止调解${N}{0,2}§`),
    units: ['件', '起', '宗', '个'],
  },
  // Disputes mediated, in a sentence that also says how many were settled (共调解…纠纷210件，调结207件):
  // the disputes taken up.
  {
    key: 'disputes.found',
    // Not those still being mediated (积极调解中1起).
    near: new RegExp(`(调处|调解)${N}{0,20}(纠纷|矛盾)${N}{0,2}§|(调处|调解)(?!中)${N}{0,2}§`),
    sentence: /调结(?!率)|调处成功(?!率)|调解成功(?!率)|成功调[解处]/,
    unless: /成功|调结/,
  },
  // 调处N件 in a sentence about disputes is disputes settled, unless the sentence also says how many succeeded.
  {
    key: 'disputes.resolved',
    near: new RegExp(`(调处|调解)${N}{0,2}§`),
    sentence: /纠纷|矛盾/,
    unlessSentence: /成功|调结/,
  },
  {
    key: 'disputes.found',
    near: new RegExp(
      `(排查|摸排)${N}{0,16}(矛盾|纠纷)|(矛盾|纠纷)${N}{0,6}排查|(矛盾|纠纷)§${N}{0,16}(排查|登记)|(受理|登记)${N}{0,8}纠纷|^(排查|摸排)${N}{0,2}§|^${N}{0,6}(排查|摸排)${N}?§`,
    ),
  },
  {
    key: 'disputes.resolved',
    // 化解时限 is a deadline and 未化解 what is left: neither is disputes resolved.
    near: new RegExp(
      `(?<!未|没有|尚未)化解(?![时期]限)|调结|调处成功|调解成功|成功调[解处]|(解决|调处|处理)${N}{0,8}(纠纷|矛盾)`,
    ),
    // A lawsuit the township might lose (化解行政败诉预警案件2起) is no dispute among the public.
    // Nor those still being worked on (其余2件正在跟踪化解), nor disputes with the government
    // (推动2起历史遗留的征迁争议实质性化解).
    unless: /败诉|正在|其余|跟踪|行政争议|征迁争议|争议实质性/,
  },
  // Not the grid members among the people a training reached (覆盖党员干部、网格员等800余人).
  {
    key: 'grid.members',
    near: /网格员/,
    unless: /覆盖|参加|参与/,
    unlessSentence: /(覆盖|参加|参与)[^。；;]{0,20}网格员等/,
  },
  // One village's own grids (把全屯划成6个微网格) are not the township's.
  { key: 'other', near: new RegExp(`全[村屯组]${N}{0,8}(划|分)`), sentence: /网格/, units: ['个'] },
  { key: 'grid.grids', near: /网格(?!员)/ },
  // Not those sitting the examination for it (组织1名新申领人员参加执法资格考试).
  {
    key: 'enforcement.certified_officers',
    near: /执法(资格)?证|持证执法|执法资格/,
    // Nor the certificates given up or taken back (依法注销执法证件2人).
    // Nor those who passed the exam this year (1人顺利通过执法资格考试): new holders, not all of them.
    unless: /申领|报考|(参加|参与|通过)[^，,。；;]{0,16}考试|注销|吊销|收回|暂扣/,
  },
  {
    key: 'enforcement.certified_officers',
    near: new RegExp(`§${N}{0,4}执法人员`),
    sentence: /资格|持证|执法证/,
  },
  // The officers, then that all of them hold certificates (在编执法队员36名，全部持有行政执法证).
  {
    key: 'enforcement.certified_officers',
    near: new RegExp(`执法(?:队员|人员)${N}{0,2}§`),
    sentence: new RegExp(
      `执法(?:队员|人员)\\s*${COUNT}\\s*[名人][，,](?:全部|均|全员|都)(?:已)?持(?:有)?(?:行政)?执法证`,
    ),
    units: ['名', '人'],
  },
  // What was rectified, named right before its count (发现的148个问题已整改到位146个).
  {
    key: 'enforcement.problems_rectified',
    near: new RegExp(`(?<!未|没有|不|待)(整改到位|整改完成|完成整改|已整改)${N}{0,2}§`),
    units: ['处', '个', '项', '条'],
  },
  // Hazards found are counted in 条 too (排查安全隐患506条), and the count may stand between the
  // verb and its noun (发现的148个问题).
  {
    key: 'enforcement.problems_found',
    near: new RegExp(
      `(发现|查出|排查出)${N}{0,16}(问题|隐患)|排查${N}{0,6}隐患|发现${N}{0,4}§${N}{0,2}(问题|隐患)`,
    ),
    units: ['处', '个', '项', '条'],
  },
  // Not what is left undone: 尚有3处未整改到位.
  { key: 'enforcement.problems_rectified', near: /(?<!未|没有|不|待)整改/ },
  // The people's congress checking how a law is applied (人大代表对《土地管理法》…开展执法检查2次) is
  // no inspection of the township's.
  { key: 'other', near: new RegExp(`人大${N}{0,30}检查`), units: SESSION_UNITS },
  // Nor a check of how the villages and offices do their work (分两次开展督导检查, 法治建设督查3次).
  {
    key: 'other',
    near: /督导检查|督查|考核检查|工作检查/,
    unless: /执法|安全|隐患|违法/,
    units: SESSION_UNITS,
  },
  {
    key: 'enforcement.inspections',
    near: /检查|巡查|抽查|执法行动|专项整治|专项执法|联合执法(?!会议?|联席)/,
  },
  // The places inspected, counted in visits (检查生产经营单位186家次), or the teams sent (出动检查组47批次).
  { key: 'enforcement.inspections', near: /检查|巡查/, units: ['家次', '户次', '批次'] },
  // Inspections as cases on an enforcement platform (行政检查195件、行政处罚144件).
  { key: 'enforcement.inspections', near: new RegExp(`(行政|执法)检查${N}{0,1}§`), units: ['件'] },
  // Coercive measures (行政强制0件) are no penalties, though listed beside them.
  { key: 'other', near: new RegExp(`行政强制${N}{0,4}§|强制措施${N}{0,2}§`), units: ['件', '起', '次'] },
  // Inspections counted in 起 right after the word (控烟检查362起).
  { key: 'enforcement.inspections', near: new RegExp(`检查${N}{0,1}§`), units: ['起'] },
  // Cases opened and dealt with (立案查处N件) are penalty cases, and so are their parts by procedure.
  {
    key: 'enforcement.penalties',
    near: /简易程序|普通程序|(简易|一般|普通)案件/,
    sentence: /处罚|查处|执法/,
    unless: /撤销|撤回|不予/,
  },
  // 查处道路交通违法行为400余件次: counted in 件次 too.
  {
    key: 'enforcement.penalties',
    near: new RegExp(`行政处罚|处罚|立案查处|查处${N}{0,4}(案件|违法)`),
    units: ['件', '起', '件次', '宗', '个'],
  },
  // The number must be about contracts themselves: "审查合同29份", "29份合同…审查", "对27份涉及镇政府的
  // The contracts among what was reviewed (审查事项15项，其中重大合同3份).
  {
    key: 'legal.contracts_reviewed',
    near: new RegExp(`^其中${N}{0,6}合同${N}{0,2}§`),
    sentence: /审[查核]/,
    units: ['份', '件', '个', '项'],
  },
  // 各类合同进行合法性审核", "审核各类经济合同、协议63件"; not "对文件、合同等开展合法性审查36件".
  {
    key: 'legal.contracts_reviewed',
    near: new RegExp(
      `(审[查核]|把关)${N}{0,30}合同[、和及与]?(协议)?${N}{0,2}§|合同(协议)?${N}{0,2}§${N}{0,6}(进行|开展)?(合法性)?(审[查核]|把关)|合同(协议)?${N}{0,8}(审[查核]|把关)${N}{0,2}§|§${N}{0,2}合同|§(?:(?!文件|决策|决定)${N}){3,12}合同|§${N}{0,2}协议${N}{0,8}(审[查核]|把关)`,
    ),
    units: ['份', '件', '次', '件次', '个', '项'],
    // 合同 last in a list of what was reviewed (对重大行政决策、规范性文件和村级合同开展审查520件),
    // also when the list's items are clauses of their own (参与重大决策、合同审核39件).
    // Nor contracts and others (对合同协议等开展合法性审查17件).
    unless: /(决策|文件|决定)[^\d，,。；;§]{0,12}[、和及与][^\d，,。；;§]{0,8}合同|合同(协议)?等/,
    // Nor a review of which the sentence then gives the contracts as a part (对合同协议开展合法性审查
    // 17件…其中审查合同15份): the whole is the reviews', the part below is read by its own rule.
    // Parts that are kinds of contracts (全年审查各类合同57份，其中土地流转合同36份) leave the whole the
    // contracts'.
    unlessSentence: new RegExp(`其中(?!涉及)(?:审查|审核)?合同[^，,。；;\\d]{0,4}${COUNT}`),
    unlessBefore: /(决策|文件|决定)[^\d，,。；;]{0,12}[、和及与][^\d，,。；;]{0,8}合同[^\d，,。；;]{0,14}$/,
  },
  {
    key: 'legal.reviews',
    // 审查以镇政府名义印发的文件N件: the documents may be described at some length.
    near: new RegExp(`合法性审[查核]|法制审核|(审查|审核)${N}{0,16}(规范性文件|文件|文书|决策)`),
    // 合法性审核317项, 对151份重要文件作出合法性审查, 合法性审查186例, 42件次: counted in items,
    // copies, cases.
    units: ['件', '次', '项', '份', '例', '件次'],
    // The opinions a review gave (出具合法性审查意见书124份): counted as opinions below. Nor the
    // rules adopted for it (审议通过镇合法性审查、法律顾问管理等制度文件6项).
    unless: new RegExp(`(出具|提出|提供)${N}{0,8}意见书?${N}{0,2}§|制度`),
  },
  { key: 'legal.opinions', near: /法律(意见|建议)/ },
  // A legal adviser's written opinions: 出具审查意见书N份, 出具法律意见N条.
  {
    key: 'legal.opinions',
    near: new RegExp(
      `意见书|(出具|提出|提供)${N}{0,6}(审查|审核|法律|合法性)意见|§${N}{0,2}(审查|审核|法律|合法性)意见`,
    ),
    units: ['份', '条', '次', '件', '件次'],
    // A rule-of-law observation point's report (法治观察意见书) is no legal adviser's opinion.
    unless: /观察/,
  },
  // The changes a review asked for (合同进行合法性审核，提出修改意见58条).
  {
    key: 'legal.opinions',
    near: new RegExp(`(出具|提出|提供)${N}{0,4}修改(意见|建议)`),
    sentence: /合法性|审查|审核|法律顾问/,
    units: ['份', '条', '次', '件'],
  },
  // 合法性审查70次，提出6份意见: the opinions of a review.
  {
    key: 'legal.opinions',
    near: new RegExp(`(出具|提出)${N}{0,2}§(书面)?(意见|建议)`),
    sentence: /合法性|审查|审核|法律顾问/,
    units: ['份', '条', '次', '件'],
  },
  // Also those a public legal service station answers (公共法律服务工作站…接待群众法律咨询50余人次).
  {
    key: 'legal.consultations',
    near: /咨询|答疑|解答/,
    sentence: /法律顾问|公共法律服务(工作)?站|公共法律服务中心/,
  },
  // Lawyers on duty in the villages (律师在各村轮流坐班…解答群众法律咨询), not at a publicity event.
  { key: 'legal.consultations', near: /咨询|答疑|解答/, sentence: /律师/, unlessSentence: /普法|宣传|宣讲/ },
  // Also a sentence after the one naming the adviser (镇法律顾问全年列席…。解答群众法律咨询260人次), in a
  // paragraph that says nothing of publicity.
  {
    key: 'legal.consultations',
    near: /咨询|答疑|解答/,
    sentence: /法律顾问|公共法律服务(工作)?站|公共法律服务中心/,
    inParagraph: true,
    unlessSentence: /宣传|普法|宣讲|活动/,
  },
  // Counted in 次 right after the word when the adviser answers the township's own departments
  // (法律顾问办理街道各部门法律咨询90次); not a count of services of which consultation is one.
  {
    key: 'legal.consultations',
    near: new RegExp(`咨询${N}{0,2}§`),
    sentence: /法律顾问|公共法律服务(工作)?站|公共法律服务中心/,
    units: ['次', '件', '件次'],
  },
  { key: 'publicity.consultations', near: /咨询|解答|答疑/, units: ['人次', '条', '人', '件次', '名'] },
  // The questions answered (解答…法律问题230余个, 群众现场提出法律问题140余条); not a desk (咨询台6个).
  { key: 'publicity.consultations', near: /法律问题/, units: ['个', '条'] },

  // The objects listed before the review (对重大行政决策、规范性文件…及合同开展审查1090件;
  // 行政规范性文件审查2件): legality reviews, not decisions.
  {
    key: 'legal.reviews',
    near: new RegExp(`(决策|文件|决定|合同|事项)${N}{0,16}(审[查核]|初审|复审)${N}{0,2}§`),
    units: ['件', '次', '项', '份'],
  },
  // 全年共完成审查19件 in a sentence on the legality review; 对12件行政规范性文件和重大决策事项进行审查;
  // 年内审查9件.
  {
    key: 'legal.reviews',
    // Also a bare 审查33件 after the sentence named what goes to review (…一律提交法律顾问审查，全年审查33件).
    near: new RegExp(
      `(完成|开展|进行)${N}{0,2}审[查核]${N}{0,2}§|§${N}{0,4}(规范性文件|文件)${N}{0,16}审[查核]|^(全年|年内|共)?审[查核]${N}{0,1}§`,
    ),
    sentence: /合法性|规范性文件|决策|重大事项/,
    units: ['件', '次', '项', '份'],
  },
  // 审查事项13项，其中…合同2份: the matters a legality review took.
  {
    key: 'legal.reviews',
    near: new RegExp(`审[查核]${N}{0,4}事项${N}{0,2}§`),
    sentence: /合同|文件|决策|合法性|法律顾问/,
    units: ['件', '次', '项', '份'],
  },
  // Not the decisions among what was sent for a legality review (提交合法性审查的…重大行政决策草案
  // 及重要文件共计19件; 审查规范性文件5件、重大决策事项4件): read from the whole list, they are reviews.
  { key: 'decisions.major', near: /重大(行政)?决策/, unlessBefore: /审[查核][^，,。；;]*$/ },
  // 制定重大行政决策事项目录…，对…等4项重点事项…: the decisions counted in a clause of their own.
  {
    key: 'decisions.major',
    near: new RegExp(`§${N}{0,4}事项`),
    sentence: /重大(行政)?决策(事项)?目录|重大(行政)?决策事项/,
  },
  // Lawsuits of every kind counted with the civil ones (诉讼案件72起，其中民事诉讼50起，行政诉讼14起):
  // only the administrative ones are suits against the township.
  {
    key: 'other',
    near: new RegExp(`(?<!行政)(诉讼|案件)${N}{0,2}§`),
    sentence: /民事(诉讼|案件)/,
    unless: /应诉|被诉|行政/,
    units: ['件', '起', '宗'],
  },
  // The hearings a leader attended (领导…出庭应诉1宗) are no count of lawsuits.
  {
    key: 'other',
    near: new RegExp(`(领导|负责人|书记|镇长|乡长|主任)${N}{0,12}出庭${N}{0,4}§`),
    units: ['件', '起', '宗', '次'],
  },
  // Not an answer to an administrative reconsideration (行政复议答复案件1件): no lawsuit.
  {
    key: 'litigation.cases',
    near: /应诉|行政诉讼|诉讼案件|行政案件|被诉/,
    unless: /复议/,
    units: ['件', '起', '宗'],
  },
  // 受理依申请政府信息公开15件: the requests, whatever is named between 依申请 and 公开.
  { key: 'disclosure.requests', near: /依申请(?:政府|政务)?(?:信息)?公开|公开申请/, units: ['件', '项'] },
  // 依申请公开：收到申请2件.
  {
    key: 'disclosure.requests',
    near: new RegExp(`申请${N}{0,2}§`),
    sentence: /依申请/,
    unless: /复议|诉讼/,
    units: ['件', '项'],
  },
  {
    key: 'disclosure.items',
    near: new RegExp(`主动公开|政务公开|信息公开|公开${N}{0,14}信息|公开${N}{0,30}信息${N}{0,2}§`),
  },
  // 更新党务、政务信息1000余条: items published.
  { key: 'disclosure.items', near: new RegExp(`(更新|发布)${N}{0,6}(政务|政府|党务)信息`), units: ['条'] },
  // The safety committee's meetings (镇安委会全年召开专题会议10次) too.
  {
    key: 'safety.meetings',
    near: new RegExp(
      `安全${N}{0,10}(会议|专题会|例会)|(专题)?研究${N}{0,4}安全|安委会${N}{0,10}(会议|专题会|例会)`,
    ),
  },
  // Drills the villages held on their own (各村根据自身实际自行组织防汛、消防演练共计20余次).
  {
    key: 'other',
    near: /^(?![^§]*(镇|乡|街道))[^§]*演练/,
    sentence: /各(村|社区|村居|行政村)[^，,。；;]{0,8}自行/,
    units: SESSION_UNITS,
  },
  { key: 'safety.drills', near: /演练/, units: ['次', '场', '场次'] },
  // A meeting of all the cadres (5次镇村干部大会) is no meeting of the 党委 or the government.
  { key: 'other', near: new RegExp(`§${N}{0,8}(干部|村民|群众|职工)大会`), units: SESSION_UNITS },
  // A report heard, counted right after it (常务会议共听取法治政府建设专题汇报三次).
  // Not the other reports heard beside it (另听取司法所、综治中心等站所专项工作汇报6次).
  {
    key: 'other',
    near: new RegExp(`另${N}{0,4}听取|听取(?![^§]*法治)${N}{0,20}(站所|各部门|专项工作)${N}{0,4}汇报`),
    units: ['次'],
  },
  { key: 'leadership.reports_heard', near: new RegExp(`听取${N}{0,16}汇报${N}{0,2}§`) },
  // The report given, counted before it (法治政府建设工作情况先后3次在镇党委会上作专题汇报).
  { key: 'leadership.reports_heard', near: new RegExp(`§${N}{0,12}(作|做)${N}{0,4}汇报`), units: ['次'] },
  // …and the reports heard, counted before them (乡政府常务会听取3次法治政府建设汇报).
  { key: 'leadership.reports_heard', near: new RegExp(`听取§${N}{0,16}汇报`), units: ['次'] },
  // The meetings of the rule of law among all of a year's (党工委会议42次，其中专题研究法治工作3次).
  {
    key: 'leadership.meetings',
    near: new RegExp(`^其中${N}{0,6}(专题)?研究${N}{0,10}(法治|依法)`),
    units: SESSION_UNITS,
  },
  // 专题会议N次 in a sentence about the rule of law (法治建设, 依法治镇…): the leadership's meetings;
  // not all of a year's meetings, of which the sentence then gives those on the rule of law.
  {
    key: 'leadership.meetings',
    near: new RegExp(
      `专题${N}{0,4}会议?|部署会(议)?|常委会(议)?|常务会(议)?|党(工)?委会(议)?|联席会(议)?|办公会(议)?|(领导小组|委员会)(全体)?会议?`,
    ),
    sentence: /法治|依法治|法制/,
    inSection: true,
    unlessSentence: /安全|学法|学习|培训|其中[^。；;]{0,6}(专题)?研究[^。；;]{0,10}(法治|依法)/,
    // A report heard at the meeting (1次在乡政府常务会上听取…汇报) is a report heard.
    unless: new RegExp(`§${N}{0,16}听取${N}{0,16}汇报`),
    units: SESSION_UNITS,
  },
  { key: 'leadership.reports_heard', near: /听取/ },
  {
    key: 'leadership.meetings',
    near: new RegExp(
      `(专题研究|研究部署)${N}{0,10}(法治|依法)|(法治|依法治)${N}{0,12}(专题会|会议|推进会|调度会|部署会|工作会|大会)|研究${N}{0,3}(法治|依法治|依法行政)${N}{0,10}§`,
    ),
    // 召开法治建设工作会议1场次.
    units: SESSION_UNITS,
  },
  // The study of the villages and branches the township guides (指导基层开展学习38次) is not its own.
  {
    key: 'other',
    near: new RegExp(`(指导|督促|带动)${N}{0,4}(基层|村|社区|支部|站所)`),
    units: SESSION_UNITS,
  },
  // The 中心组's sessions are often counted in 期 (组织中心组学习17期).
  // 理论中组 is the 中心组 with a character dropped (the slip is its own finding).
  // Not a count that takes in training as well (中心组理论学习和各类法治培训5次).
  // Nor one where the 中心组 is one form of several (通过“第一议题”制度、理论中心组学习、“三会一课”等形式
  // 组织开展理论学习80余次).
  {
    key: 'study.center_group',
    near: /中心组|理论中组/,
    units: SESSION_UNITS,
    // Nor a reading class beside its study (中心组学习15次、读书班2期): a course, no count of sessions;
    // nor relaying the leaders' speeches (中心组传达学习…重要讲话精神12次), unless of the law.
    unless:
      /培训|传达学习(?![^§]*法)|读书班[^、§]{0,2}§|[、和及与][^§]{0,16}中心组[^§]{0,16}等(形式|方式)|中心组[^§]{0,8}[、和及与][^§]{0,30}等(形式|方式)/,
  },
  // Training and exams counted together (参加法制培训、考试等5次) are study sessions.
  {
    key: 'study.exam_sessions',
    near: /考试|测试|考法|学考/,
    unlessSentence: /(培训|学习|学法)[、和及与]考试等?[\d一二三四五六七八九十]/,
    // A training counted, then passed by an exam (线上培训1次并全员通过考试考核): the count is the training's.
    unless: new RegExp(`(培训|学习|学法)${N}{0,2}§${N}{0,2}(并|后)${N}{0,6}(通过|参加)${N}{0,4}(考试|测试)`),
  },
  // Exams held in rounds (学法考试全年共组织2轮).
  { key: 'study.exam_sessions', near: /考试|测试/, unless: /培训|讲座|学习/, units: ['轮', '轮次'] },
  // Those required to sit (应参考92人，实际参考92人): a quota, not who sat.
  // Unless all of them sat (全镇93名应考干部均参加考试).
  // Nor those who could not (另有2名干部因长期病假未能参考).
  { key: 'other', near: /未能(参考|参加)|未参考|缺考/, units: ['人', '名', '人次'] },
  {
    key: 'other',
    near: /应参考|应考|应参加(考试|测试)/,
    unless: /§[^，,。；;§]{0,8}(均|全部|全员)(已)?(?:按时|如期|准时)?(参加|到考|参考)/,
    units: ['人', '名', '人次'],
  },
  {
    key: 'study.exam_takers',
    // 126名干部职工完成“如法网”线上学法考法: who sat it.
    near: new RegExp(
      `参考|实考|到考|(参加|完成)${N}{0,30}(考试|测试|考法|学考(?!平台学习))|(考试|测试)${N}{0,6}参加|§${N}{0,8}全部通过${N}{0,6}(考试|测试)|§${N}{0,12}(考试|测试)(?!题)`,
    ),
    // Not those who passed a qualification exam (1人顺利通过执法资格考试): how many sat it is not said.
    unless: new RegExp(`§(?:顺利|已|均)?通过${N}{0,10}资格考试`),
  },
  // Who took part, in a clause of their own after the exam (…法律法规知识考试制度,共计24人参加).
  {
    key: 'study.exam_takers',
    // Not those who did not (有11人次未参加考试).
    near: new RegExp(`^${N}{0,3}§${N}{0,2}(?<!未|没有|不)(参加|参与|参考)`),
    sentence: /考试|测试/,
    unlessSentence: /培训|学习|讲座/,
    units: ['人', '名', '人次'],
  },
  // Sitters counted before a long exam name, in 人次 too (135余人次参加2024年度法治理论知识考试);
  // not those of study and exams together (150人次参加了学习考试).
  {
    key: 'study.exam_takers',
    near: new RegExp(
      `§${N}{0,12}(?<!未|没有|不)(参加|参与|完成)[^，,。；;§]{0,24}(?<!学习|培训)(考试|测试|考法|学考(?!平台学习))`,
    ),
    units: ['人', '名', '人次'],
  },
  // A part of the 中心组's count (中心组专题学习12次，其中…专题学习4次) is the 中心组's too.
  {
    key: 'study.center_group',
    near: new RegExp(`^其中${N}{0,14}(学习|学法)`),
    sentence: new RegExp(CENTER_COUNTED),
  },
  // A 专题学习 in a sentence about the 中心组 that gives the 中心组 no count of its own and names
  // no other cadres is the 中心组's. The 党委's or the leaders' study outside it (党委会议会前学法,
  // 班子成员专题学法, 常务会议学法) is a study session: the 中心组 is a body of its own.
  {
    key: 'study.center_group',
    near: new RegExp(
      `(专题|集中|集体)${N}{0,4}(学习|学法)|学法|学习${N}{0,2}§|学习${N}{0,10}法治思想${N}{0,2}§`,
    ),
    sentence: /中心组/,
    inParagraph: true,
    // Counted in 期 too (中心组把法治内容列入年度学习计划，安排专题学法五期).
    units: SESSION_UNITS,
    // Nor when the 中心组 is one form of several (以中心组、机关支部、个人自学等形式…学习24次;
    // 通过党政联席会“第一议题”、理论学习中心组学习等形式; 纳入党委中心组、“三会一课”必学内容).
    unlessSentence: new RegExp(
      `${CENTER_COUNTED}|中心组[^，,。；;]{0,4}[、和及与][^，,。；;]{0,30}等(形式|方式)|[、和及与][^，,。；;]{0,12}中心组[^，,。；;]{0,16}等(形式|方式)|中心组[^，,。；;]{0,3}[、和及与][“"]?(三会一课|主题党日|第一议题|支部)`,
    ),
    // Nor when cadres are who study (干部集中学法; 组织党员、干部开展多层次、多形式、全覆盖的系统学习), nor
    // when the 中心组 has had its count already (中心组学习重点，全年组织专题学习12次，开展领导干部集中学法6次).
    unlessBefore: new RegExp(
      `(${CADRES.source})${N}{0,6}(学习|学法)|组织(${CADRES.source})开展${N}{0,16}(学习|学法|培训)|中心组[^。；;]*?(?<!不少于|不低于|至少)\\d+(?![\\d年])[^\\d，,。；;]{0,4}[，,、]`,
    ),
    // A clause naming cadres (共组织干部集中学法4次) or the office (机关领导干部) counts their study, not
    // the 中心组's, and so does a study before a meeting (党委会议会前学法6次); the leading cadres'
    // study the 中心组's system brings about is its own (建立中心组集体学法制度，开展领导干部专题学法7次).
    unless: /培训|考试|讲座|(?<!领导)干部|机关|职工|会前/,
  },
  // The 中心组's discussions beside its counted study (专题学习11次、专题研讨5次): part of it or more,
  // no count of the law's study of their own.
  { key: 'other', near: /研讨/, sentence: /中心组/, units: SESSION_UNITS },
  { key: 'study.sessions', near: /警示(教育)?片|宣传片|公开课|法治党课/ },
  // The party branches' own meetings (基层党组织集中学习570余次, 三会一课) are no count of the
  // township's study of the law.
  { key: 'other', near: /党组织|党支部|三会一课|主题党日/, units: SESSION_UNITS },
  // Nor is the political study that opens every meeting (“第一议题”学习38次), unless the sentence
  // says it is of the law (把习近平法治思想作为“第一议题”，全年学习20余次).
  {
    key: 'other',
    near: /第一议题/,
    unlessSentence: /法治|法制|法律/,
    units: SESSION_UNITS,
  },
  // Nor is the study of a congress's or a plenum's spirit (机关干部集中学习党的二十大精神24次), unless of
  // the law.
  {
    key: 'other',
    near: /学习[^§]{0,6}([一二三四五六七八九十]+大|全会)精神|新时代中国特色社会主义思想/,
    unless: /法/,
    units: SESSION_UNITS,
  },
  // Nor is relaying the leaders' speeches (传达学习习近平总书记重要讲话重要指示精神60次), unless of the law.
  { key: 'other', near: /传达学习/, unless: /法/, units: SESSION_UNITS },
  // Nor is a Party lecture or the spreading of a plenum's theory (讲授专题党课、宣讲党的二十大精神共42场次)
  // publicity of the law, unless it names the law.
  {
    key: 'other',
    near: /党课|宣讲(党的)?[一二三四五六七八九十]+大|宣讲[^，,。；;§]{0,12}全会精神/,
    unless: /法/,
    units: SESSION_UNITS,
  },
  // Discipline education (廉政教育基地学习, 警示教育学习18次) is no study of the law.
  { key: 'other', near: /廉政|警示教育|党性教育|党纪/, unless: /法/, units: SESSION_UNITS },
  // Study without the words 学法/培训: 理论学习, 案例教学, 学习重要论述N次, 旁听庭审, 培训班N期,
  // cadres' study of whatever the sentence names (组织干部职工学习相关内容10余次).
  {
    key: 'study.sessions',
    near: new RegExp(
      `理论学习|集中学习|(干部|职工|党员|工作人员|公职人员)学习${N}{0,8}§|专题${N}{0,4}学习|学习${N}{0,2}§|参与学习|案例教学|专题辅导|旁听庭审|庭审旁听|观摩庭审|学习${N}{0,20}(论述|讲话|精神|法律法规|条例|宪法|民法典|法治知识|法律知识)|重要(论述|讲话)|学习${N}{0,4}《[^》§]{0,28}(法|条例|规定|办法)》`,
    ),
  },
  { key: 'study.sessions', near: /培训班|研修班|轮训/, units: SESSION_UNITS },
  { key: 'study.sessions', near: /培训|讲座|学法/, units: ['期', '轮次'] },
  // A class for the township's own people counted in 期 (开展“法治课堂”12期，覆盖镇村干部860余人次).
  { key: 'study.sessions', near: /课堂|讲堂|法治课/, sentence: FOR_STAFF, units: ['期'] },
  // A class on the law for Party members or staff (“万名党员进党校”法制专题课堂2次).
  { key: 'study.sessions', near: /(法治|法制)(专题)?课堂/, sentence: FOR_STAFF, units: SESSION_UNITS },
  // Who was trained: 培训覆盖镇村干部320人.
  // Who sat an exam named a sentence earlier, in a clause that says only that they took part
  // (年度学法考试于11月…进行。全镇136名干部职工全部参加，参考率100%).
  {
    key: 'study.exam_takers',
    near: new RegExp(`^${N}{0,4}§${N}{0,8}(参加|参考)了?$`),
    sentence: /考试|测试|参考率/,
    inParagraph: true,
    unlessSentence: /培训|学习|讲座/,
    units: ['人', '名', '人次'],
  },
  {
    key: 'study.trainees',
    near: new RegExp(
      `覆盖${N}{0,10}(干部|党员|职工|工作人员|人员|骨干)|(旁听|观摩)${N}{0,4}(干部|人员|职工)${N}{0,2}§|(向|为|给)${N}{0,4}(干部|职工|工作人员|公职人员)${N}{0,2}§|覆盖§${N}{0,8}(干部|党员|职工|工作人员|人员|骨干)|(干部|党员|职工)${N}{0,6}(参训|参学|参加)|§${N}{0,8}(学习|学法|培训)全覆盖|§${N}{0,12}(完成|参加|参与)${N}{0,10}(培训|学习|学法)|§${N}{0,4}(干部|职工|公职人员|工作人员)${N}{0,30}(完成|参加|参与)${N}{0,10}(培训|学习|学法)|§${N}{0,8}(旁听|观摩)庭审`,
    ),
    units: ['人', '人次', '名'],
    // The cadres a lecture was given to (以“遵纪守法”为主题向街道干部职工130余人…进行深入讲解).
    // Not the public beside them (专题宣讲12场次，覆盖干部群众3000余人次): an audience.
    unless: THE_PUBLIC,
  },
  // A bare 覆盖N人次 in a sentence about training: who was trained.
  // Who a publicity reached, said with 覆盖 alone (发放宣传册1.5万余份，覆盖1.2万余人次).
  {
    key: 'publicity.audience',
    // 覆盖企业员工1100余人次 after a talk in office buildings (宣讲).
    near: new RegExp(`覆盖${N}{0,6}§`),
    sentence: new RegExp(`${PUFA}|宣传|宣讲`),
    unlessSentence: FOR_STAFF,
    units: ['人次', '人'],
  },
  {
    key: 'study.trainees',
    near: new RegExp(`覆盖${N}{0,3}§`),
    sentence: /培训|学法|学习/,
    // 普法 inside a plan's name (以“八五”普法为抓手) says nothing of who was reached; a 宣讲's
    // crowd is its audience (“理论学习+”模式开展宣讲80场次，覆盖人群3000人次).
    unlessSentence: new RegExp(`${PUFA}|宣传|宣讲`),
  },
  // Who came to a training (召开法治专题培训会，…等50余人参加): its trainees.
  {
    key: 'study.trainees',
    near: new RegExp(`§(参加|参训|参与)`),
    sentence: /培训|学法|讲座/,
    unlessSentence: FOR_PUBLIC,
    units: ['人', '人次', '名'],
  },
  // Who joined a study: 参与学习人数500余人次 in a sentence about cadres' study, not a talk for the
  // public; 参与人数 after a training (法治专题培训班2期，参与人数达30余人次).
  {
    key: 'study.trainees',
    near: /(参与|参加)学习(人数)?|学习人数|参学人数/,
    units: ['人', '人次', '名'],
    unlessSentence: FOR_PUBLIC,
  },
  {
    key: 'study.trainees',
    near: /(参与|参加|参训)(人数|人员)|听课|听讲/,
    sentence: /培训|学法|讲座|旁听|庭审/,
    unlessSentence: FOR_PUBLIC,
    units: ['人', '人次', '名'],
  },
  // Cadres or leaders lecturing on the law to their colleagues (“科长讲法”活动4场, 镇长带头讲法2次,
  // 党委书记为全镇干部讲授法治专题课1次), not to the public.
  {
    key: 'study.sessions',
    near: new RegExp(`(科长|干部|领导|班子|书记|镇长|乡长|主任)${N}{0,8}讲法`),
    unlessSentence: THE_PUBLIC,
    units: SESSION_UNITS,
  },
  // …whoever else the sentence names, when the cadres are named as those taught.
  {
    key: 'study.sessions',
    near: new RegExp(`(为|给|向)${N}{0,6}(干部|职工|工作人员)${N}{0,4}(讲授|讲|上)${N}{0,8}(课|讲座)`),
    units: SESSION_UNITS,
  },
  // A lecture given in a sentence about the staff's study (针对机关干部…集中学习12次，邀请法律顾问专题授课3次).
  {
    key: 'study.sessions',
    near: /授课|讲课/,
    sentence: FOR_STAFF,
    unlessSentence: THE_PUBLIC,
    units: SESSION_UNITS,
  },
  // A talk or a class for staff (机关工作人员普法知识讲座12场), or for those who spread the law (对普法
  // 骨干开展学法培训4次), is their study, not publicity.
  {
    key: 'study.sessions',
    near: /(机关|干部|职工|工作人员|公职人员|骨干|志愿者|宣讲员)[^，,。；;§]{0,8}(讲座|培训|法治课|宣讲|授课|讲课|辅导)/,
    units: SESSION_UNITS,
  },
  { key: 'publicity.model_households', near: /示范户/ },
  { key: 'publicity.legal_literates', near: /法律明白人/ },
  {
    key: 'publicity.events',
    near: new RegExp(
      `(普法|宣传|宣讲|送法)${N}{0,10}(活动|讲座|工作)|宣讲|送法|法治宣传|普法|(集中|主题|专题|广场|巡回)宣传|流动(课堂|讲堂)|法治(课堂|大集|夜校|赶集)|法律[一二三四五六七八九]进|(法律(服务|知识)?|法治)(进|走进)(校园|学校|村|社区|企业|机关|乡村|农村|单位|家庭|工地|市场|网格|寺庙|小区)|(进|走进)(校园|学校|村|社区|企业|乡村|家庭)${N}{0,6}§`,
    ),
  },
  // Cultural events on the law (法治文化活动75场次) and campaigns named 法治进…/法律进… in quotation marks
  // (开展“法治进渔村、进渔港、进渔船”活动52场次).
  {
    key: 'publicity.events',
    near: new RegExp(`法治文化${N}{0,4}活动|[“"](法律|法治|普法)[^”"]{0,20}进[^”"]{0,20}[”"]${N}{0,4}活动`),
    units: SESSION_UNITS,
  },
  // Quizzes on the law for the public (面向群众开展“民法典线上有奖答题”活动3期).
  {
    key: 'publicity.events',
    near: /答题|竞答|知识竞赛/,
    sentence: new RegExp(`${THE_PUBLIC.source}|${PUFA}`),
    unlessSentence: FOR_STAFF,
    units: SESSION_UNITS,
  },
  // A case explained to villagers (深入移民村开展以案释法活动十二场，受教育群众约2100人次).
  {
    key: 'publicity.events',
    near: /以案[释述]法/,
    sentence: THE_PUBLIC,
    // The staff who give it (组织司法所、派出所、法庭工作人员深入移民村) are no audience.
    unlessSentence: /干部职工|机关干部|全体干部|公职人员/,
    units: SESSION_UNITS,
  },
  // Films on the law shown to villagers (“法治电影下乡”放映活动16场次).
  { key: 'publicity.events', near: /放映|电影/, sentence: /法治|普法|法律/, units: SESSION_UNITS },
  // …and to the township's own staff: a case explained to cadres (开展“以案述法”1场次), films on the
  // law watched (组织干部观看各类法治视频10余次) are their study.
  { key: 'study.sessions', near: /以案[释述]法/, sentence: FOR_STAFF, units: SESSION_UNITS },
  {
    key: 'study.sessions',
    near: new RegExp(`观看${N}{0,8}(?:法治|法律|普法)${N}{0,6}(?:视频|影片|专题片|教育片)|观看${N}{0,6}庭审`),
    sentence: FOR_STAFF,
    units: SESSION_UNITS,
  },
  // A courtyard meeting held to spread the law (召开院坝会20余场，广泛宣传宪法).
  // So are bench meetings where villagers learn the law (以“板凳会”形式召集群众学法议事…召开板凳会93场).
  {
    key: 'publicity.events',
    near: /院坝会|坝坝会|屋场会|板凳会/,
    sentence: new RegExp(`宣传|${PUFA}|学法`),
    inParagraph: true,
  },
  // Shows for the public (法治文艺演出), and a night school or class for villagers held in 期.
  {
    key: 'publicity.events',
    near: /(法治|普法)文艺|文艺(演出|汇演)|情景剧|小品|快板|巡演|演出/,
    sentence: /法治|普法|法律/,
  },
  {
    key: 'publicity.events',
    near: /夜校|课堂|讲堂|讲座|宣讲|授课/,
    sentence: new RegExp(`${THE_PUBLIC.source}|${PUFA}`),
    unlessSentence: FOR_STAFF,
    units: SESSION_UNITS,
  },
  // A class or talk given to villagers (给群众上法治课N场次), whoever gives it: a publicity event.
  {
    key: 'publicity.events',
    near: new RegExp(
      `(给|为|向|面向)${N}{0,2}(${THE_PUBLIC.source}|中小学生)${N}{0,6}(课|讲座|宣讲|讲堂|课堂)`,
    ),
    units: SESSION_UNITS,
  },
  // A talk or class in a sentence about publicity, not given to cadres, is a publicity event
  // (普法宣传活动86场次，其中…校园法治课23场).
  {
    key: 'publicity.events',
    near: /讲座|讲堂|课堂|法治课/,
    sentence: new RegExp(`宣传|${PUFA}`),
    unlessSentence: FOR_STAFF,
  },
  // The public counted first (全年共有1.5万余名群众通过…巡回宣讲活动接受法治教育; 1800余名群众参与…主题活动).
  {
    key: 'publicity.audience',
    near: new RegExp(`§${N}{0,2}(群众|村民|居民|师生|学生)${N}{0,24}(接受|参与|参加|受到)`),
    units: ['人', '人次', '名'],
  },
  // Villagers reached at their homes (入户宣传2500余人次).
  { key: 'publicity.audience', near: /(入户|上门)宣传/, units: ['人次', '人', '户'] },
  // An activity counted in a sentence about publicity (开展法制宣传“六进”活动，开展“典亮校园”活动5次).
  {
    key: 'publicity.events',
    near: new RegExp(`活动${N}{0,1}§`),
    sentence: /(普法|法治|法制)宣传|宣传活动/,
    unlessSentence: /干部|职工|公职人员|工作人员/,
    // 班子会前学法活动48次: a study, whatever the sentence says of publicity.
    unless: /学法|学习/,
  },
  // The count before the word (完成24场次宣传).
  {
    key: 'publicity.events',
    near: new RegExp(`§${N}{0,2}(普法|法治)?宣[传讲](?!资料|品|单|册|页|材料|栏|牌|片|员)`),
    units: SESSION_UNITS,
  },
  // 法律服务N次 (not a legal adviser's): the township's publicity events.
  { key: 'publicity.events', near: /法律服务/, unlessSentence: /法律顾问/ },
  { key: 'study.sessions', near: /学法|培训|讲座|讲堂|学习会|法治课|专题学习|专家辅导|辅导讲座/ },
  // Training for villagers or pupils is publicity: its people are the audience.
  { key: 'study.trainees', near: /培训|学法|参训|参学|受训/, unless: THE_PUBLIC },
  // Books bought for a reading corner (购置法律书籍2300册) are not handed out.
  { key: 'other', near: /购置|采购|购买/, units: ['册', '本', '套'] },
  {
    key: 'publicity.materials',
    near: /资料|手册|宣传单|宣传册|读本|单行本|口袋书|图书|明白纸|明白卡|折页|书籍|宣传品|宣传页|小册子|册子|宣传材料|普法材料|法治材料|(发放|印发|分发|派发|赠送)[^，。；§]{0,10}材料|(发放|印发|分发|派发|赠送|赠阅)[^，。；§]{0,6}《[^》§]{1,20}》[^，。；§]{0,4}§/,
  },
  // Handouts counted as pieces or sheets: 宣传品5000余件, 宣传单2000张.
  {
    key: 'publicity.materials',
    near: /宣传品|宣传物品|宣传资料|普法资料|宣传单|明白纸|明白卡|宣传页|小册子/,
    units: ['件', '张', '套'],
  },
  // Not the boards built or renewed (新建法治宣传栏12块, 宣传栏27个): fixtures, not banners put up.
  { key: 'publicity.banners', near: /横幅|标语|电子屏|展板|海报|宣传画/, unless: /宣传栏|宣传牌/ },
  {
    key: 'publicity.banners',
    near: /展板|海报|电子屏|标语|宣传画/,
    unless: /宣传栏|宣传牌/,
    units: ['块', '张', '个', '处'],
  },
  // Who joined a talk for the public: 宣讲活动35场，累计参与学习5000人次.
  {
    key: 'publicity.audience',
    near: new RegExp(`(参与|参加)${N}{0,4}(学习|活动|答题)|参与人数|参学`),
    sentence: /宣讲|普法|宣传|[六七八九]进/,
    unlessSentence: FOR_STAFF,
    units: ['人次', '人'],
  },
  {
    key: 'publicity.audience',
    near: new RegExp(
      `受教育|受众|[获受]宣(人员|群众|人数)|观影|(旁听|到会|到场)(群众|村民|居民)|参与${N}{0,4}(群众|村民|居民)|覆盖群众|普及(群众|居民|村民)|惠及|触达|观众|观看|(培训|教育|服务)(村民|群众|居民)|参与群众|群众参与|受益|覆盖${N}{0,6}(居民|村民|群众|人群|群体|师生|学生)|(居民|村民|群众|师生)${N}{0,4}(参与|参加|受教育)`,
    ),
    // Not the people a self-service terminal served (“粤智助”累计服务群众7515人次、办理业务…).
    // Nor the people a service hall received (便民服务中心…接待服务群众3.3万余人次).
    unless: /办理业务|办件|政务服务|粤智助|自助|接待|办事大厅|便民服务/,
  },
  // Last: a session held in a sentence about spreading the law, whatever it is called (召开坝坝会
  // 20余场，广泛宣传宪法; 举办“法治大讲堂”进村活动6场，宣讲民法典), not for the township's staff.
  {
    key: 'publicity.events',
    near: new RegExp(`(开展|组织|举办|召开)${N}{1,10}§`),
    sentence: new RegExp(`(宣传|宣讲)${N}{0,10}(宪法|法律|法治|民法典|法规)|${PUFA}`),
    // Not a meeting that plans the publicity (召开党委会议3次，研究部署普法宣传工作).
    unlessSentence: new RegExp(`${FOR_STAFF.source}|研究|部署`),
    unless: /党委|党工委|党政|政府|常务|办公会|联席|专题会/,
    units: SESSION_UNITS,
  },
];

/**
 * One verb for two steps (排查化解矛盾纠纷87件, 发现并整改问题隐患121处): the figure counts both, as
 * either key's rule found it, unless its sentence gives the other step a figure of its own
 * (排查化解矛盾纠纷45件，成功化解43件). Data.
 */
export const TWIN_KEYS: readonly { readonly words: RegExp; readonly keys: readonly [string, string] }[] = [
  { words: /(排查|摸排)(并|和|与)?(化解|调处)(?!率)/, keys: ['disputes.found', 'disputes.resolved'] },
  {
    words: /(发现|排查|查找)(并|和|与|及)?(整改|督促整改)(?!率)/,
    keys: ['enforcement.problems_found', 'enforcement.problems_rectified'],
  },
];

/** Rate names (…率) and their keys; `sentence` narrows names used for several things. */
/**
 * How a rate's name maps to a key; `sentence`, when given, must match its sentence, or with
 * `inParagraph` the paragraph up to it (一场考试…。第一场合格率95.8%…).
 */
export const rateRules: readonly { key: string; name: RegExp; sentence?: RegExp; inParagraph?: boolean }[] = [
  // A part's rate (诉前调解成功率79.7%; 诉前调解案件64件，调解成功51件，调解成功率79.7%) is not the
  // township's.
  { key: 'other', name: /^诉前/ },
  { key: 'other', name: /^调解成功率/, sentence: /诉前调解/ },
  { key: 'disputes.resolution_rate', name: /化解率|调处(成功)?率|调结率|调解成功率/ },
  // 群众满意度达96% names the rate by its degree.
  {
    key: 'disputes.satisfaction_rate',
    name: /满意[率度]/,
    sentence: /纠纷|调解|调处|化解|矛盾/,
    inParagraph: true,
  },
  // A bare 成功率 in a sentence about mediation (…调解成功437件，成功率98.2%).
  { key: 'disputes.resolution_rate', name: /^成功率/, sentence: /调解|调处|纠纷/ },
  { key: 'study.exam_participation_rate', name: /参考率|参考比例/ },
  // 参与率 or 完成率 of an exam (学法考试，参与率100%; 完成率及优秀率均为100%).
  {
    key: 'study.exam_participation_rate',
    name: /参与率|参加率|完成率|参考人数比例/,
    sentence: /考试|测试|考法/,
  },
  // An exam's pass rate, not a review's (审核通过率) or a case file's (案卷评查合格率).
  {
    key: 'study.exam_pass_rate',
    name: /合格率|通过率|及格率/,
    sentence: /考|测试|学法|培训|答题/,
    inParagraph: true,
  },
  { key: 'study.exam_excellent_rate', name: /优秀率/ },
  { key: 'litigation.leader_appearance_rate', name: /出庭(应诉)?率/ },
  // 领导及时出庭应诉，应诉率达100%: the leaders' appearance, named by its last word.
  {
    key: 'litigation.leader_appearance_rate',
    name: /^应诉率/,
    sentence: /(领导|负责人)[^。；;]{0,8}出庭/,
  },
  // Petitions closed on time; not enforcement cases closed (立案查处…按期办结率).
  {
    key: 'petitions.on_time_rate',
    name: /(按期|及时)办结率/,
    sentence: /信访|来信|来访|诉求|^(?![\s\S]*(立案|查处|处罚|执结|执法))/,
  },
];

const unitsByKey = new Map(indicators.map((i) => [i.key, i.units]));

/**
 * The key of the first rule that claims a counted figure: a catalogue key, `other` when a rule
 * says it is no catalogue figure, or undefined when no rule speaks to it.
 */
export function ruleForCount(
  clause: string,
  sentence: string,
  unit: string,
  paragraph: string = sentence,
  upTo: string = sentence,
  section = '',
): string | undefined {
  for (const r of countRules) {
    // The unit first: a rule for other units needs none of its words tested.
    const units = r.units ?? unitsByKey.get(r.key) ?? [];
    // 宗 counts cases as 件 does (排查矛盾纠纷625宗).
    if (!units.includes(unit) && !(unit === '宗' && units.includes('件'))) continue;
    if (!r.near.test(clause)) continue;
    // Read from the paragraph only when the sentence itself does not name the subject; then the
    // exceptions (the 中心组 given a count of its own, cadres) are read there too.
    const scope = r.inParagraph && r.sentence && !r.sentence.test(sentence) ? paragraph : sentence;
    if (r.sentence && !r.sentence.test(scope) && !(r.inSection && r.sentence.test(section))) continue;
    if (r.unlessSentence?.test(scope)) continue;
    if (r.unlessBefore?.test(scope === paragraph ? paragraph : upTo)) continue;
    if (r.unless?.test(clause)) continue;
    return r.key;
  }
  return undefined;
}

/** The catalogue key for a counted figure, or `other`. */
export const keyForCount = (clause: string, sentence: string, unit: string): string =>
  ruleForCount(clause, sentence, unit) ?? 'other';

/** The catalogue key for a rate named `name` (e.g. 化解率), or `other`. */
export function keyForRate(name: string, sentence: string, paragraph = ''): string {
  for (const r of rateRules) {
    if (!r.name.test(name)) continue;
    if (!r.sentence || r.sentence.test(sentence) || (r.inParagraph && r.sentence.test(paragraph)))
      return r.key;
  }
  return 'other';
}
