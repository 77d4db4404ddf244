/**
 * The reminder scheduler inside the server (no external cron): an interval timer started by
 * `fazhi serve` and stopped when it closes. Each tick sends the due and overdue notices, the
 * day's digest once the set China time has passed, the queued webhook deliveries, and once a day
 * the anonymising of the public's personal information past its retention period. The clock
 * and the sender are injected, so tests move time and receive the webhooks themselves.
 */
import type { Db } from '../../db/connect.ts';
import { todayOf } from '../../core/dates.ts';
import {
  DEFAULT_REMINDERS,
  chinaTime,
  sendDailyDigests,
  sendDueNotices,
  type ReminderSettings,
} from '../reminders.ts';
import { deliverQueued, fetchSender, serverToken, type WebhookSender } from '../webhooks.ts';
import { anonymiseExpired, type AnonymiseResult } from '../public/retention.ts';

export interface SchedulerOptions {
  readonly settings?: ReminderSettings;
  /** The clock; the real time by default. */
  readonly clock?: () => Date;
  /** Time between ticks; a minute by default. */
  readonly intervalMs?: number;
  readonly send?: WebhookSender;
  /** Days the public portal's personal information is kept (once a day the expired is anonymised); null: never run here. */
  readonly retentionDays?: number | null;
  /** Where a failed tick is reported (the server's log). */
  readonly onError?: (e: unknown) => void;
}

export interface TickResult {
  readonly notices: { messages: number; deliveries: number };
  readonly digest: { messages: number; deliveries: number } | null;
  readonly delivered: { sent: number; retried: number; failed: number };
  /** The day's anonymising of expired personal information, on the day's first tick. */
  readonly anonymised: AnonymiseResult | null;
}

export class ReminderScheduler {
  readonly #h: Db;
  readonly #settings: ReminderSettings;
  readonly #clock: () => Date;
  readonly #intervalMs: number;
  readonly #send: WebhookSender;
  readonly #onError: (e: unknown) => void;
  readonly #retentionDays: number | null;
  readonly #token = serverToken();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<TickResult | null> | null = null;
  /** The China day whose digest this process has sent (a restart sends again; the keys dedupe). */
  #digestDay: string | null = null;
  /** The China day whose anonymising this process has run. */
  #retentionDay: string | null = null;

  constructor(h: Db, opts: SchedulerOptions = {}) {
    this.#h = h;
    this.#settings = opts.settings ?? DEFAULT_REMINDERS;
    this.#clock = opts.clock ?? (() => new Date());
    this.#intervalMs = opts.intervalMs ?? 60_000;
    this.#send = opts.send ?? fetchSender;
    this.#onError = opts.onError ?? (() => undefined);
    this.#retentionDays = opts.retentionDays === undefined ? null : opts.retentionDays;
  }

  /** Starts ticking (the first tick at once); the timer does not keep the process alive. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#safeTick(), this.#intervalMs);
    this.#timer.unref();
    void this.#safeTick();
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => null);
  }

  async #safeTick(): Promise<void> {
    try {
      await this.tick();
    } catch (e) {
      this.#onError(e);
    }
  }

  /** One round; a tick still running is awaited rather than overlapped. */
  tick(): Promise<TickResult | null> {
    if (this.#running) return this.#running.then(() => null);
    this.#running = this.#round().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #round(): Promise<TickResult> {
    const now = this.#clock();
    const at = now.toISOString();
    const notices = await sendDueNotices(this.#h, at, this.#settings);
    const today = todayOf(at);
    let digest: TickResult['digest'] = null;
    if (this.#digestDay !== today && chinaTime(now) >= this.#settings.digestAt) {
      digest = await sendDailyDigests(this.#h, at, this.#settings);
      this.#digestDay = today;
    }
    const delivered = await deliverQueued(this.#h, now, this.#token, this.#send);
    let anonymised: AnonymiseResult | null = null;
    if (this.#retentionDays !== null && this.#retentionDay !== today) {
      anonymised = await anonymiseExpired(this.#h, now, this.#retentionDays);
      this.#retentionDay = today;
    }
    return { notices, digest, delivered, anonymised };
  }
}
