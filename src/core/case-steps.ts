/**
 * The checks a case step must pass, in order; the first refusal wins. A refusal is a value: the
 * engine keeps it as a refused event with its Chinese reason. Each check reads the same context,
 * built once per attempt; none changes it.
 */
import {
  assignTransition,
  caseRoleIds,
  isTerminal,
  stateOf,
  transitionsOf,
  type CaseType,
  type Transition,
} from '../catalogue/cases.ts';
import type { Field, FieldValue } from '../catalogue/fields.ts';
import type { RecordKind } from '../catalogue/kinds.ts';
import { actorLabel, isRoleId } from '../catalogue/roles.ts';
import {
  clockOps,
  clockRefusal,
  holds,
  replayClocks,
  resolveSet,
  type ClockOp,
  type ClockTrack,
} from './case-clocks.ts';
import type { Calendar } from './calendar.ts';
import type { CaseSnapshot, MoveCommand } from './cases.ts';
import { parseDate } from './dates.ts';
import { coerceField, validateRecord } from './records.ts';

/** Why a step is refused: the Chinese message kept with the event, and a stable code. */
export interface Refusal {
  readonly message: string;
  readonly code: string;
}

/** A step's inputs once coerced: record fields it fills in, its own parameters, and what was wrong. */
export interface StepValues {
  readonly record: Record<string, FieldValue>;
  readonly params: Record<string, FieldValue>;
  readonly errors: readonly string[];
}

/** Everything a step's checks and its apply read. */
export interface StepContext {
  readonly c: CaseSnapshot;
  readonly decl: CaseType;
  readonly kind: RecordKind;
  readonly cmd: MoveCommand;
  readonly tr: Transition;
  readonly today: string;
  /** The step's date: the one given when it reads as a date, otherwise today. */
  readonly date: string;
  /** The stated reason, trimmed; empty when none. */
  readonly reason: string;
  readonly values: StepValues;
  /** The working calendar the clocks count in. */
  readonly calendar: Calendar;
  /** The clocks as they stood before the step. */
  readonly tracks: ReadonlyMap<string, ClockTrack>;
}

export type Check = (ctx: StepContext) => Refusal | null;

/** A role's name in refusals; an unknown id is shown as it is. */
export const roleLabel = (r: string): string => (isRoleId(r) ? actorLabel(r) : r);

export const unknownRole = (role: string): Refusal => ({
  message: `未知的角色“${role}”，应为：${caseRoleIds.join('、')}`,
  code: 'bad_role',
});

const doneWith = (c: CaseSnapshot, action: string) =>
  c.events.find((e) => e.outcome === 'done' && e.action === action);

/** The steps open in the case's state, for refusals that say what can be done instead. */
function possibleSteps(decl: CaseType, c: CaseSnapshot): string {
  return transitionsOf(decl)
    .filter((t) => t.from.includes(c.state) || (t === assignTransition && !isTerminal(decl, c.state)))
    .filter((t) => !(t.once && doneWith(c, t.id)))
    .map((t) => `${t.id}（${t.label}）`)
    .join('、');
}

export function terminalRefusal(decl: CaseType, c: CaseSnapshot, stepLabel: string): Refusal {
  const stateLabel = stateOf(decl, c.state)?.label ?? c.state;
  return {
    message: `${decl.label}已处于“${stateLabel}”，案件已终结，不能再「${stepLabel}」`,
    code: 'terminal',
  };
}

export function unknownAction(decl: CaseType, c: CaseSnapshot, action: string): Refusal {
  return {
    message: `${decl.label}没有“${action}”这一步骤；当前可进行：${possibleSteps(decl, c)}`,
    code: 'unknown_action',
  };
}

