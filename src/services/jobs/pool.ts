import { Worker } from 'node:worker_threads';
import { UserError } from '../../core/errors.ts';
import { BUDGETS, POOL_SIZE, QUEUE_LIMIT, type Budget, type JobKind } from './budgets.ts';
import { runTask, type JobInput, type JobOutput } from './tasks.ts';
import type { JobReply } from './worker.ts';

/** Where heavy work runs: on a worker pool (the server) or on the calling thread (the CLI, tests). */
export interface JobRunner {
  run<K extends JobKind>(kind: K, input: JobInput<K>): Promise<JobOutput<K>>;
  close(): Promise<void>;
}

/** Runs every job on the calling thread: one user at a console has nobody else to keep waiting. */
export const inProcess: JobRunner = { run: runTask, close: () => Promise.resolve() };

/** The worker's entry: plain JavaScript that registers tsx, under `npm start` and vitest alike. */
export const TS_WORKER = new URL('../../../bin/ts-worker.js', import.meta.url);
const MODULE = new URL('./worker.ts', import.meta.url).href;

export interface PoolOptions {
  /** Workers at once (default POOL_SIZE). */
  readonly size?: number;
  /** Jobs that may wait for a worker (default QUEUE_LIMIT). */
  readonly queueLimit?: number;
  /** Budgets that differ from BUDGETS, by kind. */
  readonly budgets?: Partial<Record<JobKind, Partial<Budget>>>;
}

interface Job {
  readonly kind: JobKind;
  readonly input: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** One worker thread, started with the memory budget of the kind of job it runs. */
interface Slot {
  readonly kind: JobKind;
  readonly worker: Worker;
  ready: boolean;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
  /** The worker's error event (`code` ERR_WORKER_OUT_OF_MEMORY when over its heap limit). */
  failure: (Error & { code?: string }) | undefined;
}

const seconds = (ms: number): string => String(Math.round(ms / 100) / 10);

export const busyError = (): UserError => new UserError('服务器繁忙，请稍后再试', 'busy', 503);

function timeoutError(b: Budget): UserError {
  const details = { budgetMs: b.timeMs };
  return b.upload
    ? new UserError(
        `文件处理超时（超过${seconds(b.timeMs)}秒），已中止；请检查文件是否过大或损坏`,
        'job_timeout',
        422,
        details,
      )
    : new UserError(
        `${b.what}超时（超过${seconds(b.timeMs)}秒），已中止；请稍后再试`,
        'job_timeout',
        503,
        details,
      );
}

function memoryError(b: Budget): UserError {
  const details = { budgetMb: b.memoryMb };
  return b.upload
    ? new UserError(
        `文件处理所需内存超过限制（${b.memoryMb} MB），已中止；请检查文件是否过大或损坏`,
        'job_memory',
        413,
        details,
      )
    : new UserError(`${b.what}所需内存超过限制（${b.memoryMb} MB），已中止`, 'job_memory', 503, details);
}

/**
 * A small pool of worker threads for review, import parsing, report rendering and export writing.
 * Each job gets a wall-time budget from the moment a worker takes it and runs in a worker whose
 * heap is capped at its kind's memory budget; a job past either is answered with a Chinese
 * UserError and its worker is discarded (the next job gets a fresh one). The main thread only
 * posts and receives plain data, so the server keeps answering while a job runs.
 */
export class JobPool implements JobRunner {
  private readonly size: number;
  private readonly queueLimit: number;
  private readonly budgets: Record<JobKind, Budget>;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? POOL_SIZE);
    this.queueLimit = Math.max(0, opts.queueLimit ?? QUEUE_LIMIT);
    const b = opts.budgets ?? {};
    this.budgets = {
      review: { ...BUDGETS.review, ...b.review },
      readLedger: { ...BUDGETS.readLedger, ...b.readLedger },
      renderReport: { ...BUDGETS.renderReport, ...b.renderReport },
      writeLedger: { ...BUDGETS.writeLedger, ...b.writeLedger },
      redactReport: { ...BUDGETS.redactReport, ...b.redactReport },
      writeQuestions: { ...BUDGETS.writeQuestions, ...b.writeQuestions },
      writeExamBook: { ...BUDGETS.writeExamBook, ...b.writeExamBook },
    };
  }

  /** Workers alive now (busy or idle), for tests and monitoring. */
  get workers(): number {
    return this.slots.length;
  }

  run<K extends JobKind>(kind: K, input: JobInput<K>): Promise<JobOutput<K>> {
    return new Promise<JobOutput<K>>((resolve, reject) => {
      if (this.closed) return reject(new Error('任务池已关闭'));
      const free = this.slots.length < this.size || this.slots.some((s) => !s.job);
      if (!free && this.queue.length >= this.queueLimit) return reject(busyError());
      this.queue.push({ kind, input, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('任务池已关闭'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  /** Starts queued jobs while a worker is free: an idle one of the same kind, a new one, or a recycled one. */
  private pump(): void {
    for (let job = this.queue[0]; job; job = this.queue[0]) {
      let slot = this.slots.find((s) => !s.job && s.kind === job.kind);
      if (!slot && this.slots.length >= this.size) {
        const idle = this.slots.find((s) => !s.job);
        if (!idle) return;
        this.discard(idle);
      }
      slot ??= this.spawn(job.kind);
      this.queue.shift();
      slot.job = job;
      slot.worker.ref();
      if (slot.ready) this.start(slot);
    }
  }

  private spawn(kind: JobKind): Slot {
    const budget = this.budgets[kind];
    const worker = new Worker(TS_WORKER, {
      workerData: { module: MODULE, kind },
      resourceLimits: { maxOldGenerationSizeMb: budget.memoryMb, maxYoungGenerationSizeMb: budget.youngMb },
    });
    const slot: Slot = { kind, worker, ready: false, job: undefined, timer: undefined, failure: undefined };
    worker.on('message', (m: JobReply) => this.received(slot, m));
    worker.on('error', (e) => (slot.failure = e));
    worker.on('exit', () => this.exited(slot));
    // An idle worker must not keep the process alive.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot): void {
    const job = slot.job!;
    slot.timer = setTimeout(() => {
      slot.job = undefined;
      this.discard(slot);
      job.reject(timeoutError(this.budgets[slot.kind]));
      this.pump();
    }, this.budgets[slot.kind].timeMs);
    slot.worker.postMessage({ kind: job.kind, input: job.input });
  }

  private received(slot: Slot, m: JobReply): void {
    if (m.type === 'ready') {
      slot.ready = true;
      if (slot.job) this.start(slot);
      return;
    }
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.worker.unref();
    if (job) {
      if (m.ok) job.resolve(m.value);
      else if (m.error.user) {
        const u = m.error.user;
        job.reject(new UserError(m.error.message, u.code, u.status, u.details));
      } else job.reject(new Error(m.error.message));
    }
    this.pump();
  }

  /** A worker ended: out of memory, crashed, or terminated here. Its job, if any, is answered. */
  private exited(slot: Slot): void {
    clearTimeout(slot.timer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      const f = slot.failure;
      const budget = this.budgets[slot.kind];
      if (f?.code === 'ERR_WORKER_OUT_OF_MEMORY') job.reject(memoryError(budget));
      else job.reject(new Error(`${budget.what}的工作线程意外退出${f ? `：${f.message}` : ''}`));
    }
    if (!this.closed) this.pump();
  }

  private discard(slot: Slot): void {
    clearTimeout(slot.timer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }
}
