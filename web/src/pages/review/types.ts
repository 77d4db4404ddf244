/** What POST /api/review answers for each report (src/review/types.ts, as JSON). */
import type { FigureRole } from '../../../../src/review/figure-role.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly text: string;
  readonly start: number;
  /** The same problem's other places, when it recurs. */
  readonly also?: readonly number[];
}

export interface ReviewFigure {
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  readonly approx: boolean;
  readonly qualifier: string | null;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly context?: string;
  /** What the figure is: this year's, a part of a total, a plan, a change, last year's, several years'. */
  readonly role?: FigureRole;
}

export interface Passage {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly otherStart: number;
}

export interface Similarity {
  readonly other: string;
  readonly shared: number;
  readonly passages: readonly Passage[];
}

export interface ReviewResult {
  readonly file: string;
  readonly title: string;
  readonly org: string;
  readonly year: number | null;
  readonly parts: Readonly<Record<string, boolean>>;
  readonly figures: readonly ReviewFigure[];
  readonly findings: readonly Finding[];
  readonly similarity: readonly Similarity[];
  readonly text: string;
}

export interface ReviewFailure {
  readonly file: string;
  readonly error: string;
}

export type ReviewOutcome = ReviewResult | ReviewFailure;

export const isFailed = (r: ReviewOutcome): r is ReviewFailure => 'error' in r;
