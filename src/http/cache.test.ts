import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { testDatabases } from '../testing/databases.ts';
import { openCaseAt } from '../testing/cases.ts';
import { NOW, addAccount, addRecord } from '../testing/fixtures.ts';
import { PASSWORD, seedWorld, signIn, testApp, type World } from '../testing/http.ts';

const dispute = (title: string) => ({
  kind: 'dispute',
  date: '2024-03-01',
  title,
  data: { disputeType: 'other', status: 'pending' },
});

for (const tdb of testDatabases()) {
  describe(`read cache on ${tdb.name}`, () => {
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

    it('shows a write through the API in the very next read', async () => {
      const staff = await signIn(app, 'township.staff');
      const list = async () =>
        (await staff.request({ method: 'GET', url: '/api/records?year=2024' })).json<{ total: number }>()
          .total;
      const ind = async () =>
        (await staff.request({ method: 'GET', url: '/api/indicators?year=2024' }))
          .json<{ indicators: { key: string; value: number }[] }>()
          .indicators.find((i) => i.key === 'disputes.found')?.value;
      const [n0, v0] = [await list(), await ind()];
      expect(await list()).toBe(n0);
      expect(
        (await staff.request({ method: 'POST', url: '/api/records', payload: dispute('缓存测试一') }))
          .statusCode,
      ).toBe(201);
      expect(await list()).toBe(n0 + 1);
      expect(await ind()).toBe((v0 ?? 0) + 1);
    });

    it("recomputes the answers of the writer's organisations and those above it, and no others", async () => {
      await addAccount(
        h,
        {
          username: 'b.clerk',
          name: '乙乡专干',
          role: 'township_staff',
          orgId: w.b.id,
          password: PASSWORD,
          mustChangePassword: false,
        },
        NOW,
      );
      const a = await signIn(app, 'township.staff');
      const b = await signIn(app, 'b.clerk');
      const county = await signIn(app, 'county.officer');
      const url = '/api/records?kind=dispute&year=2024&limit=1';
      const total = async (c: typeof a) =>
        (await c.request({ method: 'GET', url })).json<{ total: number }>().total;
      const [b0, c0] = [await total(b), await total(county)];
      // A record of 乙乡 stored on the server's own connection, unseen by the cache: answers computed
      // again show it, answers kept do not.
      await addRecord(h, w.b, 'dispute', dispute('乙乡绕过接口'), NOW);
      expect(await total(b)).toBe(b0);
      expect(
        (await a.request({ method: 'POST', url: '/api/records', payload: dispute('甲镇写入') })).statusCode,
      ).toBe(201);
      expect(await total(b)).toBe(b0);
      expect(await total(county)).toBe(c0 + 2);
    });

    it('keeps the case lists across a write of new ledger records, and recomputes them after a case write', async () => {
      const staff = await signIn(app, 'township.staff');
      const total = async (url: string) =>
        (await staff.request({ method: 'GET', url })).json<{ total: number }>().total;
      const cases = () => total('/api/cases?limit=100');
      const due = () => total('/api/deadlines?days=3660');
      const records = () => total('/api/records?year=2024');
      const [c0, d0, r0] = [await cases(), await due(), await records()];
      // A case opened on the server's own connection, unseen by the cache: an answer computed again
      // shows it, an answer kept does not.
      const request = (title: string) => ({ date: '2024-01-10', title, data: {} });
      await openCaseAt(h, w.a, 'disclosure_request', request('绕过接口的申请'), [], { now: NOW });
      expect(
        (await staff.request({ method: 'POST', url: '/api/records', payload: dispute('只新增台账') }))
          .statusCode,
      ).toBe(201);
      // The new record is in the ledger's answers at once; the case lists cannot have changed, and are kept.
      expect(await records()).toBe(r0 + 2);
      expect([await cases(), await due()]).toEqual([c0, d0]);
      const opened = await staff.request({
        method: 'POST',
        url: '/api/cases',
        payload: { type: 'disclosure_request', ...request('经接口登记的申请') },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      expect([await cases(), await due()]).toEqual([c0 + 2, d0 + 2]);
    });

    it('never shares an answer between users of different organisations or roles', async () => {
      await addAccount(
        h,
        {
          username: 'b.staff',
          name: '乙乡专干',
          role: 'township_staff',
          orgId: w.b.id,
          password: PASSWORD,
          mustChangePassword: false,
        },
        NOW,
      );
      const a = await signIn(app, 'township.staff');
      const b = await signIn(app, 'b.staff');
      const grid = await signIn(app, 'grid.member');
      expect(
        (
          await a.request({
            method: 'POST',
            url: '/api/records',
            payload: { ...dispute('甲镇的'), kind: 'leadership_meeting', data: { meetingType: 'joint' } },
          })
        ).statusCode,
      ).toBe(201);
      const url = '/api/records?kind=leadership_meeting';
      expect((await a.request({ method: 'GET', url })).json<{ total: number }>().total).toBe(1);
      expect((await b.request({ method: 'GET', url })).json<{ total: number }>().total).toBe(0);
      expect((await grid.request({ method: 'GET', url })).statusCode).toBe(403);
      const orgs = async (c: typeof a) =>
        (await c.request({ method: 'GET', url: '/api/orgs' }))
          .json<{ items: { id: number }[] }>()
          .items.map((o) => o.id);
      expect(await orgs(a)).toContain(w.a.id);
      expect(await orgs(b)).not.toContain(w.a.id);
    });

    it('shows a grid member only the records it reported, also from the cache', async () => {
      await addAccount(
        h,
        {
          username: 'grid.two',
          name: '网格员二',
          role: 'grid_member',
          orgId: w.a.id,
          password: PASSWORD,
          mustChangePassword: false,
        },
        NOW,
      );
      const one = await signIn(app, 'grid.member');
      const two = await signIn(app, 'grid.two');
      const made = await one.request({
        method: 'POST',
        url: '/api/records',
        payload: dispute('网格员一上报'),
      });
      expect(made.statusCode).toBe(201);
      const url = '/api/records?kind=dispute&q=' + encodeURIComponent('网格员一上报');
      expect((await one.request({ method: 'GET', url })).json<{ total: number }>().total).toBe(1);
      expect((await two.request({ method: 'GET', url })).json<{ total: number }>().total).toBe(0);
      expect(
        (await two.request({ method: 'GET', url: `/api/records/${made.json<{ id: number }>().id}` }))
          .statusCode,
      ).toBe(404);
      expect(
        (await two.request({ method: 'DELETE', url: `/api/records/${made.json<{ id: number }>().id}` }))
          .statusCode,
      ).toBe(404);
    });

    it('ends a session at once on logout, even though sessions are cached', async () => {
      const c = await signIn(app, 'township.leader');
      expect((await c.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      await c.request({ method: 'POST', url: '/api/auth/logout' });
      expect((await c.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    });
  });
}

describe('read cache and another process on SQLite', () => {
  it('shows a commit from another connection (as by the CLI) in the very next read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-cache-'));
    const file = `sqlite:${join(dir, 'fazhi.db')}`;
    const h = openDb(file);
    await migrateToLatest(h);
    const w = await seedWorld(h);
    const app = await testApp(h);
    const staff = await signIn(app, 'township.staff');
    const list = async () =>
      (await staff.request({ method: 'GET', url: '/api/records?year=2024' })).json<{ total: number }>().total;
    const n0 = await list();
    expect(await list()).toBe(n0);
    const cli = openDb(file);
    await addRecord(cli, w.a, 'dispute', dispute('命令行写入'), NOW);
    await cli.close();
    expect(await list()).toBe(n0 + 1);
    await app.close();
    await h.close();
  });
});
