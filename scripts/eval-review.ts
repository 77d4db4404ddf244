/**
 * The reviewer's evaluation, repeatable: precision and recall of figures and findings on the
 * repository's labelled reports (src/review/testdata/labels.ts, per split), labelled sentences
 * (testdata/sentences.ts, per split) and texts written for the test (testdata/written.ts: township
 * and year of openings, headlines, clean and flawed passages); with `--dir DIR`, also on the reports in DIR labelled in
 * DIR/labels.json, with each miss and each false figure or finding, headline accuracy and
 * organisation and year.
 *
 *   npm run eval:review [-- --dir DIR [--published]] [--quiet]
 *
 * labels.json: [{ "file": "01.txt", "org": "某某镇", "year": 2024, "figures": [["publicity.events", 28]],
 * "findings": [["rule.id", "text piece"]], "headline": {"publicity.events": 28},
 * "optional"?: [[key, value]], "headline_unsettled"?: [key], "partial"?: true }]. An org or year of null is one the text never
 * states: right when the reviewer reads none (and says so in a finding). Optional figures are neither right nor false
 * when found, and no miss when not; on a partial copy (the page's opening only) findings about the
 * report's end (parts.*, format.signature) are left out on both sides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, figuresOf } from '../src/review/analyse.ts';
import { reviewHeadline } from '../src/review/export.ts';
import {
  add,
  empty,
  matchFigures,
  matchFindings,
  scoreFigures,
  scoreFindings,
  type KeyValue,
  type Score,
} from '../src/review/metrics.ts';
import { readDocument } from '../src/review/read.ts';
import { buildDocxReport, docxLabel } from '../src/review/testdata/docx-report.ts';
import { labels } from '../src/review/testdata/labels.ts';
import { sentences } from '../src/review/testdata/sentences.ts';
import { scoreHeadlines, scoreOpenings, scoreProofread } from '../src/review/testdata/written.ts';
import type { Figure, ReviewResult } from '../src/review/types.ts';

interface DirLabel {
  file: string;
  org?: string | null;
  year?: number | null;
  partial?: boolean;
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

const args = process.argv.slice(2);
const dirAt = args.indexOf('--dir');
const dir = dirAt >= 0 ? args[dirAt + 1] : undefined;
const quiet = args.includes('--quiet');
/** --published: the folder's reports are copies from government websites (no addressee, no 其他). */
const dirOptions = {
  year: undefined,
  ...(args.includes('--published') ? { profile: 'published' as const } : {}),
};
if (dirAt >= 0 && !dir) {
  console.error('用法：npm run eval:review -- [--dir 目录 [--published]] [--quiet]');
  process.exit(2);
}

const show = (name: string, s: Score) =>
  `${name.padEnd(9)} P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} (${s.tp} right of ${s.predicted} given, ${s.expected} labelled)`;
const testdata = join(import.meta.dirname, '../src/review/testdata');

// 1. The repository's labelled reports, per split.
const rows = labels.map((label) => ({
  label,
  result: analyse(readDocument(label.file, readFileSync(join(testdata, label.file)))),
}));
rows.push({ label: docxLabel, result: analyse(readDocument(docxLabel.file, await buildDocxReport())) });
for (const split of ['tune', 'heldout'] as const) {
  const mine = rows.filter((x) => x.label.split === split);
  const fig = mine.reduce((t, x) => add(t, scoreFigures(x.result, x.label)), empty());
  const find = mine.reduce((t, x) => add(t, scoreFindings(x.result, x.label)), empty());
  console.log(`[testdata ${split}, ${mine.length} reports]`);
  console.log(`  ${show('figures', fig)}`);
  console.log(`  ${show('findings', find)}`);
}

// 2. The labelled sentences, per split.
for (const split of ['tune', 'heldout'] as const) {
  const mine = sentences.filter((x) => x.split === split);
  let t = empty();
  for (const x of mine) {
    const m = matchFigures(figuresOf(x.text), x.figures);
    t = add(t, m);
    if (quiet) continue;
    for (const [k, v] of m.missed) console.log(`  MISS ${k}=${v} (${x.kind}): ${x.text}`);
    for (const f of m.wrong) console.log(`  FALSE ${f.key}=${f.value} (${x.kind}): ${x.text}`);
  }
  console.log(`[sentences ${split}, ${mine.length} sentences]`);
  console.log(`  ${show('figures', t)}`);
}

