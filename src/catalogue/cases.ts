/**
 * Case types (案件类型) as declarations: for each case-like record kind, its states, the transitions
 * between them, who may take each one, the clocks each starts, stops, extends, suspends or restarts
 * with their legal basis, the fields each step needs, and the indicators its outcomes feed.
 * The case engine (core/cases.ts) is generic over these; adding a case type is adding a declaration.
 */
import type { LegalBasis } from './clocks.ts';
import type { ClockId } from './clocks.ts';
import { choice, int, text, type Field, type FieldValue } from './fields.ts';
import type { KindId } from './kinds.ts';

/** Role ids (the same ids as the user accounts'). */
export type RoleId =
  'township_staff' | 'township_leader' | 'legal_adviser' | 'grid_member' | 'county_officer' | 'system_admin';

export const caseRoles: Readonly<Record<RoleId, string>> = {
  township_staff: '乡镇工作人员',
  township_leader: '乡镇领导',
  legal_adviser: '法律顾问',
  grid_member: '网格员',
  county_officer: '县级工作人员',
  system_admin: '系统管理员',
};

export function isRoleId(s: string): s is RoleId {
  return Object.hasOwn(caseRoles, s);
}

/** What a transition does to a clock. */
export type ClockEffect =
  /** Starts the clock on the event date; `dueField` names the field holding a `set` clock's date. */
  | { readonly start: ClockId; readonly dueField?: string }
  /** Stops it; with `refuseEarly`, the transition is refused before the clock's due date. */
  | { readonly stop: ClockId; readonly refuseEarly?: boolean }
  /** Extends it by the transition's `extension` parameter, within the rule's limits. */
  | { readonly extend: ClockId }
  /** Stops counting time until `resume` (第三方征求意见). */
  | { readonly suspend: ClockId }
  | { readonly resume: ClockId }
  /** Starts it afresh from the event date (补正). */
  | { readonly restart: ClockId }
  /** Stops every running clock (终止). */
  | { readonly stopAll: true };

/** A value a transition writes into the record's data: a constant, the event date, a clock's due date, or a parameter. */
export type SetValue = FieldValue | { readonly eventDate: true } | { readonly due: ClockId };

/** A record field the step asks for (a field of the case's record kind). */
export interface Need {
  readonly key: string;
  readonly required?: boolean;
}

/** A step that must have been taken before this one, with the Chinese refusal and its basis. */
export interface Requirement {
  readonly action: string;
  /** Parameter values the earlier step must have had (合法性审查结论 不是“不合法”). */
  readonly where?: Readonly<Record<string, readonly string[]>>;
  readonly message: string;
}

export interface Transition {
  /** Action id used on the command line (`accept`). */
  readonly id: string;
  /** Chinese name (受理). */
  readonly label: string;
  readonly from: readonly string[];
  /** The state after the step; absent for a step that records something and keeps the state. */
  readonly to?: string;
  readonly roles: readonly RoleId[];
  readonly clocks?: readonly ClockEffect[];
  /** Fields of the record the step fills in. */
  readonly needs?: readonly Need[];
  /** Inputs that belong to the step, not to the record (延长天数, 出庭负责人). */
  readonly params?: readonly Field[];
  readonly reason?: 'required' | 'optional';
  readonly set?: Readonly<Record<string, SetValue>>;
  readonly requires?: readonly Requirement[];
  /** The step may be taken only once in a case (补正 只能一次). */
  readonly once?: boolean;
  /** Opens a new case of another type (逾期未整改 → 行政处罚立案). */
  readonly opens?: {
    readonly type: KindId;
    readonly titlePrefix: string;
    readonly data: Readonly<Record<string, FieldValue>>;
  };
  /** Adds a ledger record of another kind from the step's parameters (出庭应诉记录). */
  readonly creates?: { readonly kind: KindId; readonly fields: readonly string[] };
  readonly basis?: readonly LegalBasis[];
}

export interface CaseState {
  readonly id: string;
  readonly label: string;
  /** Values the record's data takes in this state (its `status`), so indicators see the outcome. */
  readonly data?: Readonly<Record<string, FieldValue>>;
}

