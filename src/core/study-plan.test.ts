import { describe, expect, it } from 'vitest';
import { itemState, monthReached, summarisePlan, type PlanLine } from './study-plan.ts';

const line = (id: number, sessionType: string, month: number, recordId: number | null = null): PlanLine => ({
  id,
  sessionType,
  month,
  topic: `学习${id}`,
  recordId,
});

describe('study plan progress', () => {
  it('reaches a month of the plan year by the day in China; 0 before the year, 13 after it', () => {
    expect(monthReached(2025, '2025-07-10')).toBe(7);
    expect(monthReached(2025, '2024-12-31')).toBe(0);
    expect(monthReached(2025, '2026-01-01')).toBe(13);
  });

  it('marks an item done when linked, overdue once its month has passed, else this month or later', () => {
    expect(itemState({ month: 1, recordId: 5 }, 7)).toBe('done');
    expect(itemState({ month: 6, recordId: null }, 7)).toBe('overdue');
    expect(itemState({ month: 7, recordId: null }, 7)).toBe('current');
    expect(itemState({ month: 8, recordId: null }, 7)).toBe('upcoming');
    expect(itemState({ month: 12, recordId: null }, 13)).toBe('overdue');
  });

  it('counts planned, done, due and overdue per form in the catalogue order, forms without items left out', () => {
    const s = summarisePlan(
      [
        line(1, 'collective', 2),
        line(2, 'center_group', 3, 9),
        line(3, 'center_group', 9),
        line(4, 'collective', 5),
      ],
      5,
      ['center_group', 'meeting_study', 'collective'],
    );
    expect(s.total).toEqual({ planned: 4, done: 1, due: 3, overdue: 1 });
    expect(s.byType).toEqual([
      { sessionType: 'center_group', planned: 2, done: 1, due: 1, overdue: 0 },
      { sessionType: 'collective', planned: 2, done: 0, due: 2, overdue: 1 },
    ]);
    expect(s.overdueItems.map((l) => l.id)).toEqual([1]);
  });
});
