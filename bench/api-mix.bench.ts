import { defaultRateLimits, RateLimiter } from '../src/http/rate-limit.ts';
import { ensureDemo } from '../src/services/demo/index.ts';
import { costText, cpuSample, perRequest } from './cpu.ts';
import { benchDatabases } from './dbs.ts';
import { login, withServer } from './http.ts';
import { fmt, type Bench, type BenchRow } from './harness.ts';
import { driveLoad, type LoadSession } from './province-load.ts';

const CONNECTIONS = 50;
const WRITE_SHARE = 0.1;

/**
 * The API under 50 keep-alive connections, each a township clerk whose requests are 10% writes,
 * beside the same mix with reads only (the limit, measured in the same run). Targets on SQLite:
 * ≥ 1,500 requests a second, p99 < 100 ms, no errors.
 */
export const bench: Bench = {
  name: 'HTTP API with writes',
  async run(ctx) {
    const ms = ctx.quick ? 1_500 : 6_000;
    const rows: BenchRow[] = [];
    for (const b of await benchDatabases(ctx)) {
      try {
        const townships = ctx.quick ? 2 : 6;
        const demo = await ensureDemo(b.h, { now: new Date().toISOString(), townships });
        const year = demo!.year;
        const many = new RateLimiter(1_000_000, 1_000_000);
        const rateLimits = { ...defaultRateLimits(b.h.db), loginPerIp: many, loginPerUser: many };
        await withServer(b.h, { rateLimits }, async (port) => {
          const reads = [
            `/api/indicators?year=${year}`,
            `/api/records?year=${year}&limit=50`,
            '/api/deadlines?days=14&limit=8',
          ];
          const sessions: Omit<LoadSession, 'writeShare'>[] = [];
          for (let t = 1; t <= townships; t++)
            sessions.push({ ...(await login(port, `t${String(t).padStart(2, '0')}.staff`)), reads });
          const date = `${year}-06-15`;
          await driveLoad(
            port,
            sessions.map((x) => ({ ...x, writeShare: WRITE_SHARE })),
            8,
            500,
            date,
          );
          const c0 = cpuSample();
          const readOnly = await driveLoad(
            port,
            sessions.map((x) => ({ ...x, writeShare: 0 })),
            CONNECTIONS,
            ms,
            date,
          );
          const c1 = cpuSample();
          const withWrites = await driveLoad(
            port,
            sessions.map((x) => ({ ...x, writeShare: WRITE_SHARE })),
            CONNECTIONS,
            ms,
            date,
          );
          const c2 = cpuSample();
          const pg = b.name === 'postgres';
          const ratio = withWrites.rps / readOnly.rps;
          rows.push({
            name: `${CONNECTIONS} 并发，10% 写入（${townships} 个乡镇各自录入与查看；写入 ${withWrites.writes} 条，p99 ${fmt(withWrites.p99, 1)} ms（读 ${fmt(withWrites.readP99, 1)}，写 ${fmt(withWrites.writeP99, 1)}），错误 ${withWrites.errors}${costText(perRequest(c1, c2, withWrites.requests, pg))}）`,
            db: b.name,
            measured: `${fmt(withWrites.rps)} 次/秒`,
            limit: `${fmt(readOnly.rps)} 次/秒（只读${costText(perRequest(c0, c1, readOnly.requests, pg))}）`,
            ratio,
            target: b.name === 'sqlite' ? '≥ 1,500 次/秒，p99 < 100 ms' : 'p99 < 100 ms',
            pass:
              withWrites.errors === 0 &&
              withWrites.p99 < 100 &&
              (b.name !== 'sqlite' || withWrites.rps >= 1_500),
          });
        });
      } finally {
        await b.dispose();
      }
    }
    return rows;
  },
};
