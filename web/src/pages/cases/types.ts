/** Case shapes the API answers with (GET /api/cases, /api/cases/:id): the server's own types. */
export type { CaseDetail, CaseSummary } from '../../../../src/services/cases.ts';
export type { CaseEvent, ClockView } from '../../../../src/core/cases.ts';
export type { Deadline } from '../../../../src/core/deadlines.ts';

/** Days from today (the browser's calendar day) to `due`; negative when past. */
export function daysUntil(due: string): number {
  const today = new Date();
  const t = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const [y, m, d] = due.split('-').map(Number);
  return Math.round((Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) - t) / 86_400_000);
}
