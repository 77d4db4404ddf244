import { isBlankCell } from '../../cells.ts';
import { draftSlice, type RawSheet } from '../../drafts.ts';
import { DEFAULT_MAX_IMPORT_BYTES, type LedgerFormat } from '../../format.ts';
import { readSheets } from '../../read.ts';
import { planSheets } from '../../sheets.ts';
import { kindOf, layoutFixtures, type ExpectedRecord, type LayoutFixture } from './fixtures.ts';

/**
 * Measures the import of ledgers laid out as townships keep them against the fixture set: the
 * share of columns mapped automatically, the share of cells read without a question, and each
 * record read against the one expected. Pure: no database (the drafting step is the import's own).
 */

export interface FixtureResult {
  readonly name: string;
  readonly file: string;
  /** Columns the answer key lists, and those mapped as it says (kind right too). */
  readonly columns: number;
  readonly columnsRight: number;
  readonly columnMisses: readonly string[];
  /** Non-empty cells of data rows in columns that hold a field, and those a question was asked about. */
  readonly cells: number;
  readonly asked: number;
  /** Questions the answer key does not expect, and expected ones not asked. */
  readonly unexpected: readonly string[];
  readonly missed: readonly string[];
  /** Records read (of files read without unexpected questions), and those equal to the expected ones. */
  readonly records: number;
  readonly recordsRight: number;
  readonly recordMisses: readonly string[];
  readonly error?: string;
}

const TOWNSHIP = { name: '桃源镇', code: '430000000001' };

const formatOf = (file: string): LedgerFormat => (/\.docx$/i.test(file) ? 'docx' : 'xlsx');

/** The column id the answer key's field stands for; null for a column that is not imported. */
const idOf = (field: string | null): string | null =>
  field === null ? null : ['date', 'title', 'org', 'endDate'].includes(field) ? field : `data.${field}`;

function compareRecord(
  want: ExpectedRecord,
  got: { date: unknown; title: unknown; org?: unknown; data: Record<string, unknown> },
  skip: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => a === b || (typeof b === 'number' && Number(a) === b);
  if (!skip.has('date') && !same(got.date, want.date)) out.push(`日期 ${String(got.date)} ≠ ${want.date}`);
  if (!same(got.title, want.title)) out.push(`标题 ${String(got.title)} ≠ ${want.title}`);
  if (want.org !== undefined && !same(got.org, want.org))
    out.push(`村（社区） ${String(got.org)} ≠ ${want.org}`);
  for (const [k, v] of Object.entries(want.data))
    if (!skip.has(k) && !same(got.data[k], v)) out.push(`${k} ${String(got.data[k])} ≠ ${String(v)}`);
  if (want.note !== undefined && !same(got.data.note, want.note))
    out.push(`备注 ${String(got.data.note)} ≠ ${want.note}`);
  // Numbers written as approximate (200余) keep their mark.
  const marks =
    typeof got.data.approxFields === 'string' ? got.data.approxFields.split(',').filter(Boolean) : [];
  const wantMarks = (want.approx ?? []).filter((k) => !skip.has(k));
  if ([...marks].sort().join() !== [...wantMarks].sort().join())
    out.push(`约数 ${marks.join('、') || '无'} ≠ ${wantMarks.join('、') || '无'}`);
  for (const [k, v] of Object.entries(got.data))
    if (
      !(k in want.data) &&
      !['note', 'approxFields'].includes(k) &&
      v !== null &&
      v !== undefined &&
      !skip.has(k)
    )
      out.push(`${k} 多出 ${JSON.stringify(v)}`);
  return out;
}

