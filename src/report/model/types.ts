import type { GroupId } from '../../catalogue/kinds.ts';
import type { IndicatorValue } from '../../core/indicators.ts';
import type { LedgerRecord } from '../../core/records.ts';
import type { PlanLine } from '../../core/study-plan.ts';

/**
 * The annual report (法治政府建设年度报告) as a document model: pure data that every renderer
 * (docx, Markdown, HTML) turns into a file. Built by `buildReport` from `ReportInputs`.
 */

/** Where a figure in the text comes from: an indicator value, or a change between two of them. */
export type FigureSource =
  | { readonly op: 'value'; readonly key: string }
  /** Year-over-year change of `key`: percent for counts, percentage points for rates. */
  | { readonly op: 'yoy'; readonly key: string; readonly current: number; readonly previous: number }
  /** `key` minus `minus` (e.g. problems found but not rectified). */
  | { readonly op: 'diff'; readonly key: string; readonly minus: string }
  /** The numerator or denominator a rate `key` was computed from, or the gap between them. */
  | { readonly op: 'num' | 'den' | 'gap'; readonly key: string }
  /** Items of the year's study plan (学法计划) of the form `key` counts: planned, or fulfilled by a study record. */
  | { readonly op: 'planned' | 'done'; readonly key: string };

/** A number printed in the text, with the indicator it came from. */
export interface Figure {
  readonly source: FigureSource;
  /** The number as computed (for yoy the absolute change, always ≥ 0). */
  readonly value: number;
  readonly unit: string;
  /** The printed form, e.g. "98.6%", "219件", "12.5个百分点". */
  readonly text: string;
}

export type Inline =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'figure'; readonly figure: Figure }
  /** A visible gap the user must fill in: printed as 【待补充：…】. */
  | { readonly t: 'placeholder'; readonly text: string };

/** A paragraph of body text; `lead` is a run-in heading (level 3 or 4) printed before the text. */
export interface Para {
  readonly inlines: readonly Inline[];
  readonly lead?: { readonly level: 3 | 4; readonly number: string; readonly text: string };
}

/** A heading (level 1 一、 or 2 （一）) and what follows it. */
export interface Section {
  readonly level: 1 | 2;
  readonly number: string;
  readonly heading: string;
  readonly paras: readonly Para[];
  readonly children: readonly Section[];
}

export interface AppendixRow {
  readonly key: string;
  readonly label: string;
  /** Printed value, "—" when there is nothing to rate. */
  readonly value: string;
  /** Last year's printed value, "—" when last year has none. */
  readonly previous: string;
  /** The change printed for the public table: "+12.5%", "-3.0个百分点", "持平", "—". */
  readonly change: string;
  readonly unit: string;
  /** How the figure is counted (口径), for the 数据来源说明 file. */
  readonly basis: string;
  /** Ledger records behind the figure, for the 数据来源说明 file. */
  readonly records: number;
}

/** How an unknown 成文日期 is printed: the date is the day the principal leader signs. */
export const DATE_PENDING = '【待定：签发日期】';

/** The 成文日期 as printed. */
export const signatureDate = (m: { readonly signature: { readonly date: string | null } }): string =>
  m.signature.date ?? DATE_PENDING;

/** The 版记 under the last page: 抄送 organs and the 印发 line. */
export interface Colophon {
  readonly cc: readonly string[];
  /** 印发机关, e.g. 甲镇党政办公室; null when not given. */
  readonly printedBy: string | null;
  /** 印发日期 (ISO date); null when not given. */
  readonly printedOn: string | null;
}

/** One item of part 4, to be stored as a `commitment` record for next year's report. */
export interface PlanItem {
  readonly area: GroupId;
  readonly title: string;
  readonly text: string;
}

