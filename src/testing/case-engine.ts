/** The pure case engine driven step by step, for the case-type tests (no database). */
import { expect } from 'vitest';
import { findCaseType } from '../catalogue/cases.ts';
import { getKind } from '../catalogue/kinds.ts';
import {
  clockViews,
  decide,
  openCase,
  type CaseSnapshot,
  type ClockView,
  type Decision,
  type MoveCommand,
} from '../core/cases.ts';
import { seededCalendar } from './calendar.ts';

const cal = seededCalendar();
export const NOW = '2025-12-31T02:00:00.000Z';

/** Opens a case and takes the steps in order; each must succeed. */
export function run(
  type: string,
  date: string,
  data: Record<string, unknown>,
  steps: readonly MoveCommand[],
  now = NOW,
): CaseSnapshot {
  const decl = findCaseType(type)!;
  const kind = getKind(type);
  const o = openCase(
    decl,
    kind,
    { date, title: '测试事项', data: data as Record<string, string> },
    { role: 'township_staff' },
    now,
    cal,
  );
  let c: CaseSnapshot = {
    id: 1,
    type: decl.kind,
    state: o.state,
    owner: o.owner,
    date,
    title: '测试事项',
    data: o.data,
    events: [o.event],
  };
  for (const s of steps) c = next(c, s, now);
  return c;
}

/** One more step on a case; it must succeed. */
export function next(c: CaseSnapshot, s: MoveCommand, now = NOW): CaseSnapshot {
  const d = attempt(c, s, now);
  if (!d.ok) throw new Error(`${s.action}: ${d.error}`);
  return { ...c, state: d.state, owner: d.owner, data: d.data, events: [...c.events, d.event] };
}

export function attempt(c: CaseSnapshot, s: MoveCommand, now = NOW): Decision {
  return decide(c, findCaseType(c.type)!, getKind(c.type), s, now, cal);
}

/** The step is refused with a message matching `message`, and the refusal is kept as an event. */
export function refused(c: CaseSnapshot, s: MoveCommand, message: string | RegExp, now = NOW): void {
  const d = attempt(c, s, now);
  expect(d.ok, `${s.action} ${s.date ?? ''} should be refused`).toBe(false);
  if (d.ok) return;
  expect(d.error).toMatch(message);
  expect(d.event.outcome).toBe('refused');
  expect(d.event.error).toBe(d.error);
  expect(d.event.action).toBe(s.action);
}

const as =
  (role: string) =>
  (action: string, date: string, values: Record<string, unknown> = {}, reason?: string): MoveCommand => ({
    action,
    role,
    date,
    values,
    reason,
  });
export const staff = as('township_staff');
export const leader = as('township_leader');
export const adviser = as('legal_adviser');
export const county = as('county_officer');

export const clocksOf = (c: CaseSnapshot, now = NOW): ClockView[] => clockViews(c.events, now, cal);
export const clock = (c: CaseSnapshot, id: string, now = NOW): ClockView => {
  const v = clocksOf(c, now).find((x) => x.id === id);
  if (!v) throw new Error(`no clock ${id}`);
  return v;
};
