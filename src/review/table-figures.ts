import { keyForCount, keyForRate } from './figure-keys.ts';
import { UNITS } from './figures.ts';
import { CN_PERCENT, parseArabic, parseChinesePercent } from './numerals.ts';
import type { Figure, TableRow } from './types.ts';

const CELL =
  /^\s*(近|约|超过)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万)?(余|多)?\s*([^\s\d]{0,4})\s*(以上)?\s*$/;
/** A cell's number, unit as written and approximation; a rate in words (百分之九十八) too. */
function readCell(cell: string): { value: number; unit?: string; qualifier: string | null } | null {
  const m = CELL.exec(cell);
  if (m) return { value: parseArabic(m[2]!, m[3]), unit: m[5], qualifier: m[1] ?? m[4] ?? m[6] ?? null };
  const w = WORDED_CELL.exec(cell);
  const value = w ? parseChinesePercent(w[1]!) : null;
  return value === null ? null : { value, unit: '%', qualifier: null };
}
const WORDED_CELL = new RegExp(`^\\s*${CN_PERCENT.source}\\s*$`);
const unitIn = (s: string) => /[（(]\s*([^（()）]{1,4})\s*[）)]\s*$/.exec(s)?.[1];
const isUnit = (u: string | undefined): u is string =>
  u !== undefined && (UNITS as readonly string[]).includes(u);

/** Columns of last year's figures or of the change: not this year's value of the row. */
const COMPARISON_COLUMN = /上年|去年|上一年|前一年|同比|环比|增减|增幅|增长|变化|比较|对比/;
const labelWords = (label: string) => label.replace(/[（(][^）)]*[）)]\s*$/, '');

/**
 * Figures from tables (.docx, Markdown, HTML), where the row label says what is counted and the
 * unit sits in the cell, the label (排查矛盾纠纷（件）) or the column header (数量（件）). Columns
 * of last year's figures or of the change are skipped. A rate's row is named with the rows just
 * above it (化解率, then 满意率 of the same disputes).
 */
export function tableFigures(tables: readonly TableRow[][]): Figure[] {
  const out: Figure[] = [];
  for (const rows of tables) {
    const header = rows[0]?.cells ?? [];
    const unitCol = header.findIndex((h) => /^单位$|计量单位/.test(h.trim()));
    rows.slice(1).forEach((row, r) => {
      const label = row.cells[0] ?? '';
      const around = rows
        .slice(Math.max(1, r - 1), r + 2)
        .map((x) => labelWords(x.cells[0] ?? ''))
        .join('，');
      let offset = row.start + label.length + 1;
      row.cells.slice(1).forEach((cell, j) => {
        const col = j + 1;
        const cellStart = offset;
        offset += cell.length + 1;
        if (col === unitCol || COMPARISON_COLUMN.test(header[col] ?? '')) return;
        const m = readCell(cell);
        if (!m) return;
        const unit = [
          m.unit === '％' ? '%' : m.unit,
          unitIn(label),
          unitIn(header[col] ?? ''),
          row.cells[unitCol]?.trim(),
        ].find((u) => isUnit(u) || u === '%');
        if (!unit) return;
        const words = labelWords(label);
        const key = unit === '%' ? keyForRate(words, around) : keyForCount(`${words}§`, words, unit);
        const qualifier = m.qualifier;
        const lead = cell.length - cell.trimStart().length;
        const text = cell.trim();
        out.push({
          key,
          value: m.value,
          unit,
          approx: qualifier !== null,
          qualifier,
          text,
          start: cellStart + lead,
          end: cellStart + lead + text.length,
          sentence: row.cells.join('\t'),
          sentenceStart: row.start,
          ...(key === 'other' ? { context: `${words} ${text}` } : {}),
        });
      });
    });
  }
  return out;
}