export interface CaseType {
  readonly kind: KindId;
  readonly label: string;
  readonly initial: string;
  readonly states: readonly CaseState[];
  readonly openRoles: readonly RoleId[];
  /** Clocks that start when the case is opened, and data set then. */
  readonly openClocks: readonly ClockEffect[];
  readonly openSet?: Readonly<Record<string, SetValue>>;
  readonly transitions: readonly Transition[];
  /** Indicator keys (catalogue/indicators.ts) this case type's outcomes feed. */
  readonly indicators: readonly string[];
  readonly summary: string;
}

const STAFF: RoleId = 'township_staff';
const LEADER: RoleId = 'township_leader';
const ADVISER: RoleId = 'legal_adviser';
const GRID: RoleId = 'grid_member';
const COUNTY: RoleId = 'county_officer';
const b = (law: string, article: string): LegalBasis => ({ law, article });
const onDate = { eventDate: true } as const;
/** The extension amount a step asks for, in the clock's unit. */
const extension = (unitLabel: string): Field =>
  int('extension', `延长${unitLabel}`, { required: true, min: 1, max: 366 });

/** Every case type may change hands: the leader or staff names the person responsible (承办人). */
export const assignTransition: Transition = {
  id: 'assign',
  label: '指定承办人',
  from: [],
  roles: [STAFF, LEADER],
  params: [text('owner', '承办人', { required: true, max: 50 })],
};

const dispute: CaseType = {
  kind: 'dispute',
  label: '矛盾纠纷调处',
  summary: '登记 → 调解 → 调解成功/调解不成；一般一个月内调结，成功的回访满意度。',
  initial: 'registered',
  states: [
    { id: 'registered', label: '已登记', data: { status: 'pending' } },
    { id: 'mediating', label: '调解中', data: { status: 'pending' } },
    { id: 'resolved', label: '调解成功', data: { status: 'resolved' } },
    { id: 'failed', label: '调解不成', data: { status: 'failed' } },
  ],
  openRoles: [STAFF, LEADER, GRID],
  openClocks: [{ start: 'mediation.close' }],
  openSet: { dueDate: { due: 'mediation.close' } },
  transitions: [
    {
      id: 'mediate',
      label: '开始调解',
      from: ['registered'],
      to: 'mediating',
      roles: [STAFF, LEADER, ADVISER],
    },
    {
      id: 'resolve',
      label: '调解成功',
      from: ['registered', 'mediating'],
      to: 'resolved',
      roles: [STAFF, LEADER, ADVISER],
      clocks: [{ stop: 'mediation.close' }],
      needs: [{ key: 'preLitigation' }, { key: 'satisfaction' }],
      set: { closedDate: onDate },
      basis: [b('人民调解法', '第28条')],
    },
    {
      id: 'fail',
      label: '调解不成',
      from: ['registered', 'mediating'],
      to: 'failed',
      roles: [STAFF, LEADER, ADVISER],
      clocks: [{ stop: 'mediation.close' }],
      reason: 'required',
      set: { closedDate: onDate },
      basis: [b('人民调解法', '第26条')],
    },
    {
      id: 'revisit',
      label: '回访',
      from: ['resolved'],
      roles: [STAFF, GRID, LEADER],
      needs: [{ key: 'satisfaction', required: true }],
    },
  ],
  indicators: [
    'disputes.found',
    'disputes.resolved',
    'disputes.resolution_rate',
    'disputes.satisfaction_rate',
    'disputes.pre_litigation',
  ],
};

