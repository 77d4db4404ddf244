import { publicationDeadline } from '../catalogue/report-cycle.ts';
import ExcelJS from 'exceljs';
import { indicators } from '../catalogue/indicators.ts';
import type { IndicatorValue } from '../core/indicators.ts';
import { checkFigures, fmt, type CrossFinding, type FigureToCheck } from './crosscheck.ts';
import { chosenFigure, type HeadlineChoice } from './headlines.ts';

/**
 * The county's comparison workbook (依法治县办): what each township's report states against its
 * ledger, where each figure was said, and when each report was submitted and published. Pure: the
 * caller passes the figures, ledger values, dates and `now`.
 */

/** One township's side of the comparison. */
export interface ComparisonTownship {
  readonly name: string;
  /** The report's state as shown (已报送, 已公开…). */
  readonly state: string;
  /** ISO date or timestamp; null when not (yet) submitted or published. */
  readonly submittedAt: string | null;
  readonly publishedAt: string | null;
  /** The figures its report states (statedFigures of its review); only this year's values are compared. */
  readonly figures: readonly FigureToCheck[];
  /** Its ledger's indicator values for the report's year. */
  readonly ledger: readonly IndicatorValue[];
  /** The county office's confirmed or changed headline figures (headlines.ts). */
  readonly choices?: readonly HeadlineChoice[];
}

export interface ComparisonInput {
  readonly county: string;
  readonly year: number;
  /** The county's submission deadline (ISO date); without it, submission is not judged. */
  readonly submitBy?: string;
  /** Publication deadline (ISO date); default 31 March of the next year (before 1 April). */
  readonly publishBy?: string;
  /** Today (ISO date): a report not yet submitted before its deadline is not late. */
  readonly now?: string;
  readonly townships: readonly ComparisonTownship[];
}

/** The calendar day of an ISO date or timestamp, in China Standard Time (UTC+8, no daylight saving). */
export function dayOf(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso.slice(0, 10);
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

export type Timeliness = 'on_time' | 'late' | 'missing' | 'pending';

export const TIMELINESS_LABEL: Readonly<Record<Timeliness, string>> = {
  on_time: '按期',
  late: '逾期',
  missing: '逾期未完成',
  pending: '未到期',
};

/** Whether a step was done by its deadline: late, missing once the deadline has passed, else pending. */
export function timeliness(done: string | null, deadline: string, now: string | undefined): Timeliness {
  if (done !== null) return dayOf(done) <= deadline ? 'on_time' : 'late';
  return now !== undefined && dayOf(now) <= deadline ? 'pending' : 'missing';
}

/** The publication deadline of a report year: before 1 April of the next year. */
export const publishDeadline = publicationDeadline;

/** A figure's standing against the ledger. */
export type MatchStatus = 'match' | 'mismatch' | 'missing' | 'unchecked';

export const MATCH_LABEL: Readonly<Record<MatchStatus, string>> = {
  match: '一致',
  mismatch: '不一致',
  missing: '台账无记录',
  unchecked: '未核对',
};

/** A township's stated figure with its ledger value and standing. */
export interface ComparedFigure {
  readonly figure: FigureToCheck;
  readonly ledger: IndicatorValue | undefined;
  readonly status: MatchStatus;
  readonly finding: CrossFinding | null;
}

/** Every figure of this year a township states, each with its ledger value and whether they agree. */
export function compareTownship(t: Pick<ComparisonTownship, 'figures' | 'ledger'>): ComparedFigure[] {
  return checkFigures(t.figures, t.ledger).map(({ figure, ledger, finding }) => {
    const status: MatchStatus = finding
      ? finding.kind
      : ledger && (figure.unit === '%') !== (ledger.unit === '%')
        ? 'unchecked'
        : 'match';
    return { figure, ledger, status, finding };
  });
}

/** Fills and fonts: Excel's own 差 (bad) and 中性 (neutral) cell styles, and the header's. */
const FILL = {
  header: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
  mismatch: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
  missing: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } },
} as const satisfies Record<string, ExcelJS.Fill>;
const FONT_COLOUR = { mismatch: 'FF9C0006', missing: 'FF9C5700' } as const;

