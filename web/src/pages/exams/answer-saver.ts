import { api, ApiError } from '../../api/client.ts';

/** What the page shows of the saving: answers not yet stored, and whether the network is failing. */
export interface SaveStatus {
  readonly unsaved: number;
  readonly retrying: boolean;
  readonly savedAt: string | null;
}

export interface SaverEvents {
  /** A save was stored; the server's remaining time re-syncs the countdown. */
  readonly synced: (remainingSeconds: number) => void;
  /** The server refused the sitting: taken over by another window, time up, already submitted. */
  readonly stopped: (code: string, message: string) => void;
  /** A single answer the server rejected (the paper itself carries on). */
  readonly rejected: (message: string) => void;
  readonly status: (s: SaveStatus) => void;
}

const STOPPING = new Set(['taken_over', 'time_up', 'submitted']);

/**
 * Saves each answer as soon as it is given (PUT …/answers/:position). One request per position is
 * in flight at a time and the latest choice is sent after it, so answers reach the server in the
 * order they were given; a failed network is retried with growing pauses until it comes back.
 */
export class AnswerSaver {
  private readonly want = new Map<number, readonly number[]>();
  private readonly busy = new Set<number>();
  private readonly waiters: (() => void)[] = [];
  private failures = 0;
  private stopped = false;
  private savedAt: string | null = null;

  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly on: SaverEvents,
  ) {}

  set(position: number, answer: readonly number[]): void {
    if (this.stopped) return;
    this.want.set(position, answer);
    this.emit();
    if (!this.busy.has(position)) void this.run(position);
  }

  /** Stops sending (the page has left the sitting); pending answers are dropped. */
  stop(): void {
    this.stopped = true;
    this.want.clear();
    this.settle();
  }

  /** Resolves once every given answer is stored, or the sitting has stopped. */
  settled(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get unsaved(): number {
    return this.want.size;
  }

  private idle(): boolean {
    return this.stopped || (this.want.size === 0 && this.busy.size === 0);
  }

  private emit(): void {
    this.on.status({ unsaved: this.want.size, retrying: this.failures > 0, savedAt: this.savedAt });
  }

  private settle(): void {
    if (!this.idle()) return;
    for (const w of this.waiters.splice(0)) w();
  }

  private async run(position: number): Promise<void> {
    this.busy.add(position);
    try {
      for (let answer = this.want.get(position); answer && !this.stopped; answer = this.want.get(position)) {
        try {
          const r = await api<{ savedAt: string; remainingSeconds: number }>(
            `${this.base}/answers/${position}`,
            { method: 'PUT', json: { token: this.token, answer } },
          );
          if (this.want.get(position) === answer) this.want.delete(position);
          this.failures = 0;
          this.savedAt = r.savedAt;
          if (!this.stopped) this.on.synced(r.remainingSeconds);
        } catch (e) {
          if (this.stopped) return;
          if (e instanceof ApiError && e.status === 409 && STOPPING.has(e.code)) {
            this.stop();
            this.on.stopped(e.code, e.message);
            return;
          }
          if (
            e instanceof ApiError &&
            e.status >= 400 &&
            e.status < 500 &&
            e.status !== 408 &&
            e.status !== 429
          ) {
            if (this.want.get(position) === answer) this.want.delete(position);
            this.on.rejected(e.message);
            continue;
          }
          // No network, or the server is briefly unavailable: keep the answer and try again.
          this.failures += 1;
          this.emit();
          await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** (this.failures - 1), 15_000)));
        }
      }
    } finally {
      this.busy.delete(position);
      this.emit();
      this.settle();
    }
  }
}
