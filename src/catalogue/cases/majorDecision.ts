/** 重大行政决策: the five statutory procedures; no collective decision without a lawful review. */
import { choice } from '../fields.ts';
import {
  STAFF,
  LEADER,
  ADVISER,
  b,
  is,
  onDate,
  start,
  startWhen,
  stop,
  stopWhenDue,
  stopAll,
} from './shared.ts';
import type { ClockEffect, CaseType, Requirement } from './types.ts';

const LEGALITY_FIRST =
  '决策草案未经合法性审查或者经审查不合法的，不得提交集体讨论决定（以最近一次审查结论为准）：请先完成合法性审查（重大行政决策程序暂行条例 第25条）';
const PARTICIPATION_FIRST: Requirement = {
  action: 'comment_done',
  when: { field: 'commentCloses', notIn: [null] },
  message:
    '已公开征求意见的，须待征求意见期满、逐条研究处理公众意见并登记意见采纳情况（「公众参与完成」）后，方可进入下一程序（重大行政决策程序暂行条例 第14条、第15条）',
};
// Leaving 公众参与: not before the 30-day minimum, nor before the announced window has closed.
const commentOver: readonly ClockEffect[] = [
  stopWhenDue('decision.public_comment'),
  stopWhenDue('decision.comment_window'),
];
const opinion = choice(
  'opinion',
  '审查结论',
  [
    ['lawful', '合法'],
    ['amend', '修改后合法'],
    ['unlawful', '不合法'],
  ],
  { required: true },
);

export const majorDecision: CaseType = {
  kind: 'major_decision',
  label: '重大行政决策',
  summary:
    '五个法定程序依次进行：公众参与（征求意见不少于30日）→ 专家论证 → 风险评估 → 合法性审查 → 集体讨论决定；未经合法性审查不得提交集体讨论。专家论证、风险评估按需进行。',
  initial: 'drafting',
  states: [
    { id: 'drafting', label: '拟订中', data: { status: 'drafting' } },
    { id: 'public_comment', label: '公众参与', data: { status: 'public_comment' } },
    { id: 'expert', label: '专家论证', data: { status: 'expert' } },
    { id: 'risk', label: '风险评估', data: { status: 'risk' } },
    { id: 'legality', label: '合法性审查', data: { status: 'legality' } },
    { id: 'decided', label: '集体讨论决定', data: { status: 'decided' } },
    { id: 'published', label: '已公布', data: { status: 'published' } },
    { id: 'abandoned', label: '终止', data: { status: 'abandoned' } },
  ],
  openRoles: [STAFF, LEADER],
  openClocks: [],
  transitions: [
    {
      id: 'comment',
      label: '公开征求意见',
      from: ['drafting'],
      to: 'public_comment',
      roles: [STAFF, LEADER],
      needs: [{ key: 'commentCloses' }, { key: 'commentShortReason' }],
      clocks: [
        // 第15条: 一般不少于30日; a shorter window only with the reason stated when it is announced.
        startWhen('decision.public_comment', is('commentShortReason', null), 'commentCloses'),
        startWhen('decision.comment_window', { field: 'commentCloses', notIn: [null] }, 'commentCloses'),
      ],
      basis: [b('重大行政决策程序暂行条例', '第14条'), b('重大行政决策程序暂行条例', '第15条')],
    },
    {
      id: 'comment_done',
      label: '公众参与完成',
      from: ['public_comment'],
      roles: [STAFF, LEADER],
      needs: [
        { key: 'commentsReceived', required: true },
        { key: 'commentsAdopted', required: true },
        { key: 'commentsPartly', required: true },
        { key: 'commentsRejected', required: true },
      ],
      clocks: [stopWhenDue('decision.comment_window')],
      basis: [b('重大行政决策程序暂行条例', '第14条'), b('重大行政决策程序暂行条例', '第15条')],
    },
    {
      id: 'expert',
      label: '专家论证',
      from: ['public_comment'],
      to: 'expert',
      roles: [STAFF, LEADER],
      clocks: commentOver,
      requires: [PARTICIPATION_FIRST],
      basis: [b('重大行政决策程序暂行条例', '第19条')],
    },
    {
      id: 'risk',
      label: '风险评估',
      from: ['public_comment', 'expert'],
      to: 'risk',
      roles: [STAFF, LEADER],
      clocks: commentOver,
      requires: [PARTICIPATION_FIRST],
      basis: [b('重大行政决策程序暂行条例', '第22条')],
    },
    {
      id: 'legality',
      label: '送请合法性审查',
      from: ['public_comment', 'expert', 'risk'],
      to: 'legality',
      roles: [STAFF, LEADER],
      clocks: [...commentOver, start('decision.legality_review')],
      requires: [PARTICIPATION_FIRST],
      basis: [b('重大行政决策程序暂行条例', '第25条'), b('重大行政决策程序暂行条例', '第26条')],
    },
    {
      id: 'legality_done',
      label: '合法性审查完成',
      from: ['legality'],
      roles: [ADVISER, STAFF],
      clocks: [stop('decision.legality_review')],
      params: [opinion],
      basis: [b('重大行政决策程序暂行条例', '第27条')],
    },
    {
      id: 'decide',
      label: '集体讨论决定',
      from: ['public_comment', 'expert', 'risk', 'legality'],
      to: 'decided',
      roles: [LEADER],
      needs: [{ key: 'meeting', required: true }],
      set: { decidedDate: onDate },
      clocks: commentOver,
      requires: [
        { action: 'legality_done', where: { opinion: ['lawful', 'amend'] }, message: LEGALITY_FIRST },
        PARTICIPATION_FIRST,
      ],
      basis: [b('重大行政决策程序暂行条例', '第25条'), b('重大行政决策程序暂行条例', '第30条')],
    },
    {
      id: 'publish',
      label: '公布',
      from: ['decided'],
      to: 'published',
      roles: [STAFF, LEADER],
      basis: [b('重大行政决策程序暂行条例', '第32条')],
    },
    {
      id: 'abandon',
      label: '终止决策',
      from: ['drafting', 'public_comment', 'expert', 'risk', 'legality'],
      to: 'abandoned',
      roles: [LEADER],
      clocks: [stopAll],
      reason: 'required',
    },
  ],
  indicators: ['decisions.major'],
};
