import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findIndicator } from '../catalogue/indicators.ts';
import { statedFigures } from '../cycle/crosscheck.ts';
import { yearPeriod } from '../core/dates.ts';
import type { Db } from '../db/connect.ts';
import { openDb } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { isError, reviewDocuments, type ReviewResult } from '../review/index.ts';
import { uploadedReports } from '../review/upload.ts';
import { ensureDemo } from '../services/demo/index.ts';
import { computeIndicators } from '../services/indicators.ts';
import type { Org } from '../services/orgs.ts';
import { buildReportModel, generateReport, REPORT_FORMATS, type ReportFormat } from '../services/report.ts';
import type { ReportModel } from './model/types.ts';

/**
 * The contract between the report writer and the reviewer: for every township of the demo county
 * and every format, reviewing the generated report finds no warning or error, reads every figure
 * the report prints under its indicator key with the ledger's value, and reads no figure under a
 * key whose value is not the ledger's.
 *
 * Set FAZHI_ROUNDTRIP_OUT=<file> to have the failures written there as a plain-text table.
 */

const TOWNSHIPS = 6;
const DEMO_NOW = '2025-01-20T09:00:00+08:00';

/** One way a report and its review disagree. */
interface Failure {
  readonly township: string;
  readonly format: ReportFormat;
  /** finding | missing | wrongKey | unreadable */
  readonly kind: string;
  readonly detail: string;
}

/** Rates compare to one decimal, counts exactly. */
const same = (a: number, b: number): boolean => Math.round(a * 10) === Math.round(b * 10);
const tally = (xs: readonly string[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
};
const keyValue = (key: string, value: number): string => `${key}=${Math.round(value * 10) / 10}`;

/** The sentence (or line) around an offset, for the failure table. */
function sentenceAt(text: string, at: number): string {
  const from = Math.max(text.lastIndexOf('。', at - 1), text.lastIndexOf('\n', at - 1)) + 1;
  const ends = [text.indexOf('。', at), text.indexOf('\n', at)].filter((i) => i >= 0);
  return text.slice(from, ends.length ? Math.min(...ends) + 1 : text.length).trim();
}

/** What the review of one generated report got wrong, against its model and the ledger. */
function compare(
  where: { township: string; format: ReportFormat },
  model: ReportModel,
  ledger: ReadonlyMap<string, number | null>,
  r: ReviewResult,
): Failure[] {
  const out: Failure[] = [];
  const fail = (kind: string, detail: string) => out.push({ ...where, kind, detail });
  for (const f of r.findings)
    if (f.severity !== 'info') fail('finding', `${f.rule} ${f.message}【${sentenceAt(r.text, f.start)}】`);

  // The body ends at the closing line; the appendix table starts at its title.
  const bodyEnd = r.text.lastIndexOf(model.closing);
  const appendixStart = r.text.indexOf(model.appendix.title, Math.max(0, bodyEnd));
  if (bodyEnd < 0 || appendixStart < 0) fail('structure', `正文结束“${model.closing}”或附件标题未找到`);
  const inBody = r.figures.filter((f) => f.start < bodyEnd);
  const inAppendix = r.figures.filter((f) => appendixStart >= 0 && f.start > appendixStart);

  const missing = (expected: readonly string[], got: readonly string[], region: string) => {
    const have = tally(got);
    for (const [kv, n] of tally(expected)) {
      const m = have.get(kv) ?? 0;
      if (m < n) fail('missing', `${region} ${kv}（印${n}处，读出${m}处）`);
    }
  };
  missing(
    model.figures.filter((f) => f.source.op === 'value').map((f) => keyValue(f.source.key, f.value)),
    inBody.map((f) => keyValue(f.key, f.value)),
    '正文',
  );
  missing(
    model.appendix.rows
      .filter((row) => row.value !== '—')
      .map((row) => keyValue(row.key, Number(row.value.replace(/,/g, '')))),
    inAppendix.map((f) => keyValue(f.key, f.value)),
    '附件',
  );

  // The plan for next year (part 4) states targets: the reviewer reads them under their keys, as
  // its labelled corpus does, but they are not this year's ledger values.
  const top = r.headings.filter((h) => h.level === 1);
  const planAt = top.findIndex((h) => /下一年度|下一步/.test(h.text));
  const plan =
    planAt >= 0 ? { start: top[planAt]!.start, end: top[planAt + 1]?.start ?? bodyEnd } : undefined;
  // So does the year's study plan against what was done (学法计划安排…，按计划完成…): the county's
  // cross-check reads those figures as plans and as parts of the year's study.
  const studyPlan = new Set(
    statedFigures({ ...r, year: model.year })
      .filter((s) => (s.role === 'plan' || s.role === 'part') && s.sentence.includes('学法计划'))
      .map((s) => s.start),
  );
  for (const f of r.figures) {
    if (f.key === 'other' || !findIndicator(f.key)) continue;
    if (plan && f.start >= plan.start && f.start < plan.end) continue;
    if (studyPlan.has(f.start)) continue;
    const v = ledger.get(f.key);
    if (v === null || v === undefined || !same(v, f.value))
      fail(
        'wrongKey',
        `${f.key}=${f.value}（台账${v ?? '无'}）“${r.text.slice(Math.max(0, f.start - 16), f.end + 4).replace(/\n/g, '⏎')}”`,
      );
  }
  return out;
}

const table = (fs: readonly Failure[]): string =>
  fs.map((f) => `${f.township}\t${f.format}\t${f.kind}\t${f.detail}`).join('\n');

describe('generated reports pass their own review', () => {
  let dir: string;
  let h: Db;
  let townships: readonly Org[];
  let year: number;
  const failures: Failure[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-roundtrip-'));
    h = openDb(`sqlite:${join(dir, 'demo.db')}`);
    await migrateToLatest(h);
    const demo = await ensureDemo(h, { now: DEMO_NOW, townships: TOWNSHIPS });
    if (!demo) throw new Error('demo county not created');
    townships = demo.townships;
    year = demo.year;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (failures.length) {
      console.log(`round-trip failures (${failures.length}):\n${table(failures)}`);
      const file = process.env.FAZHI_ROUNDTRIP_OUT;
      if (file) writeFileSync(file, table(failures) + '\n');
    }
  });

  for (let i = 0; i < TOWNSHIPS; i++) {
    it(`township ${i + 1}: every format reviews clean with the ledger's figures`, async () => {
      const org = townships[i]!;
      // A date after the year, so the report is of a full year, not a partial one.
      const now = `${year + 1}-01-20T09:00:00+08:00`;
      const model = await buildReportModel(h, org, year, now);
      const ledger = new Map(
        (await computeIndicators(h, org, yearPeriod(year))).map((v) => [v.key, v.value] as const),
      );
      const mine: Failure[] = [];
      let checked = 0;
      for (const format of REPORT_FORMATS) {
        const where = { township: org.name, format };
        const g = await generateReport(h, { org, year, format, now });
        const [r] = reviewDocuments(uploadedReports(g.fileName, g.bytes));
        if (!r || isError(r)) {
          mine.push({ ...where, kind: 'unreadable', detail: r ? r.error : '无审阅结果' });
          continue;
        }
        checked += r.figures.length;
        mine.push(...compare(where, model, ledger, r));
      }
      failures.push(...mine);
      expect(model.figures.filter((f) => f.source.op === 'value').length).toBeGreaterThan(40);
      expect(checked).toBeGreaterThan(0);
      expect(table(mine)).toBe('');
    }, 60_000);
  }
});
