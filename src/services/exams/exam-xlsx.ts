/**
 * The exam's spreadsheets: the results workbook (成绩, 分数分布, 易错题, 未参考), the paper-exam
 * template (纸质成绩 and 填写说明) and the rows of an uploaded paper-score file read back with each
 * row's problems in Chinese. No database: the writing runs on a worker thread in the server.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, isBlankCell } from '../ledger-io/cells.ts';
import type { RawSheet } from '../ledger-io/drafts.ts';
import type { ImportIssue } from '../ledger-io/report.ts';
import type { OutCell } from '../ledger-io/write.ts';

/** One sheet as plain data (it crosses to a worker thread). */
export interface TableSheet {
  readonly name: string;
  readonly headers: readonly string[];
  readonly widths: readonly number[];
  readonly rows: readonly (readonly OutCell[])[];
  /** Columns (0-based) stored as text, so a username or unit is not turned into a number. */
  readonly textColumns?: readonly number[];
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** Writes sheets, in order, as one workbook (streamed: each row is committed as it is added). */
export async function writeExamBook(sheets: readonly TableSheet[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'fazhi';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    s.widths.forEach((w, i) => {
      const col = ws.getColumn(i + 1);
      col.width = w;
      if (s.textColumns?.includes(i)) col.numFmt = '@';
    });
    const header = ws.getRow(1);
    header.values = [...s.headers];
    header.eachCell((c) => {
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.alignment = { vertical: 'middle', horizontal: 'center' };
    });
    header.commit();
    for (const r of s.rows) ws.addRow([...r]).commit();
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
}

export const PAPER_SHEET = '纸质成绩';
export const PAPER_GUIDE_SHEET = '填写说明';
export const PAPER_HEADERS = ['姓名', '单位', '账号（选填）', '成绩'] as const;

/** The paper-score template: one row per candidate (成绩 left blank) and the 填写说明 sheet. */
export function paperTemplateSheets(
  candidates: readonly { name: string; unit: string | null; username: string | null }[],
  exam: { title: string; total: number; passMark: number; excellentMark: number },
): TableSheet[] {
  const guide: [string, string][] = [
    ['考试', exam.title],
    ['姓名', '必填'],
    ['单位', '选填；没有账号的人员按“姓名 + 单位”与应考人员核对，请照应考名单填写'],
    [
      '账号（选填）',
      '填写后按账号核对，须为本次考试的应考人员；不填时按“姓名 + 单位”核对，核对不上的按无账号人员登记',
    ],
    [
      '成绩',
      `必填，0 至 ${exam.total} 分（总分 ${exam.total}，合格 ${exam.passMark}，优秀 ${exam.excellentMark}）；未参加纸质考试的人员请删去该行`,
    ],
    [
      '导入',
      '有任何错误则整份不导入；再次导入会替换本场考试此前导入的全部纸质成绩（在线作答的成绩不受影响，同一人取较好的成绩）；考试结束并登记成绩后不能再导入',
    ],
  ];
  return [
    {
      name: PAPER_SHEET,
      headers: PAPER_HEADERS,
      widths: [14, 28, 18, 10],
      rows: candidates.map((c) => [c.name, c.unit, c.username, null]),
      textColumns: [0, 1, 2],
    },
    { name: PAPER_GUIDE_SHEET, headers: ['列', '填写要求'], widths: [16, 100], rows: guide },
  ];
}

/** A row of an uploaded paper-score file. */
export interface PaperRow {
  readonly sheet: string;
  readonly row: number;
  readonly name: string;
  readonly unit: string;
  readonly username: string | null;
  readonly score: number;
}

type Column = 'name' | 'unit' | 'username' | 'score';
const COLUMN_WORDS: Readonly<Record<string, Column>> = {
  姓名: 'name',
  单位: 'unit',
  账号: 'username',
  用户名: 'username',
  成绩: 'score',
  得分: 'score',
  分数: 'score',
};
const fold = (s: string): string => s.replace(/[\s（(].*$/, '').trim();

function findHeader(sheet: RawSheet): { index: number; columns: Map<Column, number> } | null {
  for (const [index, raw] of sheet.rows.slice(0, 10).entries()) {
    const columns = new Map<Column, number>();
    raw.cells.forEach((c, i) => {
      const col = COLUMN_WORDS[fold(cellText(c))];
      if (col && !columns.has(col)) columns.set(col, i);
    });
    if (columns.has('name') && columns.has('score')) return { index, columns };
  }
  return null;
}

/** Reads the scores of every sheet with a 姓名 and 成绩 header (the 填写说明 sheet aside). */
export function parsePaperSheets(
  sheets: readonly RawSheet[],
  total: number,
): { rows: PaperRow[]; issues: ImportIssue[]; found: boolean } {
  const rows: PaperRow[] = [];
  const issues: ImportIssue[] = [];
  let found = false;
  for (const sheet of sheets) {
    if (sheet.name === PAPER_GUIDE_SHEET) continue;
    const header = findHeader(sheet);
    if (!header) continue;
    found = true;
    for (const raw of sheet.rows.slice(header.index + 1)) {
      if (raw.cells.every((c) => isBlankCell(c))) continue;
      const text = (col: Column): string => {
        const i = header.columns.get(col);
        return i === undefined ? '' : cellText(raw.cells[i]).trim();
      };
      const issue = (message: string, column: string) =>
        issues.push({ sheet: sheet.name, row: raw.number, column, message });
      const before = issues.length;
      const name = text('name');
      if (name === '') issue('姓名为空', '姓名');
      else if (name.length > 50) issue('姓名不超过 50 字', '姓名');
      const unit = text('unit');
      if (unit.length > 100) issue('单位不超过 100 字', '单位');
      const username = text('username');
      const scoreText = text('score');
      const score = Number(scoreText);
      if (scoreText === '') issue('成绩为空（未参加纸质考试的人员请删去该行）', '成绩');
      else if (!Number.isFinite(score)) issue(`成绩“${scoreText}”不是数字`, '成绩');
      else if (score < 0) issue(`成绩“${scoreText}”不能为负数`, '成绩');
      else if (score > total) issue(`成绩“${scoreText}”超过总分${total}`, '成绩');
      if (issues.length > before) continue;
      rows.push({
        sheet: sheet.name,
        row: raw.number,
        name,
        unit,
        username: username === '' ? null : username,
        score: Math.round(score * 100) / 100,
      });
    }
  }
  return { rows, issues, found };
}
