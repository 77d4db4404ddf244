/**
 * The shape of a case-type declaration (案件类型): states, steps (transitions), who may take each,
 * what each does to the statutory clocks, and what it writes into the record. The case engine
 * (core/cases.ts) is generic over these.
 */
import type { ClockId, LegalBasis } from '../clocks.ts';
import type { Field, FieldValue } from '../fields.ts';
import type { KindId } from '../kinds.ts';
import type { RoleId } from '../roles.ts';

/** The roles that take case steps (roles.ts); the three security roles never do (三员分立). */
export type CaseRoleId = Exclude<RoleId, 'system_admin' | 'security_admin' | 'auditor'>;

/**
 * A condition on the case: a record field (or the step's own parameter) holds one of `in`, or none
 * of `notIn`. An empty field reads as null, so `in: [null]` means “not filled in”.
 */
export type Condition =
  | { readonly field: string; readonly in: readonly FieldValue[] }
  | { readonly field: string; readonly notIn: readonly FieldValue[] };
/** One condition, or several that must all hold. */
export type When = Condition | readonly Condition[];

/** What a transition does to a clock; `kind` tags the effect so every handler switches exhaustively. */
export type ClockEffect =
  /**
   * Starts the clock on the event date, only when `when` holds. `dueField` names the field holding
   * a `set` clock's date, or for a `minimum` clock a date the step fixes that must not fall before
   * the period ends (听证日期 at least 7 working days after the notice).
   */
  | {
      readonly kind: 'start';
      readonly clock: ClockId;
      readonly dueField?: string;
      readonly when?: When;
    }
  /**
   * Stops it; with `refuseEarly`, the transition is refused before the clock's due date (through
   * it, for a party's own time); with `refuseLate`, after it (a party's window has passed).
   */
  | {
      readonly kind: 'stop';
      readonly clock: ClockId;
      readonly refuseEarly?: boolean;
      readonly refuseLate?: boolean;
    }
  /** Extends it by the transition's `extension` parameter, within the rule's limits. */
  | { readonly kind: 'extend'; readonly clock: ClockId }
  /** Stops counting time until `resume` (第三方征求意见). */
  | { readonly kind: 'suspend'; readonly clock: ClockId }
  | { readonly kind: 'resume'; readonly clock: ClockId }
  /** Starts it afresh from the event date (补正). */
  | { readonly kind: 'restart'; readonly clock: ClockId }
  /**
   * The step must be taken within the clock's period counted from the latest completed `since` step
   * (the case's opening when absent): a late step is refused. Kept as the clock started then and
   * stopped by the step, so no clock runs (and raises no alarm) for a step that is never needed.
   */
  | { readonly kind: 'within'; readonly clock: ClockId; readonly since?: string }
  /** Stops every running clock (终止). */
  | { readonly kind: 'stopAll' };

/** A value a transition writes into the record's data: a constant, the event date, or a clock's due date. */
export type SetValue =
  FieldValue | { readonly kind: 'eventDate' } | { readonly kind: 'due'; readonly clock: ClockId };

/** A record field the step asks for (a field of the case's record kind). */
export interface Need {
  readonly key: string;
  readonly required?: boolean;
}

/**
 * A step that must have been taken before this one, with the Chinese refusal and its basis. With
 * `where`, the LATEST completed such step must have had those values: a later 不合法 opinion
 * outweighs an earlier 合法 one (重大行政决策程序暂行条例 第25条).
 */
export interface Requirement {
  readonly action: string;
  /** Parameter values the latest such step must have had (合法性审查结论 不是“不合法”). */
  readonly where?: Readonly<Record<string, readonly string[]>>;
  /** The requirement applies only when this holds (重大、情节复杂的处罚案件须法制审核). */
  readonly when?: When;
  /** It applies only once this step has been taken (当事人要求听证后须举行听证). */
  readonly after?: string;
  readonly message: string;
}

export interface Transition {
  /** Action id used on the command line (`accept`). */
  readonly id: string;
  /** Chinese name (受理). */
  readonly label: string;
  readonly from: readonly string[];
  /** The state after the step; absent for a step that records something and keeps the state. */
  readonly to?: string;
  readonly roles: readonly CaseRoleId[];
  /** Why only these roles, added to the refusal of any other (复查由上一级机关办理). */
  readonly rolesNote?: string;
  /** The step is open only to cases that meet the condition (异议 only on forwarded petitions). */
  readonly only?: { readonly when: When; readonly message: string };
  readonly clocks?: readonly ClockEffect[];
  /** Fields of the record the step fills in. */
  readonly needs?: readonly Need[];
  /** Inputs that belong to the step, not to the record (延长天数, 出庭负责人). */
  readonly params?: readonly Field[];
  readonly reason?: 'required' | 'optional';
  readonly set?: Readonly<Record<string, SetValue>>;
  readonly requires?: readonly Requirement[];
  /** The step may be taken only once in a case (补正 只能一次). */
  readonly once?: boolean;
  /** Opens a new case of another type (逾期未整改 → 行政处罚立案). */
  readonly opens?: {
    readonly type: KindId;
    readonly titlePrefix: string;
    readonly data: Readonly<Record<string, FieldValue>>;
    /** Record fields of the new case taken from this step's parameters: new field → parameter. */
    readonly carry?: Readonly<Record<string, string>>;
  };
  /** Adds a ledger record of another kind from the step's parameters (出庭应诉记录). */
  readonly creates?: { readonly kind: KindId; readonly fields: readonly string[] };
  readonly basis?: readonly LegalBasis[];
}

export interface CaseState {
  readonly id: string;
  readonly label: string;
  /** Values the record's data takes in this state (its `status`), so indicators see the outcome. */
  readonly data?: Readonly<Record<string, FieldValue>>;
}

export interface CaseType {
  readonly kind: KindId;
  readonly label: string;
  readonly initial: string;
  readonly states: readonly CaseState[];
  readonly openRoles: readonly CaseRoleId[];
  /** Clocks that start when the case is opened, and data set then. */
  readonly openClocks: readonly ClockEffect[];
  readonly openSet?: Readonly<Record<string, SetValue>>;
  readonly transitions: readonly Transition[];
  /**
   * The power (权力清单事项) the case exercises: opening the case needs the record field naming it,
   * and a power of that name and one of these 权力类别 in the township's list in force on the case's date.
   */
  readonly power?: { readonly field: string; readonly categories: readonly string[] };
  /** Indicator keys (catalogue/indicators.ts) this case type's outcomes feed. */
  readonly indicators: readonly string[];
  readonly summary: string;
}
