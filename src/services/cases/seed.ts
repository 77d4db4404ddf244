/**
 * Case histories for records that were entered without one (demo ledgers, imported spreadsheets).
 * Every step still goes through the case engine.
 */
import { caseTypes, isTerminal, stateOf, type CaseType, type Transition } from '../../catalogue/cases.ts';
import type { FieldValue } from '../../catalogue/fields.ts';
import { getKind } from '../../catalogue/kinds.ts';
import { addDays, daysBetween, type Calendar } from '../../core/calendar.ts';
import {
  clockViews,
  decide,
  openCase as planOpen,
  todayOf,
  type CaseSnapshot,
  type MoveCommand,
} from '../../core/cases.ts';
import { holds } from '../../core/case-clocks.ts';
import { UserError } from '../../core/errors.ts';
import { computeDeadline } from '../../core/deadlines.ts';
import { findClock } from '../../catalogue/clocks.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/cases.repo.ts';
import type { Database, NewCaseEventRow, NewCaseRow } from '../../db/schema.ts';
import type { Transaction } from 'kysely';
import { eventRow } from '../cases.ts';
import { countyOf, requireOrg, type Org } from '../orgs.ts';
import { workingCalendar } from '../working-calendar.ts';

// Inputs a reconstructed step may need that a ledger row does not hold.
const DEFAULTS: Readonly<Record<string, FieldValue>> = {
  opinion: 'lawful',
  replyType: 'disclosed',
  conclusion: 'lawful',
  meeting: '党政联席会议',
};
// Where a status fits several states, the one a finished ledger row most likely means.
const PREFER: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  penalty: { decided: 'delivered' },
};
// A state the row's status stands for that the case then leaves once a period has run: a judgment
// becomes final when the appeal window ends (行政诉讼法 第85条); the step is taken only if it has.
const FINISH: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  lawsuit: { won: 'final', lost: 'final' },
};
// The record field holding the date the case reached its final state.
const END_FIELDS = ['closedDate', 'decidedDate', 'replyDate', 'completedDate'] as const;

/** The state a ledger row's data stands for. */
function targetState(t: CaseType, data: Readonly<Record<string, FieldValue>>, today: string): string {
  if (t.kind === 'inspection') {
    const found = typeof data.problemsFound === 'number' ? data.problemsFound : null;
    const fixed = typeof data.problemsRectified === 'number' ? data.problemsRectified : 0;
    if (found === 0) return 'no_problem';
    if (found === null || typeof data.rectifyDeadline !== 'string') return 'inspected';
    if (fixed >= found) return 'rectified';
    return data.rectifyDeadline < today ? 'unrectified' : 'ordered';
  }
  const matching = t.states
    .filter(
      (s) =>
        s.data && Object.keys(s.data).length > 0 && Object.entries(s.data).every(([k, v]) => data[k] === v),
    )
    .map((s) => s.id);
  const status = typeof data.status === 'string' ? data.status : '';
  const preferred = PREFER[t.kind]?.[status];
  if (preferred && matching.includes(preferred)) return preferred;
  if (matching[0]) return matching[0];
  // No status to read (合法性审查 has only a conclusion): the step that sets a date the row holds.
  const byDate = t.transitions.find(
    (tr) =>
      tr.to &&
      Object.entries(tr.set ?? {}).some(
        ([k, v]) =>
          v !== null && typeof v === 'object' && v.kind === 'eventDate' && typeof data[k] === 'string',
      ),
  );
  return byDate?.to ?? t.initial;
}

/**
 * Shortest sequence of steps from the initial state to `target`, avoiding steps that need inputs a
 * row lacks. A step that requires an earlier one (集体讨论决定 after 合法性审查完成) is taken only
 * where that earlier step can be taken in place, and then both are.
 */
