/** `case_events` rows and engine events, one mapping each way (live steps and back-dated histories). */
import type { FieldValue } from '../../catalogue/fields.ts';
import type { CaseEvent, ClockOp } from '../../core/cases.ts';
import type { Db } from '../../db/connect.ts';
import type { CaseEventRow } from '../../db/schema.ts';

/** A stored event row as the engine sees it. */
export function toCaseEvent(h: Db, r: CaseEventRow): CaseEvent {
  const detail = h.dialect.readJson(r.detail) as { values?: Record<string, FieldValue>; clocks?: ClockOp[] };
  return {
    seq: r.seq,
    action: r.action,
    label: r.label,
    fromState: r.from_state,
    toState: r.to_state,
    date: r.date,
    role: r.role,
    actor: r.actor,
    outcome: r.outcome === 'refused' ? 'refused' : 'done',
    reason: r.reason,
    values: detail.values ?? {},
    clocks: detail.clocks ?? [],
    error: r.error,
    at: r.created_at,
  };
}

/** The `case_events` row of an engine event; `at` overrides its timestamp (back-dated demo histories). */
export function eventRow(
  recordId: number,
  org: { readonly township_id: number; readonly county_id: number },
  e: CaseEvent,
  at: string = e.at,
) {
  return {
    record_id: recordId,
    township_id: org.township_id,
    county_id: org.county_id,
    seq: e.seq,
    action: e.action,
    label: e.label,
    from_state: e.fromState,
    to_state: e.toState,
    date: e.date,
    role: e.role,
    actor: e.actor,
    outcome: e.outcome,
    reason: e.reason,
    error: e.error,
    detail: JSON.stringify({ values: e.values, clocks: e.clocks }),
    created_at: at,
  };
}
