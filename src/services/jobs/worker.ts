import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../core/errors.ts';
import type { JobKind } from './budgets.ts';
import { preload, runTask, type JobInput } from './tasks.ts';

/** A job as posted to a worker. */
export interface JobRequest {
  readonly kind: JobKind;
  readonly input: unknown;
}

/** An error as it crosses back: structured clone keeps an Error's message but not UserError's code. */
export interface WireError {
  readonly message: string;
  /** Set when the job threw a UserError: the user's answer, rebuilt on the main thread. */
  readonly user?: { readonly code: string; readonly status: number; readonly details?: unknown };
}

/** What a worker posts: once when it is ready, then one answer per job. */
export type JobReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly ok: true; readonly value: unknown }
  | { readonly type: 'done'; readonly ok: false; readonly error: WireError };

const port = parentPort;
if (!port) throw new Error('worker.ts runs only on a worker thread (see pool.ts)');

async function answer(m: JobRequest): Promise<JobReply> {
  try {
    const value = await runTask(m.kind, m.input as JobInput<typeof m.kind>);
    return { type: 'done', ok: true, value };
  } catch (e) {
    if (e instanceof UserError) {
      const user = {
        code: e.code,
        status: e.status,
        ...(e.details === undefined ? {} : { details: e.details }),
      };
      return { type: 'done', ok: false, error: { message: e.message, user } };
    }
    return { type: 'done', ok: false, error: { message: e instanceof Error ? e.message : String(e) } };
  }
}

port.on('message', (m: JobRequest) => {
  void answer(m).then((r) => {
    try {
      port.postMessage(r);
    } catch (e) {
      // An answer that cannot be cloned is the job's fault; the worker itself is fine.
      const message = `结果无法传回：${e instanceof Error ? e.message : String(e)}`;
      port.postMessage({ type: 'done', ok: false, error: { message } } satisfies JobReply);
    }
  });
});
// Ready once this worker's kind of job has its modules loaded.
await preload((workerData as { kind: JobKind }).kind);
port.postMessage({ type: 'ready' } satisfies JobReply);
