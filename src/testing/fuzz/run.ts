import { Worker } from 'node:worker_threads';
import { TS_WORKER } from '../../services/jobs/pool.ts';
import { makeSeeds, mutate, type FuzzInput } from './inputs.ts';
import type { Probe, ProbeResult, Reader } from './worker.ts';

/**
 * The fuzz run: each generated input through the review reader, the ledger import's parsing and
 * the evidence type check, on a worker thread with a time budget per probe, so a hang is found
 * and the run goes on. Counts outcomes; keeps every crash and hang with the input that caused it.
 */

export interface FuzzOptions {
  readonly count: number;
  readonly seed: number;
  /**
   * Most milliseconds one reader may take on one input before it counts as a hang (default 30 s:
   * inputs are at most a few MB, and the slowest read takes seconds only on a loaded machine).
   */
  readonly probeMs?: number;
  /** The worker's heap limit in MB; a reader past it is reported as `memory`. */
  readonly memoryMb?: number;
  readonly onProgress?: (done: number) => void;
}

export interface Failure {
  readonly index: number;
  readonly reader: Reader;
  readonly input: FuzzInput;
  readonly message: string;
}

export interface FuzzSummary {
  readonly inputs: number;
  readonly probes: number;
  readonly ms: number;
  /** `reader outcome[ code]` → count. */
  readonly outcomes: Map<string, number>;
  readonly crashes: Failure[];
  readonly hangs: Failure[];
  readonly memory: Failure[];
  /** Slowest single probe, in ms, and what it read. */
  readonly slowest: number;
  readonly slowestInput: string;
}

const READERS: readonly Reader[] = ['review', 'ledger', 'evidence'];

/** One worker at a time; replaced after a hang or a crash of the thread itself. */
class Prober {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  constructor(private readonly memoryMb: number) {}

  private start(): Promise<void> {
    const w = new Worker(TS_WORKER, {
      workerData: { module: new URL('./worker.ts', import.meta.url).href },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 64 },
    });
    this.worker = w;
    return new Promise((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    });
  }

  /** Starts a worker unless one is up, so a probe's time does not include the worker's start. */
  async warm(): Promise<void> {
    this.ready ??= this.start();
    await this.ready;
  }

  async run(p: Probe, ms: number): Promise<ProbeResult | 'hang' | 'memory' | { died: string }> {
    await this.warm();
    const w = this.worker!;
    return new Promise((resolve) => {
      const done = (r: ProbeResult | 'hang' | 'memory' | { died: string }) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        if (typeof r !== 'object' || 'died' in r) this.retire();
        resolve(r);
      };
      const onMessage = (r: ProbeResult) => done(r);
      const onError = (e: Error & { code?: string }) =>
        done(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : { died: e.message });
      const timer = setTimeout(() => done('hang'), ms);
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage(p);
    });
  }

  private retire(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

export async function fuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const seeds = await makeSeeds();
  const prober = new Prober(opts.memoryMb ?? 1024);
  const outcomes = new Map<string, number>();
  const crashes: Failure[] = [];
  const hangs: Failure[] = [];
  const memory: Failure[] = [];
  let slowest = 0;
  let slowestInput = '';
  const t0 = performance.now();
  try {
    for (let i = 0; i < opts.count; i++) {
      const input = mutate(seeds, opts.seed, i);
      for (const reader of READERS) {
        await prober.warm();
        const t = performance.now();
        const r = await prober.run({ reader, name: input.name, bytes: input.bytes }, opts.probeMs ?? 30_000);
        const took = performance.now() - t;
        if (took > slowest) [slowest, slowestInput] = [took, `#${i} ${reader} ${input.name} (${input.how})`];
        const fail = (message: string): Failure => ({ index: i, reader, input, message });
        let key: string;
        if (r === 'hang') {
          hangs.push(fail(`over ${opts.probeMs ?? 30_000} ms`));
          key = `${reader} hang`;
        } else if (r === 'memory') {
          memory.push(fail('worker out of memory'));
          key = `${reader} memory`;
        } else if ('died' in r) {
          crashes.push(fail(r.died));
          key = `${reader} crash`;
        } else {
          if (r.outcome === 'crash') crashes.push(fail(r.message ?? ''));
          key = `${reader} ${r.outcome}${r.code ? ` ${r.code}` : ''}`;
        }
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
      opts.onProgress?.(i + 1);
    }
  } finally {
    await prober.close();
  }
  return {
    inputs: opts.count,
    probes: opts.count * READERS.length,
    ms: performance.now() - t0,
    outcomes,
    crashes,
    hangs,
    memory,
    slowest,
    slowestInput,
  };
}
