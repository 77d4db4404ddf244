import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, addRecord } from '../testing/fixtures.ts';
import { PASSWORD, PNG, seedWorld, signIn, testApp, type Client, type World } from '../testing/http.ts';
import { sharedDatabases, type SharedDb } from '../testing/shared-db.ts';
import { changesAfter, lastChange } from '../db/change-feed.repo.ts';
import { FEED_BOUND_MS } from './change-feed.ts';
import { defaultRateLimits } from './rate-limit.ts';

/** A correctness bound, not a timing target: twice the stated bound leaves room for a busy machine. */
const LIMIT_MS = 2 * FEED_BOUND_MS;

/** Milliseconds until `check` holds, asking every 10 ms; gives up (and fails) past LIMIT_MS + 1 s. */
async function lagUntil(check: () => Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > LIMIT_MS + 1_000) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - t0;
}

const dispute = (title: string) => ({
  kind: 'dispute',
  date: '2024-03-01',
  title,
  data: { disputeType: 'other', status: 'pending' },
});

const lags: string[] = [];

for (const sdb of sharedDatabases()) {
  describe(`two servers on one ${sdb.name} database`, () => {
    let dbs: Awaited<ReturnType<SharedDb['open']>>;
    let a: FastifyInstance, b: FastifyInstance;
    let w: World;
    beforeAll(async () => {
      dbs = await sdb.open();
      w = await seedWorld(dbs.one);
      // SQLite servers share the machine and so its data folder; PostgreSQL servers share nothing but the database.
      const folder = mkdtempSync(join(tmpdir(), 'fazhi-multi-'));
      const dataDir = (n: string) => (sdb.name === 'sqlite' ? folder : join(folder, n));
      a = await testApp(dbs.one, { dataDir: dataDir('a') });
      b = await testApp(dbs.two, { dataDir: dataDir('b') });
      await a.ready();
      await b.ready();
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await dbs?.close();
    });

    const found = async (c: Client) =>
      (await c.request({ method: 'GET', url: '/api/indicators?year=2024' }))
        .json<{ indicators: { key: string; value: number }[] }>()
        .indicators.find((i) => i.key === 'disputes.found')?.value ?? 0;

    it("shows a write through one server in the other's cached indicators within the bound", async () => {
      const onA = await signIn(a, 'township.staff');
      const onB = await signIn(b, 'township.staff');
      const before = await found(onB);
      expect(await found(onB)).toBe(before);
      const last = await lastChange(dbs.one.db);
      const made = await onA.request({
        method: 'POST',
        url: '/api/records',
        payload: dispute('甲服务器写入'),
      });
      expect(made.statusCode).toBe(201);
      // One entry, committed with the write (not a second one after it), from server a.
      const entries = await changesAfter(dbs.one.db, last, 10);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ scope: w.a.path, accounts: false });
      expect(entries[0]!.origin).toMatch(/^[0-9a-f-]{36}$/);
      const lag = await lagUntil(async () => (await found(onB)) === before + 1);
      lags.push(`${sdb.name} indicators ${lag.toFixed(0)} ms`);
      expect(await found(onB)).toBe(before + 1);
      expect(lag).toBeLessThan(LIMIT_MS);
    });

    it('ends a session on every server within the bound when it is ended on one', async () => {
      const onA = await signIn(a, 'township.leader');
      // The same session through the other server, kept in its session cache.
      const onB: Client = {
        ...onA,
        request: (o) => b.inject({ ...o, headers: { cookie: onA.cookie, 'x-csrf-token': onA.csrf } }),
      };
      expect((await onB.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      expect((await onB.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      expect((await onA.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
      const lag = await lagUntil(
        async () => (await onB.request({ method: 'GET', url: '/api/auth/me' })).statusCode === 401,
      );
      lags.push(`${sdb.name} logout ${lag.toFixed(0)} ms`);
      expect((await onB.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      expect(lag).toBeLessThan(LIMIT_MS);
    });

    it('serves through one server a photo uploaded through the other', async () => {
      const onA = await signIn(a, 'township.staff');
      const onB = await signIn(b, 'township.staff');
      const rec = await onA.request({ method: 'POST', url: '/api/records', payload: dispute('现场照片') });
      const ev = await onA.request({
        method: 'POST',
        url: `/api/records/${rec.json<{ id: number }>().id}/evidence?name=${encodeURIComponent('现场.png')}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: PNG,
      });
      expect(ev.statusCode).toBe(201);
      const got = await onB.request({ method: 'GET', url: `/api/evidence/${ev.json<{ id: number }>().id}` });
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(PNG)).toBe(true);
    });

    it('lets the documented number of login attempts through across both servers, not twice it', async () => {
      // The default limits (loginPerIp: 20 a minute, docs/operations.md) on a stopped clock, so no token refills.
      const t = new Date();
      const limited = (app: FastifyInstance) =>
        testApp(app.fazhi.h, { rateLimits: defaultRateLimits(app.fazhi.h.db), clock: () => t });
      const [la, lb] = [await limited(a), await limited(b)];
      try {
        const names = ['township.staff', 'township.leader', 'county.officer'];
        const codes: number[] = [];
        for (let i = 0; i < 30; i++) {
          const r = await (i % 2 ? lb : la).inject({
            method: 'POST',
            url: '/api/auth/login',
            remoteAddress: '203.0.113.40',
            payload: { username: names[i % names.length], password: PASSWORD },
          });
          codes.push(r.statusCode);
        }
        expect(codes).toEqual([...Array<number>(20).fill(200), ...Array<number>(10).fill(429)]);
      } finally {
        await la.close();
        await lb.close();
      }
    });

    it('serves nothing from cache while the change feed cannot be read', async () => {
      const onB = await signIn(b, 'township.staff');
      const before = await found(onB);
      expect(await found(onB)).toBe(before);
      await sql`alter table change_feed rename to change_feed_away`.execute(dbs.one.db);
      try {
        const lag = await lagUntil(() => Promise.resolve(!b.fazhi.feed.fresh()));
        expect(lag).toBeLessThan(LIMIT_MS);
        // Written past both servers' caches and the feed: only a computed answer shows it.
        await addRecord(dbs.one, w.a, 'dispute', dispute('绕过变更记录'), NOW);
        expect(await found(onB)).toBe(before + 1);
      } finally {
        await sql`alter table change_feed_away rename to change_feed`.execute(dbs.one.db);
      }
      expect(await lagUntil(() => Promise.resolve(b.fazhi.feed.fresh()))).toBeLessThan(LIMIT_MS);
      expect(await found(onB)).toBe(before + 1);
    });
  });
}

afterAll(() => {
  if (lags.length) process.stdout.write(`measured lag: ${lags.join('; ')}\n`);
});
