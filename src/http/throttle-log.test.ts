import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.ts';
import { listAudit, verifyAudit } from '../services/audit.ts';
import { testDatabases } from '../testing/databases.ts';
import { seedWorld, testApp, testRateLimits } from '../testing/http.ts';
import { RateLimiter } from './rate-limit.ts';

for (const tdb of testDatabases()) {
  describe(`refused by a rate limit on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    beforeAll(async () => {
      h = await tdb.open();
      await seedWorld(h);
      // Three attempts per address, and hardly any refill while the test runs.
      app = await testApp(h, { rateLimits: { ...testRateLimits(), loginPerIp: new RateLimiter(3, 0.001) } });
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('is audited in aggregate: one entry for the flood, with its count', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'nobody', password: 'wrong-password' },
          remoteAddress: '10.1.2.3',
        });
        codes.push(r.statusCode);
      }
      expect(codes.filter((c) => c === 429)).toHaveLength(9);
      const before = (await listAudit(h, { limit: 10_000 })).filter((e) => e.action === 'rate_limited');
      expect(before).toHaveLength(0);
      await app.fazhi.throttles.flush();
      const entries = (await listAudit(h, { limit: 10_000 })).filter((e) => e.action === 'rate_limited');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        ip: '10.1.2.3',
        targetId: 'loginPerIp',
        after: { key: '10.1.2.3', count: 9 },
      });
      expect((await verifyAudit(h)).ok).toBe(true);
    });
  });
}
