import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse, figuresOf } from './analyse.ts';
import {
  add,
  empty,
  matchFigures,
  matchFindings,
  scoreFigures,
  scoreFindings,
  scoreParts,
  type Score,
} from './metrics.ts';
import { readDocument } from './read.ts';
import { buildDocxReport, docxLabel } from './testdata/docx-report.ts';
import { labels, type Label } from './testdata/labels.ts';
import { sentences } from './testdata/sentences.ts';
import { scoreLabelledReports } from './testdata/labelled-reports.ts';
import { scoreHeadlines, scoreOpenings, scoreProofread } from './testdata/written.ts';
import type { ReviewResult } from './types.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

async function reviewed(): Promise<{ label: Label; result: ReviewResult }[]> {
  const out = labels.map((label) => ({
    label,
    result: analyse(readDocument(label.file, readFileSync(join(dir, label.file)))),
  }));
  out.push({ label: docxLabel, result: analyse(readDocument(docxLabel.file, await buildDocxReport())) });
  return out;
}

function total(
  rows: { label: Label; result: ReviewResult }[],
  split: Label['split'],
  f: (r: ReviewResult, l: Label) => Score,
): Score {
  return rows.filter((x) => x.label.split === split).reduce((s, x) => add(s, f(x.result, x.label)), empty());
}

const show = (s: Score) =>
  `P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} (${s.tp}/${s.predicted} predicted, ${s.expected} expected)`;

describe('labelled test set', () => {
  it('meets the precision and recall targets', async () => {
    const rows = await reviewed();
    for (const split of ['tune', 'heldout'] as const) {
      const fig = total(rows, split, scoreFigures);
      const parts = total(rows, split, scoreParts);
      const finds = total(rows, split, scoreFindings);
      console.log(
        `[${split}] figures ${show(fig)}\n[${split}] parts ${show(parts)}\n[${split}] findings ${show(finds)}`,
      );
    }
    const held = total(rows, 'heldout', scoreFigures);
    expect(held.precision).toBeGreaterThanOrEqual(0.97);
    expect(held.recall).toBeGreaterThanOrEqual(0.95);
    const tune = total(rows, 'tune', scoreFigures);
    expect(tune.precision).toBeGreaterThanOrEqual(0.97);
    expect(tune.recall).toBeGreaterThanOrEqual(0.95);
    expect(total(rows, 'heldout', scoreParts).recall).toBeGreaterThanOrEqual(0.9);
    expect(total(rows, 'tune', scoreFindings).recall).toBeGreaterThanOrEqual(0.9);
    expect(total(rows, 'tune', scoreFindings).precision).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the GBK file and the generated .docx table', async () => {
    const rows = await reviewed();
    const gbk = rows.find((x) => x.label.file.includes('gbk'))!.result;
    expect(gbk.org).toBe('龙泉乡');
    expect(gbk.title).toBe('龙泉乡2023年法治政府建设工作报告');
    const docx = rows.find((x) => x.label.file.endsWith('.docx'))!.result;
    expect(docx.headings.map((h) => [h.level, h.number])).toEqual([
      [1, '一、'],
      [2, '（一）'],
      [1, '二、'],
      [1, '三、'],
      [2, '（一）'],
    ]);
    expect(docx.figures.find((f) => f.key === 'disputes.resolution_rate')?.value).toBe(96.9);
  });
});

describe('labelled sentences', () => {
  it('cover every wording class and trap, and meet the targets on each split', () => {
    const kinds = new Set(sentences.map((x) => x.kind));
    for (const k of ['materials', 'trainees', 'study', 'events', 'meetings', 'contracts', 'disputes'])
      expect(kinds).toContain(k);
    for (const k of ['trap.rule', 'trap.frequency', 'trap.target', 'rates']) expect(kinds).toContain(k);
    for (const split of ['tune', 'heldout'] as const) {
      const s = sentences
        .filter((x) => x.split === split)
        .reduce((t, x) => add(t, matchFigures(figuresOf(x.text), x.figures)), empty());
      console.log(`[sentences ${split}] figures ${show(s)}`);
      expect(s.precision).toBeGreaterThanOrEqual(0.97);
      expect(s.recall).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('finds no catalogue figure in a trap sentence that states none', () => {
    for (const x of sentences.filter((y) => y.kind.startsWith('trap.') && y.figures.length === 0))
      expect(
        figuresOf(x.text).filter((f) => f.key !== 'other'),
        x.text,
      ).toEqual([]);
  });
});

describe('matching findings to labels', () => {
  it('matches a recurring finding to a label at each of its places, and counts it given once for each', () => {
    const slip = { rule: 'wording.slip', severity: 'warning' as const, text: '标准性文件' };
    // Labelled once, written four times: one right finding.
    const once = matchFindings([{ ...slip, also: [10, 20, 30] }], [['wording.slip', '政府标准性文件']]);
    expect([once.tp, once.predicted, once.expected]).toEqual([1, 1, 1]);
    // Labelled at two places: both right.
    const twice = matchFindings(
      [{ ...slip, also: [10] }],
      [
        ['wording.slip', '政府标准性文件'],
        ['wording.slip', '标准性文件备案'],
        ['wording.jiezhi', '截止'],
      ],
    );
    expect([twice.tp, twice.predicted, twice.expected]).toEqual([2, 2, 3]);
    expect(twice.missed).toEqual([['wording.jiezhi', '截止']]);
    // Not at all: one wrong finding, however many its places.
    const none = matchFindings([{ ...slip, also: [10] }], [['wording.jiezhi', '截止']]);
    expect([none.tp, none.predicted, none.wrong.length]).toEqual([0, 1, 1]);
  });
});

describe('texts written for the test by writers who had not read the rules', () => {
  it('reads the township and the year of all 160 openings', () => {
    const { org, year } = scoreOpenings();
    console.log([...org.misses, ...year.misses].join('\n'));
    expect(org.total).toBe(160);
    expect(org.right).toBeGreaterThanOrEqual(160);
    expect(year.right).toBeGreaterThanOrEqual(160);
  });

  it('reads seventy whole reports as their writers labelled them: figures, findings, headline, township, year', () => {
    const s = scoreLabelledReports(join(dir, 'written/reports'));
    console.log(s.lines.filter((l) => !l.startsWith('===')).join('\n'));
    expect(s.reports).toBe(70);
    expect(s.figures.expected).toBe(2435);
    expect(s.figures.precision).toBeGreaterThanOrEqual(0.97);
    expect(s.figures.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.findings.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.findings.recall).toBeGreaterThanOrEqual(0.9);
    expect(s.headline.right / s.headline.total).toBeGreaterThanOrEqual(0.97);
    expect([s.org.right, s.year.right]).toEqual([70, 70]);
  });

  it('takes the headline a county wants for at least 97% of the keys', () => {
    const s = scoreHeadlines();
    console.log(`[written headlines] ${s.right}/${s.total}`);
    expect(s.total).toBe(487);
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.97);
  });

  it('raises nothing on clean passages and finds the planted problems with precision ≥ 0.95', () => {
    const { clean, flawed, noise } = scoreProofread();
    expect(clean.misses).toEqual([]);
    expect([clean.right, clean.total]).toEqual([40, 40]);
    expect(flawed.right / flawed.total).toBeGreaterThanOrEqual(0.95);
    expect(flawed.right / (flawed.right + noise)).toBeGreaterThanOrEqual(0.95);
  });
});
