import { describe, expect, it } from 'vitest';
import { adviser, leader, next, refused, run, staff } from '../../testing/case-engine.ts';

describe('major decision: the latest legality opinion decides (重大行政决策程序暂行条例 第25条)', () => {
  const inReview = () =>
    run('major_decision', '2025-03-01', {}, [
      staff('comment', '2025-03-03'),
      staff('legality', '2025-04-03'),
    ]);
  const meeting = { meeting: '镇政府常务会议' };

  it('refuses 集体讨论决定 when a 合法 opinion was followed by 不合法', () => {
    const c = next(
      next(inReview(), adviser('legality_done', '2025-04-15', { opinion: '合法' })),
      adviser('legality_done', '2025-04-16', { opinion: '不合法' }),
    );
    refused(c, leader('decide', '2025-04-18', meeting), '经审查不合法的，不得提交集体讨论决定');
  });

  it('allows it when a 不合法 opinion was followed by 修改后合法', () => {
    const c = next(
      next(inReview(), adviser('legality_done', '2025-04-15', { opinion: '不合法' })),
      adviser('legality_done', '2025-04-17', { opinion: '修改后合法' }),
    );
    expect(next(c, leader('decide', '2025-04-18', meeting)).state).toBe('decided');
  });
});