function pathTo(
  t: CaseType,
  target: string,
  data: Readonly<Record<string, FieldValue>>,
  from = t.initial,
): Transition[] {
  const usable = t.transitions.filter((x) =>
    (x.params ?? []).every((p) => !p.required || DEFAULTS[p.key] !== undefined),
  );
  const prelude = (tr: Transition, s: string): Transition[] | null => {
    const out: Transition[] = [];
    for (const req of tr.requires ?? []) {
      // Requirements that do not apply to this row (its trigger step is not on the path, or its
      // condition does not hold on the row) need no earlier step.
      if (req.after !== undefined || (req.when && !holds(req.when, data))) continue;
      const pre = usable.find((x) => x.id === req.action && !x.to && x.from.includes(s));
      if (!pre) return null;
      out.push(pre);
    }
    return out;
  };
  const prev = new Map<string, { from: string; steps: Transition[] } | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0 && !prev.has(target)) {
    const s = queue.shift()!;
    for (const tr of usable.filter((x) => x.to && x.from.includes(s))) {
      const pre = prelude(tr, s);
      if (!pre || prev.has(tr.to!)) continue;
      prev.set(tr.to!, { from: s, steps: [...pre, tr] });
      queue.push(tr.to!);
    }
  }
  const steps: Transition[] = [];
  for (let at = prev.get(target); at; at = prev.get(at.from)) steps.unshift(...at.steps);
  return steps;
}

/**
 * A step that starts a clock and writes its due date (受理 → 办理期限) is dated so the due date it
 * writes is the one the row already holds, where some day between `earliest` and `guess` gives it.
 */
function matchDue(
  tr: Transition,
  data: Readonly<Record<string, FieldValue>>,
  earliest: string,
  guess: string,
  cal: Calendar,
): string {
  for (const [key, v] of Object.entries(tr.set ?? {})) {
    const target = data[key];
    if (v === null || typeof v !== 'object' || v.kind !== 'due' || typeof target !== 'string') continue;
    const rule = findClock(v.clock);
    if (!rule || !(tr.clocks ?? []).some((e) => e.kind === 'start' && e.clock === v.clock)) continue;
    // The period is at least `amount` calendar days (28 a month), so no later start can fit.
    const first = addDays(target, -(rule.unit === 'month' ? 28 * rule.amount : rule.amount));
    for (let d = first; d >= earliest; d = addDays(d, -1)) {
      if (computeDeadline({ rule, calendar: cal, start: d }).due <= target) return d;
    }
  }
  return guess;
}

/** Replays a reconstructed path through the engine, dating the steps between the record's date and its end. */
function replay(
  t: CaseType,
  snap: CaseSnapshot,
  path: readonly Transition[],
  now: string,
  cal: Calendar,
): CaseSnapshot {
  const kind = getKind(t.kind);
  const today = todayOf(now);
  const endField = END_FIELDS.map((f) => snap.data[f]).find((v): v is string => typeof v === 'string');
  const end = endField && endField >= snap.date && endField <= today ? endField : null;
  const span = end ? daysBetween(snap.date, end) : Math.min(daysBetween(snap.date, today), 10 * path.length);
  let c = snap;
  path.forEach((tr, i) => {
    const last = c.events.at(-1)?.date ?? snap.date;
    let date = addDays(snap.date, Math.round((span * (i + 1)) / path.length));
    if (i === path.length - 1 && end) date = end;
    if (date < last) date = last;
    const matched = matchDue(tr, snap.data, last, date, cal);
    if (matched <= today) date = matched;
    if (date > today) return;
    const values: Record<string, FieldValue> = {};
    for (const n of tr.needs ?? []) {
      const v = snap.data[n.key] ?? (n.required ? DEFAULTS[n.key] : undefined);
      if (v !== undefined && v !== null) values[n.key] = v;
    }
    for (const p of tr.params ?? []) if (DEFAULTS[p.key] !== undefined) values[p.key] = DEFAULTS[p.key]!;
    const cmd = (d: string): MoveCommand => ({
      action: tr.id,
      role: tr.roles[0]!,
      date: d,
      values,
      reason: tr.reason === 'required' ? `${tr.label}（补录）` : null,
    });
    let d = decide(c, t, kind, cmd(date), now, cal);
    if (!d.ok && d.code === 'too_early') {
      // A minimum period (征求意见不少于30日) not yet run: take the step on the day it ends, or
      // the day after for a party's own time (上诉期), which runs through its last day.
      const due = clockViews(c.events, date, cal)
        .filter((k) => k.status !== 'stopped')
        .map((k) => (findClock(k.id)?.partyTime ? addDays(k.deadline.due, 1) : k.deadline.due))
        .sort()
        .at(-1);
      if (due && due <= today) d = decide(c, t, kind, cmd(due), now, cal);
    }
    if (d.ok) c = { ...c, state: d.state, events: [...c.events, d.event] };
  });
  return c;
}

