/** 矛盾纠纷调处: registered → mediated → resolved or failed, within the 人民调解 one-month practice. */
import { STAFF, LEADER, ADVISER, GRID, b, onDate, dueOf, start, stop } from './shared.ts';
import type { CaseType } from './types.ts';

export const dispute: CaseType = {
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
  openClocks: [start('mediation.close')],
  openSet: { dueDate: dueOf('mediation.close') },
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
      clocks: [stop('mediation.close')],
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
      clocks: [stop('mediation.close')],
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
