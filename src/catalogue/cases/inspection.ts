/** 执法检查与整改: an order to rectify by a date; not rectified in time opens a 行政处罚 case. */
import { text } from '../fields.ts';
import { STAFF, LEADER, b, start, stop, stopWhenDue } from './shared.ts';
import type { CaseType } from './types.ts';

export const inspection: CaseType = {
  kind: 'inspection',
  label: '执法检查与整改',
  summary:
    '检查（须写明本乡镇当年权力清单中的行政检查事项）→ 发现问题的责令限期整改 → 期限届满复查 → 整改到位；逾期未整改的依法进入行政处罚程序（自动立案一件行政处罚案件）。',
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
  power: { field: 'power', categories: ['inspection'] },
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
      clocks: [start('rectification.due', 'rectifyDeadline')],
      basis: [b('行政处罚法', '第28条')],
    },
    {
      id: 'rectified',
      label: '复查：整改到位',
      from: ['ordered'],
      to: 'rectified',
      roles: [STAFF, LEADER],
      needs: [{ key: 'problemsRectified', required: true }],
      clocks: [stop('rectification.due')],
    },
    {
      id: 'unrectified',
      label: '复查：逾期未整改',
      from: ['ordered'],
      to: 'unrectified',
      roles: [STAFF, LEADER],
      needs: [{ key: 'problemsRectified' }],
      clocks: [stopWhenDue('rectification.due')],
    },
    {
      id: 'escalate',
      label: '移送行政处罚立案',
      from: ['unrectified'],
      to: 'escalated',
      roles: [LEADER],
      reason: 'optional',
      // The penalty acts under a 行政处罚 power of the list, not the inspection's own power.
      params: [
        text('penaltyPower', '处罚行使的权力事项', {
          max: 200,
          help: '本乡镇当年权力清单中的行政处罚事项名称',
        }),
      ],
      opens: {
        type: 'penalty',
        titlePrefix: '逾期未整改：',
        data: { status: 'filed' },
        carry: { power: 'penaltyPower' },
      },
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
