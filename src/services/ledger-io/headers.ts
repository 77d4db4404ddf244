import { kinds, type RecordKind } from '../../catalogue/kinds.ts';
import { cellText, isBlankCell, type Cell } from './cells.ts';
import { columnId, headerText, kindColumns, type LedgerColumn } from './layout.ts';

/**
 * Matching a sheet's header row to a kind's columns. Pure. Header text is compared after removing
 * required marks (＊ or *), spaces and line breaks, with full-width brackets and colons folded to
 * ASCII; a trailing bracketed note such as “（人）” or “（必填）” is tolerated.
 */

export function canonicalHeader(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[＊*\s\u3000]/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

const withoutNote = (s: string): string => s.replace(/\([^()]*\)$/, '');

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  org: [
    '村(社区)',
    '村/社区',
    '村(居)',
    '村居',
    '部门',
    '村(社区)或部门',
    '所涉村(社区)或部门',
    '村(社区)/部门名称',
  ],
  township: ['乡镇', '乡镇(街道)', '街道', '乡镇街道', '所属乡镇'],
  endDate: ['结束日期'],
};

/** Header lookup for one kind: canonical label, English key and common aliases to a column. */
export function headerIndex(kind: RecordKind): Map<string, LedgerColumn> {
  const index = new Map<string, LedgerColumn>();
  const cols = kindColumns(kind, { township: true });
  for (const c of cols) index.set(canonicalHeader(c.label), c);
  const add = (name: string, c: LedgerColumn) => {
    const k = canonicalHeader(name);
    if (!index.has(k)) index.set(k, c);
  };
  for (const c of cols) {
    if (c.role.kind === 'field') add(c.role.field.key, c);
    else add(c.role.kind, c);
    for (const a of ALIASES[c.role.kind] ?? []) add(a, c);
  }
  return index;
}

const indexCache = new Map<string, Map<string, LedgerColumn>>();
function cachedIndex(kind: RecordKind): Map<string, LedgerColumn> {
  let i = indexCache.get(kind.id);
  if (!i) indexCache.set(kind.id, (i = headerIndex(kind)));
  return i;
}

export interface HeaderProblem {
  /** 0-based column index in the sheet. */
  readonly col: number;
  /** The header as written, or a column letter when the problem has no header cell. */
  readonly column: string;
  readonly message: string;
}

export interface HeaderMap {
  /** Column of each sheet column index (null: blank header). */
  readonly columns: readonly (LedgerColumn | null)[];
  readonly problems: readonly HeaderProblem[];
  /** How many header cells matched a column. */
  readonly matched: number;
  readonly unknown: number;
  readonly missingRequired: number;
}

/** Excel's column letters for a 0-based index (0 → A, 26 → AA). */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function mapHeaders(kind: RecordKind, header: readonly Cell[]): HeaderMap {
  const index = cachedIndex(kind);
  const columns: (LedgerColumn | null)[] = [];
  const problems: HeaderProblem[] = [];
  const seen = new Map<string, number>();
  let matched = 0;
  let unknown = 0;
  header.forEach((cell, col) => {
    if (isBlankCell(cell)) {
      columns.push(null);
      return;
    }
    const text = cellText(cell).trim();
    const canon = canonicalHeader(text);
    const c = index.get(canon) ?? index.get(withoutNote(canon));
    if (!c) {
      unknown++;
      columns.push(null);
      const expected = kindColumns(kind).map(headerText).join('、');
      problems.push({
        col,
        column: text,
        message: `无法识别的列名“${text}”，${kind.label}台账的列应为：${expected}`,
      });
      return;
    }
    const id = columnId(c.role);
    const first = seen.get(id);
    if (first !== undefined) {
      columns.push(null);
      problems.push({
        col,
        column: text,
        message: `与第 ${columnLetter(first)} 列重复，都对应“${c.label}”，请删去其中一列`,
      });
      return;
    }
    seen.set(id, col);
    matched++;
    columns.push(c);
  });
  let missingRequired = 0;
  for (const c of kindColumns(kind)) {
    if (c.required && !seen.has(columnId(c.role))) {
      missingRequired++;
      problems.push({ col: -1, column: headerText(c), message: `缺少必填列“${headerText(c)}”：${c.hint}` });
    }
  }
  return { columns, problems, matched, unknown, missingRequired };
}

/**
 * The kind a header row belongs to when neither the file nor the user says: the only kind whose
 * columns account for every header and every required column; among several, the one whose
 * columns the header covers most completely, if that is unique.
 */
export function detectKind(header: readonly Cell[]): RecordKind | undefined {
  const fits: { kind: RecordKind; cover: number }[] = [];
  for (const k of kinds) {
    const m = mapHeaders(k, header);
    if (m.unknown === 0 && m.missingRequired === 0 && m.problems.length === 0 && m.matched > 0) {
      fits.push({ kind: k, cover: m.matched / kindColumns(k).length });
    }
  }
  fits.sort((a, b) => b.cover - a.cover);
  const [best, second] = fits;
  if (!best || (second && second.cover === best.cover)) return undefined;
  return best.kind;
}

/** True when a header row holds the township column (a county export). */
export const hasTownshipColumn = (m: HeaderMap): boolean =>
  m.columns.some((c) => c?.role.kind === 'township');
