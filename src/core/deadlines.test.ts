import { describe, expect, it } from 'vitest';
import { clocks, findClock } from '../catalogue/clocks.ts';
import { seededCalendar } from '../testing/calendar.ts';
import { calendarYears, dayInfo as dayInfoIn, isWorkingDay as isWorkingDayIn } from './calendar.ts';
import { addMonths, computeDeadline, type DeadlineInput } from './deadlines.ts';

const cal = seededCalendar();
const CALENDAR_YEARS = calendarYears(cal)!;
const dayInfo = (d: string) => dayInfoIn(cal, d);
const isWorkingDay = (d: string) => isWorkingDayIn(cal, d);
const due = (id: string, start: string, extra: Partial<DeadlineInput> = {}) =>
  computeDeadline({ rule: findClock(id)!, calendar: cal, start, ...extra });

describe('calendar', () => {
  it('reads holidays and make-up workdays from chinese-days', () => {
    expect(CALENDAR_YEARS.from).toBeLessThanOrEqual(2024);
    expect(CALENDAR_YEARS.to).toBeGreaterThanOrEqual(2025);
    expect(dayInfo('2024-10-01')).toMatchObject({ type: 'holiday', holiday: '国庆节', covered: true });
    expect(dayInfo('2024-09-29')).toMatchObject({ type: 'makeup', holiday: '国庆节' }); // a Sunday worked
    expect(dayInfo('2025-01-26')).toMatchObject({ type: 'makeup', holiday: '春节' });
    expect(isWorkingDay('2025-02-08')).toBe(true); // Saturday, 春节调休上班
    expect(isWorkingDay('2025-02-04')).toBe(false);
    expect(dayInfo('2024-03-16').type).toBe('weekend');
    expect(dayInfo('2040-01-02').covered).toBe(false);
  });
});

describe('deadlines in 日 (民法典 第201–203条)', () => {
  it('National Day 2024: a 15-day period ending on 1 October ends on the first working day after the holiday', () => {
    const d = due('petition.accept', '2024-09-16');
    expect(d.due).toBe('2024-10-08');
    expect(d.shift).toMatchObject({ from: '2024-10-01', to: '2024-10-08' });
    expect(d.shift?.over).toHaveLength(7);
    expect(d.basis).toBe('信访工作条例 第23条');
    expect(d.holidays.map((h) => h.date)).toContain('2024-10-07');
    expect(d.makeupDays.map((h) => h.date)).toEqual(['2024-09-29']);
    expect(d.steps.join('')).toContain('民法典第203条');
    expect(d.warnings).toEqual([]);
  });

  it('National Day 2025 (eight days with 中秋) ends on 9 October', () => {
    const d = due('petition.accept', '2025-09-16');
    expect(d.due).toBe('2025-10-09');
    expect(d.shift?.from).toBe('2025-10-01');
    expect(d.holidays.some((h) => h.holiday === '中秋')).toBe(true);
  });

  it('Spring Festival 2025: a 15-day answer period ending on the last holiday moves to the next day', () => {
    const d = due('lawsuit.answer', '2025-01-20');
    expect(d.due).toBe('2025-02-05');
    expect(d.basis).toBe('行政诉讼法 第67条');
  });

  it('Spring Festival 2024: a period ending inside the holiday ends on the make-up Sunday after it', () => {
    // 2024-02-01 + 15 = 2024-02-16 (春节假期); 2024-02-18 is a make-up Sunday: 2-17 holiday, so 2-18.
    const d = due('petition.accept', '2024-02-01');
    expect(d.due).toBe('2024-02-18');
    expect(dayInfo(d.due).type).toBe('makeup');
  });

  it('a period ending on an ordinary weekend moves to Monday', () => {
    const d = due('petition.accept', '2024-03-01');
    expect(d.due).toBe('2024-03-18');
    expect(d.steps.join('')).toMatch(/2024-03-16（星期六）周末/);
  });

  it('a last day that is a make-up workday stands', () => {
    const d = due('petition.accept', '2024-09-27');
    expect(d.due).toBe('2024-10-12'); // Saturday worked for 国庆节
    expect(d.shift).toBeNull();
    expect(d.steps.join('')).toContain('调休上班日，是工作日，不顺延');
  });

  it('counts months to the corresponding day, or the month end (民法典 第202条)', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(due('mediation.close', '2025-01-31').due).toBe('2025-02-28');
    expect(due('mediation.close', '2024-09-01').due).toBe('2024-10-08');
    expect(due('mediation.close', '2024-09-01').steps.join('')).toContain('非法定期限');
  });
});