/** Counts of the cases attached, by type and state. */
export type SeedResult = Record<string, Record<string, number>>;

/** The case rows and events to add for a township's case-kind records that have no case. */
export interface CaseHistoryPlan {
  readonly township: Org;
  readonly cases: readonly NewCaseRow[];
  readonly events: readonly NewCaseEventRow[];
  readonly result: SeedResult;
}

export async function insertCaseHistories(trx: Transaction<Database>, plan: CaseHistoryPlan): Promise<void> {
  await repo.insertCases(trx, plan.cases);
  await repo.insertEvents(trx, plan.events);
}

/**
 * The cases, with histories reconstructed through the engine, for every case-kind ledger record
 * of a township that has none (demo or imported rows), worked out from reads alone. The record's
 * data is left as it is, so indicator figures do not move; the case's state is the one its status
 * stands for, and its clocks run from the record's dates, so open cases past their deadline show
 * as overdue. Written by `insertCaseHistories` in the caller's (audited, or demo) transaction.
 */
export async function planCaseHistories(h: Db, townshipId: number, now: string): Promise<CaseHistoryPlan> {
  const township = await requireOrg(h, townshipId);
  if (township.kind !== 'township') throw new UserError(`“${township.name}”不是乡镇`, 'not_township');
  const county = await countyOf(h, township);
  const cal = await workingCalendar(h);
  const today = todayOf(now);
  const rows = await repo.recordsWithoutCase(
    h.db,
    township.id,
    caseTypes.map((t) => t.kind),
  );
  const result: SeedResult = {};
  const cases: NewCaseRow[] = [];
  const events: NewCaseEventRow[] = [];
  for (const rec of rows) {
    if (rec.date > today) continue;
    const t = caseTypes.find((x) => x.kind === rec.kind)!;
    const kind = getKind(t.kind);
    const data = h.dialect.readJson(rec.data) as Record<string, FieldValue>;
    const open = planOpen(
      t,
      kind,
      { date: rec.date, title: rec.title, data },
      { role: t.openRoles[0]! },
      now,
      cal,
    );
    const start: CaseSnapshot = {
      id: rec.id,
      type: t.kind,
      state: open.state,
      owner: null,
      date: rec.date,
      title: rec.title,
      data,
      events: [open.event],
    };
    const target = targetState(t, data, today);
    const finish = FINISH[t.kind]?.[target];
    const path = [...pathTo(t, target, data), ...(finish ? pathTo(t, finish, data, target) : [])];
    const c = replay(t, start, path, now, cal);
    const running = clockViews(c.events, now, cal)
      .filter((k) => k.status !== 'stopped')
      .map((k) => k.deadline.due)
      .sort();
    cases.push({
      record_id: rec.id,
      county_id: county.id,
      township_id: township.id,
      type: t.kind,
      state: c.state,
      owner: null,
      opened_on: rec.date,
      next_due: running[0] ?? null,
      closed: isTerminal(t, c.state) ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    for (const e of c.events)
      events.push(eventRow(rec.id, { township_id: township.id, county_id: county.id }, e, now));
    const byState = (result[t.kind] ??= {});
    const label = stateOf(t, c.state)?.label ?? c.state;
    byState[label] = (byState[label] ?? 0) + 1;
  }
  return { township, cases, events, result };
}
