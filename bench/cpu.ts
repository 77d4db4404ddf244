import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * CPU time of the server's event loop (this process's main thread), of the process's other threads
 * (the load generator's worker, libuv's pool, the garbage collector's helpers) and of every
 * PostgreSQL server process on the machine, from Linux's /proc, in milliseconds: what a load of
 * requests cost each, so a throughput can be set against what the machine's cores allow. Null
 * where /proc is absent.
 */
export interface CpuSample {
  readonly server: number;
  readonly others: number;
  readonly postgres: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux.

/**
 * utime + stime of a /proc stat line, in ms (fields 14 and 15, after the parenthesised name), and
 * with `children` also cutime + cstime (16 and 17): the CPU of its exited children, once reaped.
 */
function statMs(path: string, children = false): { name: string; ms: number } | null {
  try {
    const s = readFileSync(path, 'utf8');
    const close = s.lastIndexOf(')');
    const name = s.slice(s.indexOf('(') + 1, close);
    const f = s.slice(close + 2).split(' ');
    const own = Number(f[11]) + Number(f[12]);
    return { name, ms: (children ? own + Number(f[13]) + Number(f[14]) : own) * TICK_MS };
  } catch {
    return null;
  }
}

export function cpuSample(): CpuSample | null {
  const main = statMs(`/proc/self/task/${process.pid}/stat`);
  const all = statMs('/proc/self/stat');
  if (!main || !all) return null;
  let postgres = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    // A backend that exits (a pool's idle connection closed) takes its CPU from the live
    // processes' sum; the postmaster reaps it and then counts it among its children's.
    const p = statMs(`/proc/${pid}/stat`, true);
    if (p?.name === 'postgres') postgres += p.ms;
  }
  return { server: main.ms, others: all.ms - main.ms, postgres };
}

/** What a load of requests cost each, in ms of CPU, and the most requests a second that allows. */
export interface CpuPerRequest {
  readonly server: number;
  readonly others: number;
  /** Null when PostgreSQL is not the load's database (SQLite runs in the event loop). */
  readonly postgres: number | null;
  /** One event loop answers at most this many a second at its cost (it runs on one core). */
  readonly loopBound: number;
  /** Every core of the machine, all of the cost counted (server, load generator, PostgreSQL). */
  readonly coresBound: number;
}

export function perRequest(
  before: CpuSample | null,
  after: CpuSample | null,
  requests: number,
  postgresToo = true,
): CpuPerRequest | null {
  if (!before || !after || requests === 0) return null;
  const server = (after.server - before.server) / requests;
  const others = (after.others - before.others) / requests;
  const postgres = postgresToo ? (after.postgres - before.postgres) / requests : null;
  const cores = availableParallelism();
  return {
    server,
    others,
    postgres,
    loopBound: 1000 / server,
    coresBound: (cores * 1000) / (server + others + (postgres ?? 0)),
  };
}

/** The most requests a second at this cost: the lower of one event loop's bound and every core's. */
export const requestBound = (c: CpuPerRequest): number => Math.min(c.loopBound, c.coresBound);

/**
 * Chinese text of the CPU a load took per request, and the most requests a second this machine
 * allows at that cost: the event loop is one thread (at most one core), and the server's threads,
 * the load generator and PostgreSQL together share every core. Empty where the samples are
 * missing.
 */
export function costText(c: CpuPerRequest | null): string {
  if (!c) return '';
  const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const count = (n: number) => Math.round(n).toLocaleString('en-US');
  const pgText = c.postgres === null ? '' : `、PostgreSQL ${fmt(c.postgres)} ms`;
  return `；每次请求 CPU：服务器主线程 ${fmt(c.server)} ms、本进程其他线程（含压测负载）${fmt(c.others)} ms${pgText}；单个事件循环至多约 ${count(c.loopBound)} 次/秒，本机 ${availableParallelism()} 核合计至多约 ${count(c.coresBound)} 次/秒`;
}
