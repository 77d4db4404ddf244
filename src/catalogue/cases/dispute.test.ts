import { describe, expect, it } from 'vitest';
import { clock, clocksOf, next, refused, run, staff } from '../../testing/case-engine.ts';

describe('judicial confirmation of a mediation agreement (人民调解法 第33条)', () => {
  const resolved = () =>
    run('dispute', '2025-03-03', { disputeType: 'debt' }, [staff('resolve', '2025-03-20')]);

  it('is applied for within 30 days of the agreement, and raises no alarm when not sought', () => {
    expect(clocksOf(resolved(), '2025-06-30T02:00:00Z').some((v) => v.overdue)).toBe(false);
    // 30日 from 2025-03-20 is Sat 04-19, so Mon 2025-04-21.
    refused(resolved(), staff('confirm', '2025-04-22'), /调解协议司法确认申请期限为30日.*已于2025-04-21届满/);
    const c = next(resolved(), staff('confirm', '2025-04-21'));
    expect(c.data.confirmDate).toBe('2025-04-21');
    expect(clock(c, 'mediation.confirm')).toMatchObject({ status: 'stopped', late: false });
    refused(c, staff('confirm', '2025-04-21'), '只能办理一次');
  });
});
