import { analyse } from './analyse.ts';
import { validateRules } from './findings.ts';
import { readDocument, UnreadableError } from './read.ts';
import { rules as builtInRules, type RuleSpec } from './rules.ts';
import { compareBatch } from './similarity.ts';
import type { ReviewOutcome, ReviewResult } from './types.ts';
import { isError } from './types.ts';

export type {
  ReviewOutcome,
  ReviewResult,
  ReviewError,
  Figure,
  Finding,
  Heading,
  Parts,
  Similarity,
} from './types.ts';
export { isError } from './types.ts';
export { figuresTable, toCsv, toXlsx } from './export.ts';
export { renderHtml } from './html.ts';
export { rules, type RuleSpec } from './rules.ts';

export interface ReviewOptions {
  /** The reports' year when the text does not say it. */
  year?: number;
  /** Rules added to the built-in table (same shape, e.g. loaded from JSON). */
  extraRules?: readonly RuleSpec[];
  /** Compare the documents with each other (default: when there are two or more). */
  compare?: boolean;
}

/**
 * The reviewer service: reads each file, analyses it and compares the batch. A file that cannot
 * be read gives `{file, error}` with a Chinese message; the others go on.
 */
export function reviewDocuments(
  files: readonly { name: string; bytes: Uint8Array }[],
  opts: ReviewOptions = {},
): ReviewOutcome[] {
  const rules = opts.extraRules?.length ? [...builtInRules, ...opts.extraRules] : builtInRules;
  const bad = validateRules(opts.extraRules ?? []);
  if (bad.length) throw new Error(bad.join('；'));
  const out: ReviewOutcome[] = files.map((f) => {
    try {
      return analyse(readDocument(f.name, f.bytes), { year: opts.year, rules });
    } catch (e) {
      if (e instanceof UnreadableError) return { file: f.name, error: e.message };
      return { file: f.name, error: `无法读取：${e instanceof Error ? e.message : String(e)}` };
    }
  });
  const ok = out.filter((r): r is ReviewResult => !isError(r));
  if ((opts.compare ?? ok.length > 1) && ok.length > 1) {
    const sims = compareBatch(
      ok.map((r) => ({
        name: r.file,
        text: r.text,
        masks: r.headings.map((h) => [h.start, h.start + h.number.length + h.text.length] as const),
      })),
    );
    ok.forEach((r, i) => (r.similarity = sims[i] ?? []));
  }
  return out;
}
