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
  readonly start: number;
  readonly value: number;
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
 * The figure the comparison shows for `key`: the person's choice when it names one of the stated
 * figures, else the rules'. `choice` says which was used (null: the rules', not yet confirmed).
 */
export function chosenFigure<F extends HeadlineCandidate>(
  stated: readonly F[],
  key: string,
  choices: readonly HeadlineChoice[],
): { figure: F; reason: string; choice: HeadlineChoice | null } | null {
  const own = stated.filter((f) => f.key === key);
  const choice = choices.find((c) => c.key === key);
  const picked = choice && own.find((f) => f.start === choice.start);
  if (choice && picked) return { figure: picked, reason: choiceNote(choice), choice };
  const h = headline(own, key);
  return h && { figure: h.figure, reason: h.reason, choice: null };
}

/** 已由张三于2027-03-02确认 / 改选为“28场”. */
export function choiceNote(c: HeadlineChoice): string {
  const when = c.at.slice(0, 10);
  return c.kept
    ? `取数已由${c.by}于${when}确认：“${c.text}”。`
    : `取数已由${c.by}于${when}改选为“${c.text}”。`;
}