const petition: CaseType = {
  kind: 'petition',
  label: '信访事项办理',
  summary:
    '登记 → 15日内告知受理与否（非本机关职责的5个工作日内转送）→ 受理后60日内办结，可延长一次不超过30日 → 复查、复核各30日。',
  initial: 'registered',
  states: [
    { id: 'registered', label: '已登记', data: { status: 'registered' } },
    { id: 'accepted', label: '已受理', data: { status: 'accepted' } },
    { id: 'not_accepted', label: '不予受理', data: { status: 'not_accepted' } },
    { id: 'referred', label: '已转送', data: { status: 'not_accepted' } },
    { id: 'closed', label: '已办结', data: { status: 'closed' } },
    { id: 'review', label: '复查中', data: { status: 'closed' } },
    { id: 'reviewed', label: '已复查', data: { status: 'closed' } },
    { id: 'recheck', label: '复核中', data: { status: 'closed' } },
    { id: 'rechecked', label: '已复核', data: { status: 'closed' } },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [{ start: 'petition.accept' }, { start: 'petition.refer' }],
  openSet: { dueDate: { due: 'petition.accept' } },
  transitions: [
    {
      id: 'accept',
      label: '受理',
      from: ['registered'],
      to: 'accepted',
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'petition.accept' }, { stop: 'petition.refer' }, { start: 'petition.handle' }],
      set: { dueDate: { due: 'petition.handle' } },
      basis: [b('信访工作条例', '第23条')],
    },
    {
      id: 'reject',
      label: '不予受理',
      from: ['registered'],
      to: 'not_accepted',
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'petition.accept' }, { stop: 'petition.refer' }],
      reason: 'required',
      basis: [b('信访工作条例', '第23条')],
    },
    {
      id: 'refer',
      label: '转送有权机关',
      from: ['registered'],
      to: 'referred',
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'petition.accept' }, { stop: 'petition.refer' }],
      reason: 'required',
      basis: [b('信访工作条例', '第23条')],
    },
    {
      id: 'extend',
      label: '延长办理期限',
      from: ['accepted'],
      roles: [LEADER],
      clocks: [{ extend: 'petition.handle' }],
      params: [extension('天数')],
      reason: 'required',
      set: { dueDate: { due: 'petition.handle' } },
      basis: [b('信访工作条例', '第34条')],
    },
    {
      id: 'close',
      label: '办结',
      from: ['accepted'],
      to: 'closed',
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'petition.handle' }],
      needs: [{ key: 'resolved' }],
      set: { closedDate: onDate },
      basis: [b('信访工作条例', '第31条'), b('信访工作条例', '第34条')],
    },
    {
      id: 'request_review',
      label: '收到复查请求',
      from: ['closed'],
      to: 'review',
      roles: [STAFF, LEADER, COUNTY],
      clocks: [{ start: 'petition.review' }],
      basis: [b('信访工作条例', '第35条')],
    },
    {
      id: 'review_done',
      label: '出具复查意见',
      from: ['review'],
      to: 'reviewed',
      roles: [LEADER, COUNTY],
      clocks: [{ stop: 'petition.review' }],
      basis: [b('信访工作条例', '第35条')],
    },
    {
      id: 'request_recheck',
      label: '收到复核请求',
      from: ['reviewed'],
      to: 'recheck',
      roles: [STAFF, LEADER, COUNTY],
      clocks: [{ start: 'petition.recheck' }],
      basis: [b('信访工作条例', '第36条')],
    },
    {
      id: 'recheck_done',
      label: '出具复核意见',
      from: ['recheck'],
      to: 'rechecked',
      roles: [COUNTY],
      clocks: [{ stop: 'petition.recheck' }],
      basis: [b('信访工作条例', '第36条')],
    },
  ],
  indicators: ['petitions.cases', 'petitions.resolved', 'petitions.on_time_rate'],
};

