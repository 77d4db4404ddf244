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

// Each connection is one user, taken round-robin from the sessions; requests go back to back on a
// keep-alive socket for a bounded time. Runs in a worker thread, so the load generator does not take
// the server's event loop, and speaks HTTP/1.1 on raw sockets (requests written as bytes, answers
// framed by their Content-Length): Node's HTTP client cost about two fifths as much CPU per request as
// the server's whole event loop, on the same 2 cores as the server and PostgreSQL.
const WORKER = `
const net = require('node:net');
const { parentPort, workerData: w } = require('node:worker_threads');
const lat = [], latR = [], latW = [];
let errors = 0, writes = 0, seq = 0;
const run = Math.random().toString(36).slice(2, 8);
const end = performance.now() + w.ms;
const CRLF2 = Buffer.from('\\r\\n\\r\\n');
const requestOf = (s, write) => {
  if (!write) {
    const path = s.reads[Math.floor(Math.random() * s.reads.length)];
    return 'GET ' + path + ' HTTP/1.1\\r\\nhost: 127.0.0.1\\r\\n' + (s.cookie ? 'cookie: ' + s.cookie + '\\r\\n' : '') + '\\r\\n';
  }
  const body = JSON.stringify({ kind: 'dispute', date: w.date, title: '压测写入' + run + '-' + (seq++), data: { disputeType: 'other', status: 'pending' } });
  return 'POST /api/records HTTP/1.1\\r\\nhost: 127.0.0.1\\r\\ncookie: ' + s.cookie + '\\r\\nx-csrf-token: ' + s.csrf +
    '\\r\\ncontent-type: application/json\\r\\ncontent-length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body;
};
// One connection: a request, its whole answer, the next; a broken or unframed answer is an error
// and the connection starts again.
const loop = (i) => new Promise((done) => {
  const s = w.sessions[i % w.sessions.length];
  let sock, buf, t, write, pending = false;
  const next = () => {
    if (performance.now() >= end) { sock.destroy(); return; }
    write = Math.random() < s.writeShare;
    buf = Buffer.alloc(0);
    t = performance.now();
    pending = true;
    sock.write(requestOf(s, write));
  };
  const answered = (status) => {
    pending = false;
    if (status === 200 || status === 201) { const ms = performance.now() - t; lat.push(ms); if (write) { writes++; latW.push(ms); } else latR.push(ms); }
    else { errors++; if (w.debug && errors < 4) console.error('status', status); }
    next();
  };
  const open = () => {
    sock = net.connect(w.port, '127.0.0.1');
    sock.setNoDelay(true);
    sock.on('connect', next);
    sock.on('data', (d) => {
      buf = buf.length === 0 ? d : Buffer.concat([buf, d]);
      const head = buf.indexOf(CRLF2);
      if (head < 0) return;
      const h = buf.toString('latin1', 0, head);
      const m = /\\r\\ncontent-length: *(\\d+)/i.exec(h);
      if (!m) { sock.destroy(); return; }
      if (buf.length < head + 4 + Number(m[1])) return;
      answered(Number(h.slice(9, 12)));
    });
    sock.on('error', () => {});
    // A request left without its whole answer is an error; then the connection starts again.
    sock.on('close', () => {
      if (pending) { pending = false; errors++; }
      if (performance.now() < end) open(); else done();
    });
  };
  open();
});
const t0 = performance.now();
Promise.all(Array.from({ length: w.connections }, (_, i) => loop(i))).then(() => {
  const took = performance.now() - t0;
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
