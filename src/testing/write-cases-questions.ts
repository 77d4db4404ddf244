/** The write cases of the question bank: a question created, corrected, retired, a file imported. */
import ExcelJS from 'exceljs';
import type { QuestionDraft } from '../catalogue/questions.ts';
import { importQuestions } from '../services/exams/question-io.ts';
import { QUESTION_HEADERS } from '../services/exams/question-xlsx.ts';
import { correctQuestion, createQuestion, retireQuestion } from '../services/exams/questions.ts';
import type { World, WriteCase } from './write-cases.ts';

const AT = '2025-06-30T02:00:00.000Z';
let n = 0;

const draft = (): QuestionDraft => ({
  law: 'petition',
  type: 'single',
  difficulty: 'easy',
  stem: `信访工作坚持的原则${++n}`,
  options: ['属地管理、分级负责', '谁主管、谁负责', '依法、及时、就地解决问题与疏导教育相结合', '以上都是'],
  answer: [3],
  article: '第四条',
});

const made = (w: World) => createQuestion(w.h, w.staff, w.act(w.staff), { draft: draft() }, AT);

async function bankFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow([...QUESTION_HEADERS]);
  ws.addRow([
    '',
    '信访工作条例',
    '判断题',
    '容易',
    `信访人可以采用走访形式提出信访事项${++n}`,
    null,
    null,
    null,
    null,
    null,
    null,
    '正确',
    '第二十一条',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const questionWriteCases: readonly WriteCase[] = [
  {
    service: 'exams/questions.ts#createQuestion',
    action: 'question.create',
    prepare: (w) => () => made(w),
  },
  {
    service: 'exams/questions.ts#correctQuestion',
    action: 'question.correct',
    prepare: async (w) => {
      const q = await made(w);
      return () => correctQuestion(w.h, w.staff, w.act(w.staff), q.id, draft(), AT);
    },
  },
  {
    service: 'exams/questions.ts#retireQuestion',
    action: 'question.retire',
    prepare: async (w) => {
      const q = await made(w);
      return () => retireQuestion(w.h, w.staff, w.act(w.staff), q.id, AT);
    },
  },
  {
    service: 'exams/question-io.ts#importQuestions',
    action: 'question.import',
    prepare: async (w) => {
      const bytes = await bankFile();
      return () => importQuestions(w.h, w.staff, w.act(w.staff), { fileName: '题库.xlsx', bytes }, AT);
    },
  },
];
