/**
 * The annual report's path (年度报告报送流程) as one declared workflow: the township's 法治专干
 * drafts, the principal leader signs (签发), the county's 依法治县办 reviews, returns or accepts,
 * records the 保密审查 and publishes (法治政府建设与责任落实督察工作规定 第25条: published before
 * 1 April). Every step names the permission it needs; a step out of order is refused in Chinese
 * and kept in the report's history.
 */

export const CYCLE_STATES = {
  not_started: '未开始',
  drafting: '起草中',
  awaiting_signature: '待签发',
  signed: '已签发',
  submitted: '已报送',
  returned: '已退回',
  accepted: '已通过',
  cleared: '已保密审查',
  published: '已公开',
} as const;
export type CycleState = keyof typeof CYCLE_STATES;

/** Who may take a step: staff draft, the leader signs, the county office reviews and publishes. */
export type CyclePermission = 'report.draft' | 'report.sign' | 'report.check';

export interface CycleStep {
  readonly id: string;
  readonly label: string;
  readonly from: readonly CycleState[];
  readonly to: CycleState;
  readonly permission: CyclePermission;
  /** The step needs a comment (a return says why). */
  readonly comment?: 'required' | 'optional';
}

export const CYCLE_STEPS = [
  {
    id: 'request_signature',
    label: '提请签发',
    from: ['drafting'],
    to: 'awaiting_signature',
    permission: 'report.draft',
    comment: 'optional',
  },
  {
    id: 'return_draft',
    label: '退回修改（签发前）',
    from: ['awaiting_signature'],
    to: 'drafting',
    permission: 'report.sign',
    comment: 'required',
  },
  { id: 'sign', label: '签发', from: ['awaiting_signature'], to: 'signed', permission: 'report.sign' },
  {
    id: 'submit',
    label: '报送县依法治县办',
    from: ['signed'],
    to: 'submitted',
    permission: 'report.draft',
    comment: 'optional',
  },
  {
    id: 'return',
    label: '退回乡镇修改',
    from: ['submitted'],
    to: 'returned',
    permission: 'report.check',
    comment: 'required',
  },
  {
    id: 'accept',
    label: '审核通过',
    from: ['submitted'],
    to: 'accepted',
    permission: 'report.check',
    comment: 'optional',
  },
  { id: 'clear', label: '保密审查', from: ['accepted'], to: 'cleared', permission: 'report.check' },
  { id: 'publish', label: '公开发布', from: ['cleared'], to: 'published', permission: 'report.check' },
] as const satisfies readonly CycleStep[];

export type CycleStepId = (typeof CYCLE_STEPS)[number]['id'];

export function cycleStep(id: string): CycleStep | undefined {
  return (CYCLE_STEPS as readonly CycleStep[]).find((s) => s.id === id);
}

/** States in which the draft may be edited: saving a draft in a returned or published report reopens it. */
export const EDITABLE_STATES: readonly CycleState[] = ['not_started', 'drafting', 'returned', 'published'];

/** The last day a report year's report may be published: before 1 April of the next year. */
export const publicationDeadline = (year: number): string => `${year + 1}-03-31`;
