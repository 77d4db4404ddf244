import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { insertUser } from '../src/db/users.repo.ts';
import { buildApp } from '../src/http/app.ts';
import { defaultRateLimits, RateLimiter } from '../src/http/rate-limit.ts';
import { systemPrincipal } from '../src/services/access.ts';
import { actorOf } from '../src/services/audit.ts';
import { ensureDemo } from '../src/services/demo/index.ts';
import { createExam } from '../src/services/exams/exams.ts';
import { hashPassword } from '../src/services/users.ts';
import { benchDatabases } from './dbs.ts';
import { login } from './http.ts';
import { fmt, type Bench, type BenchRow } from './harness.ts';

interface Sitter {
  readonly cookie: string;
  readonly csrf: string;
}

interface Saved {
  readonly sittingId: number;
  readonly position: number;
  readonly answer: number[];
}

interface LoadResult {
  readonly latencies: number[];
  readonly errors: string[];
  /** Each sitter's last acknowledged answer per position. */
  readonly last: Saved[];
  readonly acknowledged: number;
  readonly healthP99: number;
}

// 300 people in one exam, each saving an answer every `interval` ms from a random offset, on
// keep-alive sockets in a worker thread (so the load does not take the server's event loop).
// A health request every 100 ms measures what the server answers others meanwhile.
const WORKER = `
const http = require('node:http');
const { parentPort, workerData: w } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.sitters.length + 4 });
const call = (method, path, s, body) => new Promise((resolve) => {
  const data = body === undefined ? undefined : JSON.stringify(body);
  const headers = { cookie: s ? s.cookie : '' };
  if (s) headers['x-csrf-token'] = s.csrf;
  if (data) { headers['content-type'] = 'application/json'; headers['content-length'] = Buffer.byteLength(data); }
  const t = performance.now();
  const req = http.request({ host: '127.0.0.1', port: w.port, path, method, agent, headers }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t, body: Buffer.concat(chunks).toString() }));
  });
  req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t, body: String(e) }));
  if (data) req.write(data);
  req.end();
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const latencies = [];
const errors = [];
const last = new Map();
let acknowledged = 0;
const health = [];
(async () => {
  const started = await Promise.all(w.sitters.map(async (s) => {
    const r = await call('POST', '/api/exams/' + w.exam + '/sittings', s, {});
    if (r.status !== 200 && r.status !== 201) { errors.push('start ' + r.status + ' ' + r.body.slice(0, 200)); return null; }
    return { s, sitting: JSON.parse(r.body) };
  }));
  const t0 = performance.now();
  const end = t0 + w.ms;
  let healthDone = false;
  const healthLoop = (async () => {
    while (!healthDone) {
      const r = await call('GET', '/api/health', null);
      if (r.status === 200) health.push(r.ms);
      await sleep(100);
    }
  })();
  await Promise.all(started.filter(Boolean).map(async ({ s, sitting }, i) => {
    const qs = sitting.questions;
    let next = t0 + Math.random() * w.interval;
    let n = 0;
    while (true) {
      const wait = next - performance.now();
      if (next >= end) break;
      if (wait > 0) await sleep(wait);
      const q = qs[n % qs.length];
      const answer = q.type === 'multiple' ? [0, 1 + (n % (q.options.length - 1))] : [(n + i) % q.options.length];
      const r = await call('PUT', '/api/exams/' + w.exam + '/sittings/' + sitting.sittingId + '/answers/' + q.position, s, { token: sitting.token, answer });
      if (r.status === 200) {
        latencies.push(r.ms);
        acknowledged++;
        last.set(sitting.sittingId + ':' + q.position, { sittingId: sitting.sittingId, position: q.position, answer });
      } else errors.push('save ' + r.status + ' ' + r.body.slice(0, 200));
      n++;
      next += w.interval;
    }
  }));
  healthDone = true;
  await healthLoop;
  agent.destroy();
  health.sort((a, b) => a - b);
  parentPort.postMessage({ latencies, errors, last: [...last.values()], acknowledged, healthP99: health[Math.floor(health.length * 0.99)] ?? Infinity });
})();
`;

