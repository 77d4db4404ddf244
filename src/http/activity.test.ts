import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import type { MonthlyActivity } from '../services/activity.ts';
import { addEvidence } from '../services/ledger-writes.ts';
import type { Org } from '../services/orgs.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, addRecord, setup } from '../testing/fixtures.ts';
import { PNG, seedWorld, signIn, testApp, type Client, type World } from '../testing/http.ts';

interface Listed {
  readonly total: number;
  readonly items: readonly { id: number; kind: string; title: string; evidenceCount: number }[];
}

for (const tdb of testDatabases()) {
  describe(`monthly activity and evidence counts on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    let staff: Client;
    let county: Client;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h);
      const add = async (key: string, org: Org, kind: string, date: string, data: object) => {
        ids[key] = (await addRecord(h, org, kind, { date, title: key, data: { ...data } }, NOW)).id;
      };
      await add('宣传一', w.a, 'publicity_event', '2024-03-15', { form: 'street' });
      await add('宣传二', w.a, 'publicity_event', '2024-03-20', { form: 'village' });
      await add('会议', w.a, 'leadership_meeting', '2024-07-01', { meetingType: 'government' });
      await add('考试', w.a, 'exam', '2024-07-02', { required: 30 });
      for (let i = 0; i < 5; i++)
        await add(`成绩${i}`, w.a, 'exam_score', '2024-07-02', { person: `考生${i}`, grade: 'pass' });
      await add('示范户', w.a, 'model_household', '2024-02-01', {});
      await add('纠纷', w.a, 'dispute', '2024-11-11', { disputeType: 'other', status: 'pending' });
      await add('去年宣传', w.a, 'publicity_event', '2023-12-31', { form: 'street' });
      await add('乙乡会议', w.b, 'leadership_meeting', '2024-07-09', { meetingType: 'government' });
      const photo = { name: '照片.png', bytes: PNG };
      await addEvidence(h, app.fazhi.store, setup.p, setup.actor, ids['宣传一']!, photo, NOW);
      staff = await signIn(app, 'township.staff');
      county = await signIn(app, 'county.officer');
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    const activity = async (c: Client, query: string) => {
      const r = await c.request({ method: 'GET', url: `/api/activity?${query}` });
      expect(r.statusCode, r.body).toBe(200);
      return r.json<MonthlyActivity>();
    };
    const row = (a: MonthlyActivity, group: string) => a.groups.find((g) => g.group === group)?.months;

    it('counts records per month and work area, without registries or per-person scores', async () => {
      const a = await activity(staff, 'year=2024');
      expect(a.orgId).toBe(w.a.id);
      expect(a.groups.map((g) => g.group)).toEqual(['leadership', 'study', 'publicity', 'governance']);
      expect(row(a, 'publicity')).toEqual([0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      // One exam, not one bar per examinee.
      expect(row(a, 'study')).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
      expect(a.groups.find((g) => g.group === 'governance')?.total).toBe(1);
      expect(a.groups.find((g) => g.group === 'leadership')?.label).toBe('组织领导');
    });

    it('sums a county over its townships, and refuses an organisation out of scope', async () => {
      const a = await activity(county, `org=${w.county.id}&year=2024`);
      expect(row(a, 'leadership')).toEqual([0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0]);
      expect((await activity(county, `org=${w.a.id}&year=2023`)).groups.map((g) => g.group)).toEqual([
        'publicity',
      ]);
      const other = await staff.request({ method: 'GET', url: `/api/activity?org=${w.b.id}&year=2024` });
      expect(other.statusCode).toBe(403);
      const bad = await staff.request({ method: 'GET', url: '/api/activity?year=abc' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('gives every listed record its evidence count', async () => {
      const r = await staff.request({ method: 'GET', url: '/api/records?year=2024&kind=publicity_event' });
      const page = r.json<Listed>();
      expect(Object.fromEntries(page.items.map((i) => [i.title, i.evidenceCount]))).toEqual({
        宣传一: 1,
        宣传二: 0,
      });
    });

    it('lists the year’s activities that lack their expected evidence', async () => {
      const url = '/api/records?year=2024&missingEvidence=true&limit=2';
      const page = (await staff.request({ method: 'GET', url })).json<Listed>();
      // 宣传二 and 会议: the exam, the dispute and the registry are not activities that need proof.
      expect(page.total).toBe(2);
      expect(page.items.map((i) => i.title).sort()).toEqual(['会议', '宣传二']);
      expect(page.items.every((i) => i.evidenceCount === 0)).toBe(true);
      const one = await staff.request({ method: 'GET', url: `${url}&kind=dispute` });
      expect(one.json<Listed>().total).toBe(0);
      // The upload is a write: the cached answer is dropped and the record leaves the list.
      const up = await staff.request({
        method: 'POST',
        url: `/api/records/${ids['宣传二']!}/evidence?name=p.png`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: PNG,
      });
      expect(up.statusCode).toBe(201);
      expect((await staff.request({ method: 'GET', url })).json<Listed>().total).toBe(1);
    });
  });
}