describe('deadlines in 工作日', () => {
  it('skips the 2024 National Day holiday and counts both make-up days', () => {
    const d = due('disclosure.reply', '2024-09-20');
    expect(d.due).toBe('2024-10-23');
    expect(d.makeupDays.map((m) => m.date)).toEqual(['2024-09-29', '2024-10-12']);
    expect(d.steps.join('')).toContain('计入调休上班日2日');
  });

  it('skips the 2024 Spring Festival and counts the make-up Sunday (行政处罚法 第85条)', () => {
    const d = due('penalty.deliver', '2024-02-07');
    expect(d.due).toBe('2024-02-22');
    expect(d.basis).toBe('行政处罚法 第61条、第85条');
  });

  it('skips the 2025 Spring Festival and counts its make-up Sunday and Saturday', () => {
    const d = due('disclosure.correction_notice', '2025-01-24');
    expect(d.due).toBe('2025-02-10');
    expect(d.makeupDays.map((m) => m.date)).toEqual(['2025-01-26', '2025-02-08']);
  });

  it('skips the 2025 National Day holiday', () => {
    // From Fri 2025-09-26: 9-28 (make-up Sun), 9-29, 9-30, then 10-9, 10-10, 10-11 (make-up Sat), 10-13…
    const d = due('penalty.hearing_request', '2025-09-26');
    expect(d.due).toBe('2025-10-10');
  });

  it('never shifts a working-day period: its last day is a working day by construction', () => {
    for (const c of clocks.filter((x) => x.unit === 'workday'))
      expect(isWorkingDay(due(c.id, '2024-12-27').due)).toBe(true);
  });
});

describe('extensions, suspensions, restarts', () => {
  it('adds an extension within the legal maximum and explains it', () => {
    const d = due('petition.handle', '2024-03-01', {
      extensions: [{ date: '2024-04-20', amount: 30, reason: '情况复杂' }],
    });
    expect(d.due).toBe('2024-05-30');
    expect(d.total).toBe(90);
    expect(d.steps.join('')).toContain(
      '延长：2024-04-20延长30日（理由：情况复杂；依据：信访工作条例 第34条）',
    );
  });

  it('refuses an extension beyond the maximum, a second extension, and an extension of a rule without one', () => {
    expect(() =>
      due('petition.handle', '2024-03-01', { extensions: [{ date: '2024-04-20', amount: 31, reason: 'x' }] }),
    ).toThrow('最多延长30日');
    expect(() =>
      due('petition.handle', '2024-03-01', {
        extensions: [
          { date: '2024-04-20', amount: 10, reason: 'x' },
          { date: '2024-04-21', amount: 10, reason: 'y' },
        ],
      }),
    ).toThrow('只能延长1次');
    expect(() =>
      due('lawsuit.answer', '2024-03-01', { extensions: [{ date: '2024-03-02', amount: 1, reason: 'x' }] }),
    ).toThrow('依法不能延长');
  });

  it('does not count third-party consultation time (政府信息公开条例 第32条)', () => {
    const plain = due('disclosure.reply', '2024-03-01');
    expect(plain.due).toBe('2024-03-29');
    const d = due('disclosure.reply', '2024-03-01', {
      suspensions: [{ from: '2024-03-05', to: '2024-03-11', reason: '征求第三方意见' }],
    });
    // Four working days are not counted; the 20th falls after 清明 on the make-up Sunday 2024-04-07.
    expect(d.due).toBe('2024-04-07');
    expect(d.steps.join('')).toContain('其中工作日4日');
  });

  it('flags an open suspension and counts it up to today', () => {
    const d = due('disclosure.reply', '2024-03-01', {
      suspensions: [{ from: '2024-03-05', to: null, reason: '征求第三方意见' }],
      asOf: '2024-03-11',
    });
    expect(d.paused).toBe(true);
    expect(d.due).toBe('2024-04-07');
    expect(d.warnings.join('')).toContain('暂停');
  });

  it('refuses suspensions in the wrong order', () => {
    expect(() =>
      due('disclosure.reply', '2024-03-01', {
        suspensions: [{ from: '2024-03-05', to: '2024-03-04', reason: '' }],
      }),
    ).toThrow('不能早于');
    expect(() =>
      due('disclosure.reply', '2024-03-01', {
        suspensions: [{ from: '2024-02-05', to: '2024-03-04', reason: '' }],
      }),
    ).toThrow('不能早于起算日期');
  });

  it('explains a restart on receipt of the corrected request (第30条)', () => {
    const d = due('disclosure.reply', '2024-03-11', {
      restarted: { originalStart: '2024-03-01', reason: '收到补正后的申请' },
    });
    expect(d.steps[0]).toContain('政府信息公开条例 第30条');
    expect(d.start).toBe('2024-03-11');
  });

  it('takes a date set by the order as it is', () => {
    const d = due('rectification.due', '2024-05-06', { setDue: '2024-06-01' });
    expect(d.due).toBe('2024-06-01');
    expect(() => due('rectification.due', '2024-05-06')).toThrow('须给出');
    expect(() => due('rectification.due', '2024-05-06', { setDue: '2024-05-01' })).toThrow('不能早于');
  });
});

