/**
 * 学法计划 progress, pure: which planned items are fulfilled (linked to a study record), due by a
 * month, and overdue (their month has passed with no record). No database, no clock: the month the
 * year has reached is passed in.
 */

/** What progress reads of an item. */
export interface PlanLine {
  readonly id: number;
  readonly sessionType: string;
  readonly month: number;
  readonly topic: string;
  readonly recordId: number | null;
}

/** An item's state: 已完成, 逾期 (its month has passed), 本月 or later (未到期). */
export type PlanItemState = 'done' | 'overdue' | 'current' | 'upcoming';

/**
 * How far into `year` the day `today` (ISO date) is, as a month: 0 before the year, 12 after it.
 * Items of months before this one are overdue when unfulfilled; this month's are due.
 */
export function monthReached(year: number, today: string): number {
  const y = Number(today.slice(0, 4));
  if (y < year) return 0;
  if (y > year) return 13;
  return Number(today.slice(5, 7));
}

export function itemState(line: Pick<PlanLine, 'month' | 'recordId'>, reached: number): PlanItemState {
  if (line.recordId !== null) return 'done';
  if (line.month < reached) return 'overdue';
  return line.month === reached ? 'current' : 'upcoming';
}

export interface PlanCounts {
  /** Items planned for the year. */
  readonly planned: number;
  /** Items fulfilled by a linked study record. */
  readonly done: number;
  /** Items planned for months up to and including the month reached. */
  readonly due: number;
  /** Items of past months not fulfilled. */
  readonly overdue: number;
}

export interface PlanSummary {
  /** The month reached (0 before the year, 13 after it; see monthReached). */
  readonly reached: number;
  readonly total: PlanCounts;
  /** Per study form (学习形式), in the order the forms are given. */
  readonly byType: readonly ({ readonly sessionType: string } & PlanCounts)[];
  readonly overdueItems: readonly PlanLine[];
}

function count(lines: readonly PlanLine[], reached: number): PlanCounts {
  return {
    planned: lines.length,
    done: lines.filter((l) => l.recordId !== null).length,
    due: lines.filter((l) => l.month <= reached).length,
    overdue: lines.filter((l) => itemState(l, reached) === 'overdue').length,
  };
}

/** Progress of a plan's items at the month reached; forms without items are left out. */
export function summarisePlan(
  lines: readonly PlanLine[],
  reached: number,
  typeOrder: readonly string[],
): PlanSummary {
  const types = [
    ...typeOrder.filter((t) => lines.some((l) => l.sessionType === t)),
    ...new Set(lines.map((l) => l.sessionType).filter((t) => !typeOrder.includes(t))),
  ];
  return {
    reached,
    total: count(lines, reached),
    byType: types.map((t) => ({
      sessionType: t,
      ...count(
        lines.filter((l) => l.sessionType === t),
        reached,
      ),
    })),
    overdueItems: lines
      .filter((l) => itemState(l, reached) === 'overdue')
      .sort((a, b) => a.month - b.month || a.id - b.id),
  };
}
