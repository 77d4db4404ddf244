import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import type { AuditEntry } from '../services/audit.ts';
import { testDatabases } from '../testing/databases.ts';
import { PNG, seedWorld, signIn, testApp } from '../testing/http.ts';

for (const tdb of testDatabases()) {
  describe(`audit trail of API writes on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    beforeAll(async () => {
      h = await tdb.open();
      await seedWorld(h);
      app = await testApp(h);
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('records who, when, from where, which record and before → after for every write and login', async () => {
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'township.staff', password: 'wrong' },
        remoteAddress: '10.1.2.3',
      });
      const staff = await signIn(app, 'township.staff');
      const body = {
        kind: 'dispute',
        date: '2024-03-01',
        title: '原标题',
        data: { disputeType: 'other', status: 'pending' },
      };
      const made = await staff.request({
        method: 'POST',
        url: '/api/records',
        payload: body,
        remoteAddress: '10.9.9.9',
      });
      const id = made.json<{ id: number }>().id;
      await staff.request({
        method: 'PUT',
        url: `/api/records/${id}`,
        payload: { ...body, title: '新标题' },
      });
      const ev = await staff.request({
        method: 'POST',
        url: `/api/records/${id}/evidence?name=a.png`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: PNG,
      });
      expect(ev.statusCode).toBe(201);
      await staff.request({ method: 'DELETE', url: `/api/records/${id}` });
      await staff.request({ method: 'POST', url: '/api/auth/logout' });
      // A refused write leaves no entry.
      const refused = await staff.request({ method: 'PUT', url: `/api/records/${id}`, payload: body });
      expect(refused.statusCode).toBe(401);

      const auditor = await signIn(app, 'auditor');
      const items = (await auditor.request({ method: 'GET', url: '/api/audit?limit=1000' })).json<{
        items: AuditEntry[];
      }>().items;
      const actions = items.map((e) => e.action);
      expect(actions).toEqual([
        'login_failed',
        'login',
        'record.create',
        'record.update',
        'evidence.create',
        'record.delete',
        'logout',
        'login',
      ]);
      expect(items[0]).toMatchObject({
        actor: 'township.staff',
        ip: '10.1.2.3',
        after: { reason: 'bad_credentials' },
      });
      expect(items[2]).toMatchObject({
        actor: 'township.staff',
        role: 'township_staff',
        ip: '10.9.9.9',
        targetType: 'record',
        targetId: String(id),
        after: { title: '原标题' },
      });
      expect(items[3]).toMatchObject({ before: { title: '原标题' }, after: { title: '新标题' } });
      expect(items[5]).toMatchObject({
        before: { title: '新标题', evidence: [{ fileName: 'a.png' }] },
        after: null,
      });
      expect((await auditor.request({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({
        ok: true,
        count: 8,
      });
      const day = items[0]!.at.slice(0, 10);
      expect(
        (await auditor.request({ method: 'GET', url: `/api/audit?from=${day}&to=${day}` })).json<{
          items: unknown[];
        }>().items,
      ).toHaveLength(8);
    });
  });
}