describe('dates outside the holiday calendar', () => {
  it('warns explicitly and names the year', () => {
    const late = due('petition.accept', `${CALENDAR_YEARS.to + 4}-09-16`);
    expect(late.warnings).toHaveLength(1);
    expect(late.warnings[0]).toContain(`${CALENDAR_YEARS.to + 4}年不在节假日日历范围`);
    const early = due('disclosure.reply', '2003-12-20');
    expect(early.warnings.join('')).toContain('2003年');
    expect(early.warnings.join('')).not.toContain('2004年');
  });

  it('warns when a period starting in a covered year runs into an uncovered one', () => {
    const d = due('penalty.decide', `${CALENDAR_YEARS.to}-12-01`);
    expect(d.warnings.join('')).toContain(`${CALENDAR_YEARS.to + 1}年`);
  });

  it('refuses a malformed start date', () => {
    expect(() => due('petition.accept', '2024-02-30')).toThrow('不是有效日期');
  });
});

describe('a year without an official arrangement (2027): statutory holidays, marked', () => {
  it('15日 from 2026-12-17 ends after 元旦 and the weekend, not on 元旦', () => {
    const d = due('petition.accept', '2026-12-17');
    expect(d.due).toBe('2027-01-04');
    expect(d.shift?.from).toBe('2027-01-01');
    expect(d.calendarBasis).toBe('statutory-only');
    expect(d.mark).toBe('按法定节日推算，未含调休');
    expect(d.warnings.join('')).toContain('2027年不在节假日日历范围');
  });

  it('20工作日 from 2026-12-20 skips 元旦: 2027-01-18', () => {
    const d = due('disclosure.reply', '2026-12-20');
    expect(d.due).toBe('2027-01-18');
    expect(d.holidays.map((h) => h.date)).toEqual(['2027-01-01']);
    expect(d.mark).toBe('按法定节日推算，未含调休');
  });

  it('skips the statutory 春节 (除夕至初三) of 2027', () => {
    // From Mon 2027-02-01: 2-2…2-4 (3), 2-5…2-8 春节 and the weekend, 2-9…2-12 (4): the 7th is 2-12.
    expect(due('disclosure.correction_notice', '2027-02-01').due).toBe('2027-02-12');
  });

  it('carries no mark inside the announced years', () => {
    const d = due('disclosure.reply', '2026-09-01');
    expect(d.calendarBasis).toBe('official');
    expect(d.mark).toBeNull();
  });
});
