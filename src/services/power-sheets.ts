import { getKind } from '../catalogue/kinds.ts';
import { parseDate } from '../core/dates.ts';
import { excelSerialToDate, isBlankCell, cellText, type Cell } from './ledger-io/cells.ts';
import type { RawRow, RawSheet } from './ledger-io/drafts.ts';
import { canonicalHeader } from './ledger-io/headers.ts';
import { kindColumns, META_SHEET } from './ledger-io/layout.ts';
import type { ImportIssue } from './ledger-io/report.ts';

/**
 * A county's 权力清单 for one year as ledger sheets of kind `power`. Pure. The county's lists carry
 * no dates, so every row is dated by the year: in force from 1 January to the next 1 January.
 * Dates a row does give must lie within the year.
 */

/** Rows searched for the header (a list often has a title row or two above it). */
const HEADER_SEARCH_ROWS = 10;

export interface YearSpan {
  readonly year: number;
  /** First day in force. */
  readonly from: string;
  /** First day no longer in force: the next year's list takes over. */
  readonly until: string;
}

export const yearSpan = (year: number): YearSpan => ({
  year,
  from: `${year}-01-01`,
  until: `${year + 1}-01-01`,
});

const kind = getKind('power');
const columns = kindColumns(kind);
const column = (role: 'date' | 'title' | 'endDate') => columns.find((c) => c.role.kind === role)!;
const canon = (s: string) => canonicalHeader(s).replace(/\([^()]*\)$/, '');
const DATE = canon(column('date').label);
const TITLE = canon(column('title').label);
const END = [canon(column('endDate').label), canon('结束日期')];
const SOURCE = kind.fields.find((f) => f.key === 'source')!;
const DOC = kind.fields.find((f) => f.key === 'delegationDoc')!;
const DELEGATED = new Set(['县级赋权', 'delegated']);

/** Columns a county's list has that the ledger does not keep (numbering, remarks). */
const IGNORED = new Set(['序号', '编号', '备注'].map(canon));
/** Other names county lists give the columns. */
const ALIASES: ReadonlyMap<string, string> = new Map(
  [
    ['权力事项名称', '事项名称'],
    ['职权名称', '事项名称'],
    ['权力类型', '权力类别'],
    ['职权类别', '权力类别'],
    ['法律依据', '设定依据'],
    ['实施依据', '设定依据'],
    ['责任股室', '责任科室'],
    ['承办机构', '责任科室'],
    ['责任内容', '责任事项'],
  ].map(([from, to]) => [canon(from!), to!]),
);

function cellDate(c: Cell | undefined): string | null {
  if (typeof c === 'number') return parseDate(excelSerialToDate(c));
  return parseDate(c);
}

/** Where a sheet's header is and which of the date columns it has. */
function findHeader(rows: readonly RawRow[]) {
  let seen = 0;
  for (const row of rows) {
    if (row.cells.every(isBlankCell)) continue;
    const names = row.cells.map((c) => canon(cellText(c)));
    const title = names.findIndex((n) => n === TITLE || ALIASES.get(n) === column('title').label);
    if (title >= 0) {
      const date = names.indexOf(DATE);
      const end = names.findIndex((n) => END.includes(n));
      const named = (label: string) => names.findIndex((n) => n === canon(label) || ALIASES.get(n) === label);
      return {
        row,
        title,
        date: date < 0 ? null : date,
        end: end < 0 ? null : end,
        source: named(SOURCE.label),
        doc: named(DOC.label),
      };
    }
    if (++seen === HEADER_SEARCH_ROWS) break;
  }
  return undefined;
}

/**
 * The sheets with the year's dates filled in: missing date columns appended, blank date cells
 * filled; dates outside the year are problems with their row. A sheet without a 事项名称 header is
 * passed on as it is, for the ledger import's own message.
 */
export function datedSheets(
  raw: readonly RawSheet[],
  span: YearSpan,
): { sheets: RawSheet[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const sheets = raw.map((s): RawSheet => {
    if (s.name === META_SHEET) return s;
    const h = findHeader(s.rows);
    if (!h) return s;
    // Missing date columns go after the widest row, so no cell of the file is overwritten.
    const width = Math.max(...s.rows.map((r) => r.cells.length));
    const dateAt = h.date ?? width;
    const endAt = h.end ?? (h.date === null ? width + 1 : width);
    const hintRow = s.rows.find(
      (r) => r.number === h.row.number + 1 && cellText(r.cells[h.title]).trim() === column('title').hint,
    );
    const ignored = h.row.cells.flatMap((c, i) => (IGNORED.has(canon(cellText(c))) ? [i] : []));
    const rows = s.rows.map((r): RawRow => {
      if (r.number < h.row.number || (r.number > h.row.number && r.cells.every(isBlankCell))) return r;
      const cells = [...r.cells];
      for (const i of ignored) if (i < cells.length) cells[i] = null;
      const put = (at: number, v: Cell) => {
        while (cells.length < at) cells.push(null);
        cells[at] = v;
      };
      if (r === h.row) {
        cells.forEach((c, i) => {
          const n = canon(cellText(c));
          if (ALIASES.has(n)) cells[i] = ALIASES.get(n) ?? null;
        });
        if (h.date === null) put(dateAt, column('date').label);
        if (h.end === null) put(endAt, column('endDate').label);
        return { number: r.number, cells };
      }
      if (r === hintRow) {
        if (h.date === null) put(dateAt, column('date').hint);
        if (h.end === null) put(endAt, column('endDate').hint);
        return { number: r.number, cells };
      }
      const start = h.date === null || isBlankCell(cells[dateAt]) ? span.from : cellDate(cells[dateAt]);
      if (h.date === null || isBlankCell(cells[dateAt])) put(dateAt, span.from);
      else if (start !== null && (start < span.from || start >= span.until))
        issues.push({
          sheet: s.name,
          row: r.number,
          column: column('date').label,
          message: `“${start}”不在${span.year}年内：导入的是${span.year}年的权力清单，生效日期可留空（按${span.from}计）`,
        });
      const end = h.end === null || isBlankCell(cells[endAt]) ? null : cellDate(cells[endAt]);
      if (h.end === null || isBlankCell(cells[endAt])) put(endAt, span.until);
      else if (end !== null && end > span.until)
        issues.push({
          sheet: s.name,
          row: r.number,
          column: column('endDate').label,
          message: `“${end}”晚于${span.until}：${span.year}年的清单至多有效到年底，次年的清单另行导入`,
        });
      // 县级赋权 is only as good as the decision that delegated it: the list must name it.
      if (DELEGATED.has(cellText(cells[h.source]).trim()) && (h.doc < 0 || isBlankCell(cells[h.doc])))
        issues.push({
          sheet: s.name,
          row: r.number,
          column: DOC.label,
          message: '县级赋权的事项须填写赋权文件（文件名称及文号）',
        });
      return { number: r.number, cells };
    });
    return { ...s, rows };
  });
  return { sheets, issues };
}
