import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedWorld, signIn, testApp } from '../testing/http.ts';
import type { RequestLogging } from './context.ts';

interface Line {
  readonly level: number;
  readonly msg: string;
  readonly responseTime?: number;
  readonly res?: { statusCode: number };
}

/** An app logging into an array, with one route that fails the way a bug would. */
async function logged(logging: Omit<RequestLogging, 'stream'>) {
  const lines: Line[] = [];
  const h = openDb('sqlite::memory:');
  await migrateToLatest(h);
  const app = await testApp(h, {
    logger: { ...logging, stream: { write: (s: string) => lines.push(JSON.parse(s) as Line) } },
  });
  app.get('/boom', () => {
    throw new Error('故意的错误');
  });
  await app.ready();
  return { app, h, lines };
}

describe('the server log', () => {
  let open: { app: FastifyInstance; h: Db } | null = null;
  afterEach(async () => {
    await open?.app.close();
    await open?.h.close();
    open = null;
  });

  it('is quiet by default: the start’s line and errors, no line per request', async () => {
    const { app, h, lines } = await logged({ all: false, slowMs: 60_000 });
    open = { app, h };
    expect(lines.map((l) => l.msg)).toEqual([expect.stringMatching(/^审计日志链头：第 \d+ 条/)]);
    for (const url of ['/api/health', '/api/records', '/api/nosuch'])
      expect((await app.inject({ method: 'GET', url })).statusCode).toBeLessThan(500);
    expect(lines).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.level).toBeGreaterThanOrEqual(50);
  });

  it('logs a request slower than the threshold, with its time and status', async () => {
    const { app, h, lines } = await logged({ all: false, slowMs: 0 });
    open = { app, h };
    await app.inject({ method: 'GET', url: '/api/records' });
    const slow = lines.filter((l) => l.msg.startsWith('慢请求：'));
    expect(slow).toHaveLength(1);
    expect(slow[0]!.msg).toMatch(/^慢请求：GET \/api\/records 用时 \d+ 毫秒（状态 401）$/);
    expect(slow[0]!.res?.statusCode).toBe(401);
    expect(slow[0]!.level).toBe(40);
  });

  it('logs every request with --log-requests, as before', async () => {
    const { app, h, lines } = await logged({ all: true, slowMs: Infinity });
    open = { app, h };
    await app.inject({ method: 'GET', url: '/api/health' });
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['incoming request', 'request completed']),
    );
    expect(lines.some((l) => l.msg.startsWith('慢请求'))).toBe(false);
  });

  it('answers a cached route once, without the warning of an answer sent twice', async () => {
    const { app, h, lines } = await logged({ all: false, slowMs: 60_000 });
    open = { app, h };
    await seedWorld(h);
    const c = await signIn(app, 'township.staff');
    for (let i = 0; i < 2; i++) {
      const r = await c.request({ method: 'GET', url: '/api/indicators?year=2024' });
      expect(r.statusCode).toBe(200);
      expect(r.json<{ indicators: unknown[] }>().indicators.length).toBeGreaterThan(0);
    }
    expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
  });
});
