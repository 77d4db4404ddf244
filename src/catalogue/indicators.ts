import type { GroupId, KindId } from './kinds.ts';

/**
 * The indicator catalogue (shared/docs/indicators.md): stable keys, Chinese names, units and the
 * formula over ledger records. Keys may be added, never renamed. Rates are percentages 0–100.
 */

/** A condition on a record's `data` field, tagged by `op` like aggregates and formulas. */
export type Cond =
  | { readonly op: 'in'; readonly field: string; readonly in: readonly string[] }
  | { readonly op: 'truthy'; readonly field: string }
  /** The date field is set and falls on or before the period's end. */
  | { readonly op: 'onOrBeforeEnd'; readonly field: string }
  /** Both date fields are set and the first is not after the second. */
  | { readonly op: 'notAfter'; readonly field: string; readonly notAfter: string }
  /** Any one of the conditions holds. */
  | { readonly op: 'any'; readonly any: readonly Cond[] }
  /** The number field was written as approximate (200余份): the record's APPROX_KEY lists it. */
  | { readonly op: 'approx'; readonly field: string };

/**
 * The data key of a record listing its number fields written as approximate (200余, 约1000), as
 * `,materials,audience,`; set by the import, carried into indicators and the report.
 */
export const APPROX_KEY = 'approxFields';

/** A count, sum or distinct count over the records of one kind in a period. */
export type Aggregate =
  | { readonly op: 'count'; readonly kind: KindId; readonly where?: readonly Cond[] }
  | { readonly op: 'sum'; readonly kind: KindId; readonly field: string; readonly where?: readonly Cond[] }
  | {
      readonly op: 'distinct';
      readonly kind: KindId;
      readonly field: string;
      readonly where?: readonly Cond[];
    };

/** A value: one aggregate, or a percentage of two. */
export type Formula = Aggregate | { readonly op: 'rate'; readonly num: Aggregate; readonly den: Aggregate };

export interface Indicator {
  /** Stable key, e.g. `disputes.resolution_rate`. */
  readonly key: string;
  /** Chinese name (化解率). */
  readonly label: string;
  /** Unit the value is given in (次, 人, %). */
  readonly unit: string;
  /** Other units reports use for the same figure (场, 场次…); the reviewer maps them to this key. */
  readonly units: readonly string[];
  readonly group: GroupId;
  /** How the value is counted (口径), for the report's appendix. */
  readonly basis: string;
  readonly formula: Formula;
}

const count = (kind: KindId, ...where: Cond[]): Aggregate => ({ op: 'count', kind, where });
const sum = (kind: KindId, field: string, ...where: Cond[]): Aggregate => ({ op: 'sum', kind, field, where });
const distinct = (kind: KindId, field: string, ...where: Cond[]): Aggregate => ({
  op: 'distinct',
  kind,
  field,
  where,
});
const rate = (num: Aggregate, den: Aggregate): Formula => ({ op: 'rate', num, den });
const is = (field: string, ...values: string[]): Cond => ({ op: 'in', field, in: values });
const truthy = (field: string): Cond => ({ op: 'truthy', field });

const examTaken = count('exam_score');
const disputeClosedOrDue: Cond = {
  op: 'any',
  any: [is('status', 'resolved', 'failed'), { op: 'onOrBeforeEnd', field: 'dueDate' }],
};
const surveyed = is('satisfaction', 'satisfied', 'basically', 'dissatisfied');
const petitionClosed = is('status', 'closed');

