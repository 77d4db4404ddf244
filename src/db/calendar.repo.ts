import type { Kysely, Transaction } from 'kysely';
import type { CalendarData, CalendarEntry } from '../core/calendar.ts';
import { SEED_SOURCE, seedYears } from './calendar-seed.ts';
import type { CalendarDayRow, CalendarYearRow, Database, NewCalendarDayRow } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const DAY_COLS = ['date', 'kind', 'name', 'year', 'source', 'stored_by', 'stored_at'] as const;
const YEAR_COLS = ['year', 'official', 'source', 'stored_by', 'stored_at'] as const;

// Well under SQLite's bound-parameter limit at seven columns a row.
const CHUNK = 200;

async function insertDays(db: Q, rows: readonly NewCalendarDayRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('calendar_days')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.column('date').doNothing())
      .execute();
}

/**
 * Stores chinese-days' arrangement for every year the database has no row for. A year once stored
 * (seeded or announced) is never seeded again, so an administrator's update stands.
 */
export async function seedCalendar(db: Kysely<Database>): Promise<number> {
  const have = new Set((await db.selectFrom('calendar_years').select('year').execute()).map((r) => r.year));
  const missing = seedYears().filter((s) => !have.has(s.year));
  if (missing.length === 0) return 0;
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('calendar_years')
      .values(
        missing.map((s) => ({
          year: s.year,
          official: 1,
          source: SEED_SOURCE,
          stored_by: null,
          stored_at: at,
        })),
      )
      .execute();
    await insertDays(
      trx,
      missing.flatMap((s) =>
        s.entries.map((e) => ({ ...e, year: s.year, source: SEED_SOURCE, stored_by: null, stored_at: at })),
      ),
    );
  });
  return missing.length;
}

/** Every stored day and the years with an official arrangement: what the pure calendar is built from. */
export async function loadCalendarData(db: Q): Promise<CalendarData> {
  const [days, years] = await Promise.all([
    db.selectFrom('calendar_days').select(['date', 'kind', 'name']).execute(),
    db.selectFrom('calendar_years').select('year').where('official', '=', 1).execute(),
  ]);
  return {
    entries: days.map((d): CalendarEntry => ({
      date: d.date,
      kind: d.kind === 'workday' ? 'workday' : 'holiday',
      name: d.name,
    })),
    years: years.map((y) => Number(y.year)),
  };
}

/** A value that changes whenever the calendar is written, for caches in other processes. */
export async function calendarRevision(db: Q): Promise<string> {
  const r = await db
    .selectFrom('calendar_years')
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.max('stored_at').as('last')])
    .executeTakeFirst();
  return `${String(r?.n ?? 0)}|${r?.last ?? ''}`;
}

export async function getYear(db: Q, year: number): Promise<CalendarYearRow | undefined> {
  return db.selectFrom('calendar_years').select(YEAR_COLS).where('year', '=', year).executeTakeFirst();
}

/** The days of a year's arrangement, in date order. */
export async function listYearDays(db: Q, year: number): Promise<CalendarDayRow[]> {
  return db.selectFrom('calendar_days').select(DAY_COLS).where('year', '=', year).orderBy('date').execute();
}

/**
 * Replaces a year's arrangement on the caller's transaction: its old days go, and so does any day
 * another arrangement had on one of the new dates; the year is marked official.
 */
export async function replaceYear(
  trx: Transaction<Database>,
  year: number,
  entries: readonly CalendarEntry[],
  meta: { readonly source: string; readonly storedBy: string | null; readonly at: string },
): Promise<void> {
  await trx.deleteFrom('calendar_days').where('year', '=', year).execute();
  const dates = entries.map((e) => e.date);
  for (let i = 0; i < dates.length; i += CHUNK)
    await trx
      .deleteFrom('calendar_days')
      .where('date', 'in', dates.slice(i, i + CHUNK))
      .execute();
  await insertDays(
    trx,
    entries.map((e) => ({ ...e, year, source: meta.source, stored_by: meta.storedBy, stored_at: meta.at })),
  );
  const row = { official: 1, source: meta.source, stored_by: meta.storedBy, stored_at: meta.at };
  await trx
    .insertInto('calendar_years')
    .values({ year, ...row })
    .onConflict((oc) => oc.column('year').doUpdateSet(row))
    .execute();
}
