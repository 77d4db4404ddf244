/** 合法性审查: the reviewing body has at least 7 working days (重大行政决策程序暂行条例 第26条). */
import { STAFF, LEADER, ADVISER, b, onDate, start, stop } from './shared.ts';
import type { CaseType } from './types.ts';

export const legalReview: CaseType = {
  kind: 'legal_review',
  label: '合法性审查',
  summary: '受理 → 审查（保证审查机构不少于7个工作日的审查时间）→ 出具审查意见。',
  initial: 'received',
  states: [
    { id: 'received', label: '审查中', data: { conclusion: 'pending' } },
    { id: 'done', label: '已出具意见' },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [start('decision.legality_review')],
  transitions: [
    {
      id: 'opinion',
      label: '出具审查意见',
      from: ['received'],
      to: 'done',
      roles: [ADVISER, STAFF],
      clocks: [stop('decision.legality_review')],
      needs: [{ key: 'conclusion', required: true }, { key: 'reviewer' }],
      set: { completedDate: onDate },
      basis: [b('重大行政决策程序暂行条例', '第26条'), b('重大行政决策程序暂行条例', '第27条')],
    },
  ],
  indicators: ['legal.reviews', 'legal.contracts_reviewed'],
};
