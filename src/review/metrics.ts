import type { Label } from './testdata/labels.ts';
import type { ReviewResult } from './types.ts';

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

/** Figures matched one-to-one by key and value (catalogue keys only; `other` is not scored). */
export function scoreFigures(r: ReviewResult, l: Label): Score {
  const want = [...l.figures];
  const got = r.figures.filter((f) => f.key !== 'other');
  let tp = 0;
  for (const f of got) {
    const i = want.findIndex(([k, v]) => k === f.key && Math.abs(v - f.value) < 1e-9);
    if (i >= 0) {
      tp++;
      want.splice(i, 1);
    }
  }
  return score(tp, got.length, l.figures.length);
}

/** Parts: each part a label says is present is a positive. */
export function scoreParts(r: ReviewResult, l: Label): Score {
  const keys = Object.keys(l.parts) as (keyof Label['parts'])[];
  const tp = keys.filter((k) => r.parts[k] && l.parts[k]).length;
  return score(tp, keys.filter((k) => r.parts[k]).length, keys.filter((k) => l.parts[k]).length);
}

/** Findings (errors and warnings) matched one-to-one by rule and a piece of the offending text. */
export function scoreFindings(r: ReviewResult, l: Label): Score {
  const want = [...l.findings];
  const got = r.findings.filter((f) => f.severity !== 'info');
  let tp = 0;
  for (const f of got) {
    const i = want.findIndex(([rule, text]) => rule === f.rule && f.text.includes(text));
    if (i >= 0) {
      tp++;
      want.splice(i, 1);
    }
  }
  return score(tp, got.length, l.findings.length);
}
