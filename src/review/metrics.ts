import { ofTheYear, type FigureRole } from './figure-role.ts';
import type { Label } from './testdata/labels.ts';
import type { Finding, ReviewResult } from './types.ts';

/** Precision and recall with the counts behind them. */
export interface Score {
  tp: number;
  predicted: number;
  expected: number;
  precision: number;
  recall: number;
}

const score = (tp: number, predicted: number, expected: number): Score => ({
  tp,
  predicted,
  expected,
  precision: predicted ? tp / predicted : 1,
  recall: expected ? tp / expected : 1,
});

export const add = (a: Score, b: Score): Score =>
  score(a.tp + b.tp, a.predicted + b.predicted, a.expected + b.expected);
export const empty = (): Score => score(0, 0, 0);

/** A figure as scored: catalogue key and value. */
export type KeyValue = readonly [key: string, value: number];

/**
 * Figures matched one-to-one by key and value (catalogue keys only; `other` is not scored): what
 * was found against what a reader labelled. `missed` and `wrong` are what did not match.
 */
export function matchFigures<F extends { key: string; value: number; role?: FigureRole }>(
  found: readonly F[],
  labelled: readonly KeyValue[],
): Score & { missed: KeyValue[]; wrong: F[] } {
  const want = [...labelled];
  const got = found.filter((f) => f.key !== 'other' && ofTheYear(f));
  const wrong: F[] = [];
  let tp = 0;
  for (const f of got) {
    const i = want.findIndex(([k, v]) => k === f.key && Math.abs(v - f.value) < 1e-9);
    if (i >= 0) {
      tp++;
      want.splice(i, 1);
    } else wrong.push(f);
  }
  return { ...score(tp, got.length, labelled.length), missed: want, wrong };
}

/** Figures of a labelled report (see matchFigures). */
export function scoreFigures(r: ReviewResult, l: Label): Score {
  const { tp, predicted, expected } = matchFigures(
    r.figures,
    l.figures.map(([k, v]) => [k, v] as const),
  );
  return score(tp, predicted, expected);
}

/** Parts: each part a label says is present is a positive. */
export function scoreParts(r: ReviewResult, l: Label): Score {
  const keys = Object.keys(l.parts) as (keyof Label['parts'])[];
  const tp = keys.filter((k) => r.parts[k] && l.parts[k]).length;
  return score(tp, keys.filter((k) => r.parts[k]).length, keys.filter((k) => l.parts[k]).length);
}

/**
 * Findings (errors and warnings) matched to labels by rule and a piece of the offending text:
 * a label may mark the problem with some of its context (严格法制宣传教育) and the finding the
 * problem alone (法制宣传), or the other way round, so either text may hold the other. A finding
 * that recurs is reported once with its other places (`also`): it may match a label for each
 * place, and counts as given once for each it matches (at least once).
 * `missed` and `wrong` are what did not match.
 */
export function matchFindings<F extends Pick<Finding, 'rule' | 'severity' | 'text' | 'also'>>(
  found: readonly F[],
  labelled: readonly (readonly [rule: string, text: string])[],
): Score & { missed: (readonly [string, string])[]; wrong: F[] } {
  const want = [...labelled];
  // Longer texts first: a finding's text inside several labels (2020 年 in ( 2015-2020 年)) takes
  // what the findings that are those labels' own leave.
  const got = found.filter((f) => f.severity !== 'info').sort((a, b) => b.text.length - a.text.length);
  const wrong: F[] = [];
  let tp = 0;
  let predicted = 0;
  for (const f of got) {
    let matched = 0;
    for (let places = 1 + (f.also?.length ?? 0); places > 0; places--) {
      const i = want.findIndex(
        ([rule, text]) => rule === f.rule && (f.text.includes(text) || text.includes(f.text)),
      );
      if (i < 0) break;
      matched++;
      want.splice(i, 1);
    }
    tp += matched;
    predicted += Math.max(1, matched);
    if (matched === 0) wrong.push(f);
  }
  return { ...score(tp, predicted, labelled.length), missed: want, wrong };
}

/** Findings of a labelled report (see matchFindings). */
export function scoreFindings(r: ReviewResult, l: Label): Score {
  const { tp, predicted, expected } = matchFindings(r.findings, l.findings);
  return score(tp, predicted, expected);
}
