/**
 * The case engine: generic over the case-type declarations (catalogue/cases.ts). Pure: it takes the
 * case as stored (state, record data, event history), the declaration, the actor's role and `now`,
 * and returns the new state, the record data and the event to keep, or a refusal (also kept).
 * A step is an ordered list of checks (case-steps.ts), then one apply; clocks are replayed from the
 * events (case-clocks.ts).
 */
import { assignTransition, isTerminal, stateOf, transitionsOf, type CaseType } from '../catalogue/cases.ts';
import type { FieldValue } from '../catalogue/fields.ts';
import type { KindId, RecordKind } from '../catalogue/kinds.ts';
import { isRoleId } from '../catalogue/roles.ts';
import { clockOps, clockRefusal, replayClocks, resolveSet, type ClockOp } from './case-clocks.ts';
import {
  draftOf,
  firstRefusal,
  readValues,
  roleLabel,
  stepChecks,
  terminalRefusal,
  unknownAction,
  unknownRole,
  type Refusal,
  type StepContext,
} from './case-steps.ts';
import type { Calendar } from './calendar.ts';
import { parseDate, todayOf } from './dates.ts';
import { UserError } from './errors.ts';

export { clockViews, replayClocks, type ClockOp, type ClockTrack, type ClockView } from './case-clocks.ts';
export { todayOf } from './dates.ts';

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

/** The fields every event of an attempt shares, whether it is done or refused. */
function eventBase(c: CaseSnapshot, cmd: MoveCommand, label: string, now: string) {
  return {
    seq: c.events.reduce((m, e) => Math.max(m, e.seq), 0) + 1,
    action: cmd.action,
    label,
    fromState: c.state,
    role: cmd.role,
    actor: cmd.actor ?? null,
    reason: cmd.reason?.trim() || null,
    at: now,
  };
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

/** Longest text a refused attempt keeps of any one input: the history is permanent, a request is not. */
const KEPT_TEXT = 500;
const clip = (s: string, max = KEPT_TEXT): string =>
  s.length <= max ? s : `${s.slice(0, max)}…（已截断，原长 ${s.length} 字）`;

/**
 * The refused attempt, kept as an event with the inputs as given — but only the step's declared
 * fields, each clipped, so no request can grow the permanent case history beyond a few kilobytes.
 */
function refuse(
  c: CaseSnapshot,
  cmd: MoveCommand,
  label: string,
  date: string,
  now: string,
  r: Refusal,
  declared: readonly string[],
): Decision {
  const values = stringValues(
    Object.fromEntries(Object.entries(cmd.values ?? {}).filter(([k]) => declared.includes(k))),
  );
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') values[k] = clip(v);
  const base = eventBase(
    c,
    { ...cmd, action: clip(cmd.action, 64), reason: cmd.reason && clip(cmd.reason) },
    clip(label, 64),
    now,
  );
  const error = clip(r.message, 2 * KEPT_TEXT);
  const event: CaseEvent = {
    ...base,
    role: clip(base.role, 64),
    actor: base.actor && clip(base.actor, 64),
    toState: null,
    date,
    outcome: 'refused',
    values,
    clocks: [],
    error,
  };
  return { ok: false, error, code: r.code, event };
}

/** The step taken: new state, owner and record data, the event, and any case or record it adds. */
function apply(ctx: StepContext, now: string): Decision {
  const { c, cmd, tr, date } = ctx;
  const { to, ops, checked } = draftOf(ctx);
  // stepChecks ends with the record check, so an invalid record never reaches here.
  if (!checked.ok) throw new Error(`apply: ${tr.id} leaves an invalid record`);
  const { record, params } = ctx.values;
  const event: CaseEvent = {
    ...eventBase(c, cmd, tr.label, now),
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
    owner: tr === assignTransition ? String(params.owner) : c.owner,
    data: checked.value.data,
    event,
    ...(tr.opens
      ? {
          opens: {
            kind: tr.opens.type,
            date,
            title: `${tr.opens.titlePrefix}${c.title}`.slice(0, 200),
            data: {
              ...tr.opens.data,
              ...Object.fromEntries(
                Object.entries(tr.opens.carry ?? {}).flatMap(([f, from]) =>
                  params[from] === undefined ? [] : [[f, params[from]]],
                ),
              ),
            },
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
              tr.creates.fields.flatMap((f) => (params[f] === undefined ? [] : [[f, params[f]]])),
            ),
          },
        }
      : {}),
  };
}

/** Takes one step of a case, or refuses it with a Chinese reason. Either way returns the event to keep. */
export function decide(
  c: CaseSnapshot,
  decl: CaseType,
  kind: RecordKind,
  cmd: MoveCommand,
  now: string,
  calendar: Calendar,
): Decision {
  const today = todayOf(now);
  // A refused attempt is dated as given when that reads as a date; dateInOrder refuses the rest.
  const date = (cmd.date === undefined ? today : parseDate(cmd.date)) ?? today;
  const tr = transitionsOf(decl).find((t) => t.id === cmd.action);
  if (!tr) {
    const r = isTerminal(decl, c.state)
      ? terminalRefusal(decl, c, cmd.action)
      : unknownAction(decl, c, cmd.action);
    return refuse(c, cmd, cmd.action, date, now, r, []);
  }
  const ctx: StepContext = {
    c,
    decl,
    kind,
    cmd,
    tr,
    today,
    date,
    reason: cmd.reason?.trim() ?? '',
    values: readValues(kind, tr, cmd.values ?? {}),
    calendar,
    tracks: replayClocks(c.events, calendar),
  };
  const refusal = firstRefusal(stepChecks, ctx);
  const declared = [...(tr.needs ?? []).map((n) => n.key), ...(tr.params ?? []).map((f) => f.key)];
  return refusal ? refuse(c, cmd, tr.label, date, now, refusal, declared) : apply(ctx, now);
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
  calendar: Calendar,
): { state: string; owner: string | null; data: Record<string, FieldValue>; event: CaseEvent } {
  const today = todayOf(now);
  if (!isRoleId(cmd.role)) {
    const r = unknownRole(cmd.role);
    throw new UserError(r.message, r.code);
  }
  if (!decl.openRoles.some((r) => r === cmd.role)) {
    throw new UserError(
      `${decl.label}须由${decl.openRoles.map(roleLabel).join('或')}登记，当前角色为${roleLabel(cmd.role)}`,
      'forbidden_role',
      403,
    );
  }
  if (record.date > today)
    throw new UserError(`${kind.dateLabel}（${record.date}）不能晚于今天（${today}）`, 'date_order');
  const input = {
    label: '登记',
    date: record.date,
    params: {},
    data: { ...record.data },
    reason: '',
    opened: record.date,
    history: [],
    calendar,
  };
  const refusal = clockRefusal(decl.openClocks, new Map(), input);
  if (refusal) throw new UserError(refusal.message, refusal.code);
  const ops: ClockOp[] = clockOps(decl.openClocks, new Map(), input);
  const tracks = replayClocks([], calendar, ops);
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