/** Coerces the step's inputs: record fields it needs and its own parameters; nothing else is accepted. */
export function readValues(
  kind: RecordKind,
  tr: Transition,
  raw: Readonly<Record<string, unknown>>,
): StepValues {
  const record: Record<string, FieldValue> = {};
  const params: Record<string, FieldValue> = {};
  const errors: string[] = [];
  const allowed: { field: Field; required: boolean; into: Record<string, FieldValue> }[] = [
    ...(tr.needs ?? []).flatMap((n) => {
      const f = kind.fields.find((x) => x.key === n.key);
      return f ? [{ field: f, required: n.required ?? false, into: record }] : [];
    }),
    ...(tr.params ?? []).map((f) => ({ field: f, required: f.required ?? false, into: params })),
  ];
  const unknown = Object.keys(raw).filter(
    (key) => !allowed.some((a) => a.field.key === key || a.field.label === key),
  );
  if (unknown.length > 0) {
    const names = allowed.map((a) => `${a.field.key}（${a.field.label}）`).join('、');
    // Name a few, each cut short: the message is kept in the case history.
    const shown = unknown.slice(0, 3).map((k) => `“${k.length > 40 ? `${k.slice(0, 40)}…` : k}”`);
    const more = unknown.length > 3 ? `等 ${unknown.length} 项` : '';
    errors.push(`「${tr.label}」不填写${shown.join('、')}${more}${names ? `，可填写：${names}` : ''}`);
  }
  for (const a of allowed) {
    const key = Object.keys(raw).find((k) => k === a.field.key || k === a.field.label);
    const r = coerceField({ ...a.field, required: a.required }, key === undefined ? undefined : raw[key]);
    if ('error' in r) errors.push(`${a.field.label}：${r.error}`);
    else if (r.value !== null) a.into[a.field.key] = r.value;
  }
  return { record, params, errors };
}

/** The record's data with the new state's values and the step's record fields, before `set`. */
function stepData(ctx: StepContext): { to: string; data: Record<string, FieldValue> } {
  const { c, decl, tr } = ctx;
  const to = tr.to ?? c.state;
  const stateData = to !== c.state ? (stateOf(decl, to)?.data ?? {}) : {};
  return { to, data: { ...c.data, ...stateData, ...ctx.values.record } };
}

const effectInput = (ctx: StepContext, data: Readonly<Record<string, FieldValue>>) => ({
  label: ctx.tr.label,
  date: ctx.date,
  params: ctx.values.params,
  data,
  reason: ctx.reason,
  opened: ctx.c.date,
  history: ctx.c.events,
  calendar: ctx.calendar,
});

/** What the step does to the record and clocks, and the record's validation after it. */
export interface Draft {
  readonly to: string;
  readonly ops: readonly ClockOp[];
  readonly checked: ReturnType<typeof validateRecord>;
}

const drafts = new WeakMap<StepContext, Draft>();

/** The step's outcome, computed once per context (the record check and apply both read it). */
export function draftOf(ctx: StepContext): Draft {
  const known = drafts.get(ctx);
  if (known) return known;
  const { to, data } = stepData(ctx);
  const ops = clockOps(ctx.tr.clocks ?? [], ctx.tracks, effectInput(ctx, data));
  const after = replayClocks(ctx.c.events, ctx.calendar, ops);
  const full = { ...data, ...resolveSet(ctx.tr.set, ctx.date, after) };
  const d: Draft = {
    to,
    ops,
    checked: validateRecord(ctx.kind, { date: ctx.c.date, title: ctx.c.title, data: full }),
  };
  drafts.set(ctx, d);
  return d;
}

// ---- the checks, in the order they apply ----

const notTerminal: Check = ({ c, decl, tr }) =>
  isTerminal(decl, c.state) && !tr.from.includes(c.state) ? terminalRefusal(decl, c, tr.label) : null;

const allowedInState: Check = ({ c, decl, tr }) => {
  const ok = tr === assignTransition ? !isTerminal(decl, c.state) : tr.from.includes(c.state);
  if (ok) return null;
  const stateLabel = stateOf(decl, c.state)?.label ?? c.state;
  return {
    message: `当前状态“${stateLabel}”不能「${tr.label}」；当前可进行：${possibleSteps(decl, c) || '无'}`,
    code: 'bad_state',
  };
};

const knownRole: Check = ({ cmd }) => (isRoleId(cmd.role) ? null : unknownRole(cmd.role));

