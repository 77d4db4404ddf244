import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import { UserError } from '../core/errors.ts';
import { wholeSetting } from '../core/settings.ts';

/** Requests in progress at once by default: twice the cores. */
export const defaultActive = (): number => 2 * availableParallelism();

const MAX_ACTIVE = 10_000;

/** `--max-active` / FAZHI_MAX_ACTIVE: a whole number from 1 to 10,000, or the default when unset. */
export function parseMaxActive(v: string | undefined): number {
  return wholeSetting('同时处理的请求数（--max-active 或 FAZHI_MAX_ACTIVE）', v, MAX_ACTIVE, defaultActive());
}

/**
 * How long a request keeps its turn. One still running after this is waiting on something slow (a
 * job in a worker, a long query, another server): it goes on without its turn, so a few slow
 * requests never hold up the others.
 */
export const HOLD_MS = 50;

/** Requests waiting for a turn beyond which a new one is refused (503) rather than kept waiting. */
export const QUEUE_LIMIT = 2_000;

/**
 * The API's requests take turns: at most `active` run at once, and the others wait in order of
 * arrival. Without turns, every request a busy server has accepted runs at once, and each round
 * trip to the database waits for every other request's work on the event loop. A write makes six
 * such trips, so under load it took tens of times as long as a read. With turns, a request waits
 * once, in line, and then runs with few others beside it, so a write's time comes close to a
 * read's (measured in docs/performance.md).
 */
export class Admission {
  private readonly turns: LimitFunction;

  constructor(
    readonly active: number = defaultActive(),
    private readonly holdMs: number = HOLD_MS,
    private readonly queueLimit: number = QUEUE_LIMIT,
  ) {
    this.turns = pLimit(active);
  }

  /** Requests running in their turn, and waiting for one. */
  get running(): number {
    return this.turns.activeCount;
  }
  get waiting(): number {
    return this.turns.pendingCount;
  }

  /** Runs `work` in its turn; refuses it with 503 when it would wait and too many are waiting already. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.turns.activeCount >= this.active && this.turns.pendingCount >= this.queueLimit) {
      return Promise.reject(new UserError('服务器繁忙：排队的请求过多，请稍后重试', 'busy', 503));
    }
    return new Promise<T>((resolve, reject) => {
      void this.turns(() => {
        // Also a synchronous throw arrives as the request's failure.
        const done = (async () => work())();
        done.then(resolve, reject);
        return new Promise<void>((free) => {
          const timer = setTimeout(free, this.holdMs);
          const end = () => {
            clearTimeout(timer);
            free();
          };
          done.then(end, end);
        });
      });
    });
  }
}
