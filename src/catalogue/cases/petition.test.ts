import { describe, expect, it } from 'vitest';
import { clock, clocksOf, county, leader, next, refused, run, staff } from '../../testing/case-engine.ts';

describe('petition clocks that start only where the law applies them', () => {
  it('raises no 异议 alarm on a petition brought directly, and refuses an objection to it', () => {
    const c = run('petition', '2025-03-03', { petitionType: 'claim' }, []);
    expect(clocksOf(c, '2025-04-30T02:00:00Z').map((v) => v.id)).toEqual(['petition.accept']);
    refused(
      c,
      staff('object', '2025-03-05', {}, '不属本镇职权'),
      '只有信访部门或上级机关转送、交办的信访事项才能提出异议',
    );
  });

  it('gives a forwarded petition 5 working days to object, across 劳动节 2025', () => {
    // Mon 2025-04-28: 04-29, 04-30, then 05-06, 05-07, 05-08 after the 05-01 to 05-05 holiday.
    const c = run('petition', '2025-04-28', { petitionType: 'claim', forwarded: true }, []);
    refused(
      c,
      staff('object', '2025-05-09', {}, '属县自然资源局职权'),
      /异议期限为5个工作日.*已于2025-05-08届满/,
    );
    refused(c, staff('object', '2025-05-08'), '须说明理由');
    const o = next(c, staff('object', '2025-05-08', {}, '属县自然资源局职权'));
    expect(o).toMatchObject({ state: 'objected', data: { status: 'not_accepted' } });
    expect(clock(o, 'petition.objection')).toMatchObject({ status: 'stopped', late: false });
    expect(clock(o, 'petition.accept').status).toBe('stopped');
  });

  it('runs the 60-day handling clock for 申诉求决 only', () => {
    const suggestion = run('petition', '2025-03-03', { petitionType: 'suggestion' }, [
      staff('accept', '2025-03-05'),
    ]);
    expect(clocksOf(suggestion, '2025-09-01T02:00:00Z').some((v) => v.id === 'petition.handle')).toBe(false);
    expect(clocksOf(suggestion, '2025-09-01T02:00:00Z').some((v) => v.overdue)).toBe(false);
    refused(suggestion, leader('extend', '2025-03-10', { extension: 10 }, '复杂'), '未在计算中');
    const claim = run('petition', '2025-03-03', { petitionType: 'claim' }, [staff('accept', '2025-03-05')]);
    // 60日 from 2025-03-05 is Sun 2025-05-04, inside 劳动节, so Tue 2025-05-06.
    expect(claim.data.dueDate).toBe('2025-05-06');
    expect(clock(claim, 'petition.handle', '2025-05-07T02:00:00Z').overdue).toBe(true);
  });

  it('tells the petitioner of receipt and the way forward within 15 days (第23条)', () => {
    const c = run('petition', '2025-03-03', { petitionType: 'claim' }, []);
    const v = clock(c, 'petition.accept');
    expect(v.label).toBe('信访事项接收告知期限');
    expect(v.deadline.due).toBe('2025-03-18');
    expect(v.deadline.basis).toBe('信访工作条例 第23条');
  });
});

describe('复查 and 复核 (信访工作条例 第35、36条)', () => {
  const closed = () =>
    run('petition', '2025-03-03', { petitionType: 'claim' }, [
      staff('accept', '2025-03-04'),
      staff('close', '2025-04-01', { resolved: '否' }),
    ]);

  it('takes a 复查 request within 30 days of the answer, and refuses a later one', () => {
    // 30日 from 2025-04-01 is 05-01, a holiday through 05-05: the window ends on Tue 2025-05-06.
    refused(closed(), staff('request_review', '2025-05-07'), /请求复查期限为30日.*已于2025-05-06届满/);
    const r = next(closed(), staff('request_review', '2025-05-06'));
    expect(r.state).toBe('review');
    expect(clock(r, 'petition.review_request')).toMatchObject({ status: 'stopped', late: false });
  });

  it('leaves 复查 and 复核 opinions to the levels above, saying why', () => {
    const r = next(closed(), staff('request_review', '2025-04-15'));
    refused(
      r,
      leader('review_done', '2025-05-10'),
      /须由县级工作人员办理.*复查由原办理机关的上一级行政机关办理，乡镇不能出具复查意见（信访工作条例 第35条）/,
    );
    const reviewed = next(r, county('review_done', '2025-05-10'));
    // 30日 from Sat 2025-05-10 is Mon 2025-06-09.
    refused(reviewed, staff('request_recheck', '2025-06-10'), '已于2025-06-09届满');
    const recheck = next(reviewed, staff('request_recheck', '2025-06-09'));
    refused(recheck, leader('recheck_done', '2025-06-20'), '复核由复查机关的上一级行政机关办理');
    expect(next(recheck, county('recheck_done', '2025-06-20')).state).toBe('rechecked');
  });
});
