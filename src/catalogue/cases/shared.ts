/** Helpers the case-type declarations share: role shorthands, legal bases, clock effects, 指定承办人. */
import type { ClockId, LegalBasis } from '../clocks.ts';
import { int, text, type Field, type FieldValue } from '../fields.ts';
import { getKind, type KindId } from '../kinds.ts';
import type { CaseRoleId, ClockEffect, Condition, SetValue, Transition, When } from './types.ts';

export const STAFF: CaseRoleId = 'township_staff';
export const LEADER: CaseRoleId = 'township_leader';
export const ADVISER: CaseRoleId = 'legal_adviser';
export const GRID: CaseRoleId = 'grid_member';
export const COUNTY: CaseRoleId = 'county_officer';

export const b = (law: string, article: string): LegalBasis => ({ law, article });

/** Set values: the step's date, or a clock's due date as it stands after the step. */
export const onDate: SetValue = { kind: 'eventDate' };
export const dueOf = (clock: ClockId): SetValue => ({ kind: 'due', clock });

/** Clock effects, in the order a transition applies them. */
export const start = (clock: ClockId, dueField?: string): ClockEffect =>
  dueField === undefined ? { kind: 'start', clock } : { kind: 'start', clock, dueField };
/** Starts a clock only for the cases the condition picks (60日 only for 申诉求决类). */
export const startWhen = (clock: ClockId, when: When, dueField?: string): ClockEffect =>
  dueField === undefined ? { kind: 'start', clock, when } : { kind: 'start', clock, when, dueField };
/** A step to be taken within the clock's period from the latest `since` step (or the opening). */
export const within = (clock: ClockId, since?: string): ClockEffect =>
  since === undefined ? { kind: 'within', clock } : { kind: 'within', clock, since };
/** Stops a running clock, refusing the step once its due date has passed (a party's window closed). */
export const stopInTime = (clock: ClockId): ClockEffect => ({ kind: 'stop', clock, refuseLate: true });
/** A field holds one of the values (an empty field is null). */
export const is = (field: string, ...values: FieldValue[]): Condition => ({ field, in: values });
export const stop = (clock: ClockId): ClockEffect => ({ kind: 'stop', clock });
/** Stops a clock, refusing the step before its due date (a minimum period not yet over). */
export const stopWhenDue = (clock: ClockId): ClockEffect => ({ kind: 'stop', clock, refuseEarly: true });
export const extend = (clock: ClockId): ClockEffect => ({ kind: 'extend', clock });
export const suspend = (clock: ClockId): ClockEffect => ({ kind: 'suspend', clock });
export const resume = (clock: ClockId): ClockEffect => ({ kind: 'resume', clock });
export const restart = (clock: ClockId): ClockEffect => ({ kind: 'restart', clock });
export const stopAll: ClockEffect = { kind: 'stopAll' };

/** The extension amount a step asks for, in the clock's unit. */
export const extension = (unitLabel: string): Field =>
  int('extension', `延长${unitLabel}`, { required: true, min: 1, max: 366 });

/** Fields of a record kind, for a step that records one (its inputs are that kind's own fields). */
export function fieldsOf(kind: KindId, keys: readonly string[]): Field[] {
  const fields = getKind(kind).fields;
  return keys.map((k) => {
    const f = fields.find((x) => x.key === k);
    if (!f) throw new Error(`台账类型 ${kind} 没有字段 ${k}`);
    return f;
  });
}

/** Every case type may change hands: the leader or staff names the person responsible (承办人). */
export const assignTransition: Transition = {
  id: 'assign',
  label: '指定承办人',
  from: [],
  roles: [STAFF, LEADER],
  params: [text('owner', '承办人', { required: true, max: 50 })],
};