/** Red for an error (a plain mismatch), yellow for a warning (no ledger records, a loose or partial figure). */
function mark(cell: ExcelJS.Cell, finding: Pick<CrossFinding, 'severity'> | null): void {
  if (!finding) return;
  const tone = finding.severity === 'error' ? 'mismatch' : 'missing';
  cell.fill = FILL[tone];
  cell.font = { color: { argb: FONT_COLOUR[tone] } };
}

const LATE = { severity: 'error' } as const;

function header(
  ws: ExcelJS.Worksheet,
  titles: readonly string[],
  widths: readonly number[],
  xSplit = 0,
): void {
  const row = ws.addRow([...titles]);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((c) => (c.fill = FILL.header));
  ws.views = [{ state: 'frozen', xSplit, ySplit: 1 }];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: titles.length } };
}

const numFmt = (unit: string): string => (unit === '%' ? '0.0' : '0');

/** Sheet 1: indicators down, two columns per township (报告 | 台账), mismatches highlighted with a note. */
function comparisonSheet(wb: ExcelJS.Workbook, input: ComparisonInput, compared: ComparedFigure[][]): void {
  const ws = wb.addWorksheet('指标对比');
  const used = (key: string) =>
    input.townships.some(
      (t, i) =>
        compared[i]!.some((c) => c.figure.key === key) ||
        t.ledger.some((v) => v.key === key && v.records > 0 && v.value !== null),
    );
  const rows = indicators.filter((ind) => used(ind.key));
  header(
    ws,
    ['指标', '单位', ...input.townships.flatMap((t) => [`${t.name}｜报告`, `${t.name}｜台账`])],
    [30, 6, ...input.townships.flatMap(() => [12, 12])],
    2,
  );
  for (const ind of rows) {
    const row = ws.addRow([ind.label, ind.unit]);
    input.townships.forEach((t, i) => {
      const stated = compared[i]!.filter((c) => c.figure.key === ind.key);
      const ledger = t.ledger.find((v) => v.key === ind.key);
      const rc = row.getCell(3 + 2 * i);
      const lc = row.getCell(4 + 2 * i);
      // The headline figure, not merely the first: this year's total rather than a part of it,
      // or the figure a person confirmed or chose instead (which may be any the report states).
      const own = t.figures.filter((f) => f.key === ind.key);
      const choices = t.choices ?? [];
      const chosen =
        stated.length || choices.some((c) => c.key === ind.key) ? chosenFigure(own, ind.key, choices) : null;
      if (chosen) rc.value = chosen.figure.value;
      if (ledger && ledger.value !== null && ledger.records > 0) lc.value = ledger.value;
      rc.numFmt = lc.numFmt = numFmt(ind.unit);
      const bad =
        stated.find((c) => c.finding?.severity === 'error')?.finding ??
        stated.find((c) => c.finding)?.finding;
      if (bad) {
        mark(rc, bad);
        mark(lc, bad);
      }
      const notes = [
        ...stated.filter((c) => c.finding).map((c) => c.finding!.message),
        ...(own.length > 1 && chosen
          ? [
              `报告中该指标出现${own.length}处：${own.map(figureText).join('、')}`,
              chosen.reason,
              ...(chosen.choice ? [] : ['取数尚未经人工确认']),
            ]
          : []),
        ...(chosen?.figure.approx ? [`原文为约数“${figureText(chosen.figure)}”`] : []),
      ];
      if (notes.length) rc.note = notes.join('\n');
    });
  }
}

const figureText = (f: FigureToCheck): string => f.text ?? `${fmt(f.value)}${f.unit}`;
const text = (c: ComparedFigure): string => figureText(c.figure);

