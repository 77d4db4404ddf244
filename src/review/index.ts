import { analyse, type Profile } from './analyse.ts';
import { validateRules } from './findings.ts';
import { readDocument, UnreadableError } from './read.ts';
import { rules as builtInRules, type RuleSpec } from './rules.ts';
import { compareAll } from './similarity.ts';
import type { ReviewOutcome, ReviewResult, SourceDoc } from './types.ts';
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
export type { Profile } from './analyse.ts';

/**
 * Most characters of text a report may hold once extracted: a township's annual report is 5,000–
 * 20,000 characters, and the review's time and memory grow with the text, not the file's size.
 */
export const MAX_TEXT_CHARS = 2_000_000;

/** Reads a report and refuses one whose text is past MAX_TEXT_CHARS. */
function readBounded(name: string, bytes: Uint8Array): SourceDoc {
  const doc = readDocument(name, bytes);
  if (doc.text.length > MAX_TEXT_CHARS)
    throw new UnreadableError(
      `文本过长（${Math.ceil(doc.text.length / 1_000) / 10} 万字），上限为 ${MAX_TEXT_CHARS / 10_000} 万字：请确认上传的是年度报告`,
    );
  return doc;
}

export interface ReviewOptions {
  /** The reports' year when the text does not say it. */
  year?: number;
  /** Rules added to the built-in table (same shape, e.g. loaded from JSON). */
  extraRules?: readonly RuleSpec[];
  /** Compare the documents with each other (default: when there are two or more). */
  compare?: boolean;
  /** `published`: copies from a government website, without addressee or 其他情况 notices. */
  profile?: Profile;
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
      return analyse(readBounded(f.name, f.bytes), { year: opts.year, rules, profile: opts.profile });
    } catch (e) {
      if (e instanceof UnreadableError) return { file: f.name, error: e.message };
      // An unexpected failure: its message is shown only when it is one of ours (Chinese).
      const msg = e instanceof Error ? e.message : String(e);
      return { file: f.name, error: /[\u4e00-\u9fa5]/.test(msg) ? msg : '文件内容无法解析，审阅未完成' };
    }
  });
  const ok = out.filter((r): r is ReviewResult => !isError(r));
  if ((opts.compare ?? ok.length > 1) && ok.length > 1) {
    const { similarity: sims, templates } = compareAll(
      ok.map((r) => ({
        name: r.file,
        text: r.text,
        masks: r.headings.map((h) => [h.start, h.start + h.number.length + h.text.length] as const),
      })),
    );
    ok.forEach((r, i) => (r.similarity = sims[i] ?? []));
    const spec = rules.find((x) => x.id === 'similarity.template');
    if (spec)
      ok.forEach((r, i) => {
        for (const t of templates[i] ?? [])
          r.findings.push({
            rule: spec.id,
            severity: spec.severity,
            message: spec.message
              .replace('{count}', String(t.reports.length))
              .replace('{reports}', t.reports.filter((n) => n !== r.file).join('、')),
            text: t.text,
            start: t.start,
            reports: t.reports,
          });
        r.findings.sort((a, b) => a.start - b.start);
      });
  }
  return out;
}
