import { headline, type HeadlineCandidate } from '../review/headline.ts';
import type { StatedFigure } from './crosscheck.ts';

/**
 * The headline figure of each indicator a report states, as the county office confirms it: the
 * rules' choice (headline.ts) with its reason and the other figures, and the person's choice kept
 * beside it. The arrival review, the county's page and the comparison workbook read the same picks.
 */

/** A stated figure as the county office sees it when choosing. */
export interface PickFigure {
  /** Offset in the reviewed text: with the version, it names the figure. */
  readonly start: number;
  readonly value: number;
  readonly unit: string;
  readonly text: string;
  readonly sentence: string;
}

export interface HeadlinePick {
  readonly key: string;
  readonly label: string;
  /** The rules' choice and why. */
  readonly figure: PickFigure;
  readonly reason: string;
  /** The other figures stated under the key, each with why the rules did not take it. */
  readonly alternatives: readonly { readonly figure: PickFigure; readonly note: string }[];
  /** The rules took the largest of several different figures and cannot tell more (headline.ts). */
  readonly unsure: boolean;
}

/** A person's choice, as kept. */
export interface HeadlineChoice {
  readonly key: string;
  /** The figure chosen, or the first of those added up. */
  readonly start: number;
  /**
   * When the person added several stated figures (separate activities with no total stated):
   * every figure's offset, in the text's order. Absent for a single figure.
   */
  readonly parts?: readonly number[];
  /** The figure's value, or the sum of the parts. */
  readonly value: number;
  /** The figure as stated, or the sum as written out (3次＋4次＝7次). */
  readonly text: string;
  /** Whether the rules' own figure was kept (confirmed) rather than another chosen. */
  readonly kept: boolean;
  readonly by: string;
  readonly at: string;
}

const pickFigure = (f: StatedFigure): PickFigure => ({
  start: f.start,
  value: f.value,
  unit: f.unit,
  text: f.text,
  sentence: f.sentence,
});

/** The rules' headline for every indicator the report states, in the catalogue's reading order. */
export function headlinePicks(stated: readonly StatedFigure[]): HeadlinePick[] {
  // Only indicators with a figure of this year: the comparison shows nothing for the others.
  const keys = [...new Set(stated.filter((f) => f.role === 'current').map((f) => f.key))];
  return keys.flatMap((key) => {
    const h = headline(stated, key);
    if (!h) return [];
    return [
      {
        key,
        label: h.figure.label,
        figure: pickFigure(h.figure),
        reason: h.reason,
        alternatives: h.alternatives.map((a) => ({ figure: pickFigure(a.figure), note: a.note })),
        unsure: h.unsure,
      },
    ];
  });
}

/**
 * The figure the comparison shows for `key`: the person's choice when it names stated figures
 * (one, or several added up), else the rules'. `choice` says which was used (null: the rules',
 * not yet confirmed).
 */
export function chosenFigure<F extends HeadlineCandidate>(
  stated: readonly F[],
  key: string,
  choices: readonly HeadlineChoice[],
): { figure: F; reason: string; choice: HeadlineChoice | null } | null {
  const own = stated.filter((f) => f.key === key);
  const choice = choices.find((c) => c.key === key);
  const picked = choice && (choice.parts ?? [choice.start]).map((at) => own.find((f) => f.start === at));
  if (choice && picked?.every((f) => f !== undefined)) {
    const first = picked[0]!;
    // A sum is shown as its own figure: the first part's place, the sum's value and wording.
    const figure = choice.parts ? { ...first, value: choice.value, text: choice.text } : first;
    return { figure, reason: choiceNote(choice), choice };
  }
  const h = headline(own, key);
  return h && { figure: h.figure, reason: h.reason, choice: null };
}

/** 已由张三于2027-03-02确认 / 改选为“28场” / 改为多处相加. */
export function choiceNote(c: HeadlineChoice): string {
  const when = c.at.slice(0, 10);
  if (c.parts) return `取数已由${c.by}于${when}改为${c.parts.length}处相加：“${c.text}”。`;
  return c.kept
    ? `取数已由${c.by}于${when}确认：“${c.text}”。`
    : `取数已由${c.by}于${when}改选为“${c.text}”。`;
}

/** The most figures a person may add up for one indicator. */
export const MAX_PARTS = 20;

/**
 * The sum of several stated figures as a choice's value and wording (3次＋4场＝7次, in the
 * indicator's own unit), or why they cannot be added: rates are not added.
 */
export function sumOf(
  figures: readonly PickFigure[],
  unit: string,
): { value: number; text: string } | { refused: string } {
  if (unit === '%' || figures.some((f) => f.unit === '%'))
    return { refused: `比率不能相加：${figures.map((f) => `“${f.text}”`).join('')}` };
  // Stated figures carry at most a few decimals; rounding keeps 0.1 + 0.2 from showing its binary tail.
  const value = Math.round(figures.reduce((a, f) => a + f.value, 0) * 1e6) / 1e6;
  return { value, text: `${figures.map((f) => f.text).join('＋')}＝${value}${unit}` };
}
