import { describe, expect, it } from 'vitest';
import { getKind } from '../catalogue/kinds.ts';
import { seededCalendar } from '../testing/calendar.ts';
import { recordTiming } from './case-clocks.ts';

const cal = seededCalendar();
const item = getKind('disclosure_item');

describe('proactive disclosure within 20 working days (政府信息公开条例 第26条)', () => {
  it('counts from the date the information was made or changed, across 国庆 2025', () => {
    // Fri 2025-09-26: 09-28 (调休), 09-29, 09-30, 10-09, 10-10, 10-11 (调休), then 14 more to Thu 10-30.
    const onTime = recordTiming(item, { date: '2025-10-30', data: { madeDate: '2025-09-26' } }, cal);
    expect(onTime?.deadline.due).toBe('2025-10-30');
    expect(onTime?.deadline.basis).toBe('政府信息公开条例 第26条');
    expect(onTime?.late).toBe(false);
    expect(recordTiming(item, { date: '2025-10-31', data: { madeDate: '2025-09-26' } }, cal)?.late).toBe(
      true,
    );
  });

  it('says nothing without the date, or for kinds with no such period', () => {
    expect(recordTiming(item, { date: '2025-10-31', data: {} }, cal)).toBeNull();
    expect(
      recordTiming(getKind('dispute'), { date: '2025-10-31', data: { madeDate: '2025-01-01' } }, cal),
    ).toBeNull();
  });
});
