/**
 * The case engine: generic over the case-type declarations (catalogue/cases.ts). Pure: it takes the
 * case as stored (state, record data, event history), the declaration, the actor's role and `now`,
 * and returns the new state, the record data and the event to keep, or a refusal (also kept).
 * Clock state is never stored on its own: it is replayed from the events.
 */
import { findClock, periodText, basisText, type ClockRule } from '../catalogue/clocks.ts';
import {
  assignTransition,
  caseRoles,
  isRoleId,
  isTerminal,
  stateOf,
  transitionsOf,
  type CaseType,
  type ClockEffect,
  type SetValue,
  type Transition,
} from '../catalogue/cases.ts';
import type { Field, FieldValue } from '../catalogue/fields.ts';
import type { KindId, RecordKind } from '../catalogue/kinds.ts';
import { daysBetween } from './calendar.ts';
import { isIsoDate, parseDate } from './dates.ts';
import { computeDeadline, type Deadline, type Extension, type Suspension } from './deadlines.ts';
import { UserError } from './errors.ts';
import { coerceField, validateRecord } from './records.ts';

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

/** One entry of a case's history: a step taken, or an attempt refused and why. */
export interface CaseEvent {
  readonly seq: number;
  /** The transition id, or `open`. */
  readonly action: string;
  readonly label: string;
  readonly fromState: string | null;
  readonly toState: string | null;
  /** The day the step happened (may be back-dated), YYYY-MM-DD. */
  readonly date: string;
  readonly role: string;
  readonly actor: string | null;
  readonly outcome: 'done' | 'refused';
  readonly reason: string | null;
  readonly values: Readonly<Record<string, FieldValue>>;
  readonly clocks: readonly ClockOp[];
  /** The Chinese refusal, for refused attempts. */
  readonly error: string | null;
  /** When it was recorded (ISO timestamp). */
  readonly at: string;
}

/** A case as the engine sees it: its record and its history. */
export interface CaseSnapshot {
  readonly id: number;
  readonly type: KindId;
  readonly state: string;
  readonly owner: string | null;
  readonly date: string;
  readonly title: string;
  readonly data: Readonly<Record<string, FieldValue>>;
  readonly events: readonly CaseEvent[];
}

/** A request to take a step. Values may be raw strings from a form or the command line. */
export interface MoveCommand {
  readonly action: string;
  readonly role: string;
  readonly actor?: string | null;
  /** Defaults to today. */
  readonly date?: string;
  readonly values?: Readonly<Record<string, unknown>>;
  readonly reason?: string | null;
}

/** A new case another step opens, or a ledger record it adds. */
export interface SideRecord {
  readonly kind: KindId;
  readonly date: string;
  readonly title: string;
  readonly data: Readonly<Record<string, FieldValue>>;
}

export type Decision =
  | {
      readonly ok: true;
      readonly state: string;
      readonly owner: string | null;
      readonly data: Record<string, FieldValue>;
      readonly event: CaseEvent;
      readonly opens?: SideRecord;
      readonly creates?: SideRecord;
    }
  | { readonly ok: false; readonly error: string; readonly code: string; readonly event: CaseEvent };

