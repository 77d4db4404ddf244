import type { Field } from '../../catalogue/fields.ts';
import { KIND_WORDS, META_LINE, TOTAL_WORDS } from '../../catalogue/import-words.ts';
import { findKind, kinds, type RecordKind } from '../../catalogue/kinds.ts';
import {
  HEADER_SEARCH,
  fold,
  fieldUnit,
  readHeader,
  signatureOf,
  splitLabel,
  type ColumnMatch,
  type Reading,
} from './auto-header.ts';
import type { LayoutChoice } from '../../db/import-layouts.repo.ts';
import { readField, readDate, folded, yearIn, type ReadValue } from './auto-values.ts';
import { cellText, isBlankCell, type Cell } from './cells.ts';
import type { RawRow, RawSheet, SheetPlan, TownshipRef } from './drafts.ts';
import { columnLetter, type HeaderMap } from './headers.ts';
import { columnId, kindColumns, type LedgerColumn } from './layout.ts';
import type { ImportIssue } from './report.ts';

/**
 * A sheet laid out as a township keeps it, read into fazhi's terms: the header row found under
 * titles and 填报 lines (one or two rows, merged parents), the kind recognised from the sheet name,
 * title and columns, each column mapped to a field by the catalogue's words with how sure the
 * mapping is, 序号 and 备注 set aside, 合计/小计 rows checked against the rows above them, and
 * every cell read as people write it (auto-values.ts). What cannot be placed is a question at its
 * cell. Pure.
 */

/** How the columns were placed: by the catalogue's words, by the township's earlier choice, or by a person now. */
export type LayoutSource = 'auto' | 'remembered' | 'chosen';

export interface AutoLayout {
  readonly kind: RecordKind;
  readonly source: LayoutSource;
  /** The header as read (labels folded, in order): the same for next month's file of this layout. */
  readonly signature: string;
  /** Why this kind: the words that named it, or the columns. */
  readonly kindVia: string;
  /** Excel row numbers of the header (one or two rows). */
  readonly headerRows: readonly number[];
  readonly columns: readonly ColumnMatch[];
  /** The year the sheet speaks of (title, sheet or file name), for dates written without one. */
  readonly year: number | undefined;
  /** The title column's value for every row, when the sheet has none and its title names the records. */
  readonly titleFromSheet: string | null;
  /** The sheet in the template's terms, ready to be drafted. */
  readonly plan: SheetPlan;
  /** Questions and problems, each at its cell; the file is not imported while any remains. */
  readonly issues: readonly ImportIssue[];
  /** Cells written as approximate (200余份), by row number and column label. */
  readonly approx: readonly { row: number; column: string; text: string }[];
}

export interface AutoOptions {
  readonly kindHint?: RecordKind;
  readonly township: TownshipRef;
  readonly fileName?: string;
  /** A person's choice of columns for this sheet, and of its kind (else the kind is read as usual). */
  readonly choice?: ColumnChoice;
  /** The township's earlier choices, by signature. */
  readonly remembered?: ReadonlyMap<string, LayoutChoice>;
}

/**
 * A person's choice for a sheet: its kind (id or label; when absent, read from the sheet as usual)
 * and, by column letter, the column each holds — an id (date, title, data.<field>) or a label as
 * the template heads it (活动日期, 发放资料) — or ignore / 不导入.
 */
export interface ColumnChoice {
  readonly kind?: string;
  readonly columns: Readonly<Record<string, string>>;
}

const IGNORE = new Set(['ignore', '不导入']);

/** A reading with a person's (or the township's remembered) choice of columns applied over it. */
function withChoice(r: Reading, choice: ColumnChoice): { reading: Reading; problems: string[] } {
  const problems: string[] = [];
  const cols = kindColumns(r.kind);
  const chosen = new Map<number, ColumnMatch>();
  const ids = new Map<string, number>();
  for (const [letter, id] of Object.entries(choice.columns)) {
    const col = columnIndex(letter);
    if (col === undefined || col >= r.labels.length) {
      problems.push(`指定的第 ${letter} 列不在表头中`);
      continue;
    }
    const header = splitLabel(r.labels[col] ?? '').shown;
    if (IGNORE.has(id.trim())) {
      chosen.set(col, { col, header, role: 'ignored', column: null, confidence: 1 });
      continue;
    }
    const column = cols.find((c) => columnId(c.role) === id) ?? cols.find((c) => fold(c.label) === fold(id));
    if (!column) {
      problems.push(`${r.kind.label}没有“${id}”这一项，可选：${cols.map((c) => c.label).join('、')}、不导入`);
      continue;
    }
    const cid = columnId(column.role);
    const other = ids.get(cid);
    if (other !== undefined) {
      problems.push(`第 ${columnLetter(other)} 列和第 ${letter} 列都选了“${column.label}”，只能选一列`);
      continue;
    }
    ids.set(cid, col);
    chosen.set(col, { col, header, role: 'column', column, confidence: 1 });
  }
  const matches = r.matches.map((m): ColumnMatch => {
    const c = chosen.get(m.col);
    if (c) return c;
    // A field chosen for another column is no longer this one's.
    if (m.role === 'column' && m.column && ids.has(columnId(m.column.role)))
      return { col: m.col, header: m.header, role: 'unknown', column: null, confidence: 0 };
    return m;
  });
  return { reading: { ...r, matches }, problems };
}

