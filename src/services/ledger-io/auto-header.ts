import { createHash } from 'node:crypto';
import { COMMON_WORDS, KIND_WORDS, META_LINE } from '../../catalogue/import-words.ts';
import type { RecordKind } from '../../catalogue/kinds.ts';
import { folded } from './auto-values.ts';
import { canonicalHeader } from './headers.ts';
import { cellText, isBlankCell, type Cell } from './cells.ts';
import type { RawRow, RawSheet } from './drafts.ts';
import { columnId, kindColumns, type LedgerColumn } from './layout.ts';

/**
 * Reading the header of a sheet laid out as a township keeps it: which of its first rows names the
 * columns (one row, or two where the second names the parts of merged parents), and which of a
 * kind's columns each header names, by the catalogue's words (src/catalogue/import-words.ts), with
 * how sure. Pure.
 */

/** What a sheet column was taken for. */
export interface ColumnMatch {
  /** 0-based column index. */
  readonly col: number;
  /** The header as written (a two-row header: parent / child). */
  readonly header: string;
  readonly role: 'column' | 'seq' | 'notKept' | 'ignored' | 'unknown';
  readonly column: LedgerColumn | null;
  /** 1 for the template's own label or a listed word; less for a word found inside the header. */
  readonly confidence: number;
  /** An unplaced column whose best field another column named as surely: that column's index. */
  readonly claimedBy?: number;
}

/** Rows searched for the header: a title, a 填报 line and blank rows may come first. */
export const HEADER_SEARCH = 12;

/** A header as compared: full-width folded, marks and spaces removed, a trailing unit in brackets apart. */
function headerParts(s: string): { text: string; unit: string | null } {
  const t = canonicalHeader(s);
  const m = /^(.*?)\(([^()]{1,6})\)$/.exec(t);
  return m ? { text: m[1]!, unit: m[2]! } : { text: t, unit: null };
}

export const fold = (s: string): string => headerParts(s).text.toLowerCase();

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
              ? r.field.key === 'note'
                ? COMMON_WORDS.note
                : (w?.fields?.[r.field.key] ?? [])
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

export const fieldUnit = (c: LedgerColumn): string | undefined =>
  c.role.kind === 'field' && (c.role.field.type === 'int' || c.role.field.type === 'number')
    ? c.role.field.unit
    : undefined;

const SEQ = new Set(COMMON_WORDS.seq.map(fold));

/** Separates a merged parent's name from its child's in a two-row header label. */
const PARENT_MARK = '\u0001';

/** A header label as shown (the child of a two-row header) and its parent, if any. */
export function splitLabel(h: string): { shown: string; parent: string } {
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
    if (!t || SEQ.has(t)) return;
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

export interface Reading {
  readonly kind: RecordKind;
  readonly row: number;
  readonly two: boolean;
  readonly labels: readonly string[];
  readonly matches: ColumnMatch[];
  readonly score: number;
  readonly named: number;
}

/** The best reading of a sheet's first rows as a header of one of `pool`, and the runner-up of another kind. */
export function readHeader(
  sheet: RawSheet,
  top: readonly RawRow[],
  pool: readonly RecordKind[],
  fileName?: string,
) {
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
