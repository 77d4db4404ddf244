import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { seedWorld, signIn, testApp, type World } from '../testing/http.ts';

for (const tdb of testDatabases()) {
  describe(`smoke on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h);
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });
    it('answers health and records', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/health' });
      expect(r.json()).toEqual({ ok: true, db: tdb.name });
      const staff = await signIn(app, 'township.staff');
      const c = await staff.request({
        method: 'POST',
        url: '/api/records',
        payload: {
          kind: 'dispute',
          date: '2024-03-01',
          title: '邻里纠纷',
          data: { disputeType: 'other', status: 'pending' },
        },
      });
      expect(c.statusCode, c.body).toBe(201);
      expect(c.json()).toMatchObject({ townshipId: w.a.id, kind: 'dispute', title: '邻里纠纷' });
      const l = await staff.request({ method: 'GET', url: '/api/records?year=2024' });
      expect(l.json()).toMatchObject({ total: 1 });
      const d = await app.inject({ method: 'GET', url: '/api/docs/openapi.json' });
      expect(d.statusCode).toBe(200);
      const doc = d.json<{
        openapi: string;
        paths: Record<string, Record<string, { 'x-fazhi-access': string }>>;
      }>();
      expect(doc.openapi).toBe('3.1.0');
      const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
      expect(ops).toHaveLength(app.fazhi.routes.length);
      expect(doc.paths['/api/records/{id}']?.put?.['x-fazhi-access']).toBe('records.write');
      expect((await app.inject({ method: 'GET', url: '/api/docs' })).body).toContain(
        'fazhi 法治政府建设工作平台 API',
      );
    });
  });
}
