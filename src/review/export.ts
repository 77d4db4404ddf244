import ExcelJS from 'exceljs';
import { indicators } from '../catalogue/indicators.ts';
import type { ReviewResult } from './types.ts';

export interface FiguresTable {
  header: string[];
  rows: (string | number | null)[][];
}

/**
 * The county comparison table: one row per report, one column per catalogue key that any report
 * gives. A key given several times takes its first figure (the headline one); ≈ marks approximate.
 */
export function figuresTable(results: readonly ReviewResult[]): FiguresTable {
  const keys = indicators
    .map((i) => i.key)
    .filter((k) => results.some((r) => r.figures.some((f) => f.key === k)));
  const label = new Map(indicators.map((i) => [i.key, `${i.label}（${i.unit}）`]));
  const header = ['文件', '乡镇', '年度', ...keys.map((k) => label.get(k) ?? k)];
  const rows = results.map((r) => [
    r.file,
    r.org,
    r.year,
    ...keys.map((k) => {
      const f = r.figures.find((x) => x.key === k);
      return f ? (f.approx ? `${f.value}${f.qualifier ?? ''}` : f.value) : null;
    }),
  ]);
  return { header, rows };
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
  for (const r of t.rows) ws.addRow(r);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  ws.columns.forEach((c, i) => (c.width = i < 2 ? 24 : 14));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
