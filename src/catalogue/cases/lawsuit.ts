/**
 * 行政应诉: answer within 15 days, hearings with the leader who appeared, the first-instance
 * judgment or ruling and the appeal window after its service (15日 / 10日, 行政诉讼法 第85条).
 */
import {
  ADVISER,
  LEADER,
  STAFF,
  b,
  fieldsOf,
  is,
  onDate,
  start,
  startWhen,
  stop,
  stopAll,
  stopInTime,
  stopWhenDue,
} from './shared.ts';
import type { CaseType, Condition, Transition } from './types.ts';

const LAW = '行政诉讼法';
/** 开庭应诉 adds a 出庭应诉 record, so its inputs are that kind's own fields (负责人出庭, 出庭负责人). */
const HEARING_FIELDS = ['leaderRank', 'leaderName'] as const;
/** A second-instance judgment is final: the appeal windows run only before any appeal. */
const notAppealed: Condition = is('appealDate', null);
const outcome = (id: 'won' | 'lost', label: string): Transition => ({
  id,
  label,
  from: ['answered', 'appealed'],
  to: id,
  roles: [STAFF, LEADER],
  needs: [{ key: 'instrument' }],
  clocks: [
    startWhen('lawsuit.appeal_judgment', [{ field: 'instrument', notIn: ['ruling'] }, notAppealed]),
    startWhen('lawsuit.appeal_ruling', [is('instrument', 'ruling'), notAppealed]),
  ],
  basis: [b(LAW, '第85条')],
});

export const lawsuit: CaseType = {
  kind: 'lawsuit',
  label: '行政应诉',
  summary:
    '收到起诉状副本 → 15日内提交答辩状和证据 → 开庭（记录负责人是否出庭：正职、副职或分管负责人）→ 一审判决、裁定，撤诉或调解 → 判决书送达之日起15日内、裁定书送达之日起10日内可上诉，期满未上诉的裁判生效。',
  initial: 'served',
  states: [
    { id: 'served', label: '收到起诉状', data: { status: 'pending' } },
    { id: 'answered', label: '已答辩', data: { status: 'pending' } },
    { id: 'won', label: '胜诉', data: { status: 'won' } },
    { id: 'lost', label: '败诉', data: { status: 'lost' } },
    { id: 'appealed', label: '已上诉', data: { status: 'pending' } },
    { id: 'final', label: '裁判已生效' },
    { id: 'withdrawn', label: '原告撤诉', data: { status: 'withdrawn' } },
    { id: 'settled', label: '调解和解', data: { status: 'settled' } },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [start('lawsuit.answer')],
  transitions: [
    {
      id: 'answer',
      label: '提交答辩状和证据',
      from: ['served'],
      to: 'answered',
      roles: [STAFF, LEADER, ADVISER],
      clocks: [stop('lawsuit.answer')],
      basis: [b(LAW, '第67条')],
    },
    {
      id: 'hearing',
      label: '开庭应诉',
      from: ['answered', 'appealed'],
      roles: [STAFF, LEADER, ADVISER],
      params: fieldsOf('lawsuit_hearing', HEARING_FIELDS),
      creates: { kind: 'lawsuit_hearing', fields: HEARING_FIELDS },
      basis: [b(LAW, '第3条'), b('最高人民法院关于行政机关负责人出庭应诉若干问题的规定（2020）', '第1条')],
    },
    outcome('won', '胜诉'),
    outcome('lost', '败诉'),
    {
      id: 'appeal',
      label: '提起上诉',
      from: ['won', 'lost'],
      to: 'appealed',
      roles: [STAFF, LEADER],
      only: { when: notAppealed, message: `二审裁判为终审裁判，不能再上诉（${LAW} 第85条）` },
      clocks: [stopInTime('lawsuit.appeal_judgment'), stopInTime('lawsuit.appeal_ruling')],
      set: { appealDate: onDate },
      basis: [b(LAW, '第85条')],
    },
    {
      id: 'final',
      label: '裁判生效',
      from: ['won', 'lost'],
      to: 'final',
      roles: [STAFF, LEADER],
      clocks: [stopWhenDue('lawsuit.appeal_judgment'), stopWhenDue('lawsuit.appeal_ruling')],
      basis: [b(LAW, '第85条')],
    },
    {
      id: 'withdrawn',
      label: '原告撤诉',
      from: ['served', 'answered', 'appealed'],
      to: 'withdrawn',
      roles: [STAFF, LEADER],
      clocks: [stopAll],
    },
    {
      id: 'settled',
      label: '调解和解',
      from: ['answered', 'appealed'],
      to: 'settled',
      roles: [STAFF, LEADER],
    },
  ],
  indicators: ['litigation.cases', 'litigation.leader_appearance_rate'],
};
