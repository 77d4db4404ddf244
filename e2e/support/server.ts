import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openDb, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/http/app.ts';
import { testRateLimits } from '../../src/testing/http.ts';
import { generateDemo } from '../../src/services/demo/index.ts';
import { WEB_DIST } from '../../src/cli/web-build.ts';

export const DEMO_PASSWORD = 'Fazhi@2024';

export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly h: Db;
  /** The demo's report year (its ledger covers it and the year before). */
  readonly year: number;
  close(): Promise<void>;
}

/**
 * The real server, in-process, on a fresh SQLite database seeded with the demo county, serving
 * web/dist. `clock` sets the server's (and the demo's) time; the real time by default; `cycle` takes
 * the demo's reports part of the way through the reporting cycle, as `npm start` does.
 */
export async function startServer(
  opts: { townships?: number; clock?: () => Date; cycle?: boolean } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-e2e-'));
  const h = openDb(`sqlite:${join(dir, 'fazhi.db')}`);
  await migrateToLatest(h);
  const now = opts.clock ?? (() => new Date());
  const demo = await generateDemo(h, {
    now: now().toISOString(),
    townships: opts.townships ?? 4,
    ...(opts.cycle ? { cycle: true } : {}),
  });
  const app = await buildApp(h, { dataDir: dir, webDir: WEB_DIST, rateLimits: testRateLimits(), clock: now });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no TCP address');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    app,
    h,
    year: demo.year,
    async close() {
      await app.close();
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
