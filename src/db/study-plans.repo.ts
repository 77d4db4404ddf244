import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Dialect } from './dialect.ts';
import type { Database, StudyPlanItemTable } from './schema.ts';

/** 学法计划: the items of an organisation's yearly study plan, each fulfilled by at most one study record. */

type Q = Kysely<Database> | Transaction<Database>;
export type StudyPlanItemRow = Selectable<StudyPlanItemTable>;
export type NewStudyPlanItemRow = Insertable<StudyPlanItemTable>;

/** An item with the title and date of the study record that fulfilled it, when linked. */
export type StudyPlanItemWithRecord = StudyPlanItemRow & {
  readonly record_title: string | null;
  readonly record_date: string | null;
};

const COLUMNS = [
  'study_plan_items.id',
  'study_plan_items.org_id',
  'study_plan_items.year',
  'study_plan_items.session_type',
  'study_plan_items.topic',
  'study_plan_items.laws',
  'study_plan_items.month',
  'study_plan_items.audience',
  'study_plan_items.record_id',
  'study_plan_items.created_by',
  'study_plan_items.created_at',
] as const;

/** One organisation's plan of a year, by month, with each item's fulfilling record. */
export async function listItems(db: Q, orgId: number, year: number): Promise<StudyPlanItemWithRecord[]> {
  return db
    .selectFrom('study_plan_items')
    .leftJoin('records', 'records.id', 'study_plan_items.record_id')
    .select([...COLUMNS, 'records.title as record_title', 'records.date as record_date'])
    .where('study_plan_items.org_id', '=', orgId)
    .where('study_plan_items.year', '=', year)
    .orderBy('study_plan_items.month')
    .orderBy('study_plan_items.id')
    .execute();
}

export async function getItem(db: Q, id: number): Promise<StudyPlanItemWithRecord | undefined> {
  return db
    .selectFrom('study_plan_items')
    .leftJoin('records', 'records.id', 'study_plan_items.record_id')
    .select([...COLUMNS, 'records.title as record_title', 'records.date as record_date'])
    .where('study_plan_items.id', '=', id)
    .executeTakeFirst();
}

export async function insertItem(db: Q, row: NewStudyPlanItemRow): Promise<number> {
  const r = await db.insertInto('study_plan_items').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateItem(
  db: Q,
  id: number,
  set: Pick<Updateable<StudyPlanItemTable>, 'session_type' | 'topic' | 'laws' | 'month' | 'audience'>,
): Promise<void> {
  await db.updateTable('study_plan_items').set(set).where('id', '=', id).execute();
}

export async function deleteItem(db: Q, id: number): Promise<void> {
  await db.deleteFrom('study_plan_items').where('id', '=', id).execute();
}

export async function setItemRecord(db: Q, id: number, recordId: number | null): Promise<void> {
  await db.updateTable('study_plan_items').set({ record_id: recordId }).where('id', '=', id).execute();
}

/** The item a record fulfils, if any (a record fulfils at most one). */
export async function itemOfRecord(db: Q, recordId: number): Promise<StudyPlanItemRow | undefined> {
  return db
    .selectFrom('study_plan_items')
    .select(COLUMNS)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
}

/** A deleted record no longer fulfils its item: the item is open again. Returns the items unlinked. */
export async function unlinkRecord(db: Q, recordId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('study_plan_items')
    .select('id')
    .where('record_id', '=', recordId)
    .execute();
  if (rows.length > 0)
    await db
      .updateTable('study_plan_items')
      .set({ record_id: null })
      .where('record_id', '=', recordId)
      .execute();
  return rows.map((r) => Number(r.id));
}

/** A study record as a plan item's candidate: enough to pick it. */
export interface CandidateRow {
  readonly id: number;
  readonly title: string;
  readonly date: string;
  readonly township_id: number;
}

/**
 * Study records of the organisation subtree (by path) of one form, dated within [from, to], that
 * fulfil no plan item yet; nearest to `around` first is left to the caller.
 */
export async function candidateRecords(
  db: Q,
  dialect: Dialect,
  f: { path: string; sessionType: string; from: string; to: string; limit: number },
): Promise<CandidateRow[]> {
  return db
    .selectFrom('records')
    .select(['records.id', 'records.title', 'records.date', 'records.township_id'])
    .where('records.kind', '=', 'study_session')
    .where('records.township_id', 'in', (eb) =>
      eb.selectFrom('orgs').select('orgs.id').where('orgs.path', 'like', `${f.path}%`),
    )
    .where('records.date', '>=', f.from)
    .where('records.date', '<=', f.to)
    .where(dialect.jsonText('sessionType'), '=', f.sessionType)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('study_plan_items')
            .select('study_plan_items.id')
            .whereRef('study_plan_items.record_id', '=', 'records.id'),
        ),
      ),
    )
    .orderBy('records.date')
    .orderBy('records.id')
    .limit(f.limit)
    .execute();
}

/** Plan items of several organisations' year (a county's progress across its townships). */
export async function itemsOfOrgs(
  db: Q,
  orgIds: readonly number[],
  year: number,
): Promise<StudyPlanItemRow[]> {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('study_plan_items')
    .select(COLUMNS)
    .where('org_id', 'in', [...orgIds])
    .where('year', '=', year)
    .execute();
}
