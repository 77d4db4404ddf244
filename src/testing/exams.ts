/** Exam test setup: a question bank, an exam's input, and the right answers of a drawn paper. */
import { JUDGE_OPTIONS, type QuestionType } from '../catalogue/questions.ts';
import type { Db } from '../db/connect.ts';
import type { ExamInput } from '../services/exams/validate.ts';
import type { PaperQuestion } from '../services/exams/paper.ts';
import { getSitting } from '../db/exams.repo.ts';

let seq = 0;
const CHINESE = [...'一二三四五六七八九十'].concat([...'一二三四五六七八九'].map((d) => `十${d}`));
const replaced = new WeakSet<Db>();

/**
 * Adds `n` current questions of each law and type to a bank (owner 0: the starter bank), written
 * straight into the table as the bank's import would leave them. Single: option k is right (k = i
 * mod 4); multiple: options 0 and 2; judge: 正确 for even i. The first call on a database takes the
 * shipped starter bank out, so a test knows exactly what the bank holds.
 */
export async function seedBank(
  h: Db,
  laws: readonly string[] = ['civil_code', 'constitution'],
  n = 6,
  owner = 0,
): Promise<void> {
  if (!replaced.has(h)) {
    replaced.add(h);
    await h.db.deleteFrom('questions').where('owner', '=', 0).execute();
  }
  const rows = laws.flatMap((law) =>
    (['single', 'multiple', 'judge'] as const satisfies readonly QuestionType[]).flatMap((type) =>
      Array.from({ length: n }, (_, i) => {
        const code = `T-${++seq}`;
        const options =
          type === 'judge' ? [...JUDGE_OPTIONS] : ['甲', '乙', '丙', '丁'].map((o) => `${o}${code}`);
        const answer = type === 'single' ? [i % 4] : type === 'multiple' ? [0, 2] : [i % 2];
        return {
          owner,
          org_id: owner === 0 ? null : owner,
          code,
          version: 1,
          current: 1,
          law,
          type,
          difficulty: 'easy',
          stem: `${law} ${type} 第${i + 1}题 ${code}`,
          options: JSON.stringify(options),
          answer: JSON.stringify(answer),
          article: `第${CHINESE[i] ?? '二十'}条`,
          note: null,
          created_by: null,
          created_at: '2024-01-01T00:00:00.000Z',
          retired_at: null,
        };
      }),
    ),
  );
  await h.db.insertInto('questions').values(rows).execute();
}

const HOUR = 3_600_000;
export const plus = (at: string, ms: number): string => new Date(Date.parse(at) + ms).toISOString();

/** An exam of 2 单选 ×10 + 2 多选 ×20 + 2 判断 ×15 (total 90) over a two-hour window from `opensAt`. */
export function examInput(orgId: number, opensAt: string, extra: Partial<ExamInput> = {}): ExamInput {
  return {
    orgId,
    title: '2025年度学法考试',
    opensAt,
    closesAt: plus(opensAt, 2 * HOUR),
    durationMin: 30,
    display: 'one',
    mode: 'random',
    rules: [
      { law: 'civil_code', type: 'single', count: 2, points: 10 },
      { law: 'civil_code', type: 'multiple', count: 2, points: 20 },
      { law: 'constitution', type: 'judge', count: 2, points: 15 },
    ],
    passMark: 60,
    excellentMark: 80,
    candidates: { orgIds: [], roles: [] },
    ...extra,
  };
}

/** A drawn paper's questions with their keys, read from the database as only the server can. */
export async function paperKey(h: Db, sittingId: number): Promise<PaperQuestion[]> {
  const s = await getSitting(h.db, sittingId);
  return JSON.parse(s?.paper ?? '[]') as PaperQuestion[];
}

/** A wrong answer to a question (another option than the key's first). */
export const wrongAnswer = (q: PaperQuestion): number[] => [(q.answer[0]! + 1) % q.options.length];
