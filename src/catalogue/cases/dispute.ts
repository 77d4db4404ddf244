/**
 * 矛盾纠纷调处: registered → mediated → resolved or failed, within the 人民调解 one-month practice;
 * a mediation agreement may go to court for judicial confirmation within 30 days (人民调解法 第33条).
 */
import { STAFF, LEADER, ADVISER, GRID, b, onDate, dueOf, start, stop, within } from './shared.ts';
import type { CaseType } from './types.ts';

export const dispute: CaseType = {
  kind: 'dispute',
  label: '矛盾纠纷调处',
  summary:
    '登记 → 调解 → 调解成功/调解不成；一般一个月内调结，成功的回访满意度；需要司法确认的，自调解协议生效之日起30日内由双方当事人共同向人民法院申请。',
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
      id: 'confirm',
      label: '申请司法确认',
      from: ['resolved'],
      roles: [STAFF, LEADER, ADVISER],
      once: true,
      // The agreement takes effect on the day mediation succeeds; the parties apply within 30 days of it.
      clocks: [within('mediation.confirm', 'resolve')],
      set: { confirmDate: onDate },
      basis: [b('人民调解法', '第33条')],
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
