import { describe, expect, it } from 'vitest';
import { clock, clocksOf, leader, next, refused, run, staff } from '../../testing/case-engine.ts';

describe('依申请公开 补正 (政府信息公开条例 第30条)', () => {
  it('runs no 补正 clock for a request that needs none', () => {
    const c = run('disclosure_request', '2025-03-03', { applicant: '张三' }, []);
    const views = clocksOf(c, '2025-03-31T02:00:00Z');
    expect(views.map((v) => v.id)).toEqual(['disclosure.reply']);
    // 20 working days from Mon 2025-03-03 end on Mon 2025-03-31: nothing is overdue yet.
    expect(views.some((v) => v.overdue)).toBe(false);
  });

  it('refuses a 补正 notice sent after 7 working days', () => {
    // Mon 2025-03-03: 03-04 … 03-12 are the 7 working days.
    const c = run('disclosure_request', '2025-03-03', {}, []);
    refused(
      c,
      staff('ask_correction', '2025-03-13', {}, '内容不明确'),
      /补正告知期限为7个工作日.*已于2025-03-12届满/,
    );
    const ok = next(c, staff('ask_correction', '2025-03-12', {}, '内容不明确'));
    expect(clock(ok, 'disclosure.correction_notice')).toMatchObject({ status: 'stopped', late: false });
  });

  it('counts the 7 working days across 国庆 2025 with its make-up days', () => {
    // Fri 2025-09-26: 09-28 (调休), 09-29, 09-30, 10-09, 10-10, 10-11 (调休), 10-13.
    const c = run('disclosure_request', '2025-09-26', {}, []);
    refused(c, staff('ask_correction', '2025-10-14', {}, '不明确'), '已于2025-10-13届满');
    expect(next(c, staff('ask_correction', '2025-10-13', {}, '不明确')).state).toBe('correction');
  });

  it('lets the request lapse only after the applicant’s 15 working days', () => {
    // Notice on Wed 2025-03-05: 15 working days end on Wed 2025-03-26.
    const c = run('disclosure_request', '2025-03-03', {}, [
      staff('ask_correction', '2025-03-05', {}, '不明确'),
    ]);
    expect(clock(c, 'disclosure.correction_period').deadline.due).toBe('2025-03-26');
    refused(c, staff('lapse', '2025-03-05'), /申请人补正期限不少于15个工作日，至2025-03-26届满.*仍在期间内/);
    refused(c, staff('lapse', '2025-03-26'), '仍在期间内');
    const lapsed = next(c, staff('lapse', '2025-03-27'));
    expect(lapsed.state).toBe('lapsed');
    expect(clocksOf(lapsed).every((v) => v.status === 'stopped')).toBe(true);
  });

  it('uses the 补正期限 the notice gives, and refuses one before the notice', () => {
    const c = run('disclosure_request', '2025-03-03', {}, [
      staff('ask_correction', '2025-03-05', { correctionDue: '2025-03-20' }, '不明确'),
    ]);
    expect(c.data.correctionDue).toBe('2025-03-20');
    expect(clocksOf(c).map((v) => v.id)).not.toContain('disclosure.correction_period');
    refused(c, staff('lapse', '2025-03-20'), '至2025-03-20届满');
    expect(next(c, staff('lapse', '2025-03-21')).state).toBe('lapsed');
    refused(
      run('disclosure_request', '2025-03-03', {}, []),
      staff('ask_correction', '2025-03-05', { correctionDue: '2025-03-04' }, '不明确'),
      '不能早于告知补正日期',
    );
  });
});

describe('time not counted (第33条第2款)', () => {
  it('cites 第33条第2款 and pauses the reply for other organs as for a third party', () => {
    const c = run(
      'disclosure_request',
      '2025-03-03',
      {},
      [staff('consult_organ', '2025-03-05')],
      '2025-06-30',
    );
    const v = clock(c, 'disclosure.reply', '2025-06-30T02:00:00Z');
    expect(v).toMatchObject({ status: 'paused', overdue: false });
    const back = next(c, staff('organ_replied', '2025-03-12'), '2025-06-30');
    const steps = clock(back, 'disclosure.reply').deadline.steps.join('');
    expect(steps).toContain('政府信息公开条例 第33条第2款');
    expect(next(back, leader('extend', '2025-03-20', { extension: 5 }, '需协调')).state).toBe('received');
  });
});