const disclosureRequest: CaseType = {
  kind: 'disclosure_request',
  label: '依申请公开办理',
  summary:
    '收到申请 → 需补正的7个工作日内一次性告知、收到补正后重新计算 / 征求第三方意见期间不计入 → 20个工作日内答复，经批准可延长一次不超过20个工作日。',
  initial: 'received',
  states: [
    { id: 'received', label: '办理中', data: { status: 'received' } },
    { id: 'correction', label: '补正中', data: { status: 'correction' } },
    { id: 'consulting', label: '征求第三方意见', data: { status: 'received' } },
    { id: 'replied', label: '已答复', data: { status: 'replied' } },
    { id: 'lapsed', label: '视为放弃申请', data: { status: 'correction' } },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [{ start: 'disclosure.reply' }, { start: 'disclosure.correction' }],
  transitions: [
    {
      id: 'ask_correction',
      label: '告知补正',
      from: ['received'],
      to: 'correction',
      roles: [STAFF, LEADER],
      once: true,
      clocks: [{ stop: 'disclosure.correction' }, { suspend: 'disclosure.reply' }],
      reason: 'required',
      basis: [b('政府信息公开条例', '第30条')],
    },
    {
      id: 'corrected',
      label: '收到补正申请',
      from: ['correction'],
      to: 'received',
      roles: [STAFF, LEADER],
      clocks: [{ restart: 'disclosure.reply' }],
      basis: [b('政府信息公开条例', '第30条')],
    },
    {
      id: 'lapse',
      label: '逾期未补正',
      from: ['correction'],
      to: 'lapsed',
      roles: [STAFF, LEADER],
      clocks: [{ stopAll: true }],
      reason: 'optional',
      basis: [b('政府信息公开条例', '第30条')],
    },
    {
      id: 'consult',
      label: '征求第三方意见',
      from: ['received'],
      to: 'consulting',
      roles: [STAFF, LEADER],
      clocks: [
        { stop: 'disclosure.correction' },
        { suspend: 'disclosure.reply' },
        { start: 'disclosure.third_party' },
      ],
      reason: 'optional',
      basis: [b('政府信息公开条例', '第32条')],
    },
    {
      id: 'consulted',
      label: '第三方意见已回复',
      from: ['consulting'],
      to: 'received',
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'disclosure.third_party' }, { resume: 'disclosure.reply' }],
      basis: [b('政府信息公开条例', '第32条')],
    },
    {
      id: 'extend',
      label: '延长答复期限',
      from: ['received', 'consulting'],
      roles: [LEADER],
      clocks: [{ extend: 'disclosure.reply' }],
      params: [extension('工作日数')],
      reason: 'required',
      basis: [b('政府信息公开条例', '第33条')],
    },
    {
      id: 'reply',
      label: '答复',
      from: ['received'],
      to: 'replied',
      roles: [STAFF, LEADER],
      clocks: [{ stopAll: true }],
      needs: [{ key: 'replyType', required: true }],
      set: { replyDate: onDate },
      basis: [b('政府信息公开条例', '第33条'), b('政府信息公开条例', '第36条')],
    },
  ],
  indicators: ['disclosure.requests'],
};