/** Sheet 2: one row per township and stated figure, with the sentence it was stated in. */
function sourcesSheet(wb: ExcelJS.Workbook, input: ComparisonInput, compared: ComparedFigure[][]): void {
  const ws = wb.addWorksheet('数据出处');
  header(
    ws,
    [
      '乡镇',
      '指标',
      '报告数值',
      '单位',
      '原文',
      '出处（报告原句）',
      '台账数值',
      '台账单位',
      '核对结果',
      '说明',
    ],
    [14, 28, 11, 7, 14, 60, 11, 8, 11, 50],
    2,
  );
  const order = new Map(indicators.map((ind, i) => [ind.key, i]));
  input.townships.forEach((t, i) => {
    const list = [...compared[i]!].sort(
      (a, b) => (order.get(a.figure.key) ?? 999) - (order.get(b.figure.key) ?? 999),
    );
    for (const c of list) {
      const label = c.figure.label ?? indicators.find((x) => x.key === c.figure.key)?.label ?? c.figure.key;
      const ledger = c.ledger && c.ledger.records > 0 ? c.ledger.value : null;
      const row = ws.addRow([
        t.name,
        label,
        c.figure.value,
        c.figure.unit,
        text(c),
        c.figure.sentence,
        ledger,
        c.ledger?.unit ?? '',
        MATCH_LABEL[c.status],
        c.finding?.message ?? '',
      ]);
      row.getCell(3).numFmt = row.getCell(7).numFmt = numFmt(c.figure.unit);
      row.getCell(6).alignment = row.getCell(10).alignment = { wrapText: true, vertical: 'top' };
      mark(row.getCell(9), c.finding);
      if (c.status === 'mismatch') mark(row.getCell(7), c.finding);
    }
  });
}

/** Sheet 3: each township's state, submission and publication dates, and whether they were on time. */
function datesSheet(wb: ExcelJS.Workbook, input: ComparisonInput, compared: ComparedFigure[][]): void {
  const ws = wb.addWorksheet('提交与公开');
  const publishBy = input.publishBy ?? publishDeadline(input.year);
  header(
    ws,
    [
      '乡镇',
      '状态',
      '报送日期',
      '按期报送',
      '公开日期',
      '按期公开',
      '报告数据',
      '与台账不一致',
      '台账无记录',
    ],
    [14, 12, 12, 12, 12, 12, 10, 13, 11],
    1,
  );
  input.townships.forEach((t, i) => {
    const sub = input.submitBy ? timeliness(t.submittedAt, input.submitBy, input.now) : null;
    const pub = timeliness(t.publishedAt, publishBy, input.now);
    const count = (s: MatchStatus) => compared[i]!.filter((c) => c.status === s).length;
    const row = ws.addRow([
      t.name,
      t.state,
      t.submittedAt ? dayOf(t.submittedAt) : '',
      sub ? TIMELINESS_LABEL[sub] : '',
      t.publishedAt ? dayOf(t.publishedAt) : '',
      TIMELINESS_LABEL[pub],
      compared[i]!.length,
      count('mismatch'),
      count('missing'),
    ]);
    if (sub === 'late' || sub === 'missing') mark(row.getCell(4), LATE);
    if (pub === 'late' || pub === 'missing') mark(row.getCell(6), LATE);
    if (count('mismatch') > 0) mark(row.getCell(8), LATE);
  });
}

/**
 * The county's comparison workbook: 指标对比 (indicators by township, report beside ledger),
 * 数据出处 (each stated figure with its sentence and ledger value) and 提交与公开 (dates and
 * deadlines). Mismatches are filled red, figures without ledger records yellow.
 */
export async function comparisonWorkbook(input: ComparisonInput): Promise<Buffer> {
  const compared = input.townships.map(compareTownship);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fazhi';
  wb.title = `${input.county}${input.year}年度各乡镇（街道）法治政府建设年度报告数据对比`;
  comparisonSheet(wb, input, compared);
  sourcesSheet(wb, input, compared);
  datesSheet(wb, input, compared);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