export async function evaluateFixture(f: LayoutFixture): Promise<FixtureResult> {
  const empty = {
    name: f.name,
    file: f.file,
    columns: f.columns.length,
    columnsRight: 0,
    columnMisses: [],
    cells: 0,
    asked: 0,
    unexpected: [],
    missed: [],
    records: 0,
    recordsRight: 0,
    recordMisses: [],
  };
  let raw: RawSheet[];
  try {
    raw = readSheets(f.file, await f.build(), formatOf(f.file), DEFAULT_MAX_IMPORT_BYTES);
  } catch (e) {
    return { ...empty, error: e instanceof Error ? e.message : String(e) };
  }
  const plan = planSheets(raw, { township: TOWNSHIP, fileName: f.file });

  // Columns: each answer-key column, mapped as it says, on a sheet read as the right kind.
  const columnMisses: string[] = [];
  let columnsRight = 0;
  const used = new Map<string, number>();
  for (const c of f.columns) {
    const sheet = plan.sheets.find((s) => s.sheet === c.sheet);
    const n = used.get(`${c.sheet}|${c.header}`) ?? 0;
    used.set(`${c.sheet}|${c.header}`, n + 1);
    const m = sheet?.mapping?.filter((x) => x.header === c.header)[n];
    const want = idOf(c.field);
    const got = m ? (['seq', 'ignore'].includes(m.id ?? '') ? null : m.id) : undefined;
    const kindRight = sheet?.kind.id === kindOf(f, c.sheet);
    if (kindRight && m && got === want && !(want === null && m.id === null)) columnsRight++;
    else
      columnMisses.push(
        `${c.sheet}“${c.header}”：应为 ${want ?? '不导入'}，读作 ${sheet ? (kindRight ? (m ? (m.id ?? '未能对应') : '无此列') : `类型 ${sheet.kind.id}`) : '未识别'}`,
      );
  }

  // Cells: every non-empty cell of a data row in a column that holds a field.
  const asked = plan.issues.filter((i) => i.row !== null && i.column !== null);
  const expectedQ = f.questions ?? [];
  const totalRows = new Set((f.expectedTotals ?? []).map((t) => `${t.sheet}|${t.row}`));
  const isTotalIssue = (i: { sheet: string; row: number | null }) =>
    totalRows.has(`${i.sheet}|${i.row ?? ''}`);
  let cells = 0;
  for (const s of plan.sheets) {
    const fields = new Map(f.columns.filter((c) => c.sheet === s.sheet).map((c) => [c.header, c.field]));
    const rawSheet = raw.find((r) => r.name === s.sheet);
    const headers = s.mapping ?? [];
    for (const row of s.rows) {
      const original = rawSheet?.rows.find((r) => r.number === row.number);
      headers.forEach((m, i) => {
        const field = fields.get(m.header);
        if (field && !isBlankCell(original?.cells[i])) cells++;
      });
    }
  }
  const cellQuestions = asked.filter((i) => !isTotalIssue(i));
  const unexpected = cellQuestions
    .filter((i) => !expectedQ.some((q) => q.sheet === i.sheet && q.row === i.row))
    .map((i) => `${i.sheet} 第${i.row ?? ''}行 ${i.column ?? ''}：${i.message}`);
  const missed = expectedQ
    .filter((q) => !cellQuestions.some((i) => i.sheet === q.sheet && i.row === q.row))
    .map((q) => `${q.sheet} 第${q.row}行 ${q.column}：${q.why}`);
  for (const t of f.expectedTotals ?? []) {
    const flagged = asked.some((i) => i.sheet === t.sheet && i.row === t.row);
    if (flagged === t.ok)
      (t.ok ? unexpected : missed).push(`${t.sheet} 第${t.row}行 合计${t.ok ? '误报' : '未发现不符'}`);
  }
  const sheetIssues = plan.issues.filter((i) => i.row === null || i.column === null);
  unexpected.push(...sheetIssues.map((i) => `${i.sheet}：${i.message}`));

  // Records: each sheet's rows drafted as the import drafts them, against the expected ones.
  const recordMisses: string[] = [];
  let records = 0;
  let recordsRight = 0;
  for (const s of plan.sheets) {
    const want = f.expected.filter((r) => (r.sheet ?? plan.sheets[0]!.sheet) === s.sheet);
    const { drafts, rowNumbers } = draftSlice(s, 0, s.rows.length);
    drafts.forEach((d, i) => {
      records++;
      const w = want[i];
      if (!w) {
        recordMisses.push(`${s.sheet} 第${rowNumbers[i]}行：多出一条记录`);
        return;
      }
      const qs = expectedQ.filter((q) => q.sheet === s.sheet && q.row === rowNumbers[i]);
      const skip = new Set<string>(
        qs.flatMap((q) => {
          const c = f.columns.find((x) => x.sheet === s.sheet && x.header === q.column);
          return c?.field ? [c.field] : [];
        }),
      );
      const diffs = compareRecord(w, d, skip);
      if (diffs.length === 0) recordsRight++;
      else recordMisses.push(`${s.sheet} 第${rowNumbers[i]}行：${diffs.join('；')}`);
    });
    if (drafts.length < want.length)
      recordMisses.push(`${s.sheet}：少了 ${want.length - drafts.length} 条记录`);
  }
  return {
    ...empty,
    columnsRight,
    columnMisses,
    cells,
    asked: cellQuestions.length,
    unexpected,
    missed,
    records: Math.max(records, f.expected.length),
    recordsRight,
    recordMisses,
  };
}

export async function evaluateAll(): Promise<{
  results: FixtureResult[];
  columnShare: number;
  cellShare: number;
  recordShare: number;
}> {
  const results: FixtureResult[] = [];
  for (const f of layoutFixtures) results.push(await evaluateFixture(f));
  const sum = (k: keyof FixtureResult) => results.reduce((n, r) => n + (r[k] as number), 0);
  return {
    results,
    columnShare: sum('columnsRight') / sum('columns'),
    cellShare: 1 - sum('asked') / Math.max(1, sum('cells')),
    recordShare: sum('recordsRight') / Math.max(1, sum('records')),
  };
}