const inspection: CaseType = {
  kind: 'inspection',
  label: '执法检查与整改',
  summary:
    '检查 → 发现问题的责令限期整改 → 期限届满复查 → 整改到位；逾期未整改的依法进入行政处罚程序（自动立案一件行政处罚案件）。',
  initial: 'inspected',
  states: [
    { id: 'inspected', label: '已检查' },
    { id: 'no_problem', label: '未发现问题' },
    { id: 'ordered', label: '限期整改中' },
    { id: 'rectified', label: '整改到位' },
    { id: 'unrectified', label: '逾期未整改' },
    { id: 'escalated', label: '已转行政处罚' },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [],
  transitions: [
    {
      id: 'clear',
      label: '未发现问题',
      from: ['inspected'],
      to: 'no_problem',
      roles: [STAFF, LEADER],
      set: { problemsFound: 0, problemsRectified: 0 },
    },
    {
      id: 'order',
      label: '责令限期整改',
      from: ['inspected'],
      to: 'ordered',
      roles: [STAFF, LEADER],
      needs: [
        { key: 'problemsFound', required: true },
        { key: 'rectifyDeadline', required: true },
      ],
      clocks: [{ start: 'rectification.due', dueField: 'rectifyDeadline' }],
      basis: [b('行政处罚法', '第28条')],
    },
    {
      id: 'rectified',
      label: '复查：整改到位',
      from: ['ordered'],
      to: 'rectified',
      roles: [STAFF, LEADER],
      needs: [{ key: 'problemsRectified', required: true }],
      clocks: [{ stop: 'rectification.due' }],
    },
    {
      id: 'unrectified',
      label: '复查：逾期未整改',
      from: ['ordered'],
      to: 'unrectified',
      roles: [STAFF, LEADER],
      needs: [{ key: 'problemsRectified' }],
      clocks: [{ stop: 'rectification.due', refuseEarly: true }],
    },
    {
      id: 'escalate',
      label: '移送行政处罚立案',
      from: ['unrectified'],
      to: 'escalated',
      roles: [LEADER],
      reason: 'optional',
      opens: { type: 'penalty', titlePrefix: '逾期未整改：', data: { status: 'filed' } },
      basis: [b('行政处罚法', '第54条')],
    },
  ],
  indicators: [
    'enforcement.inspections',
    'enforcement.problems_found',
    'enforcement.problems_rectified',
    'enforcement.penalties',
  ],
};

const penalty: CaseType = {
  kind: 'penalty',
  label: '行政处罚案件',
  summary:
    '立案 → 告知（当事人5个工作日内可要求听证）→ 90日内作出决定（经批准可延长30日）→ 7个工作日内送达 → 结案。',
  initial: 'filed',
  states: [
    { id: 'filed', label: '已立案', data: { status: 'filed' } },
    { id: 'informed', label: '已告知', data: { status: 'filed' } },
    { id: 'hearing', label: '听证', data: { status: 'filed' } },
    { id: 'decided', label: '已作出决定', data: { status: 'decided' } },
    { id: 'delivered', label: '已送达', data: { status: 'decided' } },
    { id: 'closed', label: '已结案', data: { status: 'closed' } },
    { id: 'withdrawn', label: '撤销立案', data: { status: 'withdrawn' } },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [{ start: 'penalty.decide' }],
  transitions: [
    {
      id: 'extend',
      label: '延长办案期限',
      from: ['filed', 'informed', 'hearing'],
      roles: [LEADER],
      clocks: [{ extend: 'penalty.decide' }],
      params: [extension('天数')],
      reason: 'required',
      basis: [b('行政处罚法', '第60条')],
    },
    {
      id: 'inform',
      label: '告知拟处罚及听证权利',
      from: ['filed'],
      to: 'informed',
      roles: [STAFF, LEADER],
      clocks: [{ start: 'penalty.hearing_request' }],
      basis: [b('行政处罚法', '第44条'), b('行政处罚法', '第64条')],
    },
    {
      id: 'waive',
      label: '当事人放弃听证',
      from: ['informed'],
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'penalty.hearing_request' }],
      basis: [b('行政处罚法', '第64条')],
    },
    {
      id: 'hearing',
      label: '当事人要求听证',
      from: ['informed'],
      to: 'hearing',
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'penalty.hearing_request' }],
      basis: [b('行政处罚法', '第64条')],
    },
    {
      id: 'decide',
      label: '作出处罚决定',
      from: ['informed', 'hearing'],
      to: 'decided',
      roles: [LEADER],
      clocks: [
        { stop: 'penalty.hearing_request', refuseEarly: true },
        { stop: 'penalty.decide' },
        { start: 'penalty.deliver' },
      ],
      needs: [{ key: 'fine' }],
      set: { decidedDate: onDate },
      basis: [b('行政处罚法', '第57条'), b('行政处罚法', '第60条')],
    },
    {
      id: 'deliver',
      label: '送达决定书',
      from: ['decided'],
      to: 'delivered',
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'penalty.deliver' }],
      basis: [b('行政处罚法', '第61条')],
    },
    { id: 'close', label: '结案', from: ['delivered'], to: 'closed', roles: [STAFF, LEADER] },
    {
      id: 'withdraw',
      label: '撤销立案',
      from: ['filed', 'informed', 'hearing'],
      to: 'withdrawn',
      roles: [LEADER],
      clocks: [{ stopAll: true }],
      reason: 'required',
    },
  ],
  indicators: ['enforcement.penalties'],
};

