import { createHash } from 'node:crypto';
import type { Field } from '../../catalogue/fields.ts';
import { COMMON_WORDS, KIND_WORDS, META_LINE, TOTAL_WORDS } from '../../catalogue/import-words.ts';
import { findKind, kinds, type RecordKind } from '../../catalogue/kinds.ts';
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

/** What a sheet column was taken for. */
export interface ColumnMatch {
  /** 0-based column index. */
  readonly col: number;
  /** The header as written (a two-row header: parent / child). */
  readonly header: string;
  readonly role: 'column' | 'seq' | 'note' | 'notKept' | 'ignored' | 'unknown';
  readonly column: LedgerColumn | null;
  /** 1 for the template's own label or a listed word; less for a word found inside the header. */
  readonly confidence: number;
  /** An unplaced column whose best field another column named as surely: that column's index. */
  readonly claimedBy?: number;
}

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

/** Rows searched for the header: a title, a 填报 line and blank rows may come first. */
const HEADER_SEARCH = 12;

/** A header as compared: full-width folded, marks and spaces removed, a trailing unit in brackets apart. */
function headerParts(s: string): { text: string; unit: string | null } {
  const t = folded(s)
    .replace(/[＊*]/g, '')
    .replace(/[:：]$/, '');
  const m = /^(.*?)\(([^()]{1,6})\)$/.exec(t);
  return m ? { text: m[1]!, unit: m[2]! } : { text: t, unit: null };
}

const fold = (s: string): string => headerParts(s).text.toLowerCase();

interface Candidate {
  readonly column: LedgerColumn;
  readonly words: readonly string[];
}

const candidatesCache = new Map<string, Candidate[]>();

/** Every column of a kind with the words a header may use for it: the template's label first. */
function candidatesOf(kind: RecordKind): Candidate[] {
  const hit = candidatesCache.get(kind.id);
  if (hit) return hit;
  const w = KIND_WORDS[kind.id];
  const out = kindColumns(kind).map((column): Candidate => {
    const r = column.role;
    const extra =
      r.kind === 'date'
        ? (w?.date ?? ['日期', '时间'])
        : r.kind === 'title'
          ? (w?.title ?? [])
          : r.kind === 'org'
            ? [...(w?.org ?? []), ...COMMON_WORDS.org]
            : r.kind === 'field'
              ? (w?.fields?.[r.field.key] ?? [])
              : [];
    return { column, words: [column.label, ...extra].map(fold) };
  });
  candidatesCache.set(kind.id, out);
  return out;
}

/** How well a header names a column: 1 for a listed word, less for a word inside the header. */
function wordScore(header: string, words: readonly string[]): number {
  let best = 0;
  for (const w of words) {
    if (w === header) return 1;
    if (w.length >= 2 && header.includes(w)) best = Math.max(best, 0.55 + (0.4 * w.length) / header.length);
    else if (header.length >= 2 && w.includes(header))
      best = Math.max(best, 0.5 + (0.3 * header.length) / w.length);
  }
  return best;
}

const fieldUnit = (c: LedgerColumn): string | undefined =>
  c.role.kind === 'field' && (c.role.field.type === 'int' || c.role.field.type === 'number')
    ? c.role.field.unit
    : undefined;

const SEQ = new Set(COMMON_WORDS.seq.map(fold));
const NOTE = new Set(COMMON_WORDS.note.map(fold));

/** Separates a merged parent's name from its child's in a two-row header label. */
const PARENT_MARK = '\u0001';

/** A header label as shown (the child of a two-row header) and its parent, if any. */
function splitLabel(h: string): { shown: string; parent: string } {
  const i = h.indexOf(PARENT_MARK);
  return i < 0 ? { shown: h, parent: '' } : { shown: h.slice(i + 1), parent: h.slice(0, i) };
}

