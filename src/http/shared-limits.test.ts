import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { seedWorld, testApp, testRateLimits } from '../testing/http.ts';
import { sharedDatabases, type SharedDb } from '../testing/shared-db.ts';
import { SharedRateLimiter } from './rate-limit.ts';

for (const sdb of sharedDatabases()) {
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
