/** Case shapes the API answers with (GET /api/cases, /api/cases/:id). */
import type { FieldValue } from '../../api/types.ts';

export interface CaseSummary {
  readonly id: number;
  readonly type: string;
  readonly typeLabel: string;
  readonly townshipId: number;
  readonly orgId: number | null;
  readonly date: string;
  readonly title: string;
  readonly state: string;
  readonly stateLabel: string;
  readonly owner: string | null;
  readonly closed: boolean;
  readonly nextDue: string | null;
  readonly data: Readonly<Record<string, FieldValue>>;
}

export interface Deadline {
  readonly label: string;
  readonly start: string;
  readonly due: string;
  readonly basis: string;
  readonly steps: readonly string[];
  readonly warnings: readonly string[];
}

export interface ClockView {
  readonly id: string;
  readonly label: string;
  readonly kind: 'limit' | 'minimum';
  readonly status: 'running' | 'paused' | 'stopped';
  readonly deadline: Deadline;
  readonly stoppedOn: string | null;
  readonly overdue: boolean;
  readonly late: boolean;
  readonly daysLeft: number | null;
}

export interface CaseEvent {
  readonly seq: number;
  readonly action: string;
  readonly label: string;
  readonly fromState: string | null;
  readonly toState: string | null;
  readonly date: string;
  readonly role: string;
  readonly actor: string | null;
  readonly outcome: 'done' | 'refused';
  readonly reason: string | null;
  readonly error: string | null;
}

export interface CaseDetail extends CaseSummary {
  readonly events: readonly CaseEvent[];
  readonly clocks: readonly ClockView[];
  readonly actions: readonly { id: string; label: string }[];
}

/** Days from today (the browser's calendar day) to `due`; negative when past. */
export function daysUntil(due: string): number {
  const today = new Date();
  const t = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const [y, m, d] = due.split('-').map(Number);
  return Math.round((Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) - t) / 86_400_000);
}
