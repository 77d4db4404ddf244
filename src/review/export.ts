import ExcelJS from 'exceljs';
import { indicators } from '../catalogue/indicators.ts';
import { headline, type Headline } from './headline.ts';
import { sections } from './parts.ts';
import type { Figure, ReviewResult } from './types.ts';

export interface FiguresTable {
  header: string[];
  rows: (string | number | null)[][];
  /** Per row, per key column: the headline choice behind the cell (null: no figure). */
  headlines?: (Headline<Figure> | null)[][];
}

/**
 * The headline figure of each key in one review. Its figures carry their role (the 下一年度 part's
 * are plans); a review stored before they did has its plans found from its sections here.
 */
export function reviewHeadline(r: ReviewResult, key: string): Headline<Figure> | null {
  if (r.figures.every((f) => f.role)) return headline(r.figures, key);
  const plan = sections(r.text, r.headings).filter((s) => s.part === 'nextYear');
  return headline(r.figures, key, {
    planAt: (pos) => plan.some((s) => pos >= s.heading.start && pos < s.end),
  });
}

/**
 * The county comparison table: one row per report, one column per catalogue key that any report
 * gives. A key given several times shows its headline figure (see headline.ts), with the reason
 * and the alternatives kept beside it for a person to confirm; 余/多/近… mark approximate values.
 */
export function figuresTable(results: readonly ReviewResult[]): FiguresTable {
  const keys = indicators
    .map((i) => i.key)
    .filter((k) => results.some((r) => r.figures.some((f) => f.key === k)));
  const label = new Map(indicators.map((i) => [i.key, `${i.label}（${i.unit}）`]));
  const header = ['文件', '乡镇', '年度', ...keys.map((k) => label.get(k) ?? k)];
  const headlines = results.map((r) => keys.map((k) => reviewHeadline(r, k)));
  const rows = results.map((r, i) => [
    r.file,
    r.org,
    r.year,
    ...headlines[i]!.map((h) => {
      const f = h?.figure;
      return f ? (f.approx ? `${f.value}${f.qualifier ?? ''}` : f.value) : null;
    }),
  ]);
  return { header, rows, headlines };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** CSV with a BOM so Excel opens the Chinese text as UTF-8. */
export function toCsv(t: FiguresTable): string {
  return '\uFEFF' + [t.header, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function toXlsx(t: FiguresTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标对比');
  ws.addRow(t.header).font = { bold: true };
  t.rows.forEach((r, i) => {
    const row = ws.addRow(r);
    // A cell chosen among several figures carries the reason and the others, to be confirmed.
    t.headlines?.[i]?.forEach((h, j) => {
      if (!h || h.alternatives.length === 0) return;
      row.getCell(4 + j).note = [h.reason, '其他数值：', ...h.alternatives.map((a) => a.note)].join('\n');
    });
  });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  ws.columns.forEach((c, i) => (c.width = i < 2 ? 24 : 14));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
