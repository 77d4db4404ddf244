/**
 * Statutory clocks (法定期限) as data: how long, in which unit, from which event, on which legal
 * basis, and how the period may be extended, suspended or restarted. The deadline engine
 * (core/deadlines.ts) and the case engine (core/cases.ts) read these; they hold no rule of their own.
 * Sources: shared/docs/domain.md “Statutory clocks”.
 */

/**
 * 日 counts calendar days; 工作日 counts working days (weekends and holidays out, make-up workdays in);
 * 月 counts months to the corresponding day (民法典 第202条); `set` is a date fixed in a document
 * (整改通知书), not counted at all.
 */
export type ClockUnit = 'day' | 'workday' | 'month' | 'set';

export const unitLabels: Readonly<Record<ClockUnit, string>> = {
  day: '日',
  workday: '个工作日',
  month: '个月',
  set: '（按文书确定）',
};

/**
 * `limit`: the organ must act by the due date; late is overdue.
 * `minimum`: a step must last at least this long (public comment ≥ 30日) or another party has
 * this time to answer; the due date is the earliest day the step may end, never overdue.
 */
export type ClockKind = 'limit' | 'minimum';

/** A legal source: the law or rule and its article(s). */
export interface LegalBasis {
  readonly law: string;
  readonly article: string;
}

export interface ClockExtension {
  /** Longest extension, in the clock's own unit. */
  readonly max: number;
  /** How many extensions the law allows. */
  readonly times: number;
  /** What an extension needs: a stated reason, or the approval of the organ's head. */
  readonly needs: 'reason' | 'approval';
  readonly basis: LegalBasis;
}

export interface ClockRule {
  /** Stable id, e.g. `petition.handle`. */
  readonly id: string;
  /** Chinese name (信访事项办理期限). */
  readonly label: string;
  readonly kind: ClockKind;
  readonly unit: ClockUnit;
  /** Length of the period in `unit`; 0 for `set`. */
  readonly amount: number;
  /** The event the period runs from, in Chinese (自受理之日起). */
  readonly from: string;
  readonly basis: readonly LegalBasis[];
  readonly extension?: ClockExtension;
  /** Time that is not counted (第三方征求意见期间), with its basis. */
  readonly suspension?: { readonly what: string; readonly basis: LegalBasis };
  /** An event that starts the period afresh (补正), with its basis. */
  readonly restart?: { readonly what: string; readonly basis: LegalBasis };
  /** A working practice rather than a binding statutory limit (人民调解 一个月调结). */
  readonly guideline?: boolean;
  /**
   * Time another party has to act (听证申请期, 补正期限, 上诉期): the step that ends it early is
   * refused through the due date itself, since the party may still act on its last day.
   */
  readonly partyTime?: boolean;
  readonly note?: string;
}

const b = (law: string, article: string): LegalBasis => ({ law, article });
const PETITION = '信访工作条例';
const DISCLOSURE = '政府信息公开条例';
const PENALTY = '行政处罚法';
const DECISION = '重大行政决策程序暂行条例';
const REVIEW = '行政复议法（2023年修订）';
const LITIGATION = '行政诉讼法';