const legalReview: CaseType = {
  kind: 'legal_review',
  label: '合法性审查',
  summary: '受理 → 审查（保证审查机构不少于7个工作日的审查时间）→ 出具审查意见。',
  initial: 'received',
  states: [
    { id: 'received', label: '审查中', data: { conclusion: 'pending' } },
    { id: 'done', label: '已出具意见' },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [{ start: 'decision.legality_review' }],
  transitions: [
    {
      id: 'opinion',
      label: '出具审查意见',
      from: ['received'],
      to: 'done',
      roles: [ADVISER, STAFF],
      clocks: [{ stop: 'decision.legality_review' }],
      needs: [{ key: 'conclusion', required: true }, { key: 'reviewer' }],
      set: { completedDate: onDate },
      basis: [b('重大行政决策程序暂行条例', '第26条'), b('重大行政决策程序暂行条例', '第27条')],
    },
  ],
  indicators: ['legal.reviews', 'legal.contracts_reviewed'],
};

const LEGALITY_FIRST =
  '决策草案未经合法性审查或者经审查不合法的，不得提交集体讨论决定：请先完成合法性审查（重大行政决策程序暂行条例 第25条）';
const opinion = choice(
  'opinion',
  '审查结论',
  [
    ['lawful', '合法'],
    ['amend', '修改后合法'],
    ['unlawful', '不合法'],
  ],
  { required: true },
);

const majorDecision: CaseType = {
  kind: 'major_decision',
  label: '重大行政决策',
  summary:
    '五个法定程序依次进行：公众参与（征求意见不少于30日）→ 专家论证 → 风险评估 → 合法性审查 → 集体讨论决定；未经合法性审查不得提交集体讨论。专家论证、风险评估按需进行。',
  initial: 'drafting',
  states: [
    { id: 'drafting', label: '拟订中', data: { status: 'drafting' } },
    { id: 'public_comment', label: '公众参与', data: { status: 'public_comment' } },
    { id: 'expert', label: '专家论证', data: { status: 'expert' } },
    { id: 'risk', label: '风险评估', data: { status: 'risk' } },
    { id: 'legality', label: '合法性审查', data: { status: 'legality' } },
    { id: 'decided', label: '集体讨论决定', data: { status: 'decided' } },
    { id: 'published', label: '已公布', data: { status: 'published' } },
    { id: 'abandoned', label: '终止', data: { status: 'abandoned' } },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [],
  transitions: [
    {
      id: 'comment',
      label: '公开征求意见',
      from: ['drafting'],
      to: 'public_comment',
      roles: [STAFF, LEADER],
      clocks: [{ start: 'decision.public_comment' }],
      basis: [b('重大行政决策程序暂行条例', '第14条'), b('重大行政决策程序暂行条例', '第15条')],
    },
    {
      id: 'expert',
      label: '专家论证',
      from: ['public_comment'],
      to: 'expert',
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'decision.public_comment', refuseEarly: true }],
      basis: [b('重大行政决策程序暂行条例', '第19条')],
    },
    {
      id: 'risk',
      label: '风险评估',
      from: ['public_comment', 'expert'],
      to: 'risk',
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'decision.public_comment', refuseEarly: true }],
      basis: [b('重大行政决策程序暂行条例', '第22条')],
    },
    {
      id: 'legality',
      label: '送请合法性审查',
      from: ['public_comment', 'expert', 'risk'],
      to: 'legality',
      roles: [STAFF, LEADER],
      clocks: [{ stop: 'decision.public_comment', refuseEarly: true }, { start: 'decision.legality_review' }],
      basis: [b('重大行政决策程序暂行条例', '第25条'), b('重大行政决策程序暂行条例', '第26条')],
    },
    {
      id: 'legality_done',
      label: '合法性审查完成',
      from: ['legality'],
      roles: [ADVISER, STAFF],
      clocks: [{ stop: 'decision.legality_review' }],
      params: [opinion],
      basis: [b('重大行政决策程序暂行条例', '第27条')],
    },
    {
      id: 'decide',
      label: '集体讨论决定',
      from: ['public_comment', 'expert', 'risk', 'legality'],
      to: 'decided',
      roles: [LEADER],
      needs: [{ key: 'meeting', required: true }],
      set: { decidedDate: onDate },
      requires: [
        { action: 'legality_done', where: { opinion: ['lawful', 'amend'] }, message: LEGALITY_FIRST },
      ],
      basis: [b('重大行政决策程序暂行条例', '第25条'), b('重大行政决策程序暂行条例', '第30条')],
    },
    {
      id: 'publish',
      label: '公布',
      from: ['decided'],
      to: 'published',
      roles: [STAFF, LEADER],
      basis: [b('重大行政决策程序暂行条例', '第32条')],
    },
    {
      id: 'abandon',
      label: '终止决策',
      from: ['drafting', 'public_comment', 'expert', 'risk', 'legality'],
      to: 'abandoned',
      roles: [LEADER],
      clocks: [{ stopAll: true }],
      reason: 'required',
    },
  ],
  indicators: ['decisions.major'],
};

const leaderRank = choice(
  'leaderRank',
  '负责人出庭',
  [
    ['principal', '正职负责人出庭'],
    ['deputy', '副职负责人出庭'],
    ['in_charge', '分管负责人出庭'],
    ['none', '负责人未出庭'],
  ],
  { required: true },
);

