import { keyForCount, keyForRate } from './figure-keys.ts';
import { COLUMN_GAP, linesOf } from './lines.ts';
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
 * A column header's words that say what of the row is counted (排查（件）, 化解（件）): not a column
 * of values as such (数量, 数值, 本年, 2024年, 合计).
 */
const headerWords = (header: string) => {
  const w = labelWords(header).trim();
  return w.length > 6 ||
    /^(?:项目|类别|名称|内容|数量|数值|指标|数据|本年|今年|本年度|全年|合计|总计|完成数|完成情况|次数|件数|人数|20\d{2}年?度?)?$/.test(
      w,
    )
    ? ''
    : w;
};

/**
 * Figures from tables (.docx, Markdown, HTML), where the row label says what is counted and the
 * unit sits in the cell, the label (排查矛盾纠纷（件）) or the column header (数量（件）). Columns
 * of last year's figures or of the change are skipped. A rate's row is named with the rows just
 * above it (化解率, then 满意率 of the same disputes).
 */
export function tableFigures(tables: readonly TableRow[][]): Figure[] {
  const out: Figure[] = [];
  for (const rows of tables) {
    const first = out.length;
    const header = rows[0]?.cells ?? [];
    const unitCol = header.findIndex((h) => /^单位$|计量单位/.test(h.trim()));
    // A first column of numbers or kinds (序号, 类别) does not name the row: the column after it does.
    const labelCol = labelColumn(header);
    // The kind the rows are of, from their column's header (纠纷类型 → 婚姻家庭纠纷).
    const kind = labelWords(header[labelCol] ?? '')
      .replace(/类型|类别|种类|分类|名称|项目/g, '')
      .trim();
    // The figures of a total row (合计), whose rows above are its parts.
    const totals = new Set<Figure>();
    rows.slice(1).forEach((row, r) => {
      const label = row.cells[labelCol] ?? '';
      const isTotal = TOTAL_LABEL.test(label);
      const around = rows
        .slice(Math.max(1, r - 1), r + 2)
        .map((x) => labelWords(x.cells[labelCol] ?? ''))
        .join('，');
      let offset = row.start;
      row.cells.forEach((cell, col) => {
        const cellStart = row.cellStarts?.[col] ?? offset;
        offset += cell.length + 1;
        if (col <= labelCol || col === unitCol || COMPARISON_COLUMN.test(header[col] ?? '')) return;
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
        // A row of kinds (婚姻家庭纠纷) under columns of what was done with them (排查, 化解).
        const what = headerWords(header[col] ?? '');
        const named = kind && !words.includes(kind) ? `${words}${kind}` : words;
        const countKey = () => {
          const both = what && keyForCount(`${what}${named}§`, `${what}${named}`, unit);
          return both && both !== 'other' ? both : keyForCount(`${words}§`, words, unit);
        };
        const key = unit === '%' ? keyForRate(words, around) : countKey();
        const qualifier = m.qualifier;
        const lead = cell.length - cell.trimStart().length;
        const text = cell.trim();
        const figure: Figure = {
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
        };
        out.push(figure);
        if (isTotal) totals.add(figure);
      });
    });
    // The rows above a total row (合计) are its parts, key by key, back to the total before it.
    const pending = new Map<string, Figure[]>();
    for (const f of out.slice(first)) {
      const above = pending.get(f.key) ?? [];
      if (!totals.has(f)) above.push(f);
      else {
        for (const part of above) if (part.value <= f.value) part.role = 'part';
        above.length = 0;
      }
      pending.set(f.key, above);
    }
  }
  return out;
}
/** A table's total row: its label. */
const TOTAL_LABEL = /^\s*(?:合计|总计|共计|小计|总数)\s*$/;

/** A column header that names the rows (项目, 指标名称, 工作内容). */
const LABEL_HEAD = /^(?:项目|指标|指标名称|项目名称|名称|内容|事项|工作内容)$/;
/** Columns before the rows' names that number or sort them. */
const LEAD_HEAD = /^(?:序号|编号|类别|分类)$/;

/**
 * The column that names a table's rows: the first, unless columns that number or sort them (序号,
 * 类别) come first: then the one after them that says it names them (指标), else after a 序号 the
 * next one.
 */
function labelColumn(header: readonly string[]): number {
  const heads = header.map((h) => labelWords(h).trim());
  if (!LEAD_HEAD.test(heads[0] ?? '')) return 0;
  const lead = heads.findIndex((h) => !LEAD_HEAD.test(h));
  if (lead > 0 && /项目|指标|名称|内容|事项/.test(heads[lead]!)) return lead;
  return /^(?:序号|编号)$/.test(heads[0]!) && heads.length > 2 ? 1 : 0;
}

