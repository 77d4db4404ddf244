/**
 * Benchmarks measure fazhi against a limit measured in the same run on the same machine (a raw
 * prepared insert, a hand-written SQL aggregate, a bare health request) and report the ratio.
 * Each `bench/*.bench.ts` exports `bench: Bench`; `npm run bench` runs them all.
 */
export interface BenchRow {
  /** What was measured, in Chinese or English (e.g. "导入 100k 行"). */
  readonly name: string;
  readonly db?: 'sqlite' | 'postgres';
  /** fazhi's figure, with its unit (e.g. "182,000 行/秒", "41 ms"). */
  readonly measured: string;
  /** The limit's figure measured in the same run. */
  readonly limit: string;
  /** measured ÷ limit, oriented as the target states. */
  readonly ratio: number;
  /** The target as text, e.g. "≥ 0.50" or "≤ 1.5". */
  readonly target: string;
  readonly pass: boolean;
  /**
   * Why the target is beyond this machine, when the run's own measurement shows it (the CPU the
   * load took per request allows less than the target): printed beside a miss.
   */
  readonly beyond?: string;
}

export interface BenchContext {
  /** A PostgreSQL server URL to create databases on (admin connection), when one is available. */
  readonly pgUrl?: string;
  /** Smaller sizes, for a smoke run in tests. */
  readonly quick: boolean;
  /** Data size relative to the benchmark's full size (`--scale`; the province: 1 = 30M records). */
  readonly scale?: number;
}

export interface Bench {
  readonly name: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

/** Milliseconds taken by `fn`, best of `repeat` runs (the least disturbed by the machine). */
export async function bestOf(repeat: number, fn: () => unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
