/**
 * What each kind of heavy job may spend before it is stopped: wall time from the moment the job
 * starts on a worker, and the worker's V8 heap (old and young generation). The one table.
 */

export type JobKind =
  | 'review'
  | 'readLedger'
  | 'renderReport'
  | 'writeLedger'
  | 'redactReport'
  | 'writeQuestions'
  | 'writeExamBook';

export interface Budget {
  /** Wall-clock milliseconds the job may run once a worker has taken it. */
  readonly timeMs: number;
  /** The worker's old-generation heap limit, in MB (resourceLimits.maxOldGenerationSizeMb). */
  readonly memoryMb: number;
  /** The worker's young-generation heap limit, in MB. */
  readonly youngMb: number;
  /** What the job does, in the messages a user reads. */
  readonly what: string;
  /** The job reads an uploaded file: an overrun is the file's doing (4xx), not the server's (503). */
  readonly upload: boolean;
}

export const BUDGETS: Readonly<Record<JobKind, Budget>> = {
  review: { timeMs: 20_000, memoryMb: 768, youngMb: 64, what: '报告审阅', upload: true },
  readLedger: { timeMs: 60_000, memoryMb: 1536, youngMb: 64, what: '台账表格读取', upload: true },
  renderReport: { timeMs: 30_000, memoryMb: 768, youngMb: 64, what: '年度报告生成', upload: false },
  writeLedger: { timeMs: 60_000, memoryMb: 1536, youngMb: 64, what: '台账导出', upload: false },
  redactReport: { timeMs: 30_000, memoryMb: 768, youngMb: 64, what: '公开稿删节', upload: false },
  writeQuestions: { timeMs: 30_000, memoryMb: 768, youngMb: 64, what: '题库导出', upload: false },
  writeExamBook: { timeMs: 30_000, memoryMb: 768, youngMb: 64, what: '考试成绩表格生成', upload: false },
};

/** Workers at once: the platform's server has two cores and the main thread needs one. */
export const POOL_SIZE = 2;
/** Jobs waiting for a worker; past this a request is answered 503 at once instead of queued. */
export const QUEUE_LIMIT = 8;
