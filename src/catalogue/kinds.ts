import type { ClockId } from './clocks.ts';
import { bool, choice, date, int, num, text, type Field } from './fields.ts';

/** Work areas, in the order the annual report and the web menu present them. */
export const groups = {
  leadership: '组织领导',
  study: '学法用法',
  publicity: '普法宣传',
  governance: '基层治理',
  petitions: '信访工作',
  enforcement: '行政执法',
  legal: '法律顾问与合法性审查',
  decisions: '依法决策',
  litigation: '行政应诉',
  disclosure: '政务公开',
  safety: '安全生产',
  planning: '工作安排',
} as const;
export type GroupId = keyof typeof groups;

/**
 * A kind of ledger (台账) record. `event` kinds count by their date within a period; `registry`
 * kinds (示范户, 网格员, 执法证…) count when active at the period's end: registered on or before it
 * and not ended by then.
 */
export interface RecordKind {
  readonly id: string;
  readonly label: string;
  readonly group: GroupId;
  readonly temporal: 'event' | 'registry';
  /** Label of the record's date column (会议日期, 认定日期…). */
  readonly dateLabel: string;
  /** Label of the record's title column (会议名称, 姓名…). */
  readonly titleLabel: string;
  /** Label of the end date column; registry kinds only (撤销日期, 离任日期…). */
  readonly endLabel?: string;
  /** Kind-specific fields, stored in the record's `data`. */
  readonly fields: readonly Field[];
  /** Pairs [a, b] where a must not exceed b (整改到位 ≤ 发现问题). */
  readonly notGreater?: readonly (readonly [string, string])[];
  /** Casework with a statutory workflow (states, clocks); its ledger row is the case's current state. */
  readonly caseType?: boolean;
  /**
   * An activity a report states as done, so a photo, sign-in sheet or minutes (佐证材料) should be
   * attached; such records without evidence are flagged on the dashboard.
   */
  readonly evidenceExpected?: boolean;
  /**
   * One row per person rather than per activity (考试成绩): counted through its activity's own kind
   * in activity charts, where a 200-person exam would tower over a month's meetings.
   */
  readonly perPerson?: boolean;
  /** The practices of real township reports this kind records (docs/catalogue.md). */
  readonly practices: readonly string[];
  /**
   * A statutory period the record's own date must fall within, counted from one of its date
   * fields (主动公开: 公开日期 within 20个工作日 of 信息形成或变更日期, 政府信息公开条例 第26条).
   */
  readonly within?: { readonly clock: ClockId; readonly from: string };
}

/** 权力类别 of a power (权力清单事项), as the county's lists group them. */
export const POWER_CATEGORIES = [
  ['penalty', '行政处罚'],
  ['licensing', '行政许可'],
  ['enforcement_measures', '行政强制'],
  ['inspection', '行政检查'],
  ['confirmation', '行政确认'],
  ['payment', '行政给付'],
  ['reward', '行政奖励'],
  ['adjudication', '行政裁决'],
  ['other', '其他行政权力'],
] as const;

/** The Chinese label of a 权力类别 code (行政处罚 for `penalty`). */
export const powerCategory = (code: string): string =>
  POWER_CATEGORIES.find(([c]) => c === code)?.[1] ?? code;

/**
 * The power (权力清单事项) a penalty or inspection case exercises, by its 事项名称. Optional in the
 * ledger (older records lack it); opening a case requires it and a power held on the case's date.
 */
const powerField = text('power', '行使的权力事项', {
  max: 200,
  help: '本乡镇当年权力清单中的事项名称',
});

