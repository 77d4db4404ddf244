import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { scratchPostgres } from '../testing/databases.ts';
import { seedWorld, testApp, testRateLimits } from '../testing/http.ts';
import { SharedRateLimiter } from './rate-limit.ts';

/** Two handles on one database, as two servers behind a load balancer have. */
interface SharedDb {
  readonly name: string;
  open(): Promise<{ one: Db; two: Db; close(): Promise<void> }>;
}

const shared: SharedDb[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'fazhi-shared-'));
      const url = `sqlite:${join(dir, 'fazhi.db')}`;
      const one = openDb(url);
      await migrateToLatest(one);
      const two = openDb(url);
      return {
        one,
        two,
        async close() {
          await one.close();
          await two.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];
const pgUrl = process.env.FAZHI_TEST_PG;
if (pgUrl)
  shared.push({
    name: 'postgres',
    async open() {
      const scratch = await scratchPostgres(pgUrl);
      const one = openDb(scratch.url);
      await migrateToLatest(one);
      const two = openDb(scratch.url);
      return {
        one,
        two,
        async close() {
          await one.close();
          await two.close();
          await scratch.drop();
        },
      };
    },
  });

for (const sdb of shared) {
  describe(`login limits shared by two servers on one ${sdb.name} database`, () => {
    let dbs: Awaited<ReturnType<SharedDb['open']>>;
    let a: FastifyInstance, b: FastifyInstance;
    const t = Date.parse('2024-06-01T08:00:00Z');
    /** Four attempts per address, refilled at one a minute. */
    const serverOn = (h: Db) =>
      testApp(h, {
        clock: () => new Date(t),
        rateLimits: {
          ...testRateLimits(),
          loginPerIp: new SharedRateLimiter(h.db, 'loginPerIp', 4, 1),
        },
      });
    beforeAll(async () => {
      dbs = await sdb.open();
      await seedWorld(dbs.one);
      a = await serverOn(dbs.one);
      b = await serverOn(dbs.two);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await dbs?.close();
    });
    let n = 0;
    /** A wrong password for a new name each time, so no account's own lockout answers first. */
    const attempt = (app: FastifyInstance, remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        payload: { username: `nobody.${++n}`, password: 'Wrong#2024x' },
      });

    it('counts attempts on either server against one limit', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await attempt(i % 2 ? b : a, '198.51.100.7')).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
      const refused = await attempt(a, '198.51.100.7');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not held back by this one.
      expect((await attempt(b, '198.51.100.8')).statusCode).toBe(401);
    });

    it('lets exactly the limit through when attempts arrive at both servers at once', async () => {
      const all = await Promise.all(
        Array.from({ length: 12 }, (_, i) => attempt(i % 2 ? b : a, '198.51.100.9')),
      );
      const codes = all.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 401)).toHaveLength(4);
      expect(codes.filter((c) => c === 429)).toHaveLength(8);
    });
  });
}
