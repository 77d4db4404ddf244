import { describe, expect, it } from 'vitest';
import { adviser, clock, leader, next, refused, run, staff } from '../../testing/case-engine.ts';

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

describe('major decision: 公众参与 with an announced window (重大行政决策程序暂行条例 第15条)', () => {
  const counts = { commentsReceived: 3, commentsAdopted: 1, commentsPartly: 1, commentsRejected: 1 };

  it('refuses a window shorter than 30 days unless a reason is stated', () => {
    const c = run('major_decision', '2025-03-01', {}, []);
    // 2025-03-03 + 30日 = 2025-04-02 (a Wednesday, no shift).
    refused(
      c,
      staff('comment', '2025-03-03', { commentCloses: '2025-03-20' }),
      /不少于30日，自2025-03-03起算至2025-04-02届满.*2025-03-20早于届满日/,
    );
    const short = next(
      c,
      staff('comment', '2025-03-03', {
        commentCloses: '2025-03-13',
        commentShortReason: '汛期临近，情况紧急',
      }),
    );
    expect(short.state).toBe('public_comment');
    expect(clock(short, 'decision.comment_window').deadline.due).toBe('2025-03-13');
    expect(() => clock(short, 'decision.public_comment')).toThrow();
    refused(short, staff('comment_done', '2025-03-13', counts), /2025-03-13仍在期间内/);
    const done = next(short, staff('comment_done', '2025-03-14', counts));
    expect(next(done, staff('legality', '2025-03-14')).state).toBe('legality');
  });

  it('keeps the case in 公众参与 until the window has closed and the outcome is recorded', () => {
    const c = run('major_decision', '2025-03-01', {}, [
      staff('comment', '2025-03-03', { commentCloses: '2025-04-15' }),
    ]);
    expect(c.data.commentCloses).toBe('2025-04-15');
    // The 30-day minimum has run (2025-04-02), the announced window has not.
    refused(c, staff('expert', '2025-04-10'), '须待征求意见期满');
    refused(
      c,
      staff('comment_done', '2025-04-15', counts),
      /至2025-04-15届满.*仍在期间内，不能「公众参与完成」/,
    );
    refused(c, staff('comment_done', '2025-04-16', { commentsReceived: 3 }), '采纳意见');
    const done = next(c, staff('comment_done', '2025-04-16', counts));
    expect(done.state).toBe('public_comment');
    expect(done.data).toMatchObject(counts);
    expect(next(done, staff('expert', '2025-04-16')).state).toBe('expert');
  });
});