const NAME = '[\\u4e00-\\u9fa5]{2,16}';
const UNIT_P = `[（(](?:${[...UNITS, '％'].join('|')})[）)]`;
const NUM = '\\d{1,9}(?:\\.\\d{1,4})?';
/** Between two columns: one mark, blanks around it (not a tab as blank and mark both: one way to read it). */
const SEP = '[ \\u3000]{0,2}[｜|\\t][ \\u3000]{0,2}';
const GAP = '[ \\t\\u3000]{0,4}';
/** A row of a table flattened into prose: its label with the unit, then one to four values (排查矛盾纠纷（件） 94). */
const FLAT_ROW = new RegExp(
  `(${NAME}${UNIT_P})${GAP}[:：]?${GAP}(${NUM}(?:[ \\t\\u3000｜|]{1,5}${NUM}){0,3})(?![\\d.%％\\u4e00-\\u9fa5（(])`,
  'g',
);
/** A flattened table's columns: labels, then their values in order (执法检查（次）｜发现问题（个）：45｜67). */
const FLAT_COLUMNS = new RegExp(
  `((?:${NAME}${UNIT_P}${SEP}){1,11}${NAME}${UNIT_P})${GAP}[:：\\n]${GAP}(${NUM}(?:${SEP}${NUM}){1,11})`,
  'g',
);
const NUMS = new RegExp(NUM, 'g');
const LABELS = new RegExp(`${NAME}${UNIT_P}`, 'g');
/** The header of a flattened table with a column per year (项目 上年 本年; 2023年 2024年), just before its rows. */
const YEAR_HEADER =
  /(上年|去年|上一年|20\d{2}年?)[ \t\u3000]+(本年|今年|本年度|20\d{2}年?)[ \t\u3000]*[；;：:\n]?[ \t\u3000]*$/;

/** Values of a match with their offsets in the text. */
const valuesAt = (values: string, at: number) =>
  [...values.matchAll(NUMS)].map((v) => ({ text: v[0], start: at + v.index }));

/**
 * Tables a web page flattened into prose (排查矛盾纠纷（件） 94 化解（件） 92 化解率（%） 97.9;
 * 项目 上年 本年；排查纠纷（件） 120 134), as rows for tableFigures: one value per row, or one per
 * year when a header names the years (the earlier ones are last year's).
 */
export function flatTables(text: string): TableRow[][] {
  const tables: TableRow[][] = [];
  for (const m of text.matchAll(FLAT_COLUMNS)) {
    const labels = [...m[1]!.matchAll(LABELS)];
    const values = valuesAt(m[2]!, m.index + m[0].length - m[2]!.length);
    if (labels.length !== values.length) continue;
    const rows = labels.map((l, i) => ({
      cells: [l[0], values[i]!.text],
      start: m.index + l.index,
      cellStarts: [m.index + l.index, values[i]!.start],
    }));
    tables.push([{ cells: ['项目', '数值'], start: m.index }, ...rows]);
  }
  let rows: TableRow[] = [];
  let header: string[] = [];
  let last = -1;
  const flush = () => {
    if (rows.length) tables.push([{ cells: header, start: rows[0]!.start }, ...rows]);
    rows = [];
  };
  // Where the column tables lie, in reading order: a row inside one is that table's.
  const spans = tables.map((t) => [t[0]!.start, t.at(-1)!.cellStarts!.at(-1)!] as const);
  let span = 0;
  for (const m of text.matchAll(FLAT_ROW)) {
    while (span < spans.length && spans[span]![1] <= m.index) span++;
    if (span < spans.length && spans[span]![0] <= m.index) continue;
    if (last < 0 || !/^[\s；;，,。｜|]*$/.test(text.slice(last, m.index))) {
      flush();
      const h = YEAR_HEADER.exec(text.slice(Math.max(0, m.index - 40), m.index));
      const years = h ? [h[1]!, h[2]!] : [];
      header = ['项目', ...lastYearsMarked(years)];
      if (!h) header.push('数值');
    }
    last = m.index + m[0].length;
    const values = valuesAt(m[2]!, m.index + m[0].length - m[2]!.length);
    if (values.length !== header.length - 1) continue;
    rows.push({
      cells: [m[1]!, ...values.map((v) => v.text)],
      start: m.index,
      cellStarts: [m.index, ...values.map((v) => v.start)],
    });
  }
  flush();
  return tables;
}

/** A column of one year's values (2024年, 本年): the last such column is this year's. */
const PERIOD_CELL = /^\s*(?:(?:19|20)\d{2}年?度?|本年度?|今年)\s*$/;

/** Column headers with every period column but the last named last year's (上年（2023年）), as COMPARISON_COLUMN reads them. */
function lastYearsMarked(cells: readonly string[]): string[] {
  const last = cells.findLastIndex((c) => PERIOD_CELL.test(c));
  return cells.map((c, i) => (i < last && PERIOD_CELL.test(c) ? `上年（${c}）` : c));
}

const isValue = (cell: string) => readCell(cell) !== null && !YEAR_CELL.test(cell);
const YEAR_CELL = /^\s*(?:19|20)\d{2}年?度?\s*$/;

/**
 * Tables typed into a plain text with their columns lined up by blanks or tabs (类别  排查（件）  化解（件）,
 * then 婚姻家庭纠纷  9  9): three or more lines of the same number of cells (blank lines between or not),
 * the rows a label then values (a unit column among them or not), above them a header of words or none.
 */
