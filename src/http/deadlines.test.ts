import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { openCaseAt } from '../testing/cases.ts';
import { testDatabases } from '../testing/databases.ts';
import { seedWorld, signIn, testApp, type World } from '../testing/http.ts';

const NOW = new Date('2025-03-20T02:00:00.000Z');

interface DuePage {
  total: number;
  overdue: number;
  items: { caseId: number; due: string; overdue: boolean }[];
}

for (const tdb of testDatabases()) {
  describe(`the deadline list on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      // Five disputes registered a week apart: the earlier ones' mediation clocks have run out.
      for (let i = 0; i < 5; i++)
        await openCaseAt(
          h,
          w.a,
          'dispute',
          {
            date: `2025-0${1 + Math.floor(i / 2)}-${i % 2 ? '20' : '05'}`,
            title: `纠纷${i}`,
            data: { disputeType: 'land' },
          },
          [],
          { now: NOW.toISOString() },
        );
      app = await testApp(h, { clock: () => NOW });
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('comes a page at a time, most urgent first, with counts over the whole list', async () => {
      const staff = await signIn(app, 'township.staff');
      const get = async (q: string) =>
        (await staff.request({ method: 'GET', url: `/api/deadlines?days=60&${q}` })).json<DuePage>();
      const all = await get('limit=500');
      expect(all.total).toBe(all.items.length);
      expect(all.total).toBeGreaterThanOrEqual(5);
      expect(all.overdue).toBe(all.items.filter((i) => i.overdue).length);
      expect(all.overdue).toBeGreaterThan(0);
      const first = await get('limit=2');
      const rest = await get('limit=500&offset=2');
      expect(first).toMatchObject({ total: all.total, overdue: all.overdue });
      expect(first.items).toHaveLength(2);
      expect([...first.items, ...rest.items]).toEqual(all.items);
      expect(all.items.map((i) => i.due)).toEqual([...all.items.map((i) => i.due)].sort());
      const bad = await staff.request({ method: 'GET', url: '/api/deadlines?limit=100000' });
      expect(bad.statusCode).toBe(400);
    });
  });
}
