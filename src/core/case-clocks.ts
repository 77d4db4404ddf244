/**
 * A case's statutory clocks. Clock state is never stored on its own: it is replayed from the clock
 * operations kept with each completed step. A step's declared clock effects become operations here,
 * after `clockRefusal` has found none of them refusing the step.
 */
import { conditionsOf, type ClockEffect, type SetValue, type When } from '../catalogue/cases.ts';
import { basisText, findClock, periodText, type ClockRule } from '../catalogue/clocks.ts';
import type { FieldValue } from '../catalogue/fields.ts';
import type { RecordKind } from '../catalogue/kinds.ts';
import { daysBetween, type Calendar } from './calendar.ts';
import type { Refusal } from './case-steps.ts';
import type { CaseEvent } from './cases.ts';
import { todayOf } from './dates.ts';
import { checkDeadlineInput, computeDeadline, type Deadline, type Extension } from './deadlines.ts';

/** What happened to a clock at an event, stored with the event so the history stands on its own. */
export type ClockOp =
  | { readonly op: 'start'; readonly clock: string; readonly date: string; readonly setDue?: string }
  | { readonly op: 'stop'; readonly clock: string; readonly date: string }
  | {
      readonly op: 'extend';
      readonly clock: string;
      readonly date: string;
      readonly amount: number;
      readonly reason: string;
    }
  | { readonly op: 'suspend'; readonly clock: string; readonly date: string; readonly reason: string }
  | { readonly op: 'resume'; readonly clock: string; readonly date: string }
  | { readonly op: 'restart'; readonly clock: string; readonly date: string; readonly reason: string };

/** A clock's history within one case. */
export interface ClockTrack {
  readonly rule: ClockRule;
  /** The working calendar the clock counts in. */
  readonly calendar: Calendar;
  start: string;
  setDue?: string;
  restarted?: { originalStart: string; reason: string };
  extensions: Extension[];
  suspensions: { from: string; to: string | null; reason: string }[];
  stoppedOn: string | null;
}

function applyOp(tracks: Map<string, ClockTrack>, calendar: Calendar, op: ClockOp): void {
  const t = tracks.get(op.clock);
  switch (op.op) {
    case 'start': {
      const rule = findClock(op.clock);
      if (rule)
        tracks.set(op.clock, {
          rule,
          calendar,
          start: op.date,
          setDue: op.setDue,
          extensions: [],
          suspensions: [],
          stoppedOn: null,
        });
      return;
    }
    case 'stop':
      if (t && t.stoppedOn === null) {
        const open = t.suspensions.find((s) => s.to === null);
        if (open) open.to = op.date;
        t.stoppedOn = op.date;
      }
      return;
    case 'extend':
      t?.extensions.push({ date: op.date, amount: op.amount, reason: op.reason });
      return;
    case 'suspend':
      t?.suspensions.push({ from: op.date, to: null, reason: op.reason });
      return;
    case 'resume': {
      const open = t?.suspensions.find((s) => s.to === null);
      if (open) open.to = op.date;
      return;
    }
    case 'restart':
      if (t) {
        // 政府信息公开条例 第30条: the period runs afresh from receipt of the corrected request.
        t.restarted = { originalStart: t.restarted?.originalStart ?? t.start, reason: op.reason };
        t.start = op.date;
        t.extensions = [];
        t.suspensions = [];
        t.stoppedOn = null;
      }
      return;
  }
}

/** Every clock the case has started, replayed from its completed steps, then `ops` on top. */
export function replayClocks(
  events: readonly CaseEvent[],
  calendar: Calendar,
  ops: readonly ClockOp[] = [],
): Map<string, ClockTrack> {
  const tracks = new Map<string, ClockTrack>();
  for (const e of events) if (e.outcome === 'done') for (const op of e.clocks) applyOp(tracks, calendar, op);
  for (const op of ops) applyOp(tracks, calendar, op);
  return tracks;
}

export function deadlineOf(t: ClockTrack, asOf: string): Deadline {
  return computeDeadline({
    rule: t.rule,
    calendar: t.calendar,
    start: t.start,
    setDue: t.setDue,
    extensions: t.extensions,
    suspensions: t.suspensions.map((s) => ({ ...s })),
    restarted: t.restarted,
    asOf,
  });
}

/** A clock as shown to users: its deadline with the explanation, and where it stands today. */
export interface ClockView {
  readonly id: string;
  readonly label: string;
  readonly kind: ClockRule['kind'];
  readonly status: 'running' | 'paused' | 'stopped';
  readonly deadline: Deadline;
  readonly stoppedOn: string | null;
  /** A running limit clock past its due date. */
  readonly overdue: boolean;
  /** A limit clock stopped after its due date. */
  readonly late: boolean;
  /** Days from today to the due date (negative when overdue); null once stopped. */
  readonly daysLeft: number | null;
}

