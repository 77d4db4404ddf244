import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearPeriod } from '../core/dates.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { buildReportModel } from '../services/report.ts';
import { examInput, paperKey, plus, seedBank, wrongAnswer } from '../testing/exams.ts';
import { addAccount } from '../testing/fixtures.ts';
import {
  PASSWORD,
  seedWorld,
  signIn,
  testApp,
  usernameOf,
  type Client,
  type ErrorBody,
  type World,
} from '../testing/http.ts';
import { computeIndicators } from '../services/indicators.ts';
import type { ExamDetail, ExamListItem } from '../services/exams/exams.ts';
import type { ExamResults } from '../services/exams/results.ts';
import type { MyExam, Result, Sitting } from '../services/exams/sitting.ts';
import type { PaperQuestion } from '../services/exams/paper.ts';

const MIN = 60_000;
// 09:00 in China on Monday 2 June 2025.
const T0 = '2025-06-02T01:00:00.000Z';

for (const tdb of testDatabases()) {
  describe(`学法考试 through the API on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    let now = T0;
    const c: Record<string, Client> = {};
    let examId = 0;

    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      await seedBank(h);
      for (const [username, name] of [
        ['b.staff', '乙乡工作人员'],
        ['b.clerk', '乙乡干部'],
      ] as const)
        await addAccount(h, {
          username,
          name,
          role: 'township_staff',
          orgId: w.b.id,
          password: PASSWORD,
        }).then((u) =>
          h.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', u.id).execute(),
        );
      app = await testApp(h, {
        clock: () => new Date(now),
        policy: { idleMs: 48 * 3_600_000, absoluteMs: 48 * 3_600_000 },
      });
      for (const role of [
        'township_staff',
        'township_leader',
        'legal_adviser',
        'grid_member',
        'auditor',
      ] as const)
        c[role] = await signIn(app, usernameOf(role));
      c.bStaff = await signIn(app, 'b.staff');
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    const json = <T>(r: { json: () => unknown }) => r.json() as T;
    const err = (r: { json: () => unknown }) => (r.json() as ErrorBody).error;
    const start = (who: string) => c[who]!.request({ method: 'POST', url: `/api/exams/${examId}/sittings` });
    const save = (who: string, s: Pick<Sitting, 'sittingId' | 'token'>, position: number, answer: number[]) =>
      c[who]!.request({
        method: 'PUT',
        url: `/api/exams/${examId}/sittings/${s.sittingId}/answers/${position}`,
        payload: { token: s.token, answer },
      });
    const submit = (who: string, s: Pick<Sitting, 'sittingId' | 'token'>) =>
      c[who]!.request({
        method: 'POST',
        url: `/api/exams/${examId}/sittings/${s.sittingId}/submit`,
        payload: { token: s.token },
      });
    const answerAll = async (who: string, s: Sitting, pick: (q: PaperQuestion) => number[]) => {
      for (const q of await paperKey(h, s.sittingId))
        expect((await save(who, s, q.position, pick(q))).statusCode).toBe(200);
    };
    const input = () =>
      examInput(w.a.id, plus(T0, 10 * MIN), {
        makeup: { opensAt: plus(T0, 180 * MIN), closesAt: plus(T0, 300 * MIN) },
        candidates: {
          orgIds: [w.a.id],
          roles: ['township_leader', 'township_staff', 'legal_adviser', 'grid_member'],
        },
      });

    it('refuses an exam the bank cannot fill, unknown candidates and bad marks, in Chinese', async () => {
      const many = {
        ...input(),
        rules: [{ law: 'civil_code', type: 'single', count: 20, points: 2 }],
        passMark: 20,
        excellentMark: 30,
      };
      const r1 = await c.township_staff!.request({ method: 'POST', url: '/api/exams', payload: many });
      expect(r1.statusCode).toBe(400);
      expect(err(r1).message).toContain('民法典单选题只有 6 道，试卷要求 20 道');
      const r2 = await c.township_staff!.request({
        method: 'POST',
        url: '/api/exams',
        payload: { ...input(), candidates: { usernames: ['township.staff', 'nobody1', 'nobody2'] } },
      });
      expect(r2.statusCode).toBe(400);
      expect(err(r2).message).toBe('找不到以下账号：nobody1、nobody2');
      const r3 = await c.township_staff!.request({
        method: 'POST',
        url: '/api/exams',
        payload: { ...input(), passMark: 95 },
      });
      expect(err(r3).message).toContain('0 < 合格分 ≤ 优秀分 ≤ 总分（90 分）');
      const r4 = await c.township_staff!.request({
        method: 'POST',
        url: '/api/exams',
        payload: { ...input(), durationMin: 300 },
      });
      expect(err(r4).message).toBe('考试时长应为 5 至 240 分钟的整数');
      const r5 = await c.township_staff!.request({
        method: 'POST',
        url: '/api/exams',
        payload: { ...input(), makeup: { opensAt: plus(T0, 60 * MIN), closesAt: plus(T0, 300 * MIN) } },
      });
      expect(err(r5).message).toBe('补考应在正式考试结束之后开始');
      expect(await h.db.selectFrom('exams').select('id').execute()).toEqual([]);
    });

    it('creates an exam for the township’s people; another township’s organiser cannot see it', async () => {
      const r = await c.township_staff!.request({ method: 'POST', url: '/api/exams', payload: input() });
      expect(r.statusCode, r.body).toBe(201);
      const d = json<ExamDetail>(r);
      examId = d.id;
      expect(d).toMatchObject({ total: 90, state: 'open', required: 4, organiser: '甲镇' });
      expect(d.candidates.map((x) => x.status)).toEqual([
        'not_started',
        'not_started',
        'not_started',
        'not_started',
      ]);
      expect(d.candidates.every((x) => x.township === '甲镇')).toBe(true);
      expect((await c.bStaff!.request({ method: 'GET', url: `/api/exams/${examId}` })).statusCode).toBe(404);
      const list = await c.bStaff!.request({ method: 'GET', url: '/api/exams' });
      expect(json<{ items: ExamListItem[] }>(list).items).toEqual([]);
      const own = await c.township_staff!.request({ method: 'GET', url: '/api/exams?year=2025' });
      expect(json<{ items: ExamListItem[] }>(own).items).toMatchObject([{ id: examId, required: 4, sat: 0 }]);
    });

    it('reminds those who have not sat, once a day', async () => {
      const r = await c.township_staff!.request({ method: 'POST', url: `/api/exams/${examId}/remind` });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({ reminded: 4 });
      expect(
        (await c.township_staff!.request({ method: 'POST', url: `/api/exams/${examId}/remind` })).json(),
      ).toEqual({
        reminded: 0,
      });
      const inbox = await c.grid_member!.request({ method: 'GET', url: '/api/messages' });
      expect(inbox.body).toContain('请参加学法考试：2025年度学法考试');
    });

    it('lets only candidates sit, and only inside the window', async () => {
      expect(err(await start('township_leader'))).toMatchObject({ code: 'not_open' });
      expect((await start('township_leader')).statusCode).toBe(409);
      expect(
        (await c.auditor!.request({ method: 'POST', url: `/api/exams/${examId}/sittings` })).statusCode,
      ).toBe(403);
      expect(
        (await c.bStaff!.request({ method: 'POST', url: `/api/exams/${examId}/sittings` })).statusCode,
      ).toBe(404);
      const mine = await c.township_leader!.request({ method: 'GET', url: '/api/exams/mine' });
      expect(json<{ items: MyExam[] }>(mine).items).toMatchObject([
        { id: examId, status: 'upcoming', questionCount: 6 },
      ]);
    });

    it('sits: start, save, a second tab takes over, resume, submit; no key before the windows close', async () => {
      now = plus(T0, 15 * MIN);
      const r = await start('township_leader');
      expect(r.statusCode, r.body).toBe(200);
      const s1 = json<Sitting>(r);
      expect(s1).toMatchObject({ attempt: 1, remainingSeconds: 30 * 60, total: 90 });
      expect(s1.questions).toHaveLength(6);
      for (const q of s1.questions)
        expect(Object.keys(q).sort()).toEqual(['law', 'options', 'points', 'position', 'stem', 'type']);
      const key = await paperKey(h, s1.sittingId);
      const saved = await save('township_leader', s1, 1, [...key[0]!.answer]);
      expect(saved.statusCode, saved.body).toBe(200);
      expect(json<{ savedAt: string }>(saved).savedAt).toBe(now);

      now = plus(now, MIN);
      const s2 = json<Sitting>(await start('township_leader'));
      expect(s2.sittingId).toBe(s1.sittingId);
      expect(s2.token).not.toBe(s1.token);
      expect(s2.answers).toEqual({ 1: [...key[0]!.answer] });
      const stale = await save('township_leader', s1, 2, [0]);
      expect(stale.statusCode).toBe(409);
      expect(err(stale)).toEqual({
        code: 'taken_over',
        message: '本场考试已在其他窗口继续作答，此窗口已停止作答',
      });

      // All right but one 判断 question: 90 − 15 = 75, 合格 (excellent from 80).
      const judge = key.find((q) => q.type === 'judge')!;
      await answerAll('township_leader', s2, (q) =>
        q.position === judge.position ? wrongAnswer(q) : [...q.answer],
      );
      const bad = await save('township_leader', s2, 1, [7]);
      expect(bad.statusCode).toBe(400);
      const done = await submit('township_leader', s2);
      expect(done.statusCode, done.body).toBe(200);
      expect(json<Result>(done)).toMatchObject({
        score: 75,
        grade: 'pass',
        gradeLabel: '合格',
        submittedHow: 'submitted',
        review: null,
      });
      expect(err(await save('township_leader', s2, 1, [0]))).toMatchObject({ code: 'submitted' });
      expect(err(await start('township_leader'))).toMatchObject({ code: 'submitted' });
      const res = await c.township_leader!.request({ method: 'GET', url: `/api/exams/${examId}/result` });
      expect(json<Result>(res)).toMatchObject({ score: 75, review: null });
      const answers = await h.db
        .selectFrom('exam_answers')
        .select('id')
        .where('sitting_id', '=', s1.sittingId)
        .execute();
      expect(answers.length).toBe(7);
    });

    it('ends a sitting at its deadline: a late save is refused and the paper scored from what was saved', async () => {
      now = plus(T0, 20 * MIN);
      const s = json<Sitting>(await start('township_staff'));
      const key = await paperKey(h, s.sittingId);
      const single = key.find((q) => q.type === 'single')!;
      expect((await save('township_staff', s, single.position, [...single.answer])).statusCode).toBe(200);
      now = plus(T0, 51 * MIN);
      const late = await save('township_staff', s, 2, [0]);
      expect(late.statusCode).toBe(409);
      expect(err(late)).toEqual({ code: 'time_up', message: '考试时间已到，试卷已自动交卷' });
      const res = json<Result>(
        await c.township_staff!.request({ method: 'GET', url: `/api/exams/${examId}/result` }),
      );
      expect(res).toMatchObject({
        score: 10,
        grade: 'fail',
        submittedHow: 'timeout',
        submittedAt: plus(T0, 50 * MIN),
      });
    });

    it('fails a sitter who then passes the make-up; one who missed both is not sat', async () => {
      now = plus(T0, 60 * MIN);
      const s = json<Sitting>(await start('legal_adviser'));
      await answerAll('legal_adviser', s, wrongAnswer);
      expect(json<Result>(await submit('legal_adviser', s))).toMatchObject({ score: 0, grade: 'fail' });
      now = plus(T0, 150 * MIN);
      expect(err(await start('grid_member'))).toMatchObject({ code: 'outside_window' });
      const mine = await c.legal_adviser!.request({ method: 'GET', url: '/api/exams/mine' });
      expect(json<{ items: MyExam[] }>(mine).items[0]).toMatchObject({
        status: 'submitted',
        result: { score: 0 },
      });
      now = plus(T0, 200 * MIN);
      expect(
        json<{ items: MyExam[] }>(await c.legal_adviser!.request({ method: 'GET', url: '/api/exams/mine' }))
          .items[0]!.status,
      ).toBe('makeup_open');
      expect(err(await start('township_leader'))).toMatchObject({ code: 'passed' });
      const m = json<Sitting>(await start('legal_adviser'));
      expect(m.attempt).toBe(2);
      await answerAll('legal_adviser', m, (q) => [...q.answer]);
      expect(json<Result>(await submit('legal_adviser', m))).toMatchObject({ score: 90, grade: 'excellent' });
    });

    it('closes once the windows are over, writing the exam and score records the indicators count', async () => {
      const early = await c.township_staff!.request({ method: 'POST', url: `/api/exams/${examId}/close` });
      expect(err(early)).toMatchObject({ code: 'not_over' });
      now = plus(T0, 301 * MIN);
      const r = await c.township_staff!.request({ method: 'POST', url: `/api/exams/${examId}/close` });
      expect(r.statusCode, r.body).toBe(200);
      const d = json<ExamDetail>(r);
      expect(d.state).toBe('closed');
      expect(d.candidates.map((x) => [x.name, x.status, x.score, x.grade])).toEqual(
        expect.arrayContaining([
          ['township_leader', 'submitted', 75, 'pass'],
          ['township_staff', 'submitted', 10, 'fail'],
          ['legal_adviser', 'submitted', 90, 'excellent'],
          ['grid_member', 'not_started', null, null],
        ]),
      );
      expect(
        err(await c.township_staff!.request({ method: 'POST', url: `/api/exams/${examId}/close` })),
      ).toMatchObject({
        code: 'closed',
      });

      const records = await h.db
        .selectFrom('exam_records')
        .innerJoin('records', 'records.id', 'exam_records.record_id')
        .select(['records.kind', 'records.date', 'records.township_id', 'records.data'])
        .where('exam_records.exam_id', '=', examId)
        .execute();
      expect(records.map((x) => x.kind).sort()).toEqual(['exam', 'exam_score', 'exam_score', 'exam_score']);
      expect(records.every((x) => x.date === '2025-06-02' && x.township_id === w.a.id)).toBe(true);
      const exam = records.find((x) => x.kind === 'exam')!;
      expect(h.dialect.readJson(exam.data)).toMatchObject({ required: 4, form: 'online', organizer: '甲镇' });

      const values = await computeIndicators(h, w.a, yearPeriod(2025));
      const v = (key: string) => values.find((x) => x.key === key)?.value;
      expect(v('study.exam_sessions')).toBe(1);
      expect(v('study.exam_takers')).toBe(3);
      expect(v('study.exam_participation_rate')).toBe(75);
      expect(v('study.exam_pass_rate')).toBe(66.7);
      expect(v('study.exam_excellent_rate')).toBe(33.3);
      // The annual report states them from the same records.
      const report = JSON.stringify(await buildReportModel(h, w.a, 2025, '2026-01-20T02:00:00.000Z'));
      for (const said of ['应参考', '参考率', '75%', '合格率', '66.7%', '优秀率', '33.3%'])
        expect(report).toContain(said);
    });

    it('shows the paper with the key and articles after the close; the organiser sees the results', async () => {
      const res = json<Result>(
        await c.township_leader!.request({ method: 'GET', url: `/api/exams/${examId}/result` }),
      );
      expect(res.review).toHaveLength(6);
      expect(res.review!.filter((x) => !x.right)).toHaveLength(1);
      expect(res.review![0]).toHaveProperty('article');
      const r = await c.township_staff!.request({ method: 'GET', url: `/api/exams/${examId}/results` });
      const out = json<ExamResults>(r);
      expect(out).toMatchObject({ required: 4, sat: 3, passed: 2, excellent: 1 });
      expect(out.distribution).toEqual([
        { band: '0-59', n: 1 },
        { band: '60-69', n: 0 },
        { band: '70-79', n: 0 },
        { band: '80-89', n: 1 },
        { band: '90-100', n: 1 },
      ]);
      expect(out.notSat).toEqual([{ name: 'grid_member', unit: '甲镇', township: '甲镇' }]);
      expect(out.wrong[0]!.wrong).toBeGreaterThan(0);
      expect(
        (await c.bStaff!.request({ method: 'GET', url: `/api/exams/${examId}/results` })).statusCode,
      ).toBe(404);
      const mine = json<{ items: MyExam[] }>(
        await c.grid_member!.request({ method: 'GET', url: '/api/exams/mine' }),
      );
      expect(mine.items[0]).toMatchObject({ status: 'closed', result: null });
    });
  });
}