/** Maps header labels to a kind's columns: best pairs first, each column and each header once. */
export function matchColumns(kind: RecordKind, labels: readonly string[]): ColumnMatch[] {
  const cands = candidatesOf(kind);
  const notKept = new Set([...COMMON_WORDS.notKept, ...(KIND_WORDS[kind.id]?.notKept ?? [])].map(fold));
  const headers = labels.map((l) => splitLabel(l).shown);
  const pairs: { col: number; cand: Candidate; score: number }[] = [];
  labels.forEach((label, col) => {
    const { shown, parent } = splitLabel(label);
    const { text, unit } = headerParts(shown);
    const t = text.toLowerCase();
    if (!t || SEQ.has(t) || NOTE.has(t)) return;
    const withParent = parent ? fold(parent) + t : '';
    for (const cand of cands) {
      let score = Math.max(
        wordScore(t, cand.words),
        withParent ? wordScore(withParent, cand.words) - 0.05 : 0,
      );
      if (score === 0) continue;
      const u = fieldUnit(cand.column);
      if (unit && u) score += unit === u || u.startsWith(unit) ? 0.05 : -0.2;
      if (score >= 0.5) pairs.push({ col, cand, score: Math.min(score, 1) });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.col - b.col);
  const byCol = new Map<number, { cand: Candidate; score: number }>();
  const taken = new Map<string, { col: number; score: number }>();
  const claimed = new Map<number, number>();
  for (const p of pairs) {
    const id = columnId(p.cand.column.role);
    if (byCol.has(p.col)) continue;
    const holder = taken.get(id);
    if (holder) {
      // Named as surely as the column that has it: two columns claim one field.
      if (p.score >= 0.9 && holder.score - p.score < 0.1 && !claimed.has(p.col))
        claimed.set(p.col, holder.col);
      continue;
    }
    byCol.set(p.col, { cand: p.cand, score: p.score });
    taken.set(id, { col: p.col, score: p.score });
  }
  return headers.map((h, col): ColumnMatch => {
    const t = fold(h);
    if (SEQ.has(t)) return { col, header: h, role: 'seq', column: null, confidence: 1 };
    if (NOTE.has(t)) return { col, header: h, role: 'note', column: null, confidence: 1 };
    const m = byCol.get(col);
    // A column the kind has no field for, and that its ledgers often have: set aside, not asked.
    if (!m && notKept.has(t)) return { col, header: h, role: 'notKept', column: null, confidence: 1 };
    return m
      ? { col, header: h, role: 'column', column: m.cand.column, confidence: Number(m.score.toFixed(2)) }
      : {
          col,
          header: h,
          role: 'unknown',
          column: null,
          confidence: 0,
          ...(claimed.has(col) ? { claimedBy: claimed.get(col)! } : {}),
        };
  });
}

/** A cell that can be a column's name: short text, not a number, not a 填报单位：… line. */
const isHeaderish = (c: Cell | undefined): boolean =>
  typeof c === 'string' &&
  c.trim().length > 0 &&
  c.trim().length <= 24 &&
  !/^\d+([.,]\d+)?$/.test(c.trim()) &&
  !/[:：]\s*\S/.test(c) &&
  !META_LINE.test(c.trim());

/** The header labels of one row, or of two rows where the second names the parts of merged parents. */
function headerLabels(rows: readonly RawRow[], i: number, two: boolean): string[] | null {
  const top = rows[i]!.cells;
  if (!two) return top.map((c) => (isHeaderish(c) ? cellText(c).trim() : ''));
  const sub = rows[i + 1]?.cells;
  if (!sub) return null;
  const filled = sub.filter((c) => !isBlankCell(c));
  if (filled.length === 0 || !filled.every(isHeaderish)) return null;
  // The second row must sit under something: a merged parent (blank beside it) or nothing above.
  const width = Math.max(top.length, sub.length);
  const out: string[] = [];
  let nested = false;
  let parent = '';
  for (let c = 0; c < width; c++) {
    const above = isHeaderish(top[c]) ? cellText(top[c]).trim() : '';
    const below = isHeaderish(sub[c]) ? cellText(sub[c]).trim() : '';
    // Under a merged parent: the parent's first cell holds its name, the cells beside it are blank.
    const siblings = c + 1 < width && isBlankCell(top[c + 1]) && !isBlankCell(sub[c + 1]);
    if (below && (!above || siblings)) nested = true;
    if (above) parent = below ? above : '';
    // A child keeps its parent's name for matching (接访领导 / 姓名), written parent␁child.
    out.push(below ? (parent ? `${parent}${PARENT_MARK}${below}` : below) : above);
  }
  return nested ? out : null;
}

/** The score of a header reading for a kind: how sure its columns are, and whether the required ones are there. */
function layoutScore(kind: RecordKind, matches: readonly ColumnMatch[]): number {
  const mapped = matches.filter((m) => m.role === 'column');
  const sum = mapped.reduce((s, m) => s + m.confidence, 0);
  const has = (id: string) => mapped.some((m) => m.column && columnId(m.column.role) === id);
  const required = kindColumns(kind).filter((c) => c.required && c.role.kind !== 'title');
  const missing = required.filter((c) => !has(columnId(c.role))).length;
  return sum - 0.75 * missing;
}

/** Words of a sheet name or title naming a kind: the length of the longest, 0 if none. */
function nameScore(kind: RecordKind, text: string): number {
  const t = folded(text);
  const names = [kind.label, ...(KIND_WORDS[kind.id]?.names ?? [])];
  return Math.max(0, ...names.filter((n) => t.includes(n)).map((n) => n.length));
}

interface Reading {
  readonly kind: RecordKind;
  readonly row: number;
  readonly two: boolean;
  readonly labels: readonly string[];
  readonly matches: ColumnMatch[];
  readonly score: number;
  readonly named: number;
}

export interface AutoOptions {
  readonly kindHint?: RecordKind;
  readonly township: TownshipRef;
  readonly fileName?: string;
  /** A person's choice of kind and columns for this sheet. */
  readonly choice?: LayoutChoice;
  /** The township's earlier choices, by signature. */
  readonly remembered?: ReadonlyMap<string, LayoutChoice>;
}

/** The best reading of a sheet's first rows as a header of one of `pool`, and the runner-up of another kind. */
function readHeader(sheet: RawSheet, top: readonly RawRow[], pool: readonly RecordKind[], fileName?: string) {
  let best: Reading | undefined;
  let second: Reading | undefined;
  top.forEach((r, i) => {
    if (r.cells.filter(isHeaderish).length < 2) return;
    const above = top.slice(0, i).map((x) => x.cells.map(cellText).join(' '));
    const context = [sheet.name, ...above, fileName ?? ''].join(' ');
    // Where the row below names the parts of merged parents, it is header, not a record.
    const readings = headerLabels(top, i, true) ? [true] : [false];
    for (const two of readings) {
      const labels = headerLabels(top, i, two);
      if (!labels) continue;
      for (const kind of pool) {
        const matches = matchColumns(kind, labels);
        const named = nameScore(kind, context);
        const score = layoutScore(kind, matches) + Math.min(named, 6) * 0.5;
        const reading: Reading = { kind, row: i, two, labels, matches, score, named };
        if (!best || score > best.score) {
          if (best && best.kind.id !== kind.id) second = best;
          best = reading;
        } else if (kind.id !== best.kind.id && (!second || score > second.score)) second = reading;
      }
    }
  });
  return { best, second };
}

/** The same for every file of a layout: the header's labels, folded, and whether it takes two rows. */
export function signatureOf(labels: readonly string[], two: boolean): string {
  return createHash('sha256')
    .update(`${two ? 2 : 1}|${labels.map(fold).join('|')}`)
    .digest('hex')
    .slice(0, 16);
}

/** A reading with a person's (or the township's remembered) choice of columns applied over it. */
function withChoice(r: Reading, choice: LayoutChoice): { reading: Reading; problems: string[] } {
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
    if (id === 'ignore') {
      chosen.set(col, { col, header, role: 'ignored', column: null, confidence: 1 });
      continue;
    }
    const column = cols.find((c) => columnId(c.role) === id);
    if (!column) {
      problems.push(`${r.kind.label}没有“${id}”这一项`);
      continue;
    }
    const other = ids.get(id);
    if (other !== undefined) {
      problems.push(`第 ${columnLetter(other)} 列和第 ${letter} 列都选了“${column.label}”，只能选一列`);
      continue;
    }
    ids.set(id, col);
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
  const chosenKind = (c: LayoutChoice | undefined) => (c ? findKind(c.kind) : undefined);
  const explicit = chosenKind(opts.choice);
  if (opts.choice && explicit) {
    const { best } = readHeader(sheet, top, [explicit], opts.fileName);
    if (!best) return undefined;
    const { reading, problems } = withChoice(best, opts.choice);
    return translate(sheet, rows, reading, opts, 'chosen', problems);
  }
  const pool = opts.kindHint ? [opts.kindHint] : kinds.filter((k) => !k.caseType || KIND_WORDS[k.id]);
  const { best, second } = readHeader(sheet, top, pool, opts.fileName);
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
      if (v.approx) approx.push({ row: row.number, column: m.column.label, text: cellText(c) });
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
                : m.role === 'note'
                  ? '（备注，不导入）'
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