export function clockViews(events: readonly CaseEvent[], now: string, calendar: Calendar): ClockView[] {
  const today = todayOf(now);
  return [...replayClocks(events, calendar).entries()].map(([id, t]) => {
    const d = deadlineOf(t, t.stoppedOn ?? today);
    const stopped = t.stoppedOn !== null;
    const limit = t.rule.kind === 'limit';
    return {
      id,
      label: t.rule.label,
      kind: t.rule.kind,
      status: stopped ? 'stopped' : d.paused ? 'paused' : 'running',
      deadline: d,
      stoppedOn: t.stoppedOn,
      overdue: limit && !stopped && today > d.due,
      late: limit && stopped && t.stoppedOn !== null && t.stoppedOn > d.due,
      daysLeft: stopped ? null : daysBetween(today, d.due),
    };
  });
}

/**
 * What a step's clock effects read: the step's name and date, its parameters, the record, the
 * reason, and for `within` the case's opening date and history.
 */
export interface EffectInput {
  readonly label: string;
  readonly date: string;
  readonly params: Readonly<Record<string, FieldValue>>;
  readonly data: Readonly<Record<string, FieldValue>>;
  readonly reason: string;
  readonly opened: string;
  readonly history: readonly CaseEvent[];
  /** The working calendar clocks count in. */
  readonly calendar: Calendar;
}

/** Whether the condition(s) hold on the step's parameters over the record (an empty field is null). */
export function holds(
  when: When,
  data: Readonly<Record<string, FieldValue>>,
  params: Readonly<Record<string, FieldValue>> = {},
): boolean {
  return conditionsOf(when).every((c) => {
    const v = params[c.field] ?? data[c.field] ?? null;
    return 'in' in c ? c.in.includes(v) : !c.notIn.includes(v);
  });
}

const startsHere = (e: ClockEffect & { kind: 'start' }, input: EffectInput): boolean =>
  e.when === undefined || holds(e.when, input.data, input.params);

/** A date the step gives in a field or parameter. */
function dateIn(input: EffectInput, field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  const v = input.params[field] ?? input.data[field];
  return typeof v === 'string' ? v : undefined;
}

/** The date a `within` clock counts from: the latest completed `since` step, else the case's opening. */
function withinStart(e: ClockEffect & { kind: 'within' }, input: EffectInput): string | null {
  if (e.since === undefined) return input.opened;
  return input.history.findLast((x) => x.outcome === 'done' && x.action === e.since)?.date ?? null;
}

const ruleLine = (rule: ClockRule): string =>
  `${rule.label}${rule.kind === 'minimum' ? '不少于' : '为'}${periodText(rule.unit, rule.amount)}`;

type Tracks = ReadonlyMap<string, ClockTrack>;

function running(tracks: Tracks, id: string): ClockTrack | undefined {
  const t = tracks.get(id);
  return t && t.stoppedOn === null ? t : undefined;
}

/** Why one effect refuses the step: a fixed date missing, a minimum period not over, an extension past its limits. */
function effectRefusal(e: ClockEffect, tracks: Tracks, input: EffectInput): Refusal | null {
  const { label, date } = input;
  switch (e.kind) {
    case 'start': {
      const rule = findClock(e.clock);
      if (!rule) return { message: `未知的期限规则“${e.clock}”`, code: 'unknown_rule' };
      if (!startsHere(e, input)) return null;
      const v = dateIn(input, e.dueField);
      if (rule.unit !== 'set') {
        // A date the step fixes must leave the whole minimum period before it (听证七日前通知).
        if (v === undefined || rule.kind !== 'minimum') return null;
        const due = computeDeadline({ rule, calendar: input.calendar, start: date }).due;
        return v < due
          ? {
              message: `${ruleLine(rule)}，自${date}起算至${due}届满（${basisText(rule.basis)}）；${v}早于届满日，不足法定期间`,
              code: 'too_early',
            }
          : null;
      }
      if (v === undefined) return { message: `「${label}」须填写${rule.label}`, code: 'invalid_values' };
      if (v < date)
        return { message: `${rule.label}（${v}）不能早于${label}日期（${date}）`, code: 'date_order' };
      return null;
    }
    case 'stop': {
      const t = running(tracks, e.clock);
      if (!t || !(e.refuseEarly || e.refuseLate)) return null;
      const d = deadlineOf(t, date);
      if (e.refuseLate && date > d.due)
        return {
          message: `${ruleLine(t.rule)}，已于${d.due}届满（${basisText(t.rule.basis)}）；${date}已超过期限，不能「${label}」`,
          code: 'too_late',
        };
      // A party's own time runs through its last day: the step may end it only after that day.
      const early = t.rule.partyTime ? date <= d.due : date < d.due;
      if (!e.refuseEarly || !early) return null;
      return {
        message: `${ruleLine(t.rule)}，至${d.due}届满（${basisText(t.rule.basis)}）；${date}${t.rule.partyTime ? '仍在期间内' : '尚未届满'}，不能「${label}」`,
        code: 'too_early',
      };
    }
    case 'within': {
      const rule = findClock(e.clock);
      if (!rule) return { message: `未知的期限规则“${e.clock}”`, code: 'unknown_rule' };
      const from = withinStart(e, input);
      if (from === null) return null;
      const due = computeDeadline({ rule, calendar: input.calendar, start: from }).due;
      return date > due
        ? {
            message: `${ruleLine(rule)}，${rule.from}（${from}）计算，已于${due}届满（${basisText(rule.basis)}）；${date}已超过期限，不能「${label}」`,
            code: 'too_late',
          }
        : null;
    }
    case 'extend': {
      const t = running(tracks, e.clock);
      const rule = findClock(e.clock);
      if (!t || !rule)
        return { message: `${rule?.label ?? e.clock}未在计算中，不能延长`, code: 'clock_not_running' };
      const amount = input.params.extension;
      if (typeof amount !== 'number')
        return { message: `「${label}」须填写延长期限`, code: 'invalid_values' };
      const extensions = [...t.extensions, { date, amount, reason: input.reason }];
      const p = checkDeadlineInput({
        rule,
        calendar: t.calendar,
        start: t.start,
        setDue: t.setDue,
        extensions,
      });
      if (p) return { message: p.message, code: 'extension_limit' };
      const before = deadlineOf(t, date);
      if (date > before.due)
        return { message: `${rule.label}已于${before.due}届满，届满后不能再延长`, code: 'too_late' };
      return null;
    }
    case 'suspend':
    case 'resume':
    case 'restart':
    case 'stopAll':
      return null;
  }
}