// 3. Texts written for the test by writers who had not read the rules.
{
  const { org, year } = scoreOpenings();
  const heads = scoreHeadlines();
  const { clean, flawed, noise } = scoreProofread();
  if (!quiet)
    for (const m of [...org.misses, ...year.misses, ...heads.misses, ...clean.misses, ...flawed.misses])
      console.log(`  ${m}`);
  console.log(
    `[written openings, ${org.total}]  org ${org.right}/${org.total}   year ${year.right}/${year.total}`,
  );
  console.log(`[written headlines, ${heads.total} keys]  right ${heads.right}/${heads.total}`);
  console.log(
    `[written passages]  clean without a finding ${clean.right}/${clean.total}   planted problem found ${flawed.right}/${flawed.total}   other findings ${noise}`,
  );
}

// 4. Reports in a folder, labelled in its labels.json.
if (dir) {
  const list = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as DirLabel[];
  /** Findings about the report's end, which a partial copy does not have. */
  const ENDING = /^(parts\.|format\.signature$)/;
  let fig = empty();
  let find = empty();
  let org = 0;
  let year = 0;
  let head = 0;
  let heads = 0;
  let asked = 0;
  const out: string[] = [];
  for (const l of list) {
    const r: ReviewResult = analyse(readDocument(l.file, readFileSync(join(dir, l.file))), dirOptions);
    out.push(`=== ${l.file} ${l.org ?? ''} ${l.year ?? ''}`);
    if (l.org !== undefined) {
      if ((r.org || null) === l.org) org++;
      else out.push(`  ORG got “${r.org}”, want “${l.org}”`);
    }
    if (l.year !== undefined) {
      if ((r.year ?? null) === l.year) year++;
      else out.push(`  YEAR got ${r.year}, want ${l.year}`);
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
    fig = add(fig, { ...m, predicted: m.predicted - (m.wrong.length - wrong.length) });
    for (const [k, v] of m.missed) out.push(`  FIG MISS ${k}=${v}${missRead(r, k, v)}`);
    for (const f of wrong) out.push(`  FIG FALSE ${f.key}=${f.value} «${f.text}»: ${f.sentence}`);

    const keep = (rule: string) => !(l.partial && ENDING.test(rule));
    const fm = matchFindings(
      r.findings.filter((f) => keep(f.rule)),
      (l.findings ?? []).filter(([rule]) => keep(rule)),
    );
    find = add(find, fm);
    for (const [rule, t] of fm.missed) out.push(`  FINDING MISS ${rule} «${t}»`);
    for (const f of fm.wrong) out.push(`  FINDING FALSE ${f.rule} «${f.text.slice(0, 30)}» ${f.message}`);

    // Every labelled key: its labelled headline, else its one labelled value.
    const keys = [...new Set(l.figures.map(([k]) => k))];
    const wanted = keys.flatMap((k) => {
      const values = [...new Set(l.figures.filter(([x]) => x === k).map(([, v]) => v))];
      const want = l.headline?.[k] ?? (values.length === 1 ? values[0] : undefined);
      return want === undefined ? [] : [[k, want] as const];
    });
    for (const [key, want] of wanted) {
      heads++;
      const h = reviewHeadline(r, key);
      if (h && Math.abs(h.figure.value - want) < 1e-9) head++;
      else if (h?.unsure && l.headline_unsettled?.includes(key)) {
        head++;
        asked++;
      } else
        out.push(
          `  HEADLINE ${key}: got ${h ? h.figure.value : '—'}, want ${want}${h ? `（${h.reason}）` : ''}`,
        );
    }
  }
  if (!quiet) console.log(out.join('\n'));
  console.log(`[${dir}, ${list.length} reports]`);
  console.log(`  ${show('figures', fig)}`);
  console.log(`  ${show('findings', find)}  [warnings and errors]`);
  console.log(
    `  headline  ${head}/${heads} right (labelled keys${asked ? `; ${asked} unsettled, left to a person` : ''})   org ${org}/${list.filter((l) => l.org !== undefined).length} labelled   year ${year}/${list.filter((l) => l.year !== undefined).length} labelled`,
  );
}

/** How the reviewer read a missed figure: under another key, or not at all. */
function missRead(r: ReviewResult, key: string, value: number): string {
  const same = r.figures.filter((f) => Math.abs(f.value - value) < 1e-9 && f.key !== key);
  if (same.length === 0) return ', not read';
  return same.map((f) => `, read as ${f.key} «${f.text}»: ${f.sentence}`).join('');
}