export const indicators: readonly Indicator[] = [
  {
    key: 'leadership.meetings',
    label: '党委/政府专题研究法治建设会议',
    unit: '次',
    units: ['次'],
    group: 'leadership',
    basis: '法治建设专题会议记录数',
    formula: count('leadership_meeting'),
  },
  {
    key: 'leadership.reports_heard',
    label: '听取法治政府建设工作汇报',
    unit: '次',
    units: ['次'],
    group: 'leadership',
    basis: '专题会议中听取法治政府建设工作汇报的次数',
    formula: count('leadership_meeting', truthy('heardReport')),
  },
  {
    key: 'study.center_group',
    label: '党委理论学习中心组学法',
    unit: '次',
    units: ['次', '场'],
    group: 'study',
    basis: '学习形式为中心组学法的学法培训记录数',
    formula: count('study_session', is('sessionType', 'center_group')),
  },
  {
    key: 'study.sessions',
    label: '集中学法/法治培训/讲座',
    unit: '次',
    units: ['次', '场', '场次'],
    group: 'study',
    basis: '中心组学法以外的学法培训记录数（会前学法、集中学法、培训、讲座、警示片）',
    formula: count(
      'study_session',
      is('sessionType', 'meeting_study', 'collective', 'training', 'lecture', 'video'),
    ),
  },
  {
    key: 'study.trainees',
    label: '培训覆盖人数',
    unit: '人次',
    units: ['人', '人次'],
    group: 'study',
    basis: '学法培训参加人数之和',
    formula: sum('study_session', 'attendees'),
  },
  {
    key: 'study.exam_sessions',
    label: '学法考试',
    unit: '场',
    units: ['场', '场次', '次'],
    group: 'study',
    basis: '学法考试记录数',
    formula: count('exam'),
  },
  {
    key: 'study.exam_takers',
    label: '参考人数',
    unit: '人',
    units: ['人', '名'],
    group: 'study',
    basis: '考试成绩中不同姓名的人数',
    formula: distinct('exam_score', 'person'),
  },
  {
    key: 'study.exam_participation_rate',
    label: '参考率',
    unit: '%',
    units: ['%'],
    group: 'study',
    basis: '实际参考人次 ÷ 各场考试应参考人数之和',
    formula: rate(examTaken, sum('exam', 'required')),
  },
  {
    key: 'study.exam_pass_rate',
    label: '合格率',
    unit: '%',
    units: ['%'],
    group: 'study',
    basis: '合格（含优秀）人次 ÷ 参考人次',
    formula: rate(count('exam_score', is('grade', 'excellent', 'pass')), examTaken),
  },
  {
    key: 'study.exam_excellent_rate',
    label: '优秀率',
    unit: '%',
    units: ['%'],
    group: 'study',
    basis: '优秀人次 ÷ 参考人次',
    formula: rate(count('exam_score', is('grade', 'excellent')), examTaken),
  },
  {
    key: 'publicity.events',
    label: '普法宣传活动',
    unit: '次',
    units: ['次', '场', '场次'],
    group: 'publicity',
    basis: '普法宣传活动记录数',
    formula: count('publicity_event'),
  },
  {
    key: 'publicity.materials',
    label: '发放宣传资料',
    unit: '份',
    units: ['份', '册', '本'],
    group: 'publicity',
    basis: '普法宣传活动发放资料之和',
    formula: sum('publicity_event', 'materials'),
  },
  {
    key: 'publicity.consultations',
    label: '现场解答群众法律咨询',
    unit: '人次',
    units: ['人次', '条'],
    group: 'publicity',
    basis: '普法宣传活动现场解答咨询之和',
    formula: sum('publicity_event', 'consultations'),
  },
  {
    key: 'publicity.audience',
    label: '受教育群众',
    unit: '人次',
    units: ['人次', '人'],
    group: 'publicity',
    basis: '普法宣传活动受教育群众之和',
    formula: sum('publicity_event', 'audience'),
  },
  {
    key: 'publicity.banners',
    label: '悬挂横幅/张贴标语',
    unit: '条',
    units: ['条', '幅'],
    group: 'publicity',
    basis: '普法宣传活动横幅标语之和',
    formula: sum('publicity_event', 'banners'),
  },
  {
    key: 'publicity.model_households',
    label: '学法用法示范户',
    unit: '户',
    units: ['户'],
    group: 'publicity',
    basis: '期末在册的学法用法示范户数',
    formula: count('model_household'),
  },
  {
    key: 'publicity.legal_literates',
    label: '法律明白人',
    unit: '名',
    units: ['名', '人'],
    group: 'publicity',
    basis: '期末在册的法律明白人数',
    formula: count('legal_literate'),
  },
  {
    key: 'disputes.found',
    label: '排查矛盾纠纷',
    unit: '件',
    units: ['件', '起'],
    group: 'governance',
    basis: '登记的矛盾纠纷数',
    formula: count('dispute'),
  },
  {
    key: 'disputes.resolved',
    label: '化解矛盾纠纷',
    unit: '件',
    units: ['件', '起'],
    group: 'governance',
    basis: '调处状态为调解成功的矛盾纠纷数',
    formula: count('dispute', is('status', 'resolved')),
  },
  {
    key: 'disputes.resolution_rate',
    label: '化解率',
    unit: '%',
    units: ['%'],
    group: 'governance',
    basis: '调解成功数 ÷ 已办结或已到办结期限的纠纷数',
    formula: rate(count('dispute', is('status', 'resolved')), count('dispute', disputeClosedOrDue)),
  },
  {
    key: 'disputes.satisfaction_rate',
    label: '满意率',
    unit: '%',
    units: ['%'],
    group: 'governance',
    basis: '回访满意和基本满意数 ÷ 已回访数',
    formula: rate(count('dispute', is('satisfaction', 'satisfied', 'basically')), count('dispute', surveyed)),
  },
  {
    key: 'disputes.pre_litigation',
    label: '诉前调解',
    unit: '件',
    units: ['件', '起'],
    group: 'governance',
    basis: '标记为诉前调解的矛盾纠纷数',
    formula: count('dispute', truthy('preLitigation')),
  },
  {
    key: 'grid.grids',
    label: '网格',
    unit: '个',
    units: ['个'],
    group: 'governance',
    basis: '期末在册的网格数',
    formula: count('grid'),
  },
  {
    key: 'grid.members',
    label: '网格员',
    unit: '名',
    units: ['名', '人'],
    group: 'governance',
    basis: '期末在任的网格员数',
    formula: count('grid_member'),
  },
  {
    key: 'petitions.cases',
    label: '信访事项',
    unit: '件',
    units: ['件', '批次'],
    group: 'petitions',
    basis: '登记的信访事项数',
    formula: count('petition'),
  },
  {
    key: 'petitions.visits_received',
    label: '接访群众',
    unit: '人次',
    units: ['人次'],
    group: 'petitions',
    basis: '领导接访接待群众之和',
    formula: sum('petition_reception', 'visitors'),
  },
  {
    key: 'petitions.resolved',
    label: '化解信访事项',
    unit: '件',
    units: ['件'],
    group: 'petitions',
    basis: '标记为已化解的信访事项数',
    formula: count('petition', truthy('resolved')),
  },
  {
    key: 'petitions.on_time_rate',
    label: '按期办结率',
    unit: '%',
    units: ['%'],
    group: 'petitions',
    basis: '办结日期不晚于办理期限的已办结事项 ÷ 已办结事项',
    formula: rate(
      count('petition', petitionClosed, { op: 'notAfter', field: 'closedDate', notAfter: 'dueDate' }),
      count('petition', petitionClosed),
    ),
  },
  {
    key: 'petitions.satisfaction_rate',
    label: '信访事项满意率',
    unit: '%',
    units: ['%'],
    group: 'petitions',
    basis: '信访人评价满意和基本满意数 ÷ 已评价数',
    formula: rate(
      count('petition', is('satisfaction', 'satisfied', 'basically')),
      count('petition', surveyed),
    ),
  },
  {
    key: 'enforcement.certified_officers',
    label: '持证执法人员',
    unit: '名',
    units: ['名', '人'],
    group: 'enforcement',
    basis: '期末有效的行政执法证件数',
    formula: count('enforcement_certificate', is('certType', 'enforcement')),
  },
  {
    key: 'enforcement.inspections',
    label: '执法检查',
    unit: '次',
    units: ['次'],
    group: 'enforcement',
    basis: '执法检查记录数',
    formula: count('inspection'),
  },
  {
    key: 'enforcement.problems_found',
    label: '发现问题',
    unit: '处',
    units: ['处', '个', '项'],
    group: 'enforcement',
    basis: '执法检查发现问题之和',
    formula: sum('inspection', 'problemsFound'),
  },
  {
    key: 'enforcement.problems_rectified',
    label: '整改到位',
    unit: '处',
    units: ['处', '个', '项'],
    group: 'enforcement',
    basis: '执法检查整改到位之和',
    formula: sum('inspection', 'problemsRectified'),
  },
  {
    key: 'enforcement.penalties',
    label: '行政处罚',
    unit: '件',
    units: ['件', '起'],
    group: 'enforcement',
    basis: '已作出处罚决定（含已结案）的案件数，按立案日期计',
    formula: count('penalty', is('status', 'decided', 'closed')),
  },
  {
    key: 'powers.total',
    label: '权力清单事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项数（按年度导入的清单，次年1月1日失效）',
    formula: count('power'),
  },
  {
    key: 'powers.penalty',
    label: '权力清单：行政处罚事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项中权力类别为行政处罚的事项数',
    formula: count('power', is('category', 'penalty')),
  },
  {
    key: 'powers.licensing',
    label: '权力清单：行政许可事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项中权力类别为行政许可的事项数',
    formula: count('power', is('category', 'licensing')),
  },
  {
    key: 'powers.enforcement_measures',
    label: '权力清单：行政强制事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项中权力类别为行政强制的事项数',
    formula: count('power', is('category', 'enforcement_measures')),
  },
  {
    key: 'powers.inspection',
    label: '权力清单：行政检查事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项中权力类别为行政检查的事项数',
    formula: count('power', is('category', 'inspection')),
  },
  {
    key: 'powers.confirmation',
    label: '权力清单：行政确认事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项中权力类别为行政确认的事项数',
    formula: count('power', is('category', 'confirmation')),
  },
  {
    key: 'powers.payment',
    label: '权力清单：行政给付事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项中权力类别为行政给付的事项数',
    formula: count('power', is('category', 'payment')),
  },
  {
    key: 'powers.reward',
    label: '权力清单：行政奖励事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项中权力类别为行政奖励的事项数',
    formula: count('power', is('category', 'reward')),
  },
  {
    key: 'powers.adjudication',
    label: '权力清单：行政裁决事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项中权力类别为行政裁决的事项数',
    formula: count('power', is('category', 'adjudication')),
  },
  {
    key: 'powers.other',
    label: '权力清单：其他行政权力事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项中权力类别为其他行政权力的事项数',
    formula: count('power', is('category', 'other')),
  },
  {
    key: 'powers.delegated',
    label: '权力清单：县级赋权事项',
    unit: '项',
    units: ['项', '条'],
    group: 'enforcement',
    basis: '期末有效的权力清单事项中权力来源为县级赋权的事项数',
    formula: count('power', is('source', 'delegated')),
  },
  {
    key: 'legal.reviews',
    label: '合法性审查',
    unit: '件',
    units: ['件', '次'],
    group: 'legal',
    basis: '合法性审查记录数（决策、规范性文件、合同及其他）',
    formula: count('legal_review'),
  },
  {
    key: 'legal.contracts_reviewed',
    label: '审查合同',
    unit: '份',
    units: ['份', '件'],
    group: 'legal',
    basis: '审查类型为合同协议的合法性审查数',
    formula: count('legal_review', is('reviewType', 'contract')),
  },
  {
    key: 'legal.opinions',
    label: '法律意见',
    unit: '次',
    units: ['次', '条', '份'],
    group: 'legal',
    basis: '法律顾问出具法律意见记录数',
    formula: count('legal_opinion'),
  },
  {
    key: 'legal.consultations',
    label: '法律顾问解答咨询',
    unit: '人次',
    units: ['人次'],
    group: 'legal',
    basis: '法律顾问解答咨询人次之和',
    formula: sum('adviser_consultation', 'people'),
  },
  {
    key: 'decisions.major',
    label: '重大行政决策',
    unit: '件',
    units: ['件', '项'],
    group: 'decisions',
    basis: '已集体讨论决定（含已公布）的重大行政决策数',
    formula: count('major_decision', is('status', 'decided', 'published')),
  },
  {
    key: 'litigation.cases',
    label: '行政应诉案件',
    unit: '件',
    units: ['件', '起'],
    group: 'litigation',
    basis: '收到起诉状的行政诉讼案件数',
    formula: count('lawsuit'),
  },
  {
    key: 'litigation.leader_appearance_rate',
    label: '负责人出庭率',
    unit: '%',
    units: ['%'],
    group: 'litigation',
    basis: '负责人出庭的庭审 ÷ 全部庭审（按庭审计，不按案件）',
    formula: rate(
      count('lawsuit_hearing', is('leaderRank', 'principal', 'deputy', 'in_charge')),
      count('lawsuit_hearing'),
    ),
  },
  {
    key: 'disclosure.items',
    label: '主动公开信息',
    unit: '条',
    units: ['条'],
    group: 'disclosure',
    basis: '主动公开信息记录数',
    formula: count('disclosure_item'),
  },
  {
    key: 'disclosure.requests',
    label: '依申请公开',
    unit: '件',
    units: ['件'],
    group: 'disclosure',
    basis: '收到的政府信息公开申请数',
    formula: count('disclosure_request'),
  },
  {
    key: 'safety.meetings',
    label: '安全生产专题会议',
    unit: '次',
    units: ['次'],
    group: 'safety',
    basis: '安全生产专题会议记录数',
    formula: count('safety_meeting'),
  },
  {
    key: 'safety.drills',
    label: '应急演练',
    unit: '次',
    units: ['次'],
    group: 'safety',
    basis: '应急演练记录数',
    formula: count('safety_drill'),
  },
];

const byKey = new Map(indicators.map((i) => [i.key, i]));

export function findIndicator(key: string): Indicator | undefined {
  return byKey.get(key);
}
