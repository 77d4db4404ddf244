/**
 * Case types (案件类型) as declarations, one file per type under cases/: for each case-like record
 * kind, its states, the transitions between them, who may take each one, the clocks each starts,
 * stops, extends, suspends or restarts with their legal basis, the fields each step needs, and the
 * indicators its outcomes feed. The case engine (core/cases.ts) is generic over these; adding a
 * case type is adding a declaration and listing it here.
 */
import type { ClockId } from './clocks.ts';
import { actorLabel } from './roles.ts';
import { disclosureRequest } from './cases/disclosure.ts';
import { dispute } from './cases/dispute.ts';
import { inspection } from './cases/inspection.ts';
import { lawsuit } from './cases/lawsuit.ts';
import { legalReview } from './cases/legalReview.ts';
import { majorDecision } from './cases/majorDecision.ts';
import { penalty } from './cases/penalty.ts';
import { petition } from './cases/petition.ts';
import { reviewResponse } from './cases/reviewResponse.ts';
import { assignTransition } from './cases/shared.ts';
import type {
  CaseRoleId,
  CaseState,
  CaseType,
  ClockEffect,
  Condition,
  Transition,
  When,
} from './cases/types.ts';

export type {
  CaseRoleId,
  CaseState,
  CaseType,
  ClockEffect,
  Condition,
  When,
  Need,
  Requirement,
  SetValue,
  Transition,
} from './cases/types.ts';
export { assignTransition };

/** Every case type, in menu order. */
export const caseTypes: readonly CaseType[] = [
  dispute,
  petition,
  disclosureRequest,
  inspection,
  penalty,
  legalReview,
  majorDecision,
  lawsuit,
  reviewResponse,
];

/** The roles that take case steps, in the order lists present them. */
export const caseRoleIds: readonly CaseRoleId[] = [
  'township_staff',
  'township_leader',
  'legal_adviser',
  'grid_member',
  'county_officer',
];

export function isCaseRoleId(s: string): s is CaseRoleId {
  return (caseRoleIds as readonly string[]).includes(s);
}

/** Each case role with the name steps and refusals give it (labels from roles.ts). */
export const caseRoles: Readonly<Record<CaseRoleId, string>> = Object.fromEntries(
  caseRoleIds.map((id) => [id, actorLabel(id)]),
) as Record<CaseRoleId, string>;

const byKind = new Map<string, CaseType>(caseTypes.map((c) => [c.kind, c]));

export function findCaseType(kindOrLabel: string): CaseType | undefined {
  const s = kindOrLabel.trim();
  return byKind.get(s) ?? caseTypes.find((c) => c.label === s);
}

/** A case type's transitions including the ones every type has. */
export function transitionsOf(t: CaseType): readonly Transition[] {
  return [...t.transitions, assignTransition];
}

export function stateOf(t: CaseType, id: string): CaseState | undefined {
  return t.states.find((s) => s.id === id);
}

/** A state with no way out (办结, 胜诉…). */
export function isTerminal(t: CaseType, state: string): boolean {
  return !t.transitions.some((tr) => tr.from.includes(state));
}

/**
 * A state the case still moves on from (受理, 调解中…): some step leads from it to another state. A
 * settled state allows only steps that record something (回访, 申请司法确认) or none (办结).
 */
export function isUnderWay(t: CaseType, state: string): boolean {
  return t.transitions.some((tr) => tr.from.includes(state) && tr.to !== undefined && tr.to !== state);
}

/** The clock an effect acts on; none for 终止, which acts on every running clock. */
export function effectClock(e: ClockEffect): ClockId | null {
  switch (e.kind) {
    case 'start':
    case 'stop':
    case 'extend':
    case 'suspend':
    case 'resume':
    case 'restart':
    case 'within':
      return e.clock;
    case 'stopAll':
      return null;
  }
}

/** The conditions a `when` stands for, all of which must hold. */
export function conditionsOf(when: When): readonly Condition[] {
  return isConditionList(when) ? when : [when];
}

function isConditionList(when: When): when is readonly Condition[] {
  return Array.isArray(when);
}

/** The clock ids a case type uses. */
export function clocksOf(t: CaseType): ClockId[] {
  const ids = new Set<ClockId>();
  for (const e of [...t.openClocks, ...t.transitions.flatMap((tr) => tr.clocks ?? [])]) {
    const id = effectClock(e);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}

/** The record fields a case type's steps fill in: only the case workflow may change them. */
export function workflowFields(t: CaseType): ReadonlySet<string> {
  const out = new Set<string>(Object.keys(t.openSet ?? {}));
  for (const st of t.states) for (const k of Object.keys(st.data ?? {})) out.add(k);
  for (const tr of t.transitions) {
    for (const k of Object.keys(tr.set ?? {})) out.add(k);
    for (const n of tr.needs ?? []) out.add(n.key);
  }
  return out;
}
