import type { CaseSummary } from '../cases/types.ts';

/**
 * Where a reported dispute stands, in the words a grid member would use: waiting for the township,
 * in mediation (with its due date), or settled (with the day, and whether the revisit was done).
 */
export function progressWords(c: CaseSummary, today: string): string {
  const closedOn = typeof c.data.closedDate === 'string' ? c.data.closedDate : null;
  const due = c.nextDue
    ? c.nextDue < today
      ? `，已超过调处期限 ${c.nextDue}`
      : `，调处期限 ${c.nextDue}`
    : '';
  switch (c.state) {
    case 'registered':
      return `已上报，等待司法所安排调解${due}`;
    case 'mediating':
      return `司法所正在调解${due}`;
    case 'resolved':
      return `调解成功${closedOn ? `（${closedOn}）` : ''}${typeof c.data.satisfaction === 'string' ? '，已回访' : '，待回访'}`;
    case 'failed':
      return `调解不成${closedOn ? `（${closedOn}）` : ''}，已办结，可引导当事人通过其他途径解决`;
    default:
      return c.closed ? `${c.stateLabel}，已办结` : `${c.stateLabel}${due}`;
  }
}