const kindList = [
  {
    id: 'leadership_meeting',
    label: '法治建设专题会议',
    group: 'leadership',
    temporal: 'event',
    evidenceExpected: true,
    dateLabel: '会议日期',
    titleLabel: '会议名称',
    fields: [
      choice(
        'meetingType',
        '会议类型',
        [
          ['party_committee', '党委会'],
          ['government', '政府常务会'],
          ['joint', '党政联席会'],
          ['committee', '依法治镇委员会会议'],
          ['other', '其他'],
        ],
        { required: true },
      ),
      bool('heardReport', '听取法治政府建设工作汇报'),
      text('chair', '主持人'),
      int('attendees', '参会人数', { unit: '人' }),
      text('topics', '研究事项', { max: 2000 }),
    ],
    practices: [
      '党委/政府专题研究法治建设',
      '定期听取法治政府建设工作情况汇报',
      '成立法治政府建设领导小组/依法治镇委员会',
    ],
  },
  {
    id: 'leader_duty',
    label: '第一责任人履职',
    group: 'leadership',
    temporal: 'event',
    dateLabel: '日期',
    titleLabel: '事项',
    fields: [
      text('leader', '领导姓名', { required: true, max: 50 }),
      choice(
        'position',
        '职务',
        [
          ['secretary', '党委书记'],
          ['head', '乡镇长（街道主任）'],
          ['deputy', '分管领导'],
        ],
        { required: true },
      ),
      choice(
        'action',
        '履职方式',
        [
          ['deploy', '亲自部署'],
          ['inquire', '亲自过问'],
          ['coordinate', '亲自协调'],
          ['supervise', '亲自督办'],
          ['report_law', '述职述法'],
        ],
        { required: true },
      ),
    ],
    practices: [
      '党政主要负责人履行推进法治建设第一责任人职责',
      '重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办',
      '党政主要负责人年终述职中专门述法、述法评议',
    ],
  },
  {
    // Who the 第一责任人 are (党政主要负责人履行推进法治建设第一责任人职责规定 第2条): the annual
    // report's part 3 names them and attributes the acts the ledger records under their names.
    id: 'principal_leader',
    label: '党政主要负责人',
    group: 'leadership',
    temporal: 'registry',
    dateLabel: '任职日期',
    titleLabel: '姓名',
    endLabel: '离任日期',
    fields: [
      choice(
        'position',
        '职务',
        [
          ['secretary', '党委（党工委）书记'],
          ['head', '乡镇长（街道办事处主任）'],
        ],
        { required: true },
      ),
    ],
    practices: ['党委书记、乡镇长（街道党工委书记、办事处主任）是推进法治建设第一责任人'],
  },
  {
    id: 'study_session',
    label: '学法培训',
    group: 'study',
    temporal: 'event',
    evidenceExpected: true,
    dateLabel: '日期',
    titleLabel: '学习主题',
    fields: [
      choice(
        'sessionType',
        '学习形式',
        [
          ['center_group', '党委理论学习中心组学法'],
          ['meeting_study', '会前学法'],
          ['collective', '集中学法'],
          ['training', '法治培训'],
          ['lecture', '法治讲座'],
          ['video', '法治教育警示片'],
        ],
        { required: true },
      ),
      int('attendees', '参加人数', { unit: '人次' }),
      text('lecturer', '主讲人'),
      text('laws', '学习法律法规', { max: 1000 }),
    ],
    practices: [
      '党委理论学习中心组学法',
      '会前学法、集中学法、学法清单',
      '法治培训、法治讲座（含法律明白人、人民调解员培训）',
      '观看法治教育警示宣传片',
    ],
  },
  {
    id: 'exam',
    label: '学法考试',
    group: 'study',
    temporal: 'event',
    dateLabel: '考试日期',
    titleLabel: '考试名称',
    fields: [
      int('required', '应参考人数', { required: true, unit: '人' }),
      choice('form', '考试形式', [
        ['offline', '现场考试'],
        ['online', '线上考试'],
      ]),
      text('organizer', '组织单位'),
    ],
    practices: ['年度学法考试、法治理论考试'],
  },
  {
    id: 'exam_score',
    label: '考试成绩',
    group: 'study',
    temporal: 'event',
    perPerson: true,
    dateLabel: '考试日期',
    titleLabel: '考试名称',
    fields: [
      text('person', '姓名', { required: true, max: 50 }),
      text('unit', '单位/职务', { max: 100 }),
      num('score', '成绩', { min: 0, max: 150 }),
      choice(
        'grade',
        '等次',
        [
          ['excellent', '优秀'],
          ['pass', '合格'],
          ['fail', '不合格'],
        ],
        { required: true },
      ),
    ],
    practices: ['参考人数、参考率、合格率、优秀率'],
  },
  {
    id: 'publicity_event',
    label: '普法宣传活动',
    group: 'publicity',
    temporal: 'event',
    evidenceExpected: true,
    dateLabel: '活动日期',
    titleLabel: '活动主题',
    fields: [
      choice('publicityDay', '宣传节点', [
        ['none', '无'],
        ['d0315', '“3·15”消费者权益日'],
        ['d0415', '“4·15”全民国家安全教育日'],
        ['civil_code_month', '民法典宣传月'],
        ['d0626', '“6·26”国际禁毒日'],
        ['constitution_week', '宪法宣传周'],
        ['d1204', '“12·4”国家宪法日'],
        ['other', '其他'],
      ]),
      choice(
        'form',
        '活动形式',
        [
          ['street', '集中宣传'],
          ['village', '送法下乡/进村'],
          ['door', '入户宣传'],
          ['school', '进校园'],
          ['enterprise', '进企业'],
          ['online', '网络新媒体'],
          ['broadcast', '广播'],
          ['other', '其他'],
        ],
        { required: true },
      ),
      text('location', '地点'),
      int('materials', '发放资料', { unit: '份' }),
      int('audience', '受教育群众', { unit: '人次' }),
      int('consultations', '解答咨询', { unit: '人次' }),
      int('banners', '横幅标语', { unit: '条' }),
      text('partners', '联合单位'),
    ],
    practices: [
      '普法宣传活动、送法下乡、以案释法',
      '“3·15”“4·15”“6·26”“12·4”等宣传节点活动',
      '校园法治讲堂、法律进企业',
      '发放宣传资料、悬挂横幅、张贴标语、电子屏',
      '现场解答群众法律咨询',
      '村村响广播、微信公众号宣传',
    ],
  },
  {
    id: 'model_household',
    label: '学法用法示范户',
    group: 'publicity',
    temporal: 'registry',
    dateLabel: '认定日期',
    titleLabel: '户主姓名',
    endLabel: '撤销日期',
    fields: [
      choice('level', '认定级别', [
        ['township', '乡镇级'],
        ['county', '县级'],
        ['city', '市级及以上'],
      ]),
    ],
    practices: ['学法用法示范户培育'],
  },
  {
    id: 'legal_literate',
    label: '法律明白人',
    group: 'publicity',
    temporal: 'registry',
    dateLabel: '认定日期',
    titleLabel: '姓名',
    endLabel: '退出日期',
    fields: [text('phone', '联系电话', { max: 30 }), bool('mediator', '兼任人民调解员')],
    practices: ['法律明白人培养'],
  },
  {
    id: 'grid',
    label: '网格',
    group: 'governance',
    temporal: 'registry',
    dateLabel: '划分日期',
    titleLabel: '网格名称',
    endLabel: '撤并日期',
    fields: [int('households', '户数', { unit: '户' }), int('signs', '网格公示牌', { unit: '块' })],
    practices: ['划分综治网格、设置网格公示牌'],
  },
  {
    id: 'grid_member',
    label: '网格员',
    group: 'governance',
    temporal: 'registry',
    dateLabel: '任职日期',
    titleLabel: '姓名',
    endLabel: '离任日期',
    fields: [text('grid', '所属网格', { required: true }), bool('fullTime', '专职')],
    practices: ['网格员队伍、网格员排查预警'],
  },
  {
    id: 'dispute',
    label: '矛盾纠纷',
    group: 'governance',
    temporal: 'event',
    caseType: true,
    dateLabel: '登记日期',
    titleLabel: '纠纷事由',
    fields: [
      choice(
        'disputeType',
        '纠纷类型',
        [
          ['neighbour', '邻里纠纷'],
          ['land', '土地山林纠纷'],
          ['family', '婚姻家庭纠纷'],
          ['debt', '债务纠纷'],
          ['labour', '劳资纠纷'],
          ['traffic', '交通事故纠纷'],
          ['property', '物业纠纷'],
          ['other', '其他'],
        ],
        { required: true },
      ),
      choice('source', '来源', [
        ['grid', '网格排查'],
        ['visit', '群众来访'],
        ['platform', '群众说事/热线平台'],
        ['referral', '上级交办'],
        ['other', '其他'],
      ]),
      text('parties', '当事人'),
      choice(
        'status',
        '调处状态',
        [
          ['pending', '调处中'],
          ['resolved', '调解成功'],
          ['failed', '调解不成'],
        ],
        { required: true },
      ),
      date('dueDate', '办结期限', { statutoryDue: true }),
      date('closedDate', '办结日期'),
      bool('preLitigation', '诉前调解'),
      date('confirmDate', '申请司法确认日期', {
        help: '调解协议生效后30日内由双方当事人共同向人民法院申请（人民调解法第33条）',
      }),
      choice('satisfaction', '回访满意度', [
        ['not_visited', '未回访'],
        ['satisfied', '满意'],
        ['basically', '基本满意'],
        ['dissatisfied', '不满意'],
      ]),
    ],
    practices: [
      '排查矛盾纠纷、化解率',
      '群众说事平台就地化解',
      '诉前调解',
      '调结率、满意率',
      '屋里人+小店情报站等排查机制',
    ],
  },
  {
    id: 'petition',
    label: '信访事项',
    group: 'petitions',
    temporal: 'event',
    caseType: true,
    dateLabel: '登记日期',
    titleLabel: '反映事项',
    fields: [
      choice(
        'petitionType',
        '信访类型',
        [
          ['claim', '申诉求决'],
          ['suggestion', '意见建议'],
          ['report', '检举控告'],
        ],
        { required: true },
      ),
      choice('form', '信访形式', [
        ['visit', '来访'],
        ['letter', '来信'],
        ['online', '网上信访'],
        ['phone', '电话'],
      ]),
      int('petitioners', '信访人数', { unit: '人' }),
      bool('forwarded', '上级转送交办', {
        help: '信访部门或上级机关转送、交办的事项；不属于本机关职权范围的，5个工作日内可提出异议',
      }),
      choice(
        'status',
        '办理状态',
        [
          ['registered', '已登记'],
          ['accepted', '已受理'],
          ['not_accepted', '不予受理'],
          ['closed', '已办结'],
        ],
        { required: true },
      ),
      date('dueDate', '办理期限', { statutoryDue: true }),
      date('closedDate', '办结日期'),
      bool('resolved', '已化解'),
      choice('satisfaction', '群众满意度', [
        ['not_visited', '未评价'],
        ['satisfied', '满意'],
        ['basically', '基本满意'],
        ['dissatisfied', '不满意'],
      ]),
    ],
    practices: ['信访事项办理、按期办结', '信访攻坚、集中化解信访案件', '律师参与信访代办'],
  },
  {
    id: 'petition_reception',
    label: '领导接访',
    group: 'petitions',
    temporal: 'event',
    dateLabel: '接访日期',
    titleLabel: '接访地点/主题',
    fields: [
      text('leader', '接访领导', { required: true, max: 50 }),
      choice('receptionType', '接访方式', [
        ['scheduled', '领导接访日'],
        ['down_visit', '领导下访'],
        ['platform', '群众说事平台'],
        ['other', '其他'],
      ]),
      int('visitors', '接待群众', { required: true, unit: '人次' }),
    ],
    practices: ['领导干部下访接访群众', '接访群众人次'],
  },
  {
    id: 'enforcement_certificate',
    label: '行政执法证件',
    group: 'enforcement',
    temporal: 'registry',
    dateLabel: '发证日期',
    titleLabel: '持证人',
    endLabel: '失效日期',
    fields: [
      choice(
        'certType',
        '证件类型',
        [
          ['enforcement', '行政执法证'],
          ['supervision', '行政执法监督证'],
        ],
        { required: true },
      ),
      text('certNo', '证件编号', { max: 50 }),
      text('area', '执法领域'),
    ],
    practices: ['持证执法人员、执法监督证', '持证上岗、规范执法'],
  },
  {
    id: 'power',
    label: '权力清单事项',
    group: 'enforcement',
    temporal: 'registry',
    // A year's list runs from 1 January to the next 1 January (清单按年度导入, services/powers).
    dateLabel: '生效日期',
    titleLabel: '事项名称',
    endLabel: '失效日期',
    fields: [
      choice('category', '权力类别', POWER_CATEGORIES, { required: true }),
      text('basis', '设定依据', { required: true, max: 2000 }),
      choice(
        'source',
        '权力来源',
        [
          ['statutory', '法定'],
          ['delegated', '县级赋权'],
        ],
        { required: true },
      ),
      text('delegationDoc', '赋权文件', { max: 200, help: '县级赋权的，填写赋权文件名称及文号' }),
      date('delegationDate', '赋权日期'),
      text('office', '责任科室', { max: 100 }),
      text('duties', '责任事项', { max: 2000, help: '事前、事中、事后各环节的责任（责任清单）' }),
    ],
    practices: [
      '梳理乡镇权力清单、责任清单并向社会公布',
      '承接县级赋权事项（赋权清单）',
      '按类别统计行政处罚、行政许可、行政强制、行政检查等事项',
    ],
  },
  {
    id: 'inspection',
    label: '执法检查',
    group: 'enforcement',
    temporal: 'event',
    evidenceExpected: true,
    caseType: true,
    dateLabel: '检查日期',
    titleLabel: '检查事项',
    fields: [
      choice(
        'area',
        '检查领域',
        [
          ['safety', '安全生产'],
          ['fireworks', '烟花爆竹'],
          ['fire', '消防安全'],
          ['homestead', '农村宅基地'],
          ['environment', '生态环境'],
          ['food', '食品安全'],
          ['construction', '违法建设'],
          ['other', '其他'],
        ],
        { required: true },
      ),
      text('target', '检查对象'),
      powerField,
      int('problemsFound', '发现问题', { unit: '处' }),
      int('problemsRectified', '整改到位', { unit: '处' }),
      date('rectifyDeadline', '整改期限'),
    ],
    notGreater: [['problemsRectified', 'problemsFound']],
    practices: [
      '专项执法检查、发现问题、督促整改',
      '责令限期整改、逾期未整改进入行政处罚程序',
      '监督检查、安全生产整治',
    ],
  },
  {
    id: 'penalty',
    label: '行政处罚案件',
    group: 'enforcement',
    temporal: 'event',
    caseType: true,
    dateLabel: '立案日期',
    titleLabel: '案由',
    fields: [
      text('party', '当事人'),
      powerField,
      choice(
        'status',
        '办理状态',
        [
          ['filed', '已立案'],
          ['decided', '已作出决定'],
          ['closed', '已结案'],
          ['withdrawn', '撤销立案'],
        ],
        { required: true },
      ),
      date('decidedDate', '决定日期'),
      num('fine', '罚款金额', { min: 0, unit: '元' }),
      bool('legalCheckCase', '须法制审核', {
        help: '涉及重大公共利益、经过听证、案情疑难复杂等情形，决定前须法制审核（行政处罚法第58条）',
      }),
      bool('collectiveCase', '情节复杂或重大违法', {
        help: '须经行政机关负责人集体讨论决定（行政处罚法第57条第2款）',
      }),
      date('hearingDate', '听证日期'),
      text('hearingRecord', '听证笔录', { max: 100, help: '笔录编号或存档位置（行政处罚法第65条）' }),
    ],
    practices: ['行政处罚、严格规范公正文明执法', '重大执法决定法制审核、听证'],
  },
  {
    id: 'legal_review',
    label: '合法性审查',
    group: 'legal',
    temporal: 'event',
    caseType: true,
    dateLabel: '受理日期',
    titleLabel: '审查事项',
    fields: [
      choice(
        'reviewType',
        '审查类型',
        [
          ['decision', '重大行政决策'],
          ['normative', '规范性文件'],
          ['contract', '合同协议'],
          ['other', '其他涉法事项'],
        ],
        { required: true },
      ),
      text('reviewer', '审查人'),
      choice('conclusion', '审查结论', [
        ['pending', '审查中'],
        ['lawful', '合法'],
        ['amend', '修改后合法'],
        ['unlawful', '不合法'],
      ]),
      date('completedDate', '完成日期'),
    ],
    practices: [
      '重大行政决策、规范性文件、合同协议合法性审查，应审尽审',
      '司法所所长和法律顾问参加党政联席会',
    ],
  },
  {
    id: 'legal_opinion',
    label: '法律意见',
    group: 'legal',
    temporal: 'event',
    dateLabel: '出具日期',
    titleLabel: '事项',
    fields: [
      text('adviser', '法律顾问', { required: true, max: 50 }),
      choice('opinionType', '意见类别', [
        ['decision', '重大决策'],
        ['contract', '合同项目'],
        ['dispute', '矛盾纠纷'],
        ['village', '村级事务'],
        ['other', '其他'],
      ]),
    ],
    practices: ['法律顾问为重大决策、企业项目合同提供法律意见', '为村提供法律意见', '一村（居）一法律顾问'],
  },
  {
    id: 'adviser_consultation',
    label: '法律顾问咨询',
    group: 'legal',
    temporal: 'event',
    dateLabel: '日期',
    titleLabel: '咨询地点/事项',
    fields: [
      text('adviser', '法律顾问', { max: 50 }),
      choice('channel', '咨询方式', [
        ['office', '坐班/来访'],
        ['phone', '电话'],
        ['online', '网络/APP'],
        ['village', '进村服务'],
      ]),
      int('people', '解答咨询', { required: true, unit: '人次' }),
    ],
    practices: ['法律顾问为群众提供法律咨询', '手机APP、服务热线接受群众法律咨询'],
  },
  {
    id: 'major_decision',
    label: '重大行政决策',
    group: 'decisions',
    temporal: 'event',
    caseType: true,
    dateLabel: '启动日期',
    titleLabel: '决策事项',
    fields: [
      choice(
        'status',
        '决策阶段',
        [
          ['drafting', '拟订中'],
          ['public_comment', '公众参与'],
          ['expert', '专家论证'],
          ['risk', '风险评估'],
          ['legality', '合法性审查'],
          ['decided', '集体讨论决定'],
          ['published', '已公布'],
          ['abandoned', '终止'],
        ],
        { required: true },
      ),
      date('decidedDate', '决定日期'),
      text('meeting', '决定会议'),
      // 公众参与 (重大行政决策程序暂行条例 第14、15条): the comment window and what came of it.
      date('commentCloses', '征求意见截止日期', {
        help: '公开征求意见公告载明的截止日期；一般不少于30日',
      }),
      text('commentShortReason', '缩短征求意见期限的理由', {
        max: 500,
        help: '征求意见期限少于30日的，须在公开征求意见时说明理由（如情况紧急）',
      }),
      int('commentsReceived', '收到公众意见', { min: 0, unit: '条' }),
      int('commentsAdopted', '采纳意见', { min: 0, unit: '条' }),
      int('commentsPartly', '部分采纳意见', { min: 0, unit: '条' }),
      int('commentsRejected', '不予采纳意见', { min: 0, unit: '条' }),
    ],
    practices: ['严格执行重大行政决策法定程序'],
  },
  {
    id: 'lawsuit',
    label: '行政应诉案件',
    group: 'litigation',
    temporal: 'event',
    caseType: true,
    dateLabel: '收到起诉状日期',
    titleLabel: '案由',
    fields: [
      text('plaintiff', '原告'),
      text('court', '受理法院'),
      text('caseNo', '案号', { max: 60 }),
      choice(
        'status',
        '案件状态',
        [
          ['pending', '审理中'],
          ['won', '胜诉'],
          ['lost', '败诉'],
          ['withdrawn', '原告撤诉'],
          ['settled', '调解和解'],
        ],
        { required: true },
      ),
      choice('instrument', '裁判文书', [
        ['judgment', '判决'],
        ['ruling', '裁定'],
      ]),
      date('appealDate', '上诉日期'),
    ],
    practices: ['对涉及自身的行政案件积极应诉', '切实履行人民法院生效判决、裁定'],
  },
  {
    id: 'lawsuit_hearing',
    label: '出庭应诉',
    group: 'litigation',
    temporal: 'event',
    dateLabel: '开庭日期',
    titleLabel: '案号/案由',
    fields: [
      choice(
        'leaderRank',
        '负责人出庭',
        [
          ['principal', '正职负责人出庭'],
          ['deputy', '副职负责人出庭'],
          ['in_charge', '分管负责人出庭'],
          ['none', '负责人未出庭'],
        ],
        { required: true },
      ),
      text('leaderName', '出庭负责人', { max: 50 }),
    ],
    practices: ['行政机关负责人出庭应诉、出庭率'],
  },
  {
    id: 'review_response',
    label: '行政复议答复',
    group: 'litigation',
    temporal: 'event',
    caseType: true,
    dateLabel: '收到申请书副本日期',
    titleLabel: '复议事项',
    fields: [
      text('applicant', '申请人'),
      text('reviewOrgan', '复议机关'),
      choice(
        'status',
        '办理状态',
        [
          ['pending', '审理中'],
          ['upheld', '维持或驳回'],
          ['revoked', '撤销、变更或确认违法'],
          ['withdrawn', '申请人撤回或终止'],
        ],
        { required: true },
      ),
      date('answerDate', '答复日期'),
    ],
    practices: ['作为行政复议被申请人按期答复、提交证据依据', '履行行政复议决定'],
  },
  {
    id: 'disclosure_item',
    label: '主动公开信息',
    group: 'disclosure',
    temporal: 'event',
    dateLabel: '公开日期',
    titleLabel: '信息标题',
    fields: [
      choice('channel', '公开渠道', [
        ['website', '政府网站'],
        ['board', '政务公开栏'],
        ['wechat', '微信公众号'],
        ['other', '其他'],
      ]),
      text('category', '信息类别'),
      date('madeDate', '信息形成或变更日期', {
        help: '自该日起20个工作日内主动公开（政府信息公开条例第26条）',
      }),
      text('content', '公开内容', {
        max: 5000,
        help: '在公开平台上向公众显示的正文；不要填写个人身份证号、电话等个人信息',
      }),
    ],
    practices: ['政务公开、主动公开政府信息'],
    within: { clock: 'disclosure.proactive', from: 'madeDate' },
  },
  {
    id: 'disclosure_request',
    label: '依申请公开',
    group: 'disclosure',
    temporal: 'event',
    caseType: true,
    dateLabel: '收到申请日期',
    titleLabel: '申请内容',
    fields: [
      text('applicant', '申请人'),
      date('correctionDue', '补正期限', {
        statutoryDue: true,
        help: '补正通知书载明的补正期限；未载明的按15个工作日计',
      }),
      choice(
        'status',
        '办理状态',
        [
          ['received', '已收到'],
          ['correction', '补正中'],
          ['replied', '已答复'],
        ],
        { required: true },
      ),
      date('replyDate', '答复日期'),
      choice('replyType', '答复类型', [
        ['disclosed', '予以公开'],
        ['partial', '部分公开'],
        ['not_disclosed', '不予公开'],
        ['not_exist', '信息不存在'],
        ['not_ours', '非本机关负责公开'],
      ]),
    ],
    practices: ['依申请公开政府信息'],
  },
  {
    id: 'safety_meeting',
    label: '安全生产专题会议',
    group: 'safety',
    temporal: 'event',
    evidenceExpected: true,
    dateLabel: '会议日期',
    titleLabel: '会议名称',
    fields: [text('chair', '主持人'), int('attendees', '参会人数', { unit: '人' })],
    practices: ['安全生产暨自然灾害防治专题会议', '安全生产逢会必讲', '重点人群研判会'],
  },
  {
    id: 'safety_drill',
    label: '应急演练',
    group: 'safety',
    temporal: 'event',
    evidenceExpected: true,
    dateLabel: '演练日期',
    titleLabel: '演练名称',
    fields: [
      choice(
        'drillType',
        '演练类型',
        [
          ['fire', '消防'],
          ['earthquake', '地震应急'],
          ['flood', '防汛'],
          ['geologic', '地质灾害'],
          ['other', '其他'],
        ],
        { required: true },
      ),
      int('participants', '参演人数', { unit: '人' }),
    ],
    practices: ['消防安全、地震应急救援演练'],
  },
  {
    id: 'commitment',
    label: '下一年度工作安排',
    group: 'planning',
    temporal: 'event',
    dateLabel: '提出日期',
    titleLabel: '工作安排',
    fields: [
      int('targetYear', '计划年度', { required: true, min: 2000, max: 2100 }),
      text('area', '工作领域'),
      choice(
        'status',
        '完成情况',
        [
          ['planned', '未开始'],
          ['in_progress', '推进中'],
          ['done', '已完成'],
          ['not_done', '未完成'],
        ],
        { required: true },
      ),
      text('progress', '进展说明', { max: 2000 }),
    ],
    practices: ['下一步工作安排、工作思路', '上年度工作安排落实情况'],
  },
] as const satisfies readonly RecordKind[];

export type KindId = (typeof kindList)[number]['id'];

/** 备注: a remark any record may carry, as a ledger's 备注 column holds it. */
const NOTE = text('note', '备注', { max: 500 });

/** Every record kind, in menu order; each ends with the 备注 every ledger has. */
export const kinds: readonly RecordKind[] = kindList.map((k) => ({ ...k, fields: [...k.fields, NOTE] }));

const byId = new Map<string, RecordKind>(kinds.map((k) => [k.id, k]));

export function isKindId(id: string): id is KindId {
  return byId.has(id);
}

/** The kind with this id or Chinese label, or undefined. */
export function findKind(idOrLabel: string): RecordKind | undefined {
  const s = idOrLabel.trim();
  return byId.get(s) ?? kinds.find((k) => k.label === s);
}

export function getKind(id: string): RecordKind {
  const k = byId.get(id);
  if (!k) throw new Error(`未知的台账类型：${id}`);
  return k;
}