/** The calendar day in China (UTC+8) of a timestamp; a plain date is taken as it is. */
export function todayOf(now: string): string {
  if (isIsoDate(now)) return now;
  const t = Date.parse(now);
  if (Number.isNaN(t)) throw new Error(`invalid now: ${now}`);
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

const roleLabel = (r: string): string => (isRoleId(r) ? caseRoles[r] : r);

// ---- clocks replayed from events ----

/** A clock's history within one case. */
export interface ClockTrack {
  readonly rule: ClockRule;
  start: string;
  setDue?: string;
  restarted?: { originalStart: string; reason: string };
  extensions: Extension[];
  suspensions: { from: string; to: string | null; reason: string }[];
  stoppedOn: string | null;
}

function applyOp(tracks: Map<string, ClockTrack>, op: ClockOp): void {
  const t = tracks.get(op.clock);
  switch (op.op) {
    case 'start': {
      const rule = findClock(op.clock);
      if (rule)
        tracks.set(op.clock, {
          rule,
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

/** Every clock the case has started, replayed from its completed steps. */
export function replayClocks(events: readonly CaseEvent[]): Map<string, ClockTrack> {
  const tracks = new Map<string, ClockTrack>();
  for (const e of events) if (e.outcome === 'done') for (const op of e.clocks) applyOp(tracks, op);
  return tracks;
}

function deadlineOf(t: ClockTrack, asOf: string): Deadline {
  const suspensions: Suspension[] = t.suspensions.map((s) => ({ ...s }));
  return computeDeadline({
    rule: t.rule,
    start: t.start,
    setDue: t.setDue,
    extensions: t.extensions,
    suspensions,
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

export function clockViews(events: readonly CaseEvent[], now: string): ClockView[] {
  const today = todayOf(now);
  return [...replayClocks(events).entries()].map(([id, t]) => {
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
      late: limit && stopped && t.stoppedOn! > d.due,
      daysLeft: stopped ? null : daysBetween(today, d.due),
    };
  });
}

// ---- steps ----

class Refusal extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const fieldOf = (kind: RecordKind, key: string): Field | undefined => kind.fields.find((f) => f.key === key);

/** Coerces the step's inputs: record fields it needs and its own parameters; nothing else is accepted. */
function readValues(
  kind: RecordKind,
  tr: Transition,
  raw: Readonly<Record<string, unknown>>,
): { record: Record<string, FieldValue>; params: Record<string, FieldValue> } {
  const record: Record<string, FieldValue> = {};
  const params: Record<string, FieldValue> = {};
  const errors: string[] = [];
  const allowed: { field: Field; required: boolean; into: Record<string, FieldValue> }[] = [
    ...(tr.needs ?? []).flatMap((n) => {
      const f = fieldOf(kind, n.key);
      return f ? [{ field: f, required: n.required ?? false, into: record }] : [];
    }),
    ...(tr.params ?? []).map((f) => ({ field: f, required: f.required ?? false, into: params })),
  ];
  for (const key of Object.keys(raw)) {
    const hit = allowed.find((a) => a.field.key === key || a.field.label === key);
    if (!hit) {
      const names = allowed.map((a) => `${a.field.key}（${a.field.label}）`).join('、');
      errors.push(`「${tr.label}」不填写“${key}”${names ? `，可填写：${names}` : ''}`);
    }
  }
  for (const a of allowed) {
    const key = Object.keys(raw).find((k) => k === a.field.key || k === a.field.label);
    const v = key === undefined ? undefined : raw[key];
    const r = coerceField({ ...a.field, required: a.required }, v);
    if ('error' in r) errors.push(`${a.field.label}：${r.error}`);
    else if (r.value !== null) a.into[a.field.key] = r.value;
  }
  if (errors.length > 0) throw new Refusal(errors.join('；'), 'invalid_values');
  return { record, params };
}

function checkRequirements(c: CaseSnapshot, tr: Transition): void {
  for (const req of tr.requires ?? []) {
    const met = c.events.some(
      (e) =>
        e.outcome === 'done' &&
        e.action === req.action &&
        Object.entries(req.where ?? {}).every(([k, vs]) => vs.includes(String(e.values[k] ?? ''))),
    );
    if (!met) throw new Refusal(req.message, 'requirement');
  }
}

function clockOps(
  effects: readonly ClockEffect[],
  tracks: Map<string, ClockTrack>,
  tr: { label: string },
  date: string,
  input: { params: Record<string, FieldValue>; data: Record<string, FieldValue>; reason: string },
): ClockOp[] {
  const ops: ClockOp[] = [];
  const running = (id: string) => {
    const t = tracks.get(id);
    return t && t.stoppedOn === null ? t : undefined;
  };
  for (const e of effects) {
    if ('stopAll' in e) {
      for (const [id, t] of tracks) if (t.stoppedOn === null) ops.push({ op: 'stop', clock: id, date });
    } else if ('start' in e) {
      const rule = findClock(e.start);
      if (!rule) throw new Refusal(`未知的期限规则“${e.start}”`, 'unknown_rule');
      let setDue: string | undefined;
      if (rule.unit === 'set') {
        const v = e.dueField ? input.data[e.dueField] : undefined;
        if (typeof v !== 'string') throw new Refusal(`「${tr.label}」须填写${rule.label}`, 'invalid_values');
        if (v < date)
          throw new Refusal(`${rule.label}（${v}）不能早于${tr.label}日期（${date}）`, 'date_order');
        setDue = v;
      }
      ops.push({ op: 'start', clock: e.start, date, ...(setDue ? { setDue } : {}) });
    } else if ('stop' in e) {
      const t = running(e.stop);
      if (!t) continue;
      if (e.refuseEarly) {
        const d = deadlineOf(t, date);
        if (date < d.due) {
          throw new Refusal(
            `${t.rule.label}${t.rule.kind === 'minimum' ? '不少于' : '为'}${periodText(t.rule.unit, t.rule.amount)}，至${d.due}届满（${basisText(t.rule.basis)}）；${date}尚未届满，不能「${tr.label}」`,
            'too_early',
          );
        }
      }
      ops.push({ op: 'stop', clock: e.stop, date });
    } else if ('extend' in e) {
      const t = running(e.extend);
      const rule = findClock(e.extend);
      if (!t || !rule)
        throw new Refusal(`${rule?.label ?? e.extend}未在计算中，不能延长`, 'clock_not_running');
      const amount = input.params.extension;
      if (typeof amount !== 'number') throw new Refusal(`「${tr.label}」须填写延长期限`, 'invalid_values');
      const op: ClockOp = { op: 'extend', clock: e.extend, date, amount, reason: input.reason };
      try {
        computeDeadline({
          rule,
          start: t.start,
          setDue: t.setDue,
          extensions: [...t.extensions, { date, amount, reason: input.reason }],
        });
      } catch (err) {
        if (err instanceof UserError) throw new Refusal(err.message, 'extension_limit');
        throw err;
      }
      const before = deadlineOf(t, date);
      if (date > before.due)
        throw new Refusal(`${rule.label}已于${before.due}届满，届满后不能再延长`, 'too_late');
      ops.push(op);
    } else if ('suspend' in e) {
      if (running(e.suspend))
        ops.push({
          op: 'suspend',
          clock: e.suspend,
          date,
          reason: `${tr.label}${input.reason ? `：${input.reason}` : ''}`,
        });
    } else if ('resume' in e) {
      if (running(e.resume)) ops.push({ op: 'resume', clock: e.resume, date });
    } else if ('restart' in e) {
      if (tracks.has(e.restart)) ops.push({ op: 'restart', clock: e.restart, date, reason: tr.label });
    }
  }
  return ops;
}

function resolveSet(
  set: Readonly<Record<string, SetValue>> | undefined,
  date: string,
  tracks: Map<string, ClockTrack>,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(set ?? {})) {
    if (v !== null && typeof v === 'object') {
      if ('eventDate' in v) out[k] = date;
      else {
        const t = tracks.get(v.due);
        if (t) out[k] = deadlineOf(t, date).due;
      }
    } else out[k] = v;
  }
  return out;
}

function checkDate(
  raw: string | undefined,
  today: string,
  notBefore: { date: string; what: string } | null,
): string {
  const date = raw === undefined ? today : parseDate(raw);
  if (date === null) throw new Refusal(`日期“${raw ?? ''}”不是有效日期，应为 2024-03-15 的形式`, 'bad_date');
  if (date > today) throw new Refusal(`日期（${date}）不能晚于今天（${today}）`, 'date_order');
  if (notBefore && date < notBefore.date)
    throw new Refusal(`日期（${date}）不能早于${notBefore.what}（${notBefore.date}）`, 'date_order');
  return date;
}

function stringValues(raw: Readonly<Record<string, unknown>>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(raw))
    out[k] =
      typeof v === 'number' || typeof v === 'boolean' || v === null
        ? v
        : typeof v === 'string'
          ? v
          : JSON.stringify(v);
  return out;
}

/** Takes one step of a case, or refuses it with a Chinese reason. Either way returns the event to keep. */
export function decide(
  c: CaseSnapshot,
  decl: CaseType,
  kind: RecordKind,
  cmd: MoveCommand,
  now: string,
): Decision {
  const today = todayOf(now);
  const seq = c.events.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
  const tr = transitionsOf(decl).find((t) => t.id === cmd.action);
  const base = {
    seq,
    action: cmd.action,
    label: tr?.label ?? cmd.action,
    fromState: c.state,
    role: cmd.role,
    actor: cmd.actor ?? null,
    reason: cmd.reason?.trim() || null,
    at: now,
  };
  try {
    const stateLabel = stateOf(decl, c.state)?.label ?? c.state;
    const possible = () =>
      transitionsOf(decl)
        .filter((t) => t.from.includes(c.state) || (t === assignTransition && !isTerminal(decl, c.state)))
        .filter((t) => !(t.once && c.events.some((e) => e.outcome === 'done' && e.action === t.id)))
        .map((t) => `${t.id}（${t.label}）`)
        .join('、');
    if (isTerminal(decl, c.state) && (!tr || !tr.from.includes(c.state))) {
      throw new Refusal(
        `${decl.label}已处于“${stateLabel}”，案件已终结，不能再「${tr?.label ?? cmd.action}」`,
        'terminal',
      );
    }
    if (!tr)
      throw new Refusal(
        `${decl.label}没有“${cmd.action}”这一步骤；当前可进行：${possible()}`,
        'unknown_action',
      );
    const allowedHere = tr === assignTransition ? !isTerminal(decl, c.state) : tr.from.includes(c.state);
    if (!allowedHere) {
      throw new Refusal(
        `当前状态“${stateLabel}”不能「${tr.label}」；当前可进行：${possible() || '无'}`,
        'bad_state',
      );
    }
    if (!isRoleId(cmd.role))
      throw new Refusal(`未知的角色“${cmd.role}”，应为：${Object.keys(caseRoles).join('、')}`, 'bad_role');
    if (!tr.roles.includes(cmd.role)) {
      throw new Refusal(
        `「${tr.label}」须由${tr.roles.map(roleLabel).join('或')}办理，当前角色为${roleLabel(cmd.role)}`,
        'forbidden_role',
      );
    }
    const last = [...c.events].reverse().find((e) => e.outcome === 'done');
    const date = checkDate(
      cmd.date,
      today,
      last
        ? { date: last.date, what: `上一步「${last.label}」的日期` }
        : { date: c.date, what: '立案（登记）日期' },
    );
    if (tr.once && c.events.some((e) => e.outcome === 'done' && e.action === tr.id)) {
      throw new Refusal(
        `「${tr.label}」只能办理一次，本案已于${c.events.find((e) => e.outcome === 'done' && e.action === tr.id)!.date}办理`,
        'once',
      );
    }
    checkRequirements(c, tr);
    const reason = base.reason ?? '';
    if (tr.reason === 'required' && !reason)
      throw new Refusal(`「${tr.label}」须说明理由（--reason）`, 'reason_required');
    const { record, params } = readValues(kind, tr, cmd.values ?? {});

    const tracks = replayClocks(c.events);
    const to = tr.to ?? c.state;
    const stateData = to !== c.state ? (stateOf(decl, to)?.data ?? {}) : {};
    let data: Record<string, FieldValue> = { ...c.data, ...stateData, ...record };
    const ops = clockOps(tr.clocks ?? [], tracks, tr, date, { params, data, reason });
    for (const op of ops) applyOp(tracks, op);
    data = { ...data, ...resolveSet(tr.set, date, tracks) };

    const v = validateRecord(kind, { date: c.date, title: c.title, data });
    if (!v.ok)
      throw new Refusal(
        `${kind.label}记录有误：${v.errors.map((e) => `${e.label}：${e.message}`).join('；')}`,
        'invalid_record',
      );
    const owner = tr === assignTransition ? String(params.owner) : c.owner;
    const event: CaseEvent = {
      ...base,
      toState: to,
      date,
      outcome: 'done',
      values: { ...record, ...params },
      clocks: ops,
      error: null,
    };
    const caseNo = typeof c.data.caseNo === 'string' ? c.data.caseNo : c.title;
    return {
      ok: true,
      state: to,
      owner,
      data: v.value.data,
      event,
      ...(tr.opens
        ? {
            opens: {
              kind: tr.opens.type,
              date,
              title: `${tr.opens.titlePrefix}${c.title}`.slice(0, 200),
              data: { ...tr.opens.data },
            },
          }
        : {}),
      ...(tr.creates
        ? {
            creates: {
              kind: tr.creates.kind,
              date,
              title: caseNo,
              data: Object.fromEntries(
                tr.creates.fields.filter((f) => params[f] !== undefined).map((f) => [f, params[f]!]),
              ),
            },
          }
        : {}),
    };
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    const date = cmd.date && parseDate(cmd.date) ? parseDate(cmd.date)! : today;
    const event: CaseEvent = {
      ...base,
      toState: null,
      date,
      outcome: 'refused',
      values: stringValues(cmd.values ?? {}),
      clocks: [],
      error: err.message,
    };
    return { ok: false, error: err.message, code: err.code, event };
  }
}

/** What opening a case needs beyond the record itself. */
export interface OpenCommand {
  readonly role: string;
  readonly actor?: string | null;
  readonly owner?: string | null;
}

/**
 * Opens a case on a new record: checks the role and the date, sets the initial state's data and
 * starts the opening clocks. Invalid input is a UserError (there is no case yet to keep it in).
 */
export function openCase(
  decl: CaseType,
  kind: RecordKind,
  record: { date: string; title: string; data: Readonly<Record<string, FieldValue>> },
  cmd: OpenCommand,
  now: string,
): { state: string; owner: string | null; data: Record<string, FieldValue>; event: CaseEvent } {
  const today = todayOf(now);
  if (!isRoleId(cmd.role))
    throw new UserError(`未知的角色“${cmd.role}”，应为：${Object.keys(caseRoles).join('、')}`, 'bad_role');
  if (!decl.openRoles.includes(cmd.role)) {
    throw new UserError(
      `${decl.label}须由${decl.openRoles.map(roleLabel).join('或')}登记，当前角色为${roleLabel(cmd.role)}`,
      'forbidden_role',
      403,
    );
  }
  if (record.date > today)
    throw new UserError(`${kind.dateLabel}（${record.date}）不能晚于今天（${today}）`, 'date_order');
  const tracks = new Map<string, ClockTrack>();
  let ops: ClockOp[];
  try {
    ops = clockOps(decl.openClocks, tracks, { label: '登记' }, record.date, {
      params: {},
      data: { ...record.data },
      reason: '',
    });
  } catch (err) {
    if (err instanceof Refusal) throw new UserError(err.message, err.code);
    throw err;
  }
  for (const op of ops) applyOp(tracks, op);
  const data = {
    ...record.data,
    ...(stateOf(decl, decl.initial)?.data ?? {}),
    ...resolveSet(decl.openSet, record.date, tracks),
  };
  const event: CaseEvent = {
    seq: 1,
    action: 'open',
    label: '登记立案',
    fromState: null,
    toState: decl.initial,
    date: record.date,
    role: cmd.role,
    actor: cmd.actor ?? null,
    outcome: 'done',
    reason: null,
    values: cmd.owner ? { owner: cmd.owner } : {},
    clocks: ops,
    error: null,
    at: now,
  };
  return { state: decl.initial, owner: cmd.owner ?? null, data, event };
}