const lawsuit: CaseType = {
  kind: 'lawsuit',
  label: '行政应诉',
  summary:
    '收到起诉状副本 → 15日内提交答辩状和证据 → 开庭（记录负责人是否出庭：正职、副职或分管负责人）→ 判决、撤诉或调解。',
  initial: 'served',
  states: [
    { id: 'served', label: '收到起诉状', data: { status: 'pending' } },
    { id: 'answered', label: '已答辩', data: { status: 'pending' } },
    { id: 'won', label: '胜诉', data: { status: 'won' } },
    { id: 'lost', label: '败诉', data: { status: 'lost' } },
    { id: 'withdrawn', label: '原告撤诉', data: { status: 'withdrawn' } },
    { id: 'settled', label: '调解和解', data: { status: 'settled' } },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [{ start: 'lawsuit.answer' }],
  transitions: [
    {
      id: 'answer',
      label: '提交答辩状和证据',
      from: ['served'],
      to: 'answered',
      roles: [STAFF, LEADER, ADVISER],
      clocks: [{ stop: 'lawsuit.answer' }],
      basis: [b('行政诉讼法', '第67条')],
    },
    {
      id: 'hearing',
      label: '开庭应诉',
      from: ['answered'],
      roles: [STAFF, LEADER, ADVISER],
      params: [leaderRank, text('leaderName', '出庭负责人', { max: 50 })],
      creates: { kind: 'lawsuit_hearing', fields: ['leaderRank', 'leaderName'] },
      basis: [
        b('行政诉讼法', '第3条'),
        b('最高人民法院关于行政机关负责人出庭应诉若干问题的规定（2020）', '第1条'),
      ],
    },
    { id: 'won', label: '胜诉', from: ['answered'], to: 'won', roles: [STAFF, LEADER] },
    { id: 'lost', label: '败诉', from: ['answered'], to: 'lost', roles: [STAFF, LEADER] },
    {
      id: 'withdrawn',
      label: '原告撤诉',
      from: ['served', 'answered'],
      to: 'withdrawn',
      roles: [STAFF, LEADER],
      clocks: [{ stopAll: true }],
    },
    { id: 'settled', label: '调解和解', from: ['answered'], to: 'settled', roles: [STAFF, LEADER] },
  ],
  indicators: ['litigation.cases', 'litigation.leader_appearance_rate'],
};

/** Every case type, in menu order. */
export const caseTypes: readonly CaseType[] = [
  dispute,
  petition,
  disclosureRequest,
  inspection,
  penalty,
  legalReview,
  majorDecision,
  lawsuit,
];

const byKind = new Map<string, CaseType>(caseTypes.map((c) => [c.kind, c]));

export function findCaseType(kindOrLabel: string): CaseType | undefined {
  const s = kindOrLabel.trim();
  return byKind.get(s) ?? caseTypes.find((c) => c.label === s);
}

/** A case type's transitions including the ones every type has. */
export function transitionsOf(t: CaseType): readonly Transition[] {
  return [...t.transitions, assignTransition];
}

export function stateOf(t: CaseType, id: string): CaseState | undefined {
  return t.states.find((s) => s.id === id);
}

/** A state with no way out (办结, 胜诉…). */
export function isTerminal(t: CaseType, state: string): boolean {
  return !t.transitions.some((tr) => tr.from.includes(state));
}

/** The clock ids a case type uses. */
export function clocksOf(t: CaseType): ClockId[] {
  const ids = new Set<ClockId>();
  const add = (e: ClockEffect) => {
    if ('start' in e) ids.add(e.start);
    else if ('stop' in e) ids.add(e.stop);
    else if ('extend' in e) ids.add(e.extend);
    else if ('suspend' in e) ids.add(e.suspend);
    else if ('resume' in e) ids.add(e.resume);
    else if ('restart' in e) ids.add(e.restart);
  };
  t.openClocks.forEach(add);
  for (const tr of t.transitions) (tr.clocks ?? []).forEach(add);
  return [...ids];
}

/** The record fields a case type's steps fill in: only the case workflow may change them. */
export function workflowFields(t: CaseType): ReadonlySet<string> {
  const out = new Set<string>(Object.keys(t.openSet ?? {}));
  for (const st of t.states) for (const k of Object.keys(st.data ?? {})) out.add(k);
  for (const tr of t.transitions) {
    for (const k of Object.keys(tr.set ?? {})) out.add(k);
    for (const n of tr.needs ?? []) out.add(n.key);
  }
  return out;
}
