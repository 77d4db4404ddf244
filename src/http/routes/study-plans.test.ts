import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import type { PlanProgress, StudyPlanItem } from '../../services/study-plans.ts';
import { testDatabases } from '../../testing/databases.ts';
import { addRecord } from '../../testing/fixtures.ts';
import { seedWorld, signIn, testApp, type Client, type ErrorBody, type World } from '../../testing/http.ts';

for (const tdb of testDatabases()) {
  describe(`/api/study-plans on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    let staff: Client;
    // 2025-05-20 in China: items of January–April are overdue when open.
    const now = new Date('2025-05-20T02:00:00Z');
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h, { clock: () => now });
      staff = await signIn(app, 'township.staff');
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    const plan = {
      sessionType: 'collective',
      topic: '学习行政许可法',
      laws: '行政许可法',
      audience: 'cadres',
    };

    it('plans, links a record the candidates offer, and reports progress', async () => {
      const made: StudyPlanItem[] = [];
      for (const month of [2, 3, 9]) {
        const r = await staff.request({
          method: 'POST',
          url: '/api/study-plans',
          payload: { ...plan, orgId: w.a.id, year: 2025, month },
        });
        expect(r.statusCode).toBe(201);
        made.push(r.json<StudyPlanItem>());
      }
      const bad = await staff.request({
        method: 'POST',
        url: '/api/study-plans',
        payload: { ...plan, orgId: w.a.id, year: 2025, month: 13 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<ErrorBody>().error.message).toBe('计划月份应为1至12月');

      const rec = await addRecord(h, w.a, 'study_session', {
        date: '2025-02-26',
        title: '集中学习行政许可法',
        data: { sessionType: 'collective' },
      });
      const offered = await staff.request({
        method: 'GET',
        url: `/api/study-plans/${made[0]!.id}/candidates`,
      });
      expect(offered.json()).toEqual({
        items: [{ id: rec.id, title: '集中学习行政许可法', date: '2025-02-26' }],
      });
      const linked = await staff.request({
        method: 'PUT',
        url: `/api/study-plans/${made[0]!.id}/record`,
        payload: { recordId: rec.id },
      });
      expect(linked.statusCode).toBe(200);
      expect(linked.json<StudyPlanItem>()).toMatchObject({ state: 'done', record: { id: rec.id } });

      const list = await staff.request({ method: 'GET', url: `/api/study-plans?orgId=${w.a.id}&year=2025` });
      expect(list.json<{ items: StudyPlanItem[] }>().items.map((i) => i.state)).toEqual([
        'done',
        'overdue',
        'upcoming',
      ]);
      const progress = await staff.request({
        method: 'GET',
        url: `/api/study-plans/progress?orgId=${w.a.id}&year=2025`,
      });
      expect(progress.json<PlanProgress>()).toMatchObject({
        reached: 5,
        total: { planned: 3, done: 1, due: 2, overdue: 1 },
        byType: [{ sessionType: 'collective', label: '集中学法', planned: 3, done: 1 }],
      });

      const other = await staff.request({ method: 'GET', url: `/api/study-plans?orgId=${w.b.id}&year=2025` });
      expect(other.statusCode).toBe(404);
      const gone = await staff.request({ method: 'DELETE', url: `/api/study-plans/${made[2]!.id}` });
      expect(gone.statusCode).toBe(200);
      const again = await staff.request({ method: 'DELETE', url: `/api/study-plans/${made[2]!.id}` });
      expect(again.statusCode).toBe(404);
    });
  });
}
