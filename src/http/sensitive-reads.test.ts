import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { listAudit, verifyAudit } from '../services/audit.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, addRecord } from '../testing/fixtures.ts';
import { seedWorld, signIn, testApp, type World } from '../testing/http.ts';

for (const tdb of testDatabases()) {
  describe(`sensitive reads on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      await addRecord(
        h,
        w.a,
        'leadership_meeting',
        { date: '2024-03-01', title: '专题会议', data: { meetingType: 'joint' } },
        NOW,
      );
      app = await testApp(h);
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('leave an audit entry each: the ledger export, a generated report, a review', async () => {
      const staff = await signIn(app, 'township.staff');
      const county = await signIn(app, 'county.officer');
      const exported = await staff.request({ method: 'GET', url: '/api/export?year=2024' });
      expect(exported.statusCode, exported.body).toBe(200);
      const report = await county.request({
        method: 'GET',
        url: `/api/report?year=2024&format=md&org=${w.a.id}`,
      });
      expect(report.statusCode, report.body).toBe(200);
      const review = await county.request({
        method: 'POST',
        url: '/api/review?name=report.txt',
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from(
          '甲镇2024年法治政府建设年度报告\n一、主要举措和成效\n全年开展普法宣传活动12场。\n',
        ),
      });
      expect(review.statusCode, review.body).toBe(200);
      const entries = await listAudit(h, { limit: 10_000 });
      const by = (action: string) => entries.filter((e) => e.action === action);
      const one = (action: string) => {
        const list = by(action);
        expect(list, action).toHaveLength(1);
        return list[0]!;
      };
      expect(one('ledger.export')).toMatchObject({
        actor: 'township.staff',
        targetId: String(w.a.id),
        after: { year: 2024 },
      });
      expect(one('report.generate')).toMatchObject({ actor: 'county.officer', targetId: String(w.a.id) });
      expect(one('report.review')).toMatchObject({
        actor: 'county.officer',
        after: { fileName: 'report.txt', documents: 1 },
      });
      expect((await verifyAudit(h)).ok).toBe(true);
    });
  });
}
