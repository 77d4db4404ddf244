/**
 * The working calendar as services use it: built from the database once per process and kept. The
 * one place it is dropped is `forgetCalendar`, called by the calendar write; another process's
 * write (the `fazhi calendar import` command beside a running server) is seen by a revision check
 * at most once a minute.
 */
import type { Transaction } from 'kysely';
import { buildCalendar, type Calendar } from '../core/calendar.ts';
import { calendarRevision, loadCalendarData } from '../db/calendar.repo.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

const RECHECK_MS = 60_000;

interface Cached {
  readonly calendar: Calendar;
  readonly revision: string;
  checkedAt: number;
}

const cache = new WeakMap<Db, Cached>();

/** Builds the calendar from what `db` reads now (inside a write, the write's own view). */
export async function readCalendar(db: Db['db'] | Transaction<Database>): Promise<Calendar> {
  return buildCalendar(await loadCalendarData(db));
}

/**
 * The calendar of a database. `db` is the handle to read through when it must be loaded: the
 * caller's transaction while one is open (SQLite has one connection).
 */
export async function workingCalendar(h: Db, db: Db['db'] | Transaction<Database> = h.db): Promise<Calendar> {
  const known = cache.get(h);
  const now = Date.now();
  if (known && now - known.checkedAt < RECHECK_MS) return known.calendar;
  const revision = await calendarRevision(db);
  if (known && known.revision === revision) {
    known.checkedAt = now;
    return known.calendar;
  }
  const calendar = await readCalendar(db);
  cache.set(h, { calendar, revision, checkedAt: now });
  return calendar;
}

/** Drops the kept calendar after a write, so the next read builds it afresh. */
export function forgetCalendar(h: Db): void {
  cache.delete(h);
}