/** The first refusal among a step's clock effects, in declaration order; null when all may apply. */
export function clockRefusal(
  effects: readonly ClockEffect[],
  tracks: Tracks,
  input: EffectInput,
): Refusal | null {
  for (const e of effects) {
    const r = effectRefusal(e, tracks, input);
    if (r) return r;
  }
  return null;
}

/** The operations a step's effects come to, on the clocks as they stood before it; effects on clocks not running do nothing. */
export function clockOps(effects: readonly ClockEffect[], tracks: Tracks, input: EffectInput): ClockOp[] {
  const { date } = input;
  return effects.flatMap((e): ClockOp[] => {
    switch (e.kind) {
      case 'stopAll':
        return [...tracks]
          .filter(([, t]) => t.stoppedOn === null)
          .map(([id]) => ({ op: 'stop', clock: id, date }));
      case 'start': {
        if (!startsHere(e, input)) return [];
        const v = findClock(e.clock)?.unit === 'set' ? dateIn(input, e.dueField) : undefined;
        return [{ op: 'start', clock: e.clock, date, ...(v !== undefined ? { setDue: v } : {}) }];
      }
      case 'within': {
        if (running(tracks, e.clock)) return [{ op: 'stop', clock: e.clock, date }];
        const from = withinStart(e, input);
        return from === null
          ? []
          : [
              { op: 'start', clock: e.clock, date: from },
              { op: 'stop', clock: e.clock, date },
            ];
      }
      case 'stop':
        return running(tracks, e.clock) ? [{ op: 'stop', clock: e.clock, date }] : [];
      case 'extend': {
        const amount = input.params.extension;
        return running(tracks, e.clock) && typeof amount === 'number'
          ? [{ op: 'extend', clock: e.clock, date, amount, reason: input.reason }]
          : [];
      }
      case 'suspend':
        return running(tracks, e.clock)
          ? [
              {
                op: 'suspend',
                clock: e.clock,
                date,
                reason: `${input.label}${input.reason ? `：${input.reason}` : ''}`,
              },
            ]
          : [];
      case 'resume':
        return running(tracks, e.clock) ? [{ op: 'resume', clock: e.clock, date }] : [];
      case 'restart':
        return tracks.has(e.clock) ? [{ op: 'restart', clock: e.clock, date, reason: input.label }] : [];
    }
  });
}

/** The values a step writes into the record: constants, its date, or a clock's due date after the step. */
export function resolveSet(
  set: Readonly<Record<string, SetValue>> | undefined,
  date: string,
  tracks: Tracks,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(set ?? {})) {
    if (v === null || typeof v !== 'object') {
      out[k] = v;
      continue;
    }
    switch (v.kind) {
      case 'eventDate':
        out[k] = date;
        break;
      case 'due': {
        const t = tracks.get(v.clock);
        if (t) out[k] = deadlineOf(t, date).due;
        break;
      }
    }
  }
  return out;
}

/**
 * A ledger record's own statutory period (RecordKind.within): the due date counted from its date
 * field, and whether the record's date is after it. Null when the field is empty or not a date.
 */
export function recordTiming(
  kind: RecordKind,
  rec: { readonly date: string; readonly data: Readonly<Record<string, FieldValue>> },
  calendar: Calendar,
): { readonly deadline: Deadline; readonly late: boolean } | null {
  const rule = kind.within ? findClock(kind.within.clock) : undefined;
  const from = kind.within ? rec.data[kind.within.from] : undefined;
  if (!rule || typeof from !== 'string' || from > rec.date) return null;
  const deadline = computeDeadline({ rule, calendar, start: from });
  return { deadline, late: rec.date > deadline.due };
}
