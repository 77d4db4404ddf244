/** 行政应诉: answer within 15 days, hearings with the leader who appeared, and the judgment. */
import { ADVISER, LEADER, STAFF, b, fieldsOf, start, stop, stopAll } from './shared.ts';
import type { CaseType } from './types.ts';

/** 开庭应诉 adds a 出庭应诉 record, so its inputs are that kind's own fields (负责人出庭, 出庭负责人). */
const HEARING_FIELDS = ['leaderRank', 'leaderName'] as const;

export const lawsuit: CaseType = {
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
  openClocks: [start('lawsuit.answer')],
  transitions: [
    {
      id: 'answer',
      label: '提交答辩状和证据',
      from: ['served'],
      to: 'answered',
      roles: [STAFF, LEADER, ADVISER],
      clocks: [stop('lawsuit.answer')],
      basis: [b('行政诉讼法', '第67条')],
    },
    {
      id: 'hearing',
      label: '开庭应诉',
      from: ['answered'],
      roles: [STAFF, LEADER, ADVISER],
      params: fieldsOf('lawsuit_hearing', HEARING_FIELDS),
      creates: { kind: 'lawsuit_hearing', fields: HEARING_FIELDS },
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
      clocks: [stopAll],
    },
    { id: 'settled', label: '调解和解', from: ['answered'], to: 'settled', roles: [STAFF, LEADER] },
  ],
  indicators: ['litigation.cases', 'litigation.leader_appearance_rate'],
};
