/**
 * The question bank as a spreadsheet: the 题库 sheet (one row per question: law, type, options
 * A–F, the answer as letters or 正确/错误, the article) and the 填写说明 sheet, written for the
 * template and the export; and the rows of an uploaded file read back into drafts with each row's
 * problems in Chinese. No database: the writing runs on a worker thread in the server.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { laws, lawLabel } from '../../catalogue/laws.ts';
import {
  DIFFICULTIES,
  JUDGE_OPTIONS,
  QUESTION_TYPES,
  type Difficulty,
  type QuestionDraft,
  type QuestionType,
} from '../../catalogue/questions.ts';
import { LETTERS, MAX_OPTIONS, answerText, normaliseDraft, validateQuestion } from '../../core/questions.ts';
import { cellText, isBlankCell, type Cell } from '../ledger-io/cells.ts';
import type { RawSheet } from '../ledger-io/drafts.ts';
import type { ImportIssue } from '../ledger-io/report.ts';
import type { OutCell } from '../ledger-io/write.ts';

export const BANK_SHEET = '题库';
export const GUIDE_SHEET = '填写说明';
const OPTION_HEADERS = [...LETTERS].map((l) => `选项${l}`);
/** The 题库 sheet's columns, in order. 版本 and 来源 are written by the export and not read back. */
export const QUESTION_HEADERS = [
  '题号',
  '法律法规',
  '题型',
  '难度',
  '题干',
  ...OPTION_HEADERS,
  '答案',
  '条文出处',
  '解析',
  '版本',
  '来源',
] as const;
const WIDTHS = [14, 16, 9, 7, 48, ...OPTION_HEADERS.map(() => 20), 9, 18, 30, 6, 14];
const MAX_CODE = 40;

/** A question as a row of the sheet. */
export interface QuestionCells {
  readonly code: string;
  readonly draft: QuestionDraft;
  readonly version: number | null;
  readonly source: string | null;
}

export function rowOf(q: QuestionCells): OutCell[] {
  const d = q.draft;
  const options = d.type === 'judge' ? [] : d.options;
  return [
    q.code,
    lawLabel(d.law),
    QUESTION_TYPES[d.type],
    DIFFICULTIES[d.difficulty],
    d.stem,
    ...OPTION_HEADERS.map((_, i) => options[i] ?? null),
    answerText(d.type, d.answer),
    d.article,
    d.note ?? null,
    q.version,
    q.source,
  ];
}

/** The template's two example rows. */
export const EXAMPLES: readonly QuestionCells[] = [
  {
    code: '',
    draft: {
      law: 'admin_penalty',
      type: 'multiple',
      difficulty: 'medium',
      stem: '行政处罚的种类包括（　）。',
      options: ['警告、通报批评', '罚款、没收违法所得、没收非法财物', '暂扣许可证件、降低资质等级', '记过'],
      answer: [0, 1, 2],
      article: '第九条',
      note: '记过是政务处分，不是行政处罚。',
    },
    version: null,
    source: null,
  },
  {
    code: '',
    draft: {
      law: 'gov_info',
      type: 'judge',
      difficulty: 'easy',
      stem: '行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。',
      options: [...JUDGE_OPTIONS],
      answer: [0],
      article: '第三十三条',
    },
    version: null,
    source: null,
  },
];

const GUIDE: readonly (readonly [string, string])[] = [
  [
    '题号',
    '留空：导入时自动编号。填写本单位已有的题号：按修正处理，保存为该题的新版本（原版本仍保留给已组卷的试卷）；内容未改的不变。入门题库的题号不能在本单位修改',
  ],
  ['法律法规', '必填，见下方“可填的法律法规”'],
  ['题型', `必填：${Object.values(QUESTION_TYPES).join('、')}`],
  ['难度', `${Object.values(DIFFICULTIES).join('、')}；留空按“中等”`],
  ['题干', '必填，不超过 500 字'],
  [
    '选项A…选项F',
    '单选题、多选题至少填 A、B 两项，依次填写，中间不留空；判断题不填（选项固定为“正确”“错误”）',
  ],
  ['答案', '单选题填一个字母，如 A；多选题填两个以上字母，如 ACD；判断题填“正确”或“错误”'],
  ['条文出处', '必填，如 第二十条、第一千零四十二条第一款、第八条第（三）项'],
  ['解析', '选填，考试结束后与正确答案一同显示'],
  ['版本、来源', '导出时填写，导入时不读取'],
];

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** exceljs supports range validations but does not declare them in its typings. */
interface RangeValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

function listValidation(ws: ExcelJS.Worksheet, column: string, formula: string, label: string, last: number) {
  (ws as unknown as { dataValidations: RangeValidations }).dataValidations.add(
    `${column}2:${column}${last}`,
    {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '请从下拉列表选择',
      error: `${label}只能填下拉列表中的值`,
    },
  );
}

