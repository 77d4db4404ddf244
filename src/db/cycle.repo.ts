import type { Insertable, Kysely, Transaction } from 'kysely';
import type { CycleEventTable, CycleHeadlineTable, CycleVersionTable, Database } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const REPORT_COLS = [
  'id',
  'township_id',
  'county_id',
  'year',
  'state',
  'version',
  'signed_seq',
  'published_seq',
  'signed_by',
  'signed_on',
  'submitted_at',
  'published_at',
  'updated_at',
] as const;

const VERSION_META = [
  'id',
  'report_id',
  'seq',
  'kind',
  'file_name',
  'note',
  'created_by',
  'created_at',
] as const;

export async function getReport(db: Q, townshipId: number, year: number) {
  return db
    .selectFrom('cycle_reports')
    .select(REPORT_COLS)
    .where('township_id', '=', townshipId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** The report row locked until the transaction ends, so two steps on one report run one after another. */
export async function lockReport(db: Q, id: number, forUpdate: boolean): Promise<void> {
  const q = db.selectFrom('cycle_reports').select('id').where('id', '=', id);
  await (forUpdate ? q.forUpdate() : q).execute();
}

export async function insertReport(
  db: Q,
  row: { township_id: number; county_id: number; year: number; state: string; updated_at: string },
): Promise<number> {
  const r = await db.insertInto('cycle_reports').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateReport(
  db: Q,
  id: number,
  set: Partial<{
    state: string;
    version: number;
    signed_seq: number | null;
    published_seq: number | null;
    signed_by: string | null;
    signed_on: string | null;
    submitted_at: string | null;
    published_at: string | null;
    updated_at: string;
  }>,
): Promise<void> {
  await db.updateTable('cycle_reports').set(set).where('id', '=', id).execute();
}

/** Every report of the county's townships for a year. */
export async function reportsOfCounty(db: Q, countyId: number, year: number) {
  return db
    .selectFrom('cycle_reports')
    .select(REPORT_COLS)
    .where('county_id', '=', countyId)
    .where('year', '=', year)
    .execute();
}

export async function insertVersion(db: Q, row: Insertable<CycleVersionTable>): Promise<void> {
  await db.insertInto('cycle_versions').values(row).execute();
}

export async function versionsOf(db: Q, reportId: number) {
  return db
    .selectFrom('cycle_versions')
    .select(VERSION_META)
    .where('report_id', '=', reportId)
    .orderBy('seq')
    .execute();
}

/** One version whole: its edits, text, file and review. */
export async function getVersion(db: Q, reportId: number, seq: number) {
  return db
    .selectFrom('cycle_versions')
    .select([...VERSION_META, 'edits', 'text', 'file', 'review'])
    .where('report_id', '=', reportId)
    .where('seq', '=', seq)
    .executeTakeFirst();
}

export async function setReview(db: Q, reportId: number, seq: number, review: string): Promise<void> {
  await db
    .updateTable('cycle_versions')
    .set({ review })
    .where('report_id', '=', reportId)
    .where('seq', '=', seq)
    .execute();
}

export async function insertEvent(db: Q, row: Insertable<CycleEventTable>): Promise<void> {
  await db.insertInto('cycle_events').values(row).execute();
}

export async function eventsOf(db: Q, reportId: number) {
  return db
    .selectFrom('cycle_events')
    .select([
      'id',
      'step',
      'from_state',
      'to_state',
      'outcome',
      'comment',
      'detail',
      'actor',
      'role',
      'created_at',
    ])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}

/** Published reports (the public page): newest first, optionally one county's. */
export async function publishedReports(db: Q, countyId?: number) {
  let q = db
    .selectFrom('cycle_reports')
    .innerJoin('orgs', 'orgs.id', 'cycle_reports.township_id')
    .select([
      'cycle_reports.id',
      'cycle_reports.township_id',
      'cycle_reports.county_id',
      'cycle_reports.year',
      'cycle_reports.published_seq',
      'cycle_reports.published_at',
      'orgs.name',
      'orgs.code',
    ])
    .where('cycle_reports.published_seq', 'is not', null);
  if (countyId !== undefined) q = q.where('cycle_reports.county_id', '=', countyId);
  return q.orderBy('cycle_reports.year', 'desc').orderBy('orgs.code').execute();
}

/** The county's headline choices for a reviewed version of a report. */
export async function headlinesOf(db: Q, reportId: number, seq: number) {
  return db
    .selectFrom('cycle_headlines')
    .select(['key', 'start', 'parts', 'value', 'text', 'kept', 'chosen_by', 'chosen_at'])
    .where('report_id', '=', reportId)
    .where('seq', '=', seq)
    .orderBy('id')
    .execute();
}

/** Keeps a headline choice: the key's earlier choice in the same version is replaced. */
export async function putHeadline(db: Q, row: Insertable<CycleHeadlineTable>): Promise<void> {
  await db
    .deleteFrom('cycle_headlines')
    .where('report_id', '=', row.report_id)
    .where('seq', '=', row.seq)
    .where('key', '=', row.key)
    .execute();
  await db.insertInto('cycle_headlines').values(row).execute();
}
