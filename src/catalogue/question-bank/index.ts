/**
 * The starter question bank (入门题库) shipped with fazhi: questions written from the laws' texts,
 * each citing its article, for townships to extend with their own.
 */
import type { StarterQuestion } from '../questions.ts';

export const STARTER_BANK: readonly StarterQuestion[] = [
  {
    code: 'XF-001',
    law: 'constitution',
    type: 'single',
    difficulty: 'easy',
    stem: '中华人民共和国的一切权力属于（　）。',
    options: ['人民', '全国人民代表大会', '国务院', '中国共产党'],
    answer: [0],
    article: '第二条',
  },
  {
    code: 'XZCF-001',
    law: 'admin_penalty',
    type: 'judge',
    difficulty: 'easy',
    stem: '违法事实不清、证据不足的，不得给予行政处罚。',
    options: ['正确', '错误'],
    answer: [0],
    article: '第四十条',
  },
];
