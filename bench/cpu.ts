import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * CPU time of the server's event loop (this process's main thread) and of every PostgreSQL server
 * process on the machine, from Linux's /proc, in milliseconds: what a load of requests cost each,
 * so a throughput can be set against what the machine's cores allow. Null where /proc is absent.
 */
export interface CpuSample {
  readonly server: number;
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
  if (!main) return null;
  let postgres = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    // A backend that exits (a pool's idle connection closed) takes its CPU from the live
    // processes' sum; the postmaster reaps it and then counts it among its children's.
    const p = statMs(`/proc/${pid}/stat`, true);
    if (p?.name === 'postgres') postgres += p.ms;
  }
  return { server: main.ms, postgres };
}

/**
 * Chinese text of the CPU a load took per request, and the most requests a second this machine's
 * cores allow at that cost: the event loop is one thread (at most one core), and the two together
 * share every core. Empty where the samples are missing.
 */
export function cpuPerRequest(
  before: CpuSample | null,
  after: CpuSample | null,
  requests: number,
  postgresToo = true,
): string {
  if (!before || !after || requests === 0) return '';
  const server = (after.server - before.server) / requests;
  const postgres = postgresToo ? (after.postgres - before.postgres) / requests : 0;
  const cores = availableParallelism();
  const bound = Math.min(1000 / server, (cores * 1000) / (server + postgres));
  const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const pgText = postgresToo ? `、PostgreSQL ${fmt(postgres)} ms` : '';
  return `；每次请求 CPU：服务器主线程 ${fmt(server)} ms${pgText}，本机 ${cores} 核至多约 ${Math.round(bound).toLocaleString('en-US')} 次/秒`;
}
