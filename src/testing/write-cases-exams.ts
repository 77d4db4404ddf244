/** The write cases of 学法考试: creating an exam, starting and submitting a sitting, closing the exam. */
import { closeExam } from '../services/exams/close.ts';
import { importPaperScores } from '../services/exams/exam-io.ts';
import { PAPER_HEADERS, writeExamBook } from '../services/exams/exam-xlsx.ts';
import { createExam } from '../services/exams/exams.ts';
import { rescoreQuestion } from '../services/exams/rescore.ts';
import { remindCandidates } from '../services/exams/results.ts';
import { startSitting, submitSitting } from '../services/exams/sitting.ts';
import { examInput, paperKey, plus, seedBank } from './exams.ts';
import type { World, WriteCase } from './write-cases.ts';

const AT = '2025-06-30T02:00:00.000Z';
const MIN = 60_000;
const banks = new WeakSet<World>();

async function withBank(w: World): Promise<void> {
  if (banks.has(w)) return;
  banks.add(w);
  await seedBank(w.h);
}

/** An exam of the township's clerk (w.staff), made by the console, its window opening at AT. */
async function clerkExam(w: World): Promise<number> {
  await withBank(w);
  const input = examInput(w.org.a.id, AT, { candidates: { usernames: [w.staff.username] } });
  return (await createExam(w.h, w.console, w.act(w.console), input, AT)).id;
}

export const examWriteCases: readonly WriteCase[] = [
  {
    service: 'exams/exams.ts#createExam',
    action: 'exam.create',
    prepare: async (w) => {
      await withBank(w);
      const input = examInput(w.org.a.id, AT, { candidates: { usernames: [w.staff.username] } });
      return () => createExam(w.h, w.staff, w.act(w.staff), input, AT);
    },
  },
  {
    service: 'exams/sitting.ts#startSitting',
    action: 'exam.start',
    prepare: async (w) => {
      const id = await clerkExam(w);
      return () => startSitting(w.h, w.staff, w.act(w.staff), id, plus(AT, MIN));
    },
  },
  {
    service: 'exams/sitting.ts#submitSitting',
    action: 'exam.submit',
    prepare: async (w) => {
      const id = await clerkExam(w);
      const s = await startSitting(w.h, w.staff, w.act(w.staff), id, plus(AT, MIN));
      return () =>
        submitSitting(
          w.h,
          w.staff,
          w.act(w.staff),
          { examId: id, sittingId: s.sittingId, token: s.token },
          plus(AT, 2 * MIN),
        );
    },
  },
  {
    service: 'exams/close.ts#closeExam',
    action: 'exam.close',
    prepare: async (w) => {
      const id = await clerkExam(w);
      const s = await startSitting(w.h, w.staff, w.act(w.staff), id, plus(AT, MIN));
      const input = { examId: id, sittingId: s.sittingId, token: s.token };
      await submitSitting(w.h, w.staff, w.act(w.staff), input, plus(AT, 2 * MIN));
      return () => closeExam(w.h, w.staff, w.act(w.staff), id, plus(AT, 200 * MIN));
    },
  },
  {
    service: 'exams/rescore.ts#rescoreQuestion',
    action: 'exam.rescore',
    prepare: async (w) => {
      const id = await clerkExam(w);
      const s = await startSitting(w.h, w.staff, w.act(w.staff), id, plus(AT, MIN));
      // The paper carries a key the bank has since corrected: re-scoring brings the bank's.
      const [first, ...rest] = await paperKey(w.h, s.sittingId);
      const stale = { ...first!, answer: [(first!.answer[0]! + 1) % first!.options.length] };
      await w.h.db
        .updateTable('exam_sittings')
        .set({ paper: JSON.stringify([stale, ...rest]) })
        .where('id', '=', s.sittingId)
        .execute();
      return () => rescoreQuestion(w.h, w.staff, w.act(w.staff), id, first!.code, plus(AT, 2 * MIN));
    },
  },
  {
    service: 'exams/results.ts#remindCandidates',
    action: 'exam.remind',
    prepare: async (w) => {
      const id = await clerkExam(w);
      return () => remindCandidates(w.h, w.staff, w.act(w.staff), id, plus(AT, MIN));
    },
  },
  {
    service: 'exams/exam-io.ts#importPaperScores',
    action: 'exam.paper_scores',
    prepare: async (w) => {
      const id = await clerkExam(w);
      const bytes = await writeExamBook([
        { name: '纸质成绩', headers: PAPER_HEADERS, widths: [], rows: [['纸质考生', '某村委会', null, 80]] },
      ]);
      return () =>
        importPaperScores(
          w.h,
          w.staff,
          w.act(w.staff),
          id,
          { fileName: '纸质成绩.xlsx', bytes },
          plus(AT, MIN),
        );
    },
  },
];
