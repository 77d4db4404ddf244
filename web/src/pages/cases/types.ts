/** Case shapes the API answers with (GET /api/cases, /api/cases/:id): the server's own types. */
import { chinaToday } from '../../lib/dates.ts';

export type { CaseDetail, CaseSummary } from '../../../../src/services/cases.ts';
export type { CaseEvent, ClockView } from '../../../../src/core/cases.ts';
export type { Deadline } from '../../../../src/core/deadlines.ts';

/** Days from today (China's calendar day, as the server counts) to `due`; negative when past. */
export function daysUntil(due: string): number {
  const t = Date.parse(chinaToday().format('YYYY-MM-DD'));
  const [y, m, d] = due.split('-').map(Number);
  return Math.round((Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) - t) / 86_400_000);
}
