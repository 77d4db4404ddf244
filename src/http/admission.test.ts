import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { UserError } from '../core/errors.ts';
import { testApp } from '../testing/http.ts';
import { Admission } from './admission.ts';

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('Admission', () => {
  it('runs at most `active` at once, the others in order of arrival', async () => {
    const a = new Admission(2, 10_000);
    const started: number[] = [];
    const gates = [0, 1, 2, 3, 4].map(() => gate());
    const runs = gates.map((g, i) =>
      a.run(async () => {
        started.push(i);
        await g.promise;
        return i * 10;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect([a.running, a.waiting]).toEqual([2, 3]);
    gates[1]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 10, 20, 30, 40]);
    await tick();
    expect([a.running, a.waiting]).toEqual([0, 0]);
  });

  it('passes a failure on, a synchronous throw too, and frees the turn', async () => {
    const a = new Admission(1, 10_000);
    const thrown = a.run((): Promise<void> => {
      throw new Error('立即出错');
    });
    await expect(thrown).rejects.toThrow('立即出错');
    const failed = a.run(() => Promise.reject(new Error('坏了')));
    const next = a.run(() => Promise.resolve('下一个'));
    await expect(failed).rejects.toThrow('坏了');
    expect(await next).toBe('下一个');
  });

  it('lets a request that runs past the hold go on without its turn', async () => {
    const a = new Admission(1, 30);
    const slow = gate();
    const first = a.run(async () => {
      await slow.promise;
      return 'slow';
    });
    const t0 = performance.now();
    let secondAt = 0;
    const second = a.run(() => {
      secondAt = performance.now() - t0;
      return Promise.resolve('fast');
    });
    expect(await second).toBe('fast');
    expect(secondAt).toBeGreaterThanOrEqual(25);
    await tick();
    // The first is still running: it only gave up its turn.
    expect(a.running).toBe(0);
    slow.open();
    expect(await first).toBe('slow');
  });

  it('refuses with 503 in Chinese once the queue is full, and takes requests again when it drains', async () => {
    const a = new Admission(1, 60_000, 3);
    const g = gate();
    const held = [0, 1, 2, 3].map(() => a.run(() => g.promise));
    expect(a.waiting).toBe(3);
    const refused = await a
      .run(() => Promise.resolve())
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({ status: 503, code: 'busy' });
    expect((refused as Error).message).toMatch(/服务器繁忙/);
    g.open();
    await Promise.all(held);
    expect(await a.run(() => Promise.resolve('又能处理了'))).toBe('又能处理了');
  });
});

describe('the API takes turns', () => {
  let h: Db;
  let app: FastifyInstance;
  const turns = new Admission(1, 60_000);
  beforeAll(async () => {
    h = openDb('sqlite::memory:');
    await migrateToLatest(h);
    app = await testApp(h, { admission: turns });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('keeps a request waiting while the only turn is taken, and answers the health check at once', async () => {
    const held = gate();
    const slow = turns.run(() => held.promise);
    let docsDone = false;
    const docs = app.inject({ method: 'GET', url: '/api/docs/openapi.json' }).then((r) => {
      docsDone = true;
      return r;
    });
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(docsDone).toBe(false);
    expect([turns.running, turns.waiting]).toEqual([1, 1]);
    held.open();
    await slow;
    expect((await docs).statusCode).toBe(200);
    await tick();
    expect([turns.running, turns.waiting]).toEqual([0, 0]);
  });
});

describe('a full queue over HTTP', () => {
  it('answers 503 with Retry-After and a Chinese message, and the health check still answers', async () => {
    const h = openDb('sqlite::memory:');
    await migrateToLatest(h);
    const turns = new Admission(1, 60_000, 0);
    const app = await testApp(h, { admission: turns });
    try {
      const held = gate();
      const slow = turns.run(() => held.promise);
      const refused = await app.inject({ method: 'GET', url: '/api/docs/openapi.json' });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.json()).toMatchObject({ error: { code: 'busy' } });
      expect(refused.body).toContain('服务器繁忙');
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      held.open();
      await slow;
      expect((await app.inject({ method: 'GET', url: '/api/docs/openapi.json' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await h.close();
    }
  });
});
