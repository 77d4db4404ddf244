import {
  caseTypes,
  clocksOf,
  transitionsOf,
  workflowFields,
  type CaseState,
  type CaseType,
  type ClockEffect,
  type Need,
  type CaseRoleId,
  type Transition,
} from '../catalogue/cases.ts';
import { basisText, findClock, periodText, type ClockRule, type LegalBasis } from '../catalogue/clocks.ts';
import type { Field } from '../catalogue/fields.ts';

/**
 * The case types as the web app reads them (GET /api/catalogue/cases): the declarations of
 * catalogue/cases.ts and catalogue/clocks.ts flattened to JSON, with legal bases spelled out.
 */

/** One step of a case type and who may take it. */
export interface CaseStepInfo {
  readonly id: string;
  readonly label: string;
  /** States the step may be taken from; empty for 指定承办人, which any open case allows. */
  readonly from: readonly string[];
  /** The state after the step; null when the step records something and keeps the state. */
  readonly to: string | null;
  readonly roles: readonly CaseRoleId[];
  /** Record fields the step fills in. */
  readonly needs: readonly Need[];
  /** Inputs of the step itself (延长天数, 出庭负责人). */
  readonly params: readonly Field[];
  readonly reason: 'required' | 'optional' | null;
  readonly once: boolean;
  /** What the step does to the clocks, each effect tagged by `kind` (start, stop, extend…) with its clock id. */
  readonly clocks: readonly ClockEffect[];
  readonly basis: readonly LegalBasis[];
  /** The legal basis in one line (`人民调解法 第28条`), empty when none is declared. */
  readonly basisText: string;
}

/** A statutory clock a case type uses, with its legal basis. */
export interface CaseClockInfo {
  readonly id: string;
  readonly label: string;
  readonly kind: ClockRule['kind'];
  /** The period in words: `15日`, `5个工作日`, `按文书确定的期限`. */
  readonly period: string;
  readonly from: string;
  readonly basis: readonly LegalBasis[];
  readonly basisText: string;
  readonly extension: ClockRule['extension'] | null;
  readonly guideline: boolean;
  readonly note: string | null;
}

export interface CaseTypeInfo {
  readonly kind: string;
  readonly label: string;
  readonly summary: string;
  readonly initial: string;
  /** States in board order, each with the record values it implies (`status`). */
  readonly states: readonly CaseState[];
  readonly openRoles: readonly CaseRoleId[];
  /** Clocks started when the case is registered. */
  readonly openClocks: readonly ClockEffect[];
  /** Record fields the engine sets on registration (state values, due dates): not asked in the form. */
  readonly setOnOpen: readonly string[];
  /** Record fields only the case's steps change (status, dates): shown read-only in the ledger's form. */
  readonly workflowFields: readonly string[];
  readonly steps: readonly CaseStepInfo[];
  readonly clocks: readonly CaseClockInfo[];
  /** Indicator keys the case type's outcomes feed. */
  readonly indicators: readonly string[];
}

function step(t: Transition): CaseStepInfo {
  const basis = t.basis ?? [];
  return {
    id: t.id,
    label: t.label,
    from: t.from,
    to: t.to ?? null,
    roles: t.roles,
    needs: t.needs ?? [],
    params: t.params ?? [],
    reason: t.reason ?? null,
    once: t.once ?? false,
    clocks: t.clocks ?? [],
    basis,
    basisText: basisText(basis),
  };
}

function clock(id: string): CaseClockInfo[] {
  const c = findClock(id);
  if (!c) return [];
  return [
    {
      id: c.id,
      label: c.label,
      kind: c.kind,
      period: periodText(c.unit, c.amount),
      from: c.from,
      basis: c.basis,
      basisText: basisText(c.basis),
      extension: c.extension ?? null,
      guideline: c.guideline ?? false,
      note: c.note ?? null,
    },
  ];
}

export function describeCaseType(t: CaseType): CaseTypeInfo {
  const initial = t.states.find((s) => s.id === t.initial);
  return {
    kind: t.kind,
    label: t.label,
    summary: t.summary,
    initial: t.initial,
    states: t.states,
    openRoles: t.openRoles,
    openClocks: t.openClocks,
    setOnOpen: [...new Set([...Object.keys(initial?.data ?? {}), ...Object.keys(t.openSet ?? {})])],
    workflowFields: [...workflowFields(t)],
    steps: transitionsOf(t).map(step),
    clocks: clocksOf(t).flatMap(clock),
    indicators: t.indicators,
  };
}

/** Every case type, in menu order. */
export function caseCatalogue(): { items: CaseTypeInfo[] } {
  return { items: caseTypes.map(describeCaseType) };
}
