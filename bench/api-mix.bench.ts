import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../src/http/app.ts';
import { defaultRateLimits, RateLimiter } from '../src/http/rate-limit.ts';
import { ensureDemo } from '../src/services/demo/index.ts';
import { benchDatabases } from './dbs.ts';
import { login } from './http.ts';
import { fmt, type Bench, type BenchRow } from './harness.ts';

interface Mix {
  readonly rps: number;
  readonly p99: number;
  readonly errors: number;
  readonly writes: number;
}

interface Session {
  readonly cookie: string;
  readonly csrf: string;
  readonly reads: readonly string[];
}

// Each connection is one township's clerk: 10% of its requests enter a dispute into its own
// township, the rest read its dashboard (indicators, the record list, deadlines). Runs in a worker
// thread, so the load generator does not take the server's event loop.
const WORKER = `
const http = require('node:http');
const { parentPort, workerData: w } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.connections });
const lat = [];
let errors = 0, writes = 0, seq = 0;
const run = Math.random().toString(36).slice(2, 8);
const end = performance.now() + w.ms;
const once = (s, write) => new Promise((resolve) => {
  const t = performance.now();
  const body = write ? JSON.stringify({ kind: 'dispute', date: w.date, title: '压测写入' + run + '-' + (seq++), data: { disputeType: 'other', status: 'pending' } }) : null;
  const path = write ? '/api/records' : s.reads[Math.floor(Math.random() * s.reads.length)];
  const headers = write
    ? { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
    : { cookie: s.cookie };
  const req = http.request({ host: '127.0.0.1', port: w.port, path, method: write ? 'POST' : 'GET', agent, headers }, (res) => {
    res.resume();
    res.on('end', () => {
      if (res.statusCode === 200 || res.statusCode === 201) { lat.push(performance.now() - t); if (write) writes++; }
      else { errors++; if (w.debug && errors < 4) console.error('status', res.statusCode, path); }
      resolve();
    });
  });
  req.on('error', () => { errors++; resolve(); });
  if (body) req.write(body);
  req.end();
});
const loop = async (i) => {
  const s = w.sessions[i % w.sessions.length];
  while (performance.now() < end) await once(s, Math.random() < w.writeShare);
};
const t0 = performance.now();
Promise.all(Array.from({ length: w.connections }, (_, i) => loop(i))).then(() => {
  const took = performance.now() - t0;
  agent.destroy();
  lat.sort((a, b) => a - b);
  parentPort.postMessage({ rps: (lat.length / took) * 1000, p99: lat[Math.floor(lat.length * 0.99)] ?? Infinity, errors, writes });
});
`;

function mix(
  port: number,
  sessions: readonly Session[],
  connections: number,
  ms: number,
  writeShare: number,
  date: string,
): Promise<Mix> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        port,
        sessions,
        connections,
        ms,
        writeShare,
        date,
        debug: process.env.FAZHI_BENCH_DEBUG === '1',
      },
    });
    worker.once('message', (m: Mix) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

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
        const app = await buildApp(b.h, {
          dataDir: mkdtempSync(join(tmpdir(), 'fazhi-mix-bench-')),
          webDir: null,
          rateLimits: { ...defaultRateLimits(b.h.db), loginPerIp: many, loginPerUser: many },
        });
        await app.listen({ port: 0, host: '127.0.0.1' });
        try {
          const port = (app.server.address() as AddressInfo).port;
          const reads = [
            `/api/indicators?year=${year}`,
            `/api/records?year=${year}&limit=50`,
            '/api/deadlines?days=14&limit=8',
          ];
          const sessions: Session[] = [];
          for (let t = 1; t <= townships; t++)
            sessions.push({ ...(await login(port, `t${String(t).padStart(2, '0')}.staff`)), reads });
          const date = `${year}-06-15`;
          await mix(port, sessions, 8, 500, WRITE_SHARE, date);
          const readOnly = await mix(port, sessions, CONNECTIONS, ms, 0, date);
          const withWrites = await mix(port, sessions, CONNECTIONS, ms, WRITE_SHARE, date);
          const ratio = withWrites.rps / readOnly.rps;
          rows.push({
            name: `${CONNECTIONS} 并发，10% 写入（${townships} 个乡镇各自录入与查看；写入 ${withWrites.writes} 条，p99 ${fmt(withWrites.p99, 1)} ms，错误 ${withWrites.errors}）`,
            db: b.name,
            measured: `${fmt(withWrites.rps)} 次/秒`,
            limit: `${fmt(readOnly.rps)} 次/秒（只读）`,
            ratio,
            target: b.name === 'sqlite' ? '≥ 1,500 次/秒，p99 < 100 ms' : 'p99 < 100 ms',
            pass:
              withWrites.errors === 0 &&
              withWrites.p99 < 100 &&
              (b.name !== 'sqlite' || withWrites.rps >= 1_500),
          });
        } finally {
          await app.close();
        }
      } finally {
        await b.dispose();
      }
    }
    return rows;
  },
};
