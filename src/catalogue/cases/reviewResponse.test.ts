import { describe, expect, it } from 'vitest';
import { clock, next, run, staff } from '../../testing/case-engine.ts';

describe('行政复议答复 (行政复议法（2023年修订）第48条)', () => {
  it('answers within 10 days of the application copy, moved past 国庆 2025', () => {
    // Received Fri 2025-09-26: 10日 is 10-06, a holiday through 10-08, so Thu 2025-10-09.
    const c = run('review_response', '2025-09-26', { applicant: '李四' }, []);
    const v = clock(c, 'review.respond');
    expect(v.deadline.due).toBe('2025-10-09');
    expect(v.deadline.basis).toBe('行政复议法（2023年修订） 第48条');
    expect(clock(c, 'review.respond', '2025-10-10T02:00:00Z').overdue).toBe(true);
    const answered = next(c, staff('answer', '2025-10-09'));
    expect(answered.data).toMatchObject({ status: 'pending', answerDate: '2025-10-09' });
    expect(clock(answered, 'review.respond').late).toBe(false);
    expect(next(answered, staff('upheld', '2025-11-20')).data.status).toBe('upheld');
  });
});
