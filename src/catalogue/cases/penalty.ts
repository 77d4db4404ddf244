/**
 * 行政处罚案件 under 行政处罚法: notice and the party's hearing rights, the hearing itself
 * (notice ≥ 7 working days before, 笔录), 法制审核 and 集体讨论 where they apply, a 90-day
 * decision, delivery, and 先行登记保存 decided within 7 working days.
 */
import { choice, text } from '../fields.ts';
import {
  STAFF,
  LEADER,
  ADVISER,
  b,
  is,
  onDate,
  start,
  stop,
  stopInTime,
  stopWhenDue,
  extend,
  stopAll,
  extension,
} from './shared.ts';
import type { CaseType } from './types.ts';

const LAW = '行政处罚法';
/** Every state before the decision: the case is still being investigated or heard. */
const BEFORE_DECISION = ['filed', 'informed', 'hearing_requested', 'hearing_noticed', 'heard'];
const checkOpinion = choice(
  'opinion',
  '审核意见',
  [
    ['lawful', '审核通过'],
    ['amend', '修改后通过'],
    ['unlawful', '审核不通过'],
  ],
  { required: true },
);

export const penalty: CaseType = {
  kind: 'penalty',
  label: '行政处罚案件',
  summary:
    '立案（须写明本乡镇当年权力清单中的行政处罚事项）→ 告知拟处罚及听证权利（当事人5个工作日内可要求听证，期间内不得作出决定）→ 要求听证的：听证七个工作日前通知 → 举行听证并制作笔录 → 属法制审核情形的经法制审核、情节复杂或重大违法的经负责人集体讨论 → 立案90日内作出决定 → 7个工作日内送达 → 结案；先行登记保存的证据7个工作日内作出处理决定。',
  initial: 'filed',
  states: [
    { id: 'filed', label: '已立案', data: { status: 'filed' } },
    { id: 'informed', label: '已告知', data: { status: 'filed' } },
    { id: 'hearing_requested', label: '已要求听证', data: { status: 'filed' } },
    { id: 'hearing_noticed', label: '已通知听证', data: { status: 'filed' } },
    { id: 'heard', label: '已举行听证', data: { status: 'filed' } },
    { id: 'decided', label: '已作出决定', data: { status: 'decided' } },
    { id: 'delivered', label: '已送达', data: { status: 'decided' } },
    { id: 'closed', label: '已结案', data: { status: 'closed' } },
    { id: 'withdrawn', label: '撤销立案', data: { status: 'withdrawn' } },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [start('penalty.decide')],
  power: { field: 'power', categories: ['penalty'] },
  transitions: [
    {
      id: 'extend',
      label: '延长办案期限',
      from: BEFORE_DECISION,
      roles: [LEADER],
      clocks: [extend('penalty.decide')],
      params: [extension('天数')],
      reason: 'required',
      // 第60条 itself allows no extension; the +30日 is granted by sector procedure rules.
      basis: [b('部门行政处罚程序规定（行政处罚法第60条本身不设延长）', '经批准延长不超过30日')],
    },
    {
      id: 'preserve',
      label: '先行登记保存证据',
      from: BEFORE_DECISION,
      roles: [STAFF, LEADER],
      clocks: [start('penalty.preservation')],
      reason: 'optional',
      basis: [b(LAW, '第56条')],
    },
    {
      id: 'preservation_decision',
      label: '对登记保存的证据作出处理决定',
      from: BEFORE_DECISION,
      roles: [STAFF, LEADER],
      clocks: [stop('penalty.preservation')],
      requires: [{ action: 'preserve', message: '本案没有先行登记保存的证据，无须作出处理决定' }],
      basis: [b(LAW, '第56条')],
    },
    {
      id: 'inform',
      label: '告知拟处罚及听证权利',
      from: ['filed'],
      to: 'informed',
      roles: [STAFF, LEADER],
      clocks: [start('penalty.hearing_request')],
      basis: [b(LAW, '第44条'), b(LAW, '第64条')],
    },
    {
      id: 'waive',
      label: '当事人放弃听证',
      from: ['informed'],
      roles: [STAFF, LEADER],
      clocks: [stop('penalty.hearing_request')],
      basis: [b(LAW, '第64条')],
    },
    {
      id: 'hearing',
      label: '当事人要求听证',
      from: ['informed'],
      to: 'hearing_requested',
      roles: [STAFF, LEADER],
      clocks: [stopInTime('penalty.hearing_request')],
      basis: [b(LAW, '第64条'), b(LAW, '第85条')],
    },
    {
      id: 'notify_hearing',
      label: '通知听证时间地点',
      from: ['hearing_requested'],
      to: 'hearing_noticed',
      roles: [STAFF, LEADER],
      needs: [{ key: 'hearingDate', required: true }],
      clocks: [start('penalty.hearing_notice', 'hearingDate')],
      basis: [b(LAW, '第64条'), b(LAW, '第85条')],
    },
    {
      id: 'hold_hearing',
      label: '举行听证',
      from: ['hearing_noticed'],
      to: 'heard',
      roles: [STAFF, LEADER],
      needs: [{ key: 'hearingRecord', required: true }],
      clocks: [stopWhenDue('penalty.hearing_notice')],
      basis: [b(LAW, '第64条'), b(LAW, '第65条')],
    },
    {
      id: 'legal_check',
      label: '法制审核',
      from: ['filed', 'informed', 'heard'],
      roles: [STAFF, ADVISER],
      params: [checkOpinion],
      basis: [b(LAW, '第58条')],
    },
    {
      id: 'collective',
      label: '负责人集体讨论',
      from: ['informed', 'heard'],
      roles: [LEADER],
      params: [text('meeting', '讨论会议', { required: true, max: 100 })],
      basis: [b(LAW, '第57条第2款')],
    },
    {
      id: 'decide',
      label: '作出处罚决定',
      from: ['informed', 'hearing_requested', 'hearing_noticed', 'heard'],
      to: 'decided',
      roles: [LEADER],
      clocks: [stopWhenDue('penalty.hearing_request'), stop('penalty.decide'), start('penalty.deliver')],
      needs: [{ key: 'fine' }],
      set: { decidedDate: onDate },
      requires: [
        {
          action: 'hold_hearing',
          after: 'hearing',
          message:
            '当事人已要求听证，须举行听证、制作笔录后，根据听证笔录作出决定（行政处罚法 第64条、第65条）',
        },
        {
          action: 'legal_check',
          when: is('legalCheckCase', true),
          where: { opinion: ['lawful', 'amend'] },
          message: '本案属法制审核情形，未经法制审核或者审核未通过的，不得作出决定（行政处罚法 第58条）',
        },
        {
          action: 'collective',
          when: is('collectiveCase', true),
          message:
            '对情节复杂或者重大违法行为给予行政处罚，须经行政机关负责人集体讨论决定（行政处罚法 第57条第2款）',
        },
      ],
      basis: [b(LAW, '第57条'), b(LAW, '第60条')],
    },
    {
      id: 'deliver',
      label: '送达决定书',
      from: ['decided'],
      to: 'delivered',
      roles: [STAFF, LEADER],
      clocks: [stop('penalty.deliver')],
      basis: [b(LAW, '第61条')],
    },
    { id: 'close', label: '结案', from: ['delivered'], to: 'closed', roles: [STAFF, LEADER] },
    {
      id: 'withdraw',
      label: '撤销立案',
      from: BEFORE_DECISION,
      to: 'withdrawn',
      roles: [LEADER],
      clocks: [stopAll],
      reason: 'required',
    },
  ],
  indicators: ['enforcement.penalties'],
};
