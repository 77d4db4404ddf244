import { describe, expect, it } from 'vitest';
import { clock, clocksOf, next, refused, run, staff } from '../../testing/case-engine.ts';

describe('appeal window after a first-instance judgment or ruling (行政诉讼法 第85条)', () => {
  const answered = () => run('lawsuit', '2025-01-20', {}, [staff('answer', '2025-02-05')]);

  it('gives 15 days after a judgment: appeal by its last day, final only after it', () => {
    // Judgment served Mon 2025-03-10: 15日 end on Tue 2025-03-25.
    const lost = next(answered(), staff('lost', '2025-03-10', { instrument: '判决' }));
    expect(clock(lost, 'lawsuit.appeal_judgment').deadline.due).toBe('2025-03-25');
    expect(clock(lost, 'lawsuit.appeal_judgment', '2025-04-30T02:00:00Z').overdue).toBe(false);
    refused(lost, staff('appeal', '2025-03-26'), /不服判决上诉期限不少于15日，已于2025-03-25届满/);
    refused(lost, staff('final', '2025-03-25'), '仍在期间内');
    expect(next(lost, staff('final', '2025-03-26')).state).toBe('final');
    const appealed = next(lost, staff('appeal', '2025-03-25'));
    expect(appealed.data).toMatchObject({ status: 'pending', appealDate: '2025-03-25' });
    // The second instance is final: no new window, no further appeal.
    const won = next(appealed, staff('won', '2025-06-10', { instrument: '判决' }));
    expect(clocksOf(won).filter((v) => v.status !== 'stopped')).toEqual([]);
    refused(won, staff('appeal', '2025-06-12'), '二审裁判为终审裁判');
    expect(next(won, staff('final', '2025-06-11')).state).toBe('final');
  });

  it('gives 10 days after a ruling, moved past 国庆 2025', () => {
    // Ruling served Fri 2025-09-26: 10日 is 10-06, a holiday through 10-08, so Thu 2025-10-09.
    const c = next(answered(), staff('won', '2025-09-26', { instrument: '裁定' }));
    expect(clocksOf(c).map((v) => v.id)).toContain('lawsuit.appeal_ruling');
    expect(clocksOf(c).map((v) => v.id)).not.toContain('lawsuit.appeal_judgment');
    expect(clock(c, 'lawsuit.appeal_ruling').deadline.due).toBe('2025-10-09');
    refused(c, staff('appeal', '2025-10-10'), '已于2025-10-09届满');
    expect(next(c, staff('appeal', '2025-10-09')).state).toBe('appealed');
  });
});
