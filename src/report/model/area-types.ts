import type { GroupId } from '../../catalogue/kinds.ts';
import type { ReportContext } from './context.ts';
import type { Inline } from './types.ts';

/** A paragraph an area writes; `lead` becomes a numbered run-in heading (1.…) when given. */
export interface AreaPara {
  readonly lead?: string;
  readonly inlines: readonly Inline[];
}

/** How part 1 writes one work area (a catalogue group). */
export interface AreaWriter {
  readonly group: GroupId;
  /** Indicators whose records decide whether the area has any data. */
  readonly keys: readonly string[];
  /** Heading phrasings; one is chosen per township and year. */
  readonly headings: readonly string[];
  write(ctx: ReportContext): AreaPara[];
}

/** Drops empty paragraphs. */
export const paras = (...list: readonly (AreaPara | null)[]): AreaPara[] =>
  list.filter((p): p is AreaPara => p !== null && p.inlines.length > 0);

/** A section before numbering: the builder numbers headings and leads so no number is skipped. */
export interface DraftSection {
  readonly heading: string;
  readonly paras: readonly AreaPara[];
  readonly children: readonly DraftSection[];
}