function run(
  port: number,
  exam: number,
  sitters: Sitter[],
  interval: number,
  ms: number,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { port, exam, sitters, interval, ms } });
    worker.once('message', (m: LoadResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/**
 * 300 people sitting one exam at once (a county's cadres), each saving an answer every 10 s, on
 * SQLite: the p99 save latency against the 100 ms target, and afterwards every acknowledged answer
 * read back from the database as the latest of its question (no answer lost).
 */
export const bench: Bench = {
  name: '在线考试作答',
  async run(ctx) {
    const people = ctx.quick ? 30 : 300;
    const interval = ctx.quick ? 1_000 : 10_000;
    const ms = ctx.quick ? 5_000 : 60_000;
    const rows: BenchRow[] = [];
    const [b] = await benchDatabases({ ...ctx, pgUrl: undefined });
    try {
      const at = new Date().toISOString();
      const demo = await ensureDemo(b!.h, { now: at, townships: 2 });
      const township = demo!.townships[0]!;
      const hash = await hashPassword('Fazhi@2024');
      const usernames: string[] = [];
      for (let i = 0; i < people; i++) {
        const username = `exam.bench.${i}`;
        await insertUser(b!.h.db, {
          username,
          display_name: `考生${i}`,
          role: 'township_staff',
          org_id: township.id,
          password_hash: hash,
          must_change_password: 0,
          disabled: 0,
          created_at: at,
        });
        usernames.push(username);
      }
      const opens = new Date(Date.now() - 60_000).toISOString();
      const closes = new Date(Date.now() + 3 * 3600_000).toISOString();
      const exam = await createExam(
        b!.h,
        systemPrincipal(),
        actorOf(systemPrincipal(), null),
        {
          orgId: township.id,
          title: '压测：年度学法考试',
          opensAt: opens,
          closesAt: closes,
          durationMin: 120,
          display: 'one',
          mode: 'random',
          rules: [
            { law: 'civil_code', type: 'single', count: 10, points: 4 },
            { law: 'admin_penalty', type: 'single', count: 10, points: 4 },
            { law: 'constitution', type: 'judge', count: 5, points: 4 },
          ],
          passMark: 60,
          excellentMark: 90,
          candidates: { usernames },
        },
        at,
      );
      const limits = {
        ...defaultRateLimits(b!.h.db),
        loginPerIp: new RateLimiter(10_000, 10_000),
        loginPerUser: new RateLimiter(10_000, 10_000),
      };
      const app = await buildApp(b!.h, {
        dataDir: mkdtempSync(join(tmpdir(), 'fazhi-exam-bench-')),
        webDir: null,
        rateLimits: limits,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const port = (app.server.address() as AddressInfo).port;
        const sitters: Sitter[] = [];
        for (const u of usernames) sitters.push(await login(port, u));
        const r = await run(port, exam.id, sitters, interval, ms);
        const sorted = [...r.latencies].sort((x, y) => x - y);
        const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? Infinity;
        // Every acknowledged answer is the latest stored for its question.
        const stored = await b!.h.db
          .selectFrom('exam_answers')
          .select(['sitting_id', 'position', 'answer', 'id'])
          .orderBy('id')
          .execute();
        const latest = new Map(stored.map((a) => [`${a.sitting_id}:${a.position}`, a.answer]));
        const lost = r.last.filter(
          (s) => latest.get(`${s.sittingId}:${s.position}`) !== JSON.stringify(s.answer),
        ).length;
        const missing = r.acknowledged - stored.length;
        rows.push({
          name: `${people} 人同时作答，每人每 ${interval / 1000} 秒保存一次（${fmt(r.acknowledged)} 次保存，${r.errors.length} 次错误，丢失 ${lost + Math.max(0, missing)}；同时 /api/health p99 ${fmt(r.healthP99, 1)} ms）`,
          db: 'sqlite',
          measured: `保存 p99 ${fmt(p99, 1)} ms`,
          limit: '100 ms',
          ratio: p99 / 100,
          target: '≤ 1.00，无丢失',
          pass: p99 < 100 && r.errors.length === 0 && lost === 0 && missing <= 0,
        });
        if (r.errors.length > 0) console.warn(r.errors.slice(0, 5).join('\n'));
      } finally {
        await app.close();
      }
    } finally {
      await b!.dispose();
    }
    return rows;
  },
};
