/** Shared types of the report reviewer (审阅). Offsets are into the normalised text. */
import type { FigureRole } from './figure-role.ts';

export type Severity = 'error' | 'warning' | 'info';

/** The five statutory content items of the annual report, plus whether causes are given. */
export interface Parts {
  /** 主要举措和成效 */
  measures: boolean;
  /** 存在的不足 */
  shortcomings: boolean;
  /** 不足的原因 (given in the shortcomings part, not merely named in its heading) */
  causes: boolean;
  /** 党政主要负责人履行推进法治建设第一责任人职责 */
  leaderDuty: boolean;
  /** 下一年度主要安排 */
  nextYear: boolean;
  /** 其他需要报告的情况 */
  other: boolean;
}

export type PartKey = keyof Parts;

/** Numbering styles of headings, from the outermost of GB/T 9704 (一、) inwards. */
export type HeadingStyle = 'cn' | 'cnParen' | 'arabic' | 'arabicParen' | 'circled' | 'outline';

export interface Heading {
  /** Logical depth (1 = top level), as the document nests them. */
  level: number;
  /** The number as written, e.g. "（一）". Empty for docx outline headings without a number. */
  number: string;
  text: string;
  /** 1-based line in the normalised text. */
  line: number;
  style: HeadingStyle;
  /** The number's value (一 → 1). */
  ordinal: number;
  start: number;
  end: number;
}

export interface Figure {
  /** Catalogue key, or `other`. */
  key: string;
  value: number;
  unit: string;
  approx: boolean;
  /** 余, 多, 近, 约, 以上, 超过… or null. */
  qualifier: string | null;
  text: string;
  start: number;
  end: number;
  /** The upper end of a range (10至15次). */
  max?: number;
  /** For `other`: the words around the number. */
  context?: string;
  /** The sentence the figure was stated in (a table figure: its row), as written. */
  sentence: string;
  /** Offset of that sentence in the normalised text. */
  sentenceStart: number;
  /** What the figure is (this year's, a plan, last year's…), read by figure-role.ts; unset when not read. */
  role?: FigureRole;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  text: string;
  start: number;
  /** The same problem's other places (offsets of the same text), when it recurs; the message counts them. */
  also?: number[];
  /** For a passage many reports share (模板段落): the reports that share it. */
  reports?: string[];
}

export interface Passage {
  text: string;
  start: number;
  end: number;
  /** Where the passage starts in the other document. */
  otherStart: number;
}

export interface Similarity {
  /** The other file's name. */
  other: string;
  /** Share of this document's text (0–1) found in the other. */
  shared: number;
  passages: Passage[];
}

/** One line of a table row read from .docx: cells in order. */
export interface TableRow {
  cells: string[];
  /** Offset of the row's line in the normalised text. */
  start: number;
  /** Offset of each cell, when the cells are not one separator apart (a table flattened into prose). */
  cellStarts?: readonly number[];
}

/** A document as read: normalised text plus what the reader could learn beyond plain text. */
export interface SourceDoc {
  name: string;
  text: string;
  /** Outline levels (0-based) of lines that the .docx marked as headings, by line index. */
  outline: Map<number, number>;
  tables: TableRow[][];
  /** Conversion artifacts removed from the text, with where they were. */
  artifacts: { text: string; at: number }[];
}

export interface ReviewResult {
  file: string;
  title: string;
  org: string;
  /** The county or district written with the township (某县某镇 → 某县), or ''. */
  county?: string;
  /** 0–1: how surely org and year are right (title, 落款 and body found and agreeing). */
  confidence?: { org: number; year: number };
  year: number | null;
  parts: Parts;
  headings: Heading[];
  figures: Figure[];
  findings: Finding[];
  similarity: Similarity[];
  /** The normalised text every offset refers to. */
  text: string;
}

export interface ReviewError {
  file: string;
  error: string;
}

export type ReviewOutcome = ReviewResult | ReviewError;

export const isError = (r: ReviewOutcome): r is ReviewError => 'error' in r;