/** A column letter (A, AB) as a 0-based index. */
function columnIndex(letter: string): number | undefined {
  if (!/^[A-Z]{1,3}$/.test(letter)) return undefined;
  return [...letter].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/**
 * Reads a sheet laid out as a township keeps it. A person's choice of kind and columns comes
 * first; then the township's remembered choice for a sheet whose header reads the same; else the
 * catalogue's words. Undefined when no row of its first lines reads as a header (the caller then
 * says the kind cannot be told).
 */
export function autoLayout(sheet: RawSheet, opts: AutoOptions): AutoLayout | undefined {
  const rows = sheet.rows.filter((r) => !r.cells.every(isBlankCell));
  const top = rows.slice(0, HEADER_SEARCH);
  const chosenKind = (c: { kind?: string } | undefined) => (c?.kind ? findKind(c.kind) : undefined);
  const explicit = chosenKind(opts.choice);
  const pool = explicit
    ? [explicit]
    : opts.kindHint
      ? [opts.kindHint]
      : kinds.filter((k) => !k.caseType || KIND_WORDS[k.id]);
  const { best, second } = readHeader(sheet, top, pool, opts.fileName);
  if (opts.choice) {
    if (!best) return undefined;
    const { reading, problems } = withChoice(best, opts.choice);
    return translate(sheet, rows, reading, opts, 'chosen', problems);
  }
  if (best && opts.remembered?.size) {
    const choice = opts.remembered.get(signatureOf(best.labels, best.two));
    const kind = chosenKind(choice);
    if (choice && kind && (!opts.kindHint || opts.kindHint.id === kind.id)) {
      const again = kind.id === best.kind.id ? best : readHeader(sheet, top, [kind], opts.fileName).best;
      if (again && signatureOf(again.labels, again.two) === signatureOf(best.labels, best.two)) {
        const { reading, problems } = withChoice(again, choice);
        return translate(sheet, rows, reading, opts, 'remembered', problems);
      }
    }
  }
  if (!best || best.score < 1.5) return undefined;
  // Two kinds read the columns about equally and nothing names either: ask rather than guess.
  if (!opts.kindHint && second && best.named === 0 && second.score > best.score - 0.5) return undefined;
  return translate(sheet, rows, best, opts, 'auto', []);
}

function translate(
  sheet: RawSheet,
  rows: readonly RawRow[],
  r: Reading,
  opts: { township: TownshipRef; fileName?: string },
  source: LayoutSource,
  choiceProblems: readonly string[],
): AutoLayout {
  const { kind, matches } = r;
  const headerRows = r.two ? [rows[r.row]!.number, rows[r.row + 1]!.number] : [rows[r.row]!.number];
  const titles = rows
    .slice(0, r.row)
    .map((x) => x.cells.map(cellText).join('').trim())
    .filter(Boolean);
  const titleLine = titles.find((t) => !META_LINE.test(t)) ?? null;
  // A 填报时间 line dates the filing, not the ledger: only the title, sheet and file name say its year.
  const year = yearIn(
    titleLine ?? undefined,
    sheet.name,
    opts.fileName,
    ...titles.filter((t) => !META_LINE.test(t)),
  );
  const issues: ImportIssue[] = [];
  const at = (row: number | null, column: string | null, message: string): void => {
    issues.push({ sheet: sheet.name, row, column, message });
  };
  for (const p of choiceProblems) at(headerRows[0]!, null, p);
  const mapped = matches.filter((m) => m.role === 'column');
  const has = (role: string) => mapped.some((m) => m.column?.role.kind === role);
  // What the sheet says once for all its rows: the records' name in its title (an exam's
  // 成绩登记表), their date in a line above the header (考试时间：2024年11月20日).
  const titleFromSheet = !has('title') && titleLine ? recordsName(titleLine, opts.township.name) : null;
  const dateFromSheet = has('date') ? null : dateLine(titles, year);
  let missingRequired = false;
  for (const c of kindColumns(kind)) {
    if (!c.required || mapped.some((m) => m.column && columnId(m.column.role) === columnId(c.role))) continue;
    if (c.role.kind === 'title' && titleFromSheet) continue;
    if (c.role.kind === 'date' && dateFromSheet) continue;
    at(
      headerRows[0]!,
      c.label,
      `找不到“${c.label}”列：请在表中加上这一列，或在导入界面指明哪一列是“${c.label}”`,
    );
    missingRequired = true;
  }
  const words = KIND_WORDS[kind.id];
  const approx: { row: number; column: string; text: string }[] = [];
  const approxByRow = new Map<number, string[]>();
  const body = rows.slice(r.row + headerRows.length);
  const out: RawRow[] = [];
  const sums = new Map<number, number>();
  let sinceSubtotal = new Map<number, number>();
  const unknownWithData = new Set<number>();
  for (const row of body) {
    const first = row.cells.slice(0, 3).map((c) => folded(cellText(c)));
    const lead = first.find(Boolean) ?? '';
    if (META_LINE.test(lead)) continue;
    // 合计, 小计, and their longer forms (上半年小计, 全年合计): a short cell that starts or ends with one.
    const total = TOTAL_WORDS.find((w) =>
      first.some((c) => c.length <= 8 && !/\d{3,}/.test(c) && (c.startsWith(w) || c.endsWith(w))),
    );
    if (total) {
      checkTotal(row, total === '小计' ? sinceSubtotal : sums, matches, at);
      if (total === '小计') sinceSubtotal = new Map();
      continue;
    }
    const cells: Cell[] = matches.map(() => null);
    let any = false;
    for (const m of matches) {
      const c = row.cells[m.col] ?? null;
      if (m.role === 'unknown' && !isBlankCell(c) && m.header) unknownWithData.add(m.col);
      if (m.role !== 'column' || !m.column) continue;
      const v = readCell(m.column, c, year, words?.options);
      if (!v.ok) {
        at(row.number, m.column.label, `${columnLetter(m.col)}${row.number} ${v.question}`);
        continue;
      }
      if (v.value === null) continue;
      any = true;
      if (v.approx) {
        approx.push({ row: row.number, column: m.column.label, text: cellText(c) });
        if (m.column.role.kind === 'field')
          approxByRow.set(row.number, [...(approxByRow.get(row.number) ?? []), m.column.role.field.key]);
      }
      if (typeof v.value === 'number' && fieldUnit(m.column) !== undefined) {
        sums.set(m.col, (sums.get(m.col) ?? 0) + v.value);
        sinceSubtotal.set(m.col, (sinceSubtotal.get(m.col) ?? 0) + v.value);
      }
      cells[m.col] = v.value;
    }
    if (!any) continue;
    if (titleFromSheet) cells.push(titleFromSheet);
    if (dateFromSheet) cells.push(dateFromSheet);
    out.push({ number: row.number, cells });
  }
  for (const col of unknownWithData) {
    const m = matches[col]!;
    const other = m.claimedBy === undefined ? undefined : matches[m.claimedBy];
    at(
      headerRows[0]!,
      m.header,
      other?.column
        ? `“${m.header}”列与“${other.header}”列都对应“${other.column.label}”：请指明导入哪一列，另一列标为不导入`
        : `无法确定“${m.header}”列对应${kind.label}的哪一项（${kindColumns(kind)
            .map((c) => c.label)
            .join('、')}）：请在导入界面指明，或标为不导入`,
    );
  }
  return {
    kind,
    source,
    signature: signatureOf(r.labels, r.two),
    kindVia: r.named > 0 ? '表名或标题' : '列名',
    headerRows,
    columns: matches,
    year,
    titleFromSheet,
    plan: {
      layout: {
        signature: signatureOf(r.labels, r.two),
        source,
        kind: kind.id,
        columns: Object.fromEntries(
          matches.flatMap((m) =>
            m.role === 'column' && m.column
              ? [[columnLetter(m.col), columnId(m.column.role)]]
              : m.role === 'ignored'
                ? [[columnLetter(m.col), 'ignore']]
                : [],
          ),
        ),
        headers: r.labels.map((l) => splitLabel(l).shown),
      },
      mapping: matches
        .filter((m) => m.header)
        .map((m) => ({
          column: columnLetter(m.col),
          header: m.header,
          to:
            m.role === 'column' && m.column
              ? m.column.label
              : m.role === 'seq'
                ? '（序号，不导入）'
                : m.role === 'notKept'
                  ? '（系统不保存此项，不导入）'
                  : m.role === 'ignored'
                    ? '（不导入）'
                    : '（未能对应）',
          id:
            m.role === 'column' && m.column
              ? columnId(m.column.role)
              : m.role === 'unknown'
                ? null
                : m.role === 'ignored' || m.role === 'notKept'
                  ? 'ignore'
                  : m.role,
          confidence: m.confidence,
        })),
      sheet: sheet.name,
      kind,
      map: headerMapOf(kind, matches, titleFromSheet !== null, dateFromSheet !== null),
      township: opts.township,
      rows: out,
      ...(approxByRow.size > 0 ? { approx: approxByRow } : {}),
      ...(missingRequired ? { incomplete: true } : {}),
    },
    issues,
    approx,
  };
}

function readCell(
  col: LedgerColumn,
  c: Cell,
  year: number | undefined,
  options: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> | undefined,
): ReadValue {
  const r = col.role;
  switch (r.kind) {
    case 'date':
    case 'endDate':
      return readDate(c, year);
    case 'field':
      return readField(r.field, c, year, options?.[r.field.key]);
    case 'title':
    case 'org':
    case 'township':
      return { ok: true, value: isBlankCell(c) ? null : cellText(c).trim() };
  }
}

/** A 合计/小计 row against the rows it sums: each count column must agree. */
function checkTotal(
  row: RawRow,
  sums: ReadonlyMap<number, number>,
  matches: readonly ColumnMatch[],
  at: (row: number | null, column: string | null, message: string) => void,
): void {
  for (const m of matches) {
    if (m.role !== 'column' || !m.column || fieldUnit(m.column) === undefined) continue;
    const c = row.cells[m.col] ?? null;
    if (isBlankCell(c)) continue;
    const stated = readField((m.column.role as { field: Field }).field, c, undefined);
    if (!stated.ok || typeof stated.value !== 'number') continue;
    const sum = sums.get(m.col) ?? 0;
    if (stated.value !== sum)
      at(
        row.number,
        m.column.label,
        `合计行与各行之和不符：“${m.column.label}”合计为 ${stated.value}，各行相加为 ${sum}`,
      );
  }
}

/** The name a title gives the records under it: without the township's name and the 登记表/台账 it ends with. */
function recordsName(title: string, township: string): string {
  const t = folded(title)
    .replace(new RegExp(`^${township.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), '')
    .replace(/^[\u4e00-\u9fff]{1,6}?(镇|乡|街道)(人民政府|党委|办事处)?(?=\d{4})/, '')
    .replace(/(成绩)?(登记表|统计表|一览表|汇总表|台账|记录表|记录|情况表|情况|表)$/, '');
  return t || folded(title);
}

/** A date the lines above the header give for every row (考试时间：2024年11月20日). */
function dateLine(lines: readonly string[], year: number | undefined): string | null {
  for (const l of lines) {
    const m = /(日期|时间)[:：]\s*(\S+?)(\s|$)/.exec(l);
    if (!m || /^(填报|填表|制表|报送|统计)/.test(l.slice(Math.max(0, m.index - 2), m.index))) continue;
    const v = readDate(m[2]!, year);
    if (v.ok && typeof v.value === 'string') return v.value;
  }
  return null;
}

/** The mapping as the drafting step reads it: a column (or nothing) per sheet column. */
function headerMapOf(
  kind: RecordKind,
  matches: readonly ColumnMatch[],
  titleFromSheet: boolean,
  dateFromSheet: boolean,
): HeaderMap {
  const columns: (LedgerColumn | null)[] = matches.map((m) => (m.role === 'column' ? m.column : null));
  // The values the sheet gives once follow the sheet's own columns, in the order translate adds them.
  if (titleFromSheet) columns.push(kindColumns(kind).find((c) => c.role.kind === 'title')!);
  if (dateFromSheet) columns.push(kindColumns(kind).find((c) => c.role.kind === 'date')!);
  return {
    columns,
    problems: [],
    matched: columns.filter(Boolean).length,
    unknown: 0,
    missingRequired: 0,
  };
}
