import { describe, expect, it } from 'vitest';
import { isIsoDate, parseDate, yearPeriod } from './dates.ts';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
  });

  it('reads the date forms of township spreadsheets', () => {
    expect(parseDate('2023-03-05')).toBe('2023-03-05');
    expect(parseDate(' 2023/3/5 ')).toBe('2023-03-05');
    expect(parseDate('2023.3.5')).toBe('2023-03-05');
    expect(parseDate('2023年3月5日')).toBe('2023-03-05');
    expect(parseDate('20230305')).toBe('2023-03-05');
    expect(parseDate(new Date(Date.UTC(2023, 2, 5)))).toBe('2023-03-05');
    expect(parseDate('2023-02-30')).toBeNull();
    expect(parseDate('三月五日')).toBeNull();
    expect(parseDate(45000)).toBeNull();
    expect(parseDate(new Date('x'))).toBeNull();
  });

  it('gives a year as a closed period', () => {
    expect(yearPeriod(2024)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });
});
