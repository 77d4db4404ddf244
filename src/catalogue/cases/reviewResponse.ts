/**
 * 行政复议答复: the township as 被申请人 answers in writing and hands over the evidence and
 * bases of its act within 10 days of receiving the application copy (行政复议法（2023年修订）第48条).
 */
import { LEADER, STAFF, ADVISER, b, onDate, start, stop, stopAll } from './shared.ts';
import type { CaseType } from './types.ts';

const LAW = '行政复议法（2023年修订）';

export const reviewResponse: CaseType = {
  kind: 'review_response',
  label: '行政复议答复',
  summary:
    '收到行政复议申请书副本或申请笔录复印件 → 10日内提出书面答复，并提交作出行政行为的证据、依据和其他有关材料 → 复议决定（维持、驳回，或撤销、变更、确认违法）或申请人撤回。',
  initial: 'received',
  states: [
    { id: 'received', label: '收到申请书副本', data: { status: 'pending' } },
    { id: 'answered', label: '已答复', data: { status: 'pending' } },
    { id: 'upheld', label: '维持或驳回', data: { status: 'upheld' } },
    { id: 'revoked', label: '撤销、变更或确认违法', data: { status: 'revoked' } },
    { id: 'withdrawn', label: '申请人撤回或终止', data: { status: 'withdrawn' } },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [start('review.respond')],
  transitions: [
    {
      id: 'answer',
      label: '提交书面答复和证据依据',
      from: ['received'],
      to: 'answered',
      roles: [STAFF, LEADER, ADVISER],
      clocks: [stop('review.respond')],
      set: { answerDate: onDate },
      basis: [b(LAW, '第48条')],
    },
    {
      id: 'upheld',
      label: '复议决定维持或驳回',
      from: ['answered'],
      to: 'upheld',
      roles: [STAFF, LEADER],
    },
    {
      id: 'revoked',
      label: '复议决定撤销、变更或确认违法',
      from: ['answered'],
      to: 'revoked',
      roles: [STAFF, LEADER],
    },
    {
      id: 'withdrawn',
      label: '申请人撤回或复议终止',
      from: ['received', 'answered'],
      to: 'withdrawn',
      roles: [STAFF, LEADER],
      clocks: [stopAll],
    },
  ],
  indicators: [],
};