export function spacedTables(text: string): TableRow[][] {
  const tables: TableRow[][] = [];
  let run: { cells: string[]; cellStarts: number[]; start: number }[] = [];
  const flush = () => {
    const header = run[0] && !run[0].cells.slice(1).some(isValue) ? run[0] : undefined;
    const rows = header ? run.slice(1) : run;
    if (rows.length >= 2 && (header || rows.length >= 3)) {
      const cells = header
        ? lastYearsMarked(header.cells)
        : ['项目', ...rows[0]!.cells.slice(1).map(() => '数值')];
      tables.push([{ cells, start: (header ?? rows[0]!).start }, ...rows]);
    }
    run = [];
  };
  for (const { text: line, start } of linesOf(text)) {
    // A text that puts a blank line after every paragraph puts one between the rows too.
    if (!line.trim()) continue;
    const cells: string[] = [];
    const cellStarts: number[] = [];
    const lead = line.length - line.trimStart().length;
    let from = lead;
    for (const part of line.trimEnd().slice(lead).split(COLUMN_GAP)) {
      const i = line.indexOf(part, from);
      cells.push(part);
      cellStarts.push(start + i);
      from = i + part.length;
    }
    const width = run[0]?.cells.length;
    // A unit column may stand between the label and the values (专题研究法治建设会议  次  6).
    const rest = cells.slice(1);
    const isRow =
      cells.length >= 2 &&
      !isValue(cells[0]!) &&
      rest.some(isValue) &&
      rest.every((c) => isValue(c) || isUnit(c.trim()));
    const isHeader = cells.length >= 2 && cells.every((c) => !isValue(c) && c.length <= 20);
    // Under a header, a row of as many cells with a value is the table's, whatever its other columns
    // hold (序号 1, 2, 3 first; a 备注 of words last): tableFigures reads them by the header.
    // A last cell left empty (a 备注 with nothing in it) is no shorter row.
    const underHeader =
      run.length > 0 &&
      !run[0]!.cells.slice(1).some(isValue) &&
      cells.length >= 2 &&
      cells.length <= width! &&
      cells.some(isValue);
    while (underHeader && cells.length < width!) {
      cells.push('');
      cellStarts.push(start + line.length);
    }
    if (run.length && cells.length === width && (isRow || underHeader))
      run.push({ cells, cellStarts, start });
    else {
      flush();
      if (isRow || isHeader) run.push({ cells, cellStarts, start });
    }
  }
  flush();
  return tables;
}

/** Other column headers of a table copied one cell per line: its order, kind, unit, values. */
const OTHER_HEAD =
  /^(?:序号|类别|分类|单位|计量单位|数量|数值|完成数|完成情况|本年|本年度|今年|全年|合计|次数|件数|人数|备注|(?:上年|去年)(?:数|同期)?|20\d{2}年?度?(?:数|完成)?)$/;
const MAX_COLUMNS = 6;

/**
 * Tables a web page gave one cell per line (序号 / 项目 / 单位 / 数量, then 1 / 普法宣传活动 / 场 / 52 …):
 * a header of known column names, one of them naming the row after any that number or sort them,
 * then rows of as many lines, each with a value. The columns keep the page's order (tableFigures
 * finds the one naming the rows).
 */
export function cellTables(text: string): TableRow[][] {
  const lines = linesOf(text).flatMap((l) => {
    const t = l.text.trim();
    return t ? [{ text: t, start: l.start + l.text.indexOf(t) }] : [];
  });
  const tables: TableRow[][] = [];
  for (let i = 0; i < lines.length; i++) {
    // The header: two to six column names in a row, one naming the row and every other a known one.
    let k = 0;
    while (
      k < MAX_COLUMNS &&
      i + k < lines.length &&
      (LABEL_HEAD.test(lines[i + k]!.text) || OTHER_HEAD.test(lines[i + k]!.text))
    )
      k++;
    const head = lines.slice(i, i + k).map((l) => l.text);
    const labelAt = head.findIndex((h) => LABEL_HEAD.test(h));
    if (k < 2 || labelAt < 0 || labelColumn(head) !== labelAt) continue;
    if (head.filter((h) => LABEL_HEAD.test(h)).length > 1) continue;
    // The columns that hold values: not the rows' names, order, kind, unit or remarks.
    const values = head
      .map((_, c) => c)
      .filter(
        (c) => c !== labelAt && !LEAD_HEAD.test(head[c]!) && !/^(?:单位|计量单位|备注)$/.test(head[c]!),
      );
    const rows: TableRow[] = [];
    let r = i + k;
    while (r + k <= lines.length) {
      const cells = lines.slice(r, r + k);
      const label = cells[labelAt]!.text;
      if (isValue(label) || label.length > 30 || !values.some((c) => isValue(cells[c]!.text))) break;
      rows.push({
        cells: cells.map((c) => c.text),
        start: cells[0]!.start,
        cellStarts: cells.map((c) => c.start),
      });
      r += k;
    }
    if (rows.length < 2) continue;
    tables.push([{ cells: head, start: lines[i]!.start }, ...rows]);
    i = r - 1;
  }
  return tables;
}
