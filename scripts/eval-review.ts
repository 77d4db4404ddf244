/**
 * The reviewer's evaluation, repeatable: precision and recall of figures and findings on the
 * repository's labelled reports (src/review/testdata/labels.ts, per split), labelled sentences
 * (testdata/sentences.ts, per split), texts written for the test (testdata/written.ts: township
 * and year of openings, headlines, clean and flawed passages) and whole reports written for it
 * (testdata/written/reports); with `--dir DIR`, also on the reports in DIR labelled in
 * DIR/labels.json (see testdata/labelled-reports.ts), with each miss and each false figure or
 * finding, headline accuracy and organisation and year.
 *
 *   npm run eval:review [-- --dir DIR [--published]] [--quiet]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, figuresOf } from '../src/review/analyse.ts';
import { add, empty, matchFigures, scoreFigures, scoreFindings, type Score } from '../src/review/metrics.ts';
import { readDocument } from '../src/review/read.ts';
import { buildDocxReport, docxLabel } from '../src/review/testdata/docx-report.ts';
import { labels } from '../src/review/testdata/labels.ts';
import { scoreLabelledReports, type ReportsScore } from '../src/review/testdata/labelled-reports.ts';
import { sentences } from '../src/review/testdata/sentences.ts';
import { scoreHeadlines, scoreOpenings, scoreProofread } from '../src/review/testdata/written.ts';

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

// 4. Whole reports written for the test, and reports in a folder, labelled in their labels.json.
const showReports = (name: string, x: ReportsScore) => {
  if (!quiet) console.log(x.lines.join('\n'));
  console.log(`[${name}, ${x.reports} reports]`);
  console.log(`  ${show('figures', x.figures)}`);
  console.log(`  ${show('findings', x.findings)}  [warnings and errors]`);
  console.log(
    `  headline  ${x.headline.right}/${x.headline.total} right (labelled keys${x.headline.asked ? `; ${x.headline.asked} unsettled, left to a person` : ''})   org ${x.org.right}/${x.org.total} labelled   year ${x.year.right}/${x.year.total} labelled`,
  );
};
showReports('written reports', scoreLabelledReports(join(testdata, 'written/reports')));
if (dir) showReports(dir, scoreLabelledReports(dir, dirOptions));