const roleMayTakeStep: Check = ({ cmd, tr }) =>
  tr.roles.some((r) => r === cmd.role)
    ? null
    : {
        message: `「${tr.label}」须由${tr.roles.map(roleLabel).join('或')}办理，当前角色为${roleLabel(cmd.role)}${tr.rolesNote ? `：${tr.rolesNote}` : ''}`,
        code: 'forbidden_role',
      };

/** A step open only to some cases (异议 only on a forwarded petition), read on the record as it stands. */
const caseQualifies: Check = ({ c, tr, values }) =>
  tr.only && !holds(tr.only.when, { ...c.data, ...values.record }, values.params)
    ? { message: tr.only.message, code: 'not_applicable' }
    : null;

/** A real date, not after today, not before the last completed step (or the case's own date). */
const dateInOrder: Check = ({ c, cmd, today }) => {
  const date = cmd.date === undefined ? today : parseDate(cmd.date);
  if (date === null)
    return { message: `日期“${cmd.date ?? ''}”不是有效日期，应为 2024-03-15 的形式`, code: 'bad_date' };
  if (date > today) return { message: `日期（${date}）不能晚于今天（${today}）`, code: 'date_order' };
  const last = c.events.findLast((e) => e.outcome === 'done');
  const notBefore = last
    ? { date: last.date, what: `上一步「${last.label}」的日期` }
    : { date: c.date, what: '立案（登记）日期' };
  if (date < notBefore.date)
    return { message: `日期（${date}）不能早于${notBefore.what}（${notBefore.date}）`, code: 'date_order' };
  return null;
};

const notTwice: Check = ({ c, tr }) => {
  const earlier = tr.once ? doneWith(c, tr.id) : undefined;
  return earlier
    ? { message: `「${tr.label}」只能办理一次，本案已于${earlier.date}办理`, code: 'once' }
    : null;
};

/**
 * Each requirement that applies (its condition holds on the record, its trigger step was taken) is
 * met by the LATEST completed step of that kind: a later 不合法 opinion outweighs an earlier 合法.
 */
const earlierStepsDone: Check = ({ c, tr, values }) => {
  const data = { ...c.data, ...values.record };
  for (const req of tr.requires ?? []) {
    if (req.when && !holds(req.when, data, values.params)) continue;
    if (req.after !== undefined && !doneWith(c, req.after)) continue;
    const latest = c.events.findLast((e) => e.outcome === 'done' && e.action === req.action);
    const met =
      latest !== undefined &&
      Object.entries(req.where ?? {}).every(([k, vs]) => vs.includes(String(latest.values[k] ?? '')));
    if (!met) return { message: req.message, code: 'requirement' };
  }
  return null;
};

const reasonGiven: Check = ({ tr, reason }) =>
  tr.reason === 'required' && !reason
    ? { message: `「${tr.label}」须说明理由（--reason）`, code: 'reason_required' }
    : null;

const valuesValid: Check = ({ values }) =>
  values.errors.length > 0 ? { message: values.errors.join('；'), code: 'invalid_values' } : null;

const clocksAllow: Check = (ctx) =>
  clockRefusal(ctx.tr.clocks ?? [], ctx.tracks, effectInput(ctx, stepData(ctx).data));

const recordValid: Check = (ctx) => {
  const { checked } = draftOf(ctx);
  return checked.ok
    ? null
    : {
        message: `${ctx.kind.label}记录有误：${checked.errors.map((e) => `${e.label}：${e.message}`).join('；')}`,
        code: 'invalid_record',
      };
};

/** Every check a step passes before it is applied, in order. */
export const stepChecks: readonly Check[] = [
  notTerminal,
  allowedInState,
  knownRole,
  roleMayTakeStep,
  dateInOrder,
  caseQualifies,
  notTwice,
  earlierStepsDone,
  reasonGiven,
  valuesValid,
  clocksAllow,
  recordValid,
];

export function firstRefusal(checks: readonly Check[], ctx: StepContext): Refusal | null {
  for (const check of checks) {
    const r = check(ctx);
    if (r) return r;
  }
  return null;
}
