/**
 * 群众诉求: the categories residents choose from on the public portal, each handled as a case of
 * one type — a dispute (矛盾纠纷调处, 人民调解法) with its 纠纷类型, or a petition (信访事项办理,
 * 信访工作条例) with its 信访类型. A county sets its own list; until it does, these defaults apply.
 */
import { getKind } from './kinds.ts';

/** The case types a resident's feedback can become, and the record field that takes its subtype. */
export const FEEDBACK_CASE_TYPES = {
  dispute: {
    label: '矛盾纠纷调处',
    field: 'disputeType',
    /** Record statuses of a closed dispute: 调解成功, 调解不成. */
    closed: ['resolved', 'failed'],
  },
  petition: {
    label: '信访事项办理',
    field: 'petitionType',
    /** Record statuses of a petition done with at this township: 已办结, 不予受理 (转送、异议 included). */
    closed: ['closed', 'not_accepted'],
  },
} as const;

export type FeedbackCaseType = keyof typeof FEEDBACK_CASE_TYPES;

export interface FeedbackCategory {
  /** Stable key: kept in submitted feedback, so renaming a category does not rewrite history. */
  readonly id: string;
  /** What residents see (邻里纠纷, 投诉举报…). */
  readonly label: string;
  readonly caseType: FeedbackCaseType;
  /** The disputeType or petitionType the case is opened with. */
  readonly subtype: string;
}

/** The categories of a county that has configured none. */
export const DEFAULT_FEEDBACK_CATEGORIES: readonly FeedbackCategory[] = [
  { id: 'neighbour', label: '邻里纠纷', caseType: 'dispute', subtype: 'neighbour' },
  { id: 'family', label: '婚姻家庭', caseType: 'dispute', subtype: 'family' },
  { id: 'land', label: '土地山林', caseType: 'dispute', subtype: 'land' },
  { id: 'labour', label: '劳动争议', caseType: 'dispute', subtype: 'labour' },
  { id: 'property', label: '物业', caseType: 'dispute', subtype: 'property' },
  { id: 'debt', label: '债务纠纷', caseType: 'dispute', subtype: 'debt' },
  { id: 'traffic', label: '交通事故', caseType: 'dispute', subtype: 'traffic' },
  { id: 'environment', label: '环境卫生', caseType: 'petition', subtype: 'claim' },
  { id: 'policy', label: '政策咨询', caseType: 'petition', subtype: 'suggestion' },
  { id: 'complaint', label: '投诉举报', caseType: 'petition', subtype: 'report' },
  { id: 'suggestion', label: '意见建议', caseType: 'petition', subtype: 'suggestion' },
  { id: 'other', label: '其他诉求', caseType: 'petition', subtype: 'claim' },
];

/** Most categories a county may offer (a select longer than this is no help to a resident). */
export const MAX_FEEDBACK_CATEGORIES = 30;
/** Longest category label. */
export const MAX_CATEGORY_LABEL = 20;

/** The subtypes a case type's category may name, from the record kind's own choices. */
export function feedbackSubtypes(caseType: FeedbackCaseType): readonly { value: string; label: string }[] {
  const field = getKind(caseType).fields.find((f) => f.key === FEEDBACK_CASE_TYPES[caseType].field);
  return field?.type === 'enum' ? field.options : [];
}

/** A resident's rating of a closed case; the codes are the records' `satisfaction` values. */
export const FEEDBACK_RATINGS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically', label: '基本满意' },
  { value: 'dissatisfied', label: '不满意' },
] as const;

export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number]['value'];

export const ratingLabel = (v: string): string => FEEDBACK_RATINGS.find((r) => r.value === v)?.label ?? v;
