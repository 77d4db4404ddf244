import { Worker } from 'node:worker_threads';

/** One signed-in user of the load: what it reads, and the share of its requests that write. */
export interface LoadSession {
  readonly cookie: string;
  readonly csrf: string;
  readonly reads: readonly string[];
  /** Share of requests that enter a dispute into the user's own township (township staff only). */
  readonly writeShare: number;
}

export interface LoadResult {
  readonly rps: number;
  readonly p99: number;
  /** p99 of the reads alone and of the writes alone (Infinity when there were none). */
  readonly readP99: number;
  readonly writeP99: number;
  readonly errors: number;
  readonly writes: number;
  readonly requests: number;
}

// Each connection is one user, taken round-robin from the sessions; requests go back to back on
// keep-alive sockets for a bounded time. Runs in a worker thread, so the load generator does not
// take the server's event loop.
const WORKER = `
const http = require('node:http');
const { parentPort, workerData: w } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.connections });
const lat = [], latR = [], latW = [];
let errors = 0, writes = 0, seq = 0;
const run = Math.random().toString(36).slice(2, 8);
const end = performance.now() + w.ms;
const once = (s, write) => new Promise((resolve) => {
  const t = performance.now();
  const body = write ? JSON.stringify({ kind: 'dispute', date: w.date, title: '压测写入' + run + '-' + (seq++), data: { disputeType: 'other', status: 'pending' } }) : null;
  const path = write ? '/api/records' : s.reads[Math.floor(Math.random() * s.reads.length)];
  const headers = write
    ? { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
    : s.cookie ? { cookie: s.cookie } : {};
  const req = http.request({ host: '127.0.0.1', port: w.port, path, method: write ? 'POST' : 'GET', agent, headers }, (res) => {
    res.resume();
    res.on('end', () => {
      if (res.statusCode === 200 || res.statusCode === 201) { const ms = performance.now() - t; lat.push(ms); if (write) { writes++; latW.push(ms); } else latR.push(ms); }
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
  while (performance.now() < end) await once(s, Math.random() < s.writeShare);
};
const t0 = performance.now();
Promise.all(Array.from({ length: w.connections }, (_, i) => loop(i))).then(() => {
  const took = performance.now() - t0;
  agent.destroy();
  const p99 = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? Infinity;
  parentPort.postMessage({ rps: (lat.length / took) * 1000, p99: p99(lat), readP99: p99(latR), writeP99: p99(latW), errors, writes, requests: lat.length + errors });
});
`;

/** Drives `connections` keep-alive connections for `ms` milliseconds. Latencies in ms. */
export function driveLoad(
  port: number,
  sessions: readonly LoadSession[],
  connections: number,
  ms: number,
  date: string,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { port, sessions, connections, ms, date, debug: process.env.FAZHI_BENCH_DEBUG === '1' },
    });
    worker.once('message', (m: LoadResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
