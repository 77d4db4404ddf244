import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { getSitting } from '../../db/exams.repo.ts';
import { testDatabases } from '../../testing/databases.ts';
import { examInput, paperKey, plus, seedBank } from '../../testing/exams.ts';
import { principalOf, seedWorld, type World } from '../../testing/http.ts';
import type { Principal } from '../access.ts';
import { actorOf, listAudit } from '../audit.ts';
import { closeExam } from './close.ts';
import { createExam } from './exams.ts';
import type { QuestionDraft } from '../../catalogue/questions.ts';
import { correctQuestion, toQuestion, type Question } from './questions.ts';
import { rescoreQuestion } from './rescore.ts';
import { saveAnswer, startSitting, submitSitting } from './sitting.ts';
import { getQuestion } from '../../db/questions.repo.ts';

const T0 = '2025-10-09T01:00:00.000Z';

const draftOf = (q: Question): QuestionDraft => ({
  law: q.law,
  type: q.type,
  difficulty: q.difficulty,
  stem: q.stem,
  options: q.options,
  answer: q.answer,
  article: q.article,
});
const MIN = 60_000;

for (const tdb of testDatabases()) {
  describe(`re-scoring after a corrected question on ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let staff: Principal;
    let examId: number;
    let sittingId: number;
    const act = (p: Principal) => actorOf(p, '10.0.0.1');

    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      // The township's own bank: a question the township may correct.
      await seedBank(h, ['civil_code', 'constitution'], 6, w.a.id);
      staff = principalOf(w, 'township_staff');
      const input = examInput(w.a.id, T0, { candidates: { usernames: [staff.username] } });
      examId = (await createExam(h, staff, act(staff), input, T0)).id;
      const s = await startSitting(h, staff, act(staff), examId, plus(T0, MIN));
      sittingId = s.sittingId;
      // Every question answered by its key: full marks.
      for (const q of await paperKey(h, sittingId))
        await saveAnswer(
          h,
          staff,
          { examId, sittingId, position: q.position, token: s.token, answer: q.answer },
          plus(T0, 2 * MIN),
        );
      const r = await submitSitting(
        h,
        staff,
        act(staff),
        { examId, sittingId, token: s.token },
        plus(T0, 3 * MIN),
      );
      expect(r.score).toBe(90);
    });
    afterAll(async () => h.close());

    const singleOnPaper = async () => (await paperKey(h, sittingId)).find((q) => q.type === 'single')!;

    it('carries the corrected key to the paper by the options’ text and re-scores it, audited', async () => {
      const q = await singleOnPaper();
      const row = (await getQuestion(h.db, q.id))!;
      const old = toQuestion(row, '甲镇');
      // The key was wrong: another option is right.
      const right = (old.answer[0]! + 1) % old.options.length;
      const fixed = await correctQuestion(
        h,
        staff,
        act(staff),
        q.id,
        { ...draftOf(old), answer: [right] },
        plus(T0, 200 * MIN),
      );
      expect(fixed.version).toBe(2);

      const r = await rescoreQuestion(h, staff, act(staff), examId, q.code, plus(T0, 201 * MIN));
      expect(r).toEqual({ code: q.code, version: 2, papers: 1, changed: 1 });
      const s = (await getSitting(h.db, sittingId))!;
      expect(s.score).toBe(90 - q.points);
      expect(s.grade).toBe('excellent');
      const onPaper = (await paperKey(h, sittingId)).find((x) => x.code === q.code)!;
      // The person's own option order is kept; the key points at the same text the corrected version names.
      expect(onPaper.options).toEqual(q.options);
      expect(onPaper.answer.map((i) => onPaper.options[i])).toEqual([old.options[right]]);
      expect(onPaper.version).toBe(2);

      const entry = (await listAudit(h, { limit: 1, order: 'desc' }))[0]!;
      expect(entry).toMatchObject({ action: 'exam.rescore', targetType: 'exam', targetId: String(examId) });
      expect(entry.after).toEqual({ code: q.code, version: 2, papers: 1, changed: 1 });
    });

    it('refuses a correction that changed the options, an unknown 题号 and a closed exam', async () => {
      const q = (await paperKey(h, sittingId)).find((x) => x.type === 'multiple')!;
      const current = toQuestion((await getQuestion(h.db, q.id))!, '甲镇');
      await correctQuestion(
        h,
        staff,
        act(staff),
        q.id,
        { ...draftOf(current), options: [...current.options.slice(0, -1), '新的选项'] },
        plus(T0, 202 * MIN),
      );
      const before = (await getSitting(h.db, sittingId))!;
      await expect(
        rescoreQuestion(h, staff, act(staff), examId, q.code, plus(T0, 203 * MIN)),
      ).rejects.toMatchObject({
        code: 'options_changed',
        status: 409,
      });
      // Nothing half-done: the paper and its score are as they were.
      expect(await getSitting(h.db, sittingId)).toEqual(before);
      await expect(
        rescoreQuestion(h, staff, act(staff), examId, '无此题', plus(T0, 203 * MIN)),
      ).rejects.toMatchObject({ status: 404 });

      await closeExam(h, staff, act(staff), examId, plus(T0, 300 * MIN));
      await expect(
        rescoreQuestion(h, staff, act(staff), examId, q.code, plus(T0, 301 * MIN)),
      ).rejects.toMatchObject({ code: 'closed', status: 409 });
    });
  });
}
