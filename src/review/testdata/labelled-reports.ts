/**
 * Reports in a folder labelled in its labels.json, scored as a county reads them: figures and
 * findings (precision and recall), each labelled key's headline, the township and the year. Used
 * by `npm run eval:review -- --dir DIR` and by the eval test on the whole reports written for it
 * (`written/reports/`).
 *
 * labels.json: [{ "file": "01.txt", "org": "某某镇", "year": 2024, "figures": [["publicity.events", 28]],
 * "findings": [["rule.id", "text piece"]], "headline": {"publicity.events": 28},
 * "optional"?: [[key, value]], "headline_unsettled"?: [key], "partial"?: true, "published"?: true }]. An org or year of
 * null is one the text never states: right when the reviewer reads none (and says so in a finding).
 * Optional figures are neither right nor false when found, and no miss when not; on a partial copy
 * (the page's opening only) findings about the report's end (parts.*, format.signature) are left out
 * on both sides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, type AnalyseOptions } from '../analyse.ts';
import { reviewHeadline } from '../export.ts';
import { add, empty, matchFigures, matchFindings, type KeyValue, type Score } from '../metrics.ts';
import { readDocument } from '../read.ts';
import type { Figure, ReviewResult } from '../types.ts';

export interface ReportLabel {
  file: string;
  org?: string | null;
  year?: number | null;
  partial?: boolean;
  /** A copy from a government website (no addressee, perhaps no 落款): reviewed with the published profile. */
  published?: boolean;
  figures: [string, number][];
  optional?: [string, number][];
  findings?: [string, string][];
  headline?: Record<string, number>;
  /**
   * Keys whose headline an independent reader could not settle from the text (separate activities,
   * no total): right when the reviewer takes the labelled figure or says it cannot tell (unsure).
   */
  headline_unsettled?: string[];
}

export interface ReportsScore {
  reports: number;
  figures: Score;
  findings: Score;
  headline: { right: number; total: number; asked: number };
  org: { right: number; total: number };
  year: { right: number; total: number };
  /** Per report, each miss and false figure or finding, to tune on. */
  lines: string[];
}

/** Findings about the report's end, which a partial copy does not have. */
const ENDING = /^(parts\.|format\.signature$)/;

/** How the reviewer read a missed figure: under another key, or not at all. */
function missRead(r: ReviewResult, key: string, value: number): string {
  const same = r.figures.filter((f) => Math.abs(f.value - value) < 1e-9 && f.key !== key);
  if (same.length === 0) return ', not read';
  return same.map((f) => `, read as ${f.key} «${f.text}»: ${f.sentence}`).join('');
}

export function scoreLabelledReports(dir: string, opts: AnalyseOptions = {}): ReportsScore {
  const list = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as ReportLabel[];
  let figures = empty();
  let findings = empty();
  const headline = { right: 0, total: 0, asked: 0 };
  const org = { right: 0, total: 0 };
  const year = { right: 0, total: 0 };
  const lines: string[] = [];
  for (const l of list) {
    const r = analyse(
      readDocument(l.file, readFileSync(join(dir, l.file))),
      l.published ? { ...opts, profile: 'published' } : opts,
    );
    lines.push(`=== ${l.file} ${l.org ?? ''} ${l.year ?? ''}`);
    if (l.org !== undefined) {
      org.total++;
      if ((r.org || null) === l.org) org.right++;
      else lines.push(`  ORG got “${r.org}”, want “${l.org}”`);
    }
    if (l.year !== undefined) {
      year.total++;
      if ((r.year ?? null) === l.year) year.right++;
      else lines.push(`  YEAR got ${r.year}, want ${l.year}`);
    }
    // Optional figures: found, they count neither way; not found, they are no miss.
    const optional = [...(l.optional ?? [])];
    const isOptional = (f: Figure) => {
      const i = optional.findIndex(([k, v]) => k === f.key && Math.abs(v - f.value) < 1e-9);
      if (i < 0) return false;
      optional.splice(i, 1);
      return true;
    };
    const m = matchFigures(r.figures, l.figures as KeyValue[]);
    const wrong = m.wrong.filter((f) => !isOptional(f));
    figures = add(figures, { ...m, predicted: m.predicted - (m.wrong.length - wrong.length) });
    for (const [k, v] of m.missed) lines.push(`  FIG MISS ${k}=${v}${missRead(r, k, v)}`);
    for (const f of wrong) lines.push(`  FIG FALSE ${f.key}=${f.value} «${f.text}»: ${f.sentence}`);

    const keep = (rule: string) => !(l.partial && ENDING.test(rule));
    const fm = matchFindings(
      r.findings.filter((f) => keep(f.rule)),
      (l.findings ?? []).filter(([rule]) => keep(rule)),
    );
    findings = add(findings, fm);
    for (const [rule, t] of fm.missed) lines.push(`  FINDING MISS ${rule} «${t}»`);
    for (const f of fm.wrong) lines.push(`  FINDING FALSE ${f.rule} «${f.text.slice(0, 30)}» ${f.message}`);

    // Every labelled key: its labelled headline, else its one labelled value.
    const keys = [...new Set(l.figures.map(([k]) => k))];
    for (const key of keys) {
      const values = [...new Set(l.figures.filter(([x]) => x === key).map(([, v]) => v))];
      const want = l.headline?.[key] ?? (values.length === 1 ? values[0] : undefined);
      if (want === undefined) continue;
      headline.total++;
      const h = reviewHeadline(r, key);
      if (h && Math.abs(h.figure.value - want) < 1e-9) headline.right++;
      else if (h?.unsure && l.headline_unsettled?.includes(key)) {
        headline.right++;
        headline.asked++;
      } else
        lines.push(
          `  HEADLINE ${key}: got ${h ? h.figure.value : '—'}, want ${want}${h ? `（${h.reason}）` : ''}`,
        );
    }
  }
  return { reports: list.length, figures, findings, headline, org, year, lines };
}
