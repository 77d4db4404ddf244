import { describe, expect, it } from 'vitest';
import { adviser, clock, leader, next, refused, run, staff } from '../../testing/case-engine.ts';

describe('penalty hearing branch (行政处罚法 第64、65、85条)', () => {
  // Notice on Tue 2025-03-04: the 5 working days are 03-05, 03-06, 03-07, 03-10, 03-11.
  const informed = () => run('penalty', '2025-03-03', { party: '某商户' }, [staff('inform', '2025-03-04')]);

  it('takes a hearing request on the last day of the window and refuses one after it', () => {
    expect(clock(informed(), 'penalty.hearing_request').deadline.due).toBe('2025-03-11');
    expect(next(informed(), staff('hearing', '2025-03-11')).state).toBe('hearing_requested');
    refused(informed(), staff('hearing', '2025-03-12'), /已于2025-03-11届满.*2025-03-12已超过期限/);
  });

  it('never decides inside the party’s window, its last day included', () => {
    refused(informed(), leader('decide', '2025-03-10'), /至2025-03-11届满.*仍在期间内/);
    refused(informed(), leader('decide', '2025-03-11'), /至2025-03-11届满.*仍在期间内/);
    expect(next(informed(), leader('decide', '2025-03-12', { fine: 500 })).state).toBe('decided');
  });

  it('counts the window in working days across 国庆 2024', () => {
    // Fri 2024-09-27: 09-29 (make-up Sunday), 09-30, then 10-08, 10-09, 10-10 after the holiday.
    const c = run('penalty', '2024-09-20', {}, [staff('inform', '2024-09-27')]);
    expect(clock(c, 'penalty.hearing_request').deadline.due).toBe('2024-10-10');
    refused(c, leader('decide', '2024-10-10'), '仍在期间内');
    expect(next(c, leader('decide', '2024-10-11')).state).toBe('decided');
  });

  it('notifies at least 7 working days before the hearing, holds it with a 笔录, then decides', () => {
    const requested = next(informed(), staff('hearing', '2025-03-11'));
    // Notice on Wed 2025-03-12: 7 working days end on Fri 2025-03-21.
    refused(
      requested,
      staff('notify_hearing', '2025-03-12', { hearingDate: '2025-03-20' }),
      /听证通知期限不少于7个工作日，自2025-03-12起算至2025-03-21届满.*2025-03-20早于届满日/,
    );
    refused(requested, staff('notify_hearing', '2025-03-12'), '听证日期：不能为空');
    const noticed = next(requested, staff('notify_hearing', '2025-03-12', { hearingDate: '2025-03-21' }));
    expect(noticed.data.hearingDate).toBe('2025-03-21');
    expect(clock(noticed, 'penalty.hearing_notice').deadline.due).toBe('2025-03-21');
    refused(noticed, staff('hold_hearing', '2025-03-20', { hearingRecord: '听证笔录1号' }), '尚未届满');
    refused(noticed, staff('hold_hearing', '2025-03-21'), '听证笔录：不能为空');
    const heard = next(noticed, staff('hold_hearing', '2025-03-21', { hearingRecord: '听证笔录1号' }));
    expect(heard).toMatchObject({ state: 'heard', data: { hearingRecord: '听证笔录1号' } });
    expect(next(heard, leader('decide', '2025-03-24', { fine: 800 })).data).toMatchObject({
      status: 'decided',
      decidedDate: '2025-03-24',
    });
  });

  it('refuses a decision after a hearing request until the hearing is held', () => {
    const requested = next(informed(), staff('hearing', '2025-03-11'));
    const message = '当事人已要求听证，须举行听证、制作笔录后，根据听证笔录作出决定';
    refused(requested, leader('decide', '2025-03-14', { fine: 500 }), message);
    const noticed = next(requested, staff('notify_hearing', '2025-03-12', { hearingDate: '2025-03-24' }));
    refused(noticed, leader('decide', '2025-03-24', { fine: 500 }), message);
  });
});

describe('法制审核 and 集体讨论 (行政处罚法 第57条第2款、第58条)', () => {
  const flagged = (data: Record<string, unknown>) =>
    run('penalty', '2025-03-03', data, [staff('inform', '2025-03-04'), staff('waive', '2025-03-05')]);

  it('requires a passing 法制审核 where the case is one of 第58条, judged on the latest opinion', () => {
    const c = flagged({ legalCheckCase: '是' });
    const refusal = /未经法制审核或者审核未通过的，不得作出决定（行政处罚法 第58条）/;
    refused(c, leader('decide', '2025-03-06'), refusal);
    const failed = next(c, adviser('legal_check', '2025-03-06', { opinion: '审核不通过' }));
    refused(failed, leader('decide', '2025-03-07'), refusal);
    const passedThenFailed = next(
      next(c, adviser('legal_check', '2025-03-06', { opinion: '审核通过' })),
      adviser('legal_check', '2025-03-07', { opinion: '审核不通过' }),
    );
    refused(passedThenFailed, leader('decide', '2025-03-10'), refusal);
    const passed = next(failed, staff('legal_check', '2025-03-07', { opinion: '修改后通过' }));
    expect(next(passed, leader('decide', '2025-03-10')).state).toBe('decided');
  });

  it('requires 集体讨论 for 情节复杂或重大违法 cases, and neither step otherwise', () => {
    const c = flagged({ collectiveCase: true });
    refused(c, leader('decide', '2025-03-06'), '须经行政机关负责人集体讨论决定（行政处罚法 第57条第2款）');
    refused(c, staff('collective', '2025-03-06', { meeting: '镇政府常务会议' }), '须由乡镇领导办理');
    const met = next(c, leader('collective', '2025-03-06', { meeting: '镇政府常务会议' }));
    expect(next(met, leader('decide', '2025-03-06')).state).toBe('decided');
    expect(next(flagged({}), leader('decide', '2025-03-06')).state).toBe('decided');
  });
});

describe('先行登记保存 and the extension basis', () => {
  it('decides on preserved evidence within 7 working days, across 劳动节 2025', () => {
    // Wed 2025-04-30; 05-01 to 05-05 are holidays: 05-06, 07, 08, 09, 12, 13, 14.
    const c = run('penalty', '2025-04-28', {}, [staff('preserve', '2025-04-30')]);
    expect(clock(c, 'penalty.preservation').deadline.due).toBe('2025-05-14');
    expect(clock(c, 'penalty.preservation', '2025-05-14T02:00:00Z').overdue).toBe(false);
    expect(clock(c, 'penalty.preservation', '2025-05-15T02:00:00Z').overdue).toBe(true);
    const done = next(c, staff('preservation_decision', '2025-05-14'));
    expect(clock(done, 'penalty.preservation')).toMatchObject({ status: 'stopped', late: false });
    refused(
      run('penalty', '2025-04-28', {}, []),
      staff('preservation_decision', '2025-04-30'),
      '没有先行登记保存',
    );
  });

  it('cites sector rules, not 第60条, for the 30-day extension', () => {
    const c = run('penalty', '2025-01-06', {}, [
      leader('extend', '2025-03-01', { extension: 30 }, '案情复杂'),
    ]);
    const v = clock(c, 'penalty.decide');
    expect(v.deadline.total).toBe(120);
    expect(v.deadline.steps.join('')).toContain('部门行政处罚程序规定');
  });
});