/** Writes the 题库 sheet with `rows` (questions or the examples) and the 填写说明 sheet. */
export async function writeQuestionBook(rows: readonly (readonly OutCell[])[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'fazhi';
  const ws = wb.addWorksheet(BANK_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  WIDTHS.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    col.width = w;
    col.numFmt = '@';
  });
  const last = rows.length + 2000;
  listValidation(
    ws,
    'B',
    `'${GUIDE_SHEET}'!$A$${GUIDE.length + 4}:$A$${GUIDE.length + 3 + laws.length}`,
    '法律法规',
    last,
  );
  listValidation(ws, 'C', `"${Object.values(QUESTION_TYPES).join(',')}"`, '题型', last);
  listValidation(ws, 'D', `"${Object.values(DIFFICULTIES).join(',')}"`, '难度', last);
  const header = ws.getRow(1);
  header.values = [...QUESTION_HEADERS];
  header.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  header.commit();
  for (const r of rows) ws.addRow([...r]).commit();
  ws.commit();

  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.getColumn(1).width = 28;
  guide.getColumn(2).width = 100;
  const head = guide.addRow(['列', '填写要求']);
  head.font = { bold: true };
  head.commit();
  for (const g of GUIDE) guide.addRow([...g]).commit();
  guide.addRow([]).commit();
  const lawHead = guide.addRow(['可填的法律法规', '全称（也可填全称）']);
  lawHead.font = { bold: true };
  lawHead.commit();
  for (const l of laws) guide.addRow([l.label, l.title]).commit();
  guide.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** A row of an uploaded file read as a draft, with its code when it has one. */
export interface ParsedQuestion {
  readonly sheet: string;
  readonly row: number;
  readonly code: string | null;
  readonly draft: QuestionDraft;
}

type Column =
  'code' | 'law' | 'type' | 'difficulty' | 'stem' | 'answer' | 'article' | 'note' | `option${number}`;

const HEADER_WORDS: Readonly<Record<string, Column>> = {
  题号: 'code',
  编号: 'code',
  题目编号: 'code',
  法律法规: 'law',
  法律: 'law',
  所属法律: 'law',
  法规: 'law',
  题型: 'type',
  难度: 'difficulty',
  题干: 'stem',
  题目: 'stem',
  答案: 'answer',
  正确答案: 'answer',
  条文出处: 'article',
  出处: 'article',
  法条: 'article',
  依据条款: 'article',
  解析: 'note',
  答案解析: 'note',
  ...Object.fromEntries(
    [...LETTERS].flatMap((l, i) => [
      [`选项${l}`, `option${i}` as Column],
      [l, `option${i}` as Column],
    ]),
  ),
};

const COLUMN_LABELS: Readonly<Record<string, string>> = {
  code: '题号',
  law: '法律法规',
  type: '题型',
  difficulty: '难度',
  stem: '题干',
  answer: '答案',
  article: '条文出处',
  note: '解析',
};

const fold = (c: Cell | undefined): string =>
  cellText(c)
    .replace(/[\s*＊]/g, '')
    .toUpperCase();

const TYPE_WORDS: Readonly<Record<string, QuestionType>> = {
  ...Object.fromEntries(
    Object.entries(QUESTION_TYPES).flatMap(([id, label]) => [
      [label, id],
      [label.slice(0, 2), id],
      [id.toUpperCase(), id],
    ]),
  ),
} as Record<string, QuestionType>;
const DIFFICULTY_WORDS: Readonly<Record<string, Difficulty>> = {
  ...Object.fromEntries(
    Object.entries(DIFFICULTIES).flatMap(([id, label]) => [
      [label, id],
      [id.toUpperCase(), id],
    ]),
  ),
  易: 'easy',
  简单: 'easy',
  中: 'medium',
  一般: 'medium',
  难: 'hard',
  困难: 'hard',
};
const JUDGE_WORDS: Readonly<Record<string, number>> = {
  正确: 0,
  对: 0,
  '√': 0,
  是: 0,
  A: 0,
  T: 0,
  错误: 1,
  错: 1,
  '×': 1,
  否: 1,
  B: 1,
  F: 1,
};

/** The header row: the first of the sheet's first ten rows naming both 题干 and 答案. */
function findHeader(sheet: RawSheet): { index: number; columns: Map<Column, number> } | null {
  for (const [index, row] of sheet.rows.slice(0, 10).entries()) {
    const columns = new Map<Column, number>();
    row.cells.forEach((c, i) => {
      const col = HEADER_WORDS[fold(c)];
      if (col && !columns.has(col)) columns.set(col, i);
    });
    if (columns.has('stem') && columns.has('answer')) return { index, columns };
  }
  return null;
}

function answerOf(type: QuestionType, text: string): { answer: number[]; error?: string } {
  const t = text.replace(/[\s,，、;；]/g, '').toUpperCase();
  if (t === '') return { answer: [] };
  if (type === 'judge') {
    const i = JUDGE_WORDS[t];
    return i === undefined
      ? { answer: [], error: `判断题的答案应为“正确”或“错误”，收到“${text}”` }
      : { answer: [i] };
  }
  const bad = [...t].find((ch) => !/[A-Z]/.test(ch));
  if (bad !== undefined) return { answer: [], error: `答案“${text}”应为选项字母，如 A 或 ACD` };
  return { answer: [...t].map((ch) => ch.charCodeAt(0) - 65) };
}

/**
 * The questions of an uploaded file's sheets (every sheet with a 题干 and 答案 header; not the
 * 填写说明), each row's problems as issues. Rows with errors are left out of `rows`.
 */
export function parseQuestionSheets(sheets: readonly RawSheet[]): {
  rows: ParsedQuestion[];
  issues: ImportIssue[];
} {
  const rows: ParsedQuestion[] = [];
  const issues: ImportIssue[] = [];
  const codes = new Map<string, number>();
  let found = false;
  for (const sheet of sheets) {
    if (sheet.name === GUIDE_SHEET) continue;
    const header = findHeader(sheet);
    if (!header) continue;
    found = true;
    const missing = (['law', 'type', 'stem', 'answer', 'article'] as const).filter(
      (c) => !header.columns.has(c),
    );
    if (missing.length > 0) {
      issues.push({
        sheet: sheet.name,
        row: null,
        column: null,
        message: `缺少列：${missing.map((c) => COLUMN_LABELS[c]).join('、')}（请使用题库导入模板）`,
      });
      continue;
    }
    for (const raw of sheet.rows.slice(header.index + 1)) {
      if (raw.cells.every((c) => isBlankCell(c))) continue;
      const text = (col: Column): string => {
        const i = header.columns.get(col);
        return i === undefined ? '' : cellText(raw.cells[i]).trim();
      };
      const issue = (message: string, column: string | null = null) =>
        issues.push({ sheet: sheet.name, row: raw.number, column, message });
      const before = issues.length;
      const typeText = text('type');
      const type = TYPE_WORDS[typeText.replace(/\s/g, '').toUpperCase()];
      if (!type)
        issue(
          typeText === ''
            ? '缺少题型'
            : `未知的题型“${typeText}”：应为${Object.values(QUESTION_TYPES).join('、')}`,
          '题型',
        );
      const diffText = text('difficulty').replace(/\s/g, '');
      const difficulty = diffText === '' ? 'medium' : DIFFICULTY_WORDS[diffText.toUpperCase()];
      if (!difficulty)
        issue(`未知的难度“${diffText}”：应为${Object.values(DIFFICULTIES).join('、')}`, '难度');
      const optionTexts = Array.from({ length: MAX_OPTIONS }, (_, i) => text(`option${i}`));
      const lastOption = optionTexts.findLastIndex((o) => o !== '');
      const options = optionTexts.slice(0, lastOption + 1);
      const code = text('code');
      if (code.length > MAX_CODE) issue(`题号超过 ${MAX_CODE} 个字符`, '题号');
      const seen = codes.get(code);
      if (code !== '' && seen !== undefined) issue(`题号“${code}”与第 ${seen} 行重复`, '题号');
      if (code !== '') codes.set(code, raw.number);
      if (!type || !difficulty) continue;
      const { answer, error } = answerOf(type, text('answer'));
      if (error) issue(error, '答案');
      const lawText = text('law');
      const draft = normaliseDraft({
        law: lawText,
        type,
        difficulty,
        stem: text('stem'),
        options: type === 'judge' && options.length === 0 ? [...JUDGE_OPTIONS] : options,
        answer,
        article: text('article'),
        note: text('note'),
      });
      for (const e of validateQuestion(draft)) {
        if (e.startsWith('缺少答案') && error) continue;
        issue(
          e.startsWith('未知的法律法规')
            ? lawText === ''
              ? '缺少法律法规'
              : `未知的法律法规“${lawText}”：请填“填写说明”所列名称`
            : e,
        );
      }
      if (issues.length === before)
        rows.push({ sheet: sheet.name, row: raw.number, code: code === '' ? null : code, draft });
    }
  }
  if (!found)
    issues.push({
      sheet: '',
      row: null,
      column: null,
      message: '文件中没有题库工作表：应有“题干”“答案”等列（请使用题库导入模板）',
    });
  return { rows, issues };
}