export interface ReportModel {
  /** Title lines, broken where a careful typist would break them. */
  readonly title: readonly string[];
  readonly addressee: string;
  /** A warning printed above the body (an empty ledger year, a year not yet over). */
  readonly notices: readonly Para[];
  readonly intro: Para;
  readonly sections: readonly Section[];
  readonly closing: string;
  /** 附件说明 line under the body. */
  readonly attachmentNote: string;
  /** The 成文日期 is the signing date (Chinese form); null until it is known, printed as a placeholder. */
  readonly signature: { readonly organ: string; readonly date: string | null };
  /** The 版记, when 抄送 or 印发 details were given. */
  readonly colophon: Colophon | null;
  readonly appendix: { readonly title: string; readonly rows: readonly AppendixRow[] };
  /** Every placeholder's text, in order of appearance. */
  readonly placeholders: readonly string[];
  /** Every figure, in order of appearance. */
  readonly figures: readonly Figure[];
  readonly plans: readonly PlanItem[];
  /** Part 2's shortcomings found in the data, for confirming their causes. */
  readonly shortcomings: readonly FoundShortcoming[];
  /** Org name and year, for links and file names. */
  readonly org: string;
  readonly year: number;
}

/** The user's edits a draft accepts: causes of shortcomings, by shortcoming id or type. */
export interface ReportOverrides {
  /** Confirmed causes, by shortcoming id (e.g. `low_rate:study.exam_participation_rate`) or type. */
  readonly causes?: Readonly<Record<string, string>>;
  /** Shortcomings the township adds by hand (qualitative ones the ledger cannot show), after the found ones. */
  readonly shortcomings?: readonly ManualShortcoming[];
  /** Extra paragraphs for part 5 (其他需要报告的情况). */
  readonly other?: readonly string[];
}

/** A shortcoming written by the township: its heading, what falls short, and why. */
export interface ManualShortcoming {
  readonly heading: string;
  readonly text: string;
  readonly cause?: string;
}

/** A shortcoming part 2 found in the data: the id its cause is confirmed under, and its heading. */
export interface FoundShortcoming {
  readonly id: string;
  readonly heading: string;
  /** True when the township confirmed or wrote the cause. */
  readonly causeGiven: boolean;
}

export interface ReportInputs {
  readonly org: {
    readonly name: string;
    readonly kind: 'township' | 'county';
    /** The county a township belongs to (for the addressee). */
    readonly countyName: string | null;
    /** The township's place among its county's townships (0-based), so their phrasings differ. */
    readonly place?: number;
  };
  readonly year: number;
  /** ISO timestamp the draft is made at. */
  readonly now: string;
  readonly current: readonly IndicatorValue[];
  /** Last year's values; null when last year's ledger is empty. */
  readonly previous: readonly IndicatorValue[] | null;
  /** Records of the year chosen for concrete examples and for part 2 (see loader). */
  readonly records: readonly LedgerRecord[];
  /** Commitment records whose targetYear is this year. */
  readonly commitments: readonly LedgerRecord[];
  /** Commitment records already made for next year (part 4 starts from them). */
  readonly nextCommitments?: readonly LedgerRecord[];
  /** Township names by id, for a county report's examples. */
  readonly townshipNames?: Readonly<Record<number, string>>;
  readonly overrides?: ReportOverrides;
  /** The document's own details: 成文日期 and 版记. */
  readonly document?: ReportDocumentOptions;
  /**
   * 党政主要负责人 (`principal_leader` registry records) in office at any time in the year, those
   * who left during it included: part 3 names them and attributes the ledger's acts to them.
   */
  readonly leaders?: readonly LedgerRecord[];
  /** The organisation's study plan (学法计划) of the year, each item with the record that fulfilled it. */
  readonly studyPlan?: readonly PlanLine[];
}

/** Details of the document itself, set by whoever issues it. */
export interface ReportDocumentOptions {
  /** 成文日期 (ISO date): the day the principal leader signed. Unset: a 【待定】 placeholder. */
  readonly date?: string;
  /** 抄送 organs for the 版记. */
  readonly cc?: readonly string[];
  readonly printedBy?: string;
  /** 印发日期 (ISO date). */
  readonly printedOn?: string;
}