const clockList = [
  {
    id: 'petition.accept',
    label: '信访事项接收告知期限',
    kind: 'limit',
    unit: 'day',
    amount: 15,
    from: '自收到信访事项之日起',
    basis: [b(PETITION, '第23条')],
    note: '书面告知信访人接收情况以及处理途径和程序',
  },
  {
    id: 'petition.objection',
    label: '转送、交办信访事项异议期限',
    kind: 'limit',
    unit: 'workday',
    amount: 5,
    from: '自收到转送、交办的信访事项之日起',
    basis: [b(PETITION, '第23条第3款')],
    note: '仅适用于信访部门或上级机关转送、交办的事项：不属于本机关职权范围的，在此期间内提出异议并详细说明理由；不是转送期限',
  },
  {
    id: 'petition.handle',
    label: '信访事项办理期限',
    kind: 'limit',
    unit: 'day',
    amount: 60,
    from: '自受理之日起',
    basis: [b(PETITION, '第31条'), b(PETITION, '第34条')],
    extension: { max: 30, times: 1, needs: 'reason', basis: b(PETITION, '第34条') },
    note: '仅适用于申诉求决类信访事项；情况复杂的，经本机关负责人批准可延长，延长不超过30日，并告知信访人延期理由',
  },
  {
    id: 'petition.review_request',
    label: '请求复查期限',
    kind: 'limit',
    unit: 'day',
    amount: 30,
    from: '自收到处理意见之日起',
    basis: [b(PETITION, '第35条')],
    note: '信访人对处理意见不服的，在此期间内向原办理机关的上一级机关请求复查；逾期请求的不予受理',
  },
  {
    id: 'petition.recheck_request',
    label: '请求复核期限',
    kind: 'limit',
    unit: 'day',
    amount: 30,
    from: '自收到复查意见之日起',
    basis: [b(PETITION, '第36条')],
    note: '信访人对复查意见不服的，在此期间内向复查机关的上一级机关请求复核；逾期请求的不予受理',
  },
  {
    id: 'petition.review',
    label: '信访事项复查期限',
    kind: 'limit',
    unit: 'day',
    amount: 30,
    from: '自收到复查请求之日起',
    basis: [b(PETITION, '第35条')],
    note: '复查由原办理机关的上一级行政机关办理，乡镇不出具复查意见',
  },
  {
    id: 'petition.recheck',
    label: '信访事项复核期限',
    kind: 'limit',
    unit: 'day',
    amount: 30,
    from: '自收到复核请求之日起',
    basis: [b(PETITION, '第36条')],
    note: '复核由复查机关的上一级行政机关办理，乡镇不出具复核意见',
  },
  {
    id: 'disclosure.reply',
    label: '依申请公开答复期限',
    kind: 'limit',
    unit: 'workday',
    amount: 20,
    from: '自收到申请之日起',
    basis: [b(DISCLOSURE, '第33条')],
    extension: { max: 20, times: 1, needs: 'approval', basis: b(DISCLOSURE, '第33条') },
    suspension: {
      what: '征求第三方和其他机关意见所需时间不计算在内',
      basis: b(DISCLOSURE, '第33条第2款'),
    },
    restart: { what: '申请内容不明确的，自收到补正后的申请之日起重新计算', basis: b(DISCLOSURE, '第30条') },
  },
  {
    id: 'disclosure.correction_notice',
    label: '补正告知期限',
    kind: 'limit',
    unit: 'workday',
    amount: 7,
    from: '自收到申请之日起',
    basis: [b(DISCLOSURE, '第30条')],
    note: '申请内容不明确的，一次性告知申请人补正事项；仅在需要补正时适用，逾期告知的不予办理',
  },
  {
    id: 'disclosure.correction_period',
    label: '申请人补正期限',
    kind: 'minimum',
    unit: 'workday',
    amount: 15,
    from: '自告知补正之日起',
    basis: [b(DISCLOSURE, '第30条')],
    guideline: true,
    partyTime: true,
    note: '条例要求明确合理的补正期限；补正通知未载明期限的按15个工作日计；届满未补正的，方可视为放弃申请',
  },
  {
    id: 'disclosure.correction_set',
    label: '申请人补正期限（通知书载明）',
    kind: 'minimum',
    unit: 'set',
    amount: 0,
    from: '自告知补正之日起',
    basis: [b(DISCLOSURE, '第30条')],
    partyTime: true,
    note: '补正通知书载明的补正期限；届满未补正的，方可视为放弃申请',
  },
  {
    id: 'disclosure.third_party',
    label: '第三方答复意见期限',
    kind: 'minimum',
    unit: 'workday',
    amount: 15,
    from: '自第三方收到征求意见书之日起',
    basis: [b(DISCLOSURE, '第32条')],
    note: '第三方逾期未提出意见的，由行政机关依法决定',
  },
  {
    id: 'disclosure.proactive',
    label: '主动公开期限',
    kind: 'limit',
    unit: 'workday',
    amount: 20,
    from: '自政府信息形成或变更之日起',
    basis: [b(DISCLOSURE, '第26条')],
    note: '台账“主动公开信息”的公开日期应不晚于自“信息形成或变更日期”起算的届满日',
  },
  {
    id: 'penalty.decide',
    label: '行政处罚决定期限',
    kind: 'limit',
    unit: 'day',
    amount: 90,
    from: '自立案之日起',
    basis: [b(PENALTY, '第60条')],
    extension: {
      max: 30,
      times: 1,
      needs: 'approval',
      basis: b('部门行政处罚程序规定（如《市场监督管理行政处罚程序规定》）', '经批准延长'),
    },
    note: '第60条本身不设延长；法律、法规、规章另有规定的从其规定，部门程序规定允许经批准延长30日',
  },
  {
    id: 'penalty.deliver',
    label: '行政处罚决定书送达期限',
    kind: 'limit',
    unit: 'workday',
    amount: 7,
    from: '自作出处罚决定之日起',
    basis: [b(PENALTY, '第61条'), b(PENALTY, '第85条')],
    note: '当事人不在场的，7日内送达；本法“七日”指工作日',
  },
  {
    id: 'penalty.hearing_request',
    label: '当事人要求听证期限',
    kind: 'minimum',
    unit: 'workday',
    amount: 5,
    from: '自告知听证权利之日起',
    basis: [b(PENALTY, '第64条'), b(PENALTY, '第85条')],
    partyTime: true,
    note: '本法“二日”“三日”“五日”“七日”指工作日，不含法定节假日；期间内（含最后一日）不得作出处罚决定，逾期提出的不予听证',
  },
  {
    id: 'penalty.hearing_notice',
    label: '听证通知期限',
    kind: 'minimum',
    unit: 'workday',
    amount: 7,
    from: '自通知当事人举行听证的时间、地点之日起',
    basis: [b(PENALTY, '第64条'), b(PENALTY, '第85条')],
    note: '应当在举行听证的七日（工作日）前通知当事人及有关人员',
  },
  {
    id: 'penalty.preservation',
    label: '先行登记保存处理期限',
    kind: 'limit',
    unit: 'workday',
    amount: 7,
    from: '自先行登记保存证据之日起',
    basis: [b(PENALTY, '第56条'), b(PENALTY, '第85条')],
    note: '对先行登记保存的证据，应当在七日（工作日）内及时作出处理决定',
  },
  {
    id: 'decision.public_comment',
    label: '重大行政决策公开征求意见期限',
    kind: 'minimum',
    unit: 'day',
    amount: 30,
    from: '自公布决策草案之日起',
    basis: [b(DECISION, '第15条')],
    note: '一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明',
  },
  {
    id: 'decision.comment_window',
    label: '公开征求意见期间（公告载明）',
    kind: 'minimum',
    unit: 'set',
    amount: 0,
    from: '自公布决策草案之日起',
    basis: [b(DECISION, '第15条')],
    partyTime: true,
    note: '公众在截止日期当日仍可提出意见；期间届满并公布意见采纳情况后，方可结束公众参与',
  },
  {
    id: 'decision.legality_review',
    label: '合法性审查时间',
    kind: 'minimum',
    unit: 'workday',
    amount: 7,
    from: '自送请合法性审查之日起',
    basis: [b(DECISION, '第26条')],
    note: '保证合法性审查机构的审查时间，一般不少于7个工作日',
  },
  {
    id: 'review.decide',
    label: '行政复议决定期限',
    kind: 'limit',
    unit: 'day',
    amount: 60,
    from: '自受理申请之日起',
    basis: [b(REVIEW, '第62条')],
    extension: { max: 30, times: 1, needs: 'approval', basis: b(REVIEW, '第62条') },
  },
  {
    id: 'review.respond',
    label: '行政复议答复期限',
    kind: 'limit',
    unit: 'day',
    amount: 10,
    from: '自收到行政复议申请书副本或者申请笔录复印件之日起',
    basis: [b(REVIEW, '第48条')],
    note: '被申请人提出书面答复，并提交作出行政行为的证据、依据和其他有关材料',
  },
  {
    id: 'lawsuit.answer',
    label: '行政应诉答辩期限',
    kind: 'limit',
    unit: 'day',
    amount: 15,
    from: '自收到起诉状副本之日起',
    basis: [b(LITIGATION, '第67条')],
    note: '提交作出行政行为的证据和所依据的规范性文件，并提出答辩状',
  },
  {
    id: 'lawsuit.appeal_judgment',
    label: '不服判决上诉期限',
    kind: 'minimum',
    unit: 'day',
    amount: 15,
    from: '自一审判决书送达之日起',
    basis: [b(LITIGATION, '第85条')],
    partyTime: true,
    note: '当事人在此期间内可向上一级人民法院提起上诉；届满未上诉的，判决发生法律效力',
  },
  {
    id: 'lawsuit.appeal_ruling',
    label: '不服裁定上诉期限',
    kind: 'minimum',
    unit: 'day',
    amount: 10,
    from: '自一审裁定书送达之日起',
    basis: [b(LITIGATION, '第85条')],
    partyTime: true,
    note: '当事人在此期间内可向上一级人民法院提起上诉；届满未上诉的，裁定发生法律效力',
  },
  {
    id: 'mediation.close',
    label: '人民调解调结期限',
    kind: 'limit',
    unit: 'month',
    amount: 1,
    from: '自受理纠纷之日起',
    basis: [b('司法部《人民调解工作若干规定》（2002年）', '第33条')],
    guideline: true,
    note: '人民调解无法定期限，一般在一个月内调结',
  },
  {
    id: 'mediation.confirm',
    label: '调解协议司法确认申请期限',
    kind: 'limit',
    unit: 'day',
    amount: 30,
    from: '自调解协议生效之日起',
    basis: [b('人民调解法', '第33条')],
    note: '经人民调解委员会调解达成调解协议后，双方当事人认为有必要的，共同向人民法院申请；仅在申请司法确认时适用',
  },
  {
    id: 'rectification.due',
    label: '责令整改期限',
    kind: 'limit',
    unit: 'set',
    amount: 0,
    from: '自责令整改之日起',
    basis: [b('责令限期整改通知书', '载明的整改期限')],
    note: '期限届满复查；逾期未整改的依法进入行政处罚程序',
  },
] as const satisfies readonly ClockRule[];

export type ClockId = (typeof clockList)[number]['id'];

export const clocks: readonly ClockRule[] = clockList;

const byId = new Map<string, ClockRule>(clocks.map((c) => [c.id, c]));

export function findClock(id: string): ClockRule | undefined {
  return byId.get(id.trim());
}

export function isClockId(id: string): id is ClockId {
  return byId.has(id);
}

/** `行政处罚法 第60条、第85条`: the bases of a rule in one line. */
export function basisText(basis: readonly LegalBasis[]): string {
  const parts: string[] = [];
  for (const x of basis) {
    const prev = parts.length > 0 ? basis[basis.indexOf(x) - 1] : undefined;
    parts.push(prev && prev.law === x.law ? x.article : `${x.law} ${x.article}`);
  }
  return parts.join('、');
}

/** `15日`, `5个工作日`, `1个月`. */
export function periodText(unit: ClockUnit, amount: number): string {
  return unit === 'set' ? '按文书确定的期限' : `${amount}${unitLabels[unit]}`;
}
