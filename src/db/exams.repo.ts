import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Scope } from '../core/scope.ts';
import type { Database, ExamCandidateTable, ExamSittingTable, ExamTable } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type ExamRow = Selectable<ExamTable>;
export type NewExamRow = Insertable<ExamTable>;
export type ExamCandidateRow = Selectable<ExamCandidateTable>;
export type ExamSittingRow = Selectable<ExamSittingTable>;
export type NewExamSittingRow = Insertable<ExamSittingTable>;

const EXAM_COLS = [
  'exams.id',
  'exams.org_id',
  'exams.county_id',
  'exams.title',
  'exams.opens_at',
  'exams.closes_at',
  'exams.duration_min',
  'exams.display',
  'exams.mode',
  'exams.rules',
  'exams.fixed_paper',
  'exams.total',
  'exams.pass_mark',
  'exams.excellent_mark',
  'exams.makeup_opens_at',
  'exams.makeup_closes_at',
  'exams.state',
  'exams.created_by',
  'exams.created_at',
  'exams.closed_by',
  'exams.closed_at',
] as const;

const SITTING_COLS = [
  'exam_sittings.id',
  'exam_sittings.exam_id',
  'exam_sittings.user_id',
  'exam_sittings.township_id',
  'exam_sittings.name',
  'exam_sittings.unit',
  'exam_sittings.attempt',
  'exam_sittings.source',
  'exam_sittings.paper',
  'exam_sittings.token',
  'exam_sittings.started_at',
  'exam_sittings.deadline_at',
  'exam_sittings.submitted_at',
  'exam_sittings.submitted_how',
  'exam_sittings.score',
  'exam_sittings.grade',
] as const;

/** An exam with its organiser's name and path (the scope predicate's column). */
export type ExamWithOrgRow = ExamRow & { organiser: string; org_path: string };

function withOrg(db: Q) {
  return db
    .selectFrom('exams')
    .innerJoin('orgs', 'orgs.id', 'exams.org_id')
    .select([...EXAM_COLS, 'orgs.name as organiser', 'orgs.path as org_path']);
}

/** An exam whose organiser lies in the scope. */
export async function getExam(db: Q, scope: Scope, id: number): Promise<ExamWithOrgRow | undefined> {
  let q = withOrg(db).where('exams.id', '=', id);
  if ('path' in scope) q = q.where('orgs.path', 'like', `${scope.path}%`);
  return q.executeTakeFirst();
}

/** Locks an exam's row until the transaction ends (PostgreSQL), so a close and a start take turns. */
export async function lockExam(db: Q, id: number, rowLocks: boolean): Promise<void> {
  if (rowLocks) await db.selectFrom('exams').select('id').where('id', '=', id).forUpdate().execute();
}

/** Exams organised within a subtree (path prefix), opening within [from, to) when given, newest first. */
export async function listExams(
  db: Q,
  f: { path: string; from?: string; to?: string },
): Promise<ExamWithOrgRow[]> {
  let q = withOrg(db).where('orgs.path', 'like', `${f.path}%`);
  if (f.from) q = q.where('exams.opens_at', '>=', f.from);
  if (f.to) q = q.where('exams.opens_at', '<', f.to);
  return q.orderBy('exams.opens_at', 'desc').orderBy('exams.id', 'desc').execute();
}

export async function insertExam(db: Q, row: NewExamRow): Promise<number> {
  const r = await db.insertInto('exams').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Marks an open exam closed; false when it was closed already. */
export async function closeExamRow(db: Q, id: number, by: number | null, at: string): Promise<boolean> {
  const r = await db
    .updateTable('exams')
    .set({ state: 'closed', closed_by: by, closed_at: at })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertCandidates(db: Q, rows: readonly ExamCandidateRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('exam_candidates')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function candidatesOf(
  db: Q,
  examId: number,
): Promise<(ExamCandidateRow & { township: string })[]> {
  return db
    .selectFrom('exam_candidates')
    .innerJoin('orgs', 'orgs.id', 'exam_candidates.township_id')
    .select([
      'exam_candidates.exam_id',
      'exam_candidates.user_id',
      'exam_candidates.township_id',
      'exam_candidates.name',
      'exam_candidates.unit',
      'orgs.name as township',
    ])
    .where('exam_candidates.exam_id', '=', examId)
    .orderBy('orgs.path')
    .orderBy('exam_candidates.user_id')
    .execute();
}

export async function candidate(
  db: Q,
  examId: number,
  userId: number,
): Promise<ExamCandidateRow | undefined> {
  return db
    .selectFrom('exam_candidates')
    .selectAll()
    .where('exam_id', '=', examId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The exams a person is a candidate of, with their organisers, newest first. */
export async function examsOfCandidate(db: Q, userId: number): Promise<ExamWithOrgRow[]> {
  return withOrg(db)
    .innerJoin('exam_candidates', 'exam_candidates.exam_id', 'exams.id')
    .where('exam_candidates.user_id', '=', userId)
    .orderBy('exams.opens_at', 'desc')
    .orderBy('exams.id', 'desc')
    .execute();
}

/** Candidates per exam (the 应参考人数 of a list). */
export async function candidateCounts(db: Q, examIds: readonly number[]): Promise<Map<number, number>> {
  if (examIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('exam_candidates')
    .select(['exam_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('exam_id', 'in', examIds)
    .groupBy('exam_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.exam_id), Number(r.n)]));
}

/** Sittings of exams (or of one person in them), by id. */
export async function sittingsOf(
  db: Q,
  examIds: readonly number[],
  userId?: number,
): Promise<ExamSittingRow[]> {
  if (examIds.length === 0) return [];
  let q = db.selectFrom('exam_sittings').select(SITTING_COLS).where('exam_id', 'in', examIds);
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  return q.orderBy('id').execute();
}

/** Submitted sittings' scores per exam, without their papers (for lists). */
export async function submittedScores(
  db: Q,
  examIds: readonly number[],
): Promise<
  { exam_id: number; user_id: number | null; id: number; score: number | null; grade: string | null }[]
> {
  if (examIds.length === 0) return [];
  return db
    .selectFrom('exam_sittings')
    .select(['exam_id', 'user_id', 'id', 'score', 'grade'])
    .where('exam_id', 'in', examIds)
    .where('submitted_at', 'is not', null)
    .execute();
}

export async function getSitting(db: Q, id: number): Promise<ExamSittingRow | undefined> {
  return db.selectFrom('exam_sittings').select(SITTING_COLS).where('id', '=', id).executeTakeFirst();
}

/** Locks a sitting's row until the transaction ends (PostgreSQL): a save and a submit take turns. */
export async function lockSitting(db: Q, id: number, rowLocks: boolean): Promise<void> {
  if (rowLocks) await db.selectFrom('exam_sittings').select('id').where('id', '=', id).forUpdate().execute();
}

export async function insertSitting(db: Q, row: NewExamSittingRow): Promise<number> {
  const r = await db.insertInto('exam_sittings').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function setSittingToken(db: Q, id: number, token: string): Promise<void> {
  await db.updateTable('exam_sittings').set({ token }).where('id', '=', id).execute();
}

/** Scores a sitting still open; false when it was submitted meanwhile (a submitted paper never changes). */
export async function finishSitting(
  db: Q,
  id: number,
  f: { submittedAt: string; how: 'submitted' | 'timeout'; score: number; grade: string },
): Promise<boolean> {
  const r = await db
    .updateTable('exam_sittings')
    .set({ submitted_at: f.submittedAt, submitted_how: f.how, score: f.score, grade: f.grade })
    .where('id', '=', id)
    .where('submitted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A sitting's paper with a corrected key, and its score and grade when it was submitted. */
export async function rescoreSitting(
  db: Q,
  id: number,
  f: { paper: string; score: number | null; grade: string | null },
): Promise<void> {
  await db.updateTable('exam_sittings').set(f).where('id', '=', id).execute();
}

/** Online sittings not submitted whose deadline has passed (all of them with `before` null). */
export async function overdueSittings(
  db: Q,
  f: { examId: number; now: string | null; userId?: number },
): Promise<ExamSittingRow[]> {
  let q = db
    .selectFrom('exam_sittings')
    .select(SITTING_COLS)
    .where('exam_id', '=', f.examId)
    .where('submitted_at', 'is', null);
  if (f.now !== null) q = q.where('deadline_at', '<=', f.now);
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  return q.orderBy('id').execute();
}

/** Appends an answer as given, with its time; earlier answers stay. */
export async function insertAnswer(
  db: Q,
  a: { sittingId: number; position: number; answer: string; savedAt: string },
): Promise<void> {
  await db
    .insertInto('exam_answers')
    .values({ sitting_id: a.sittingId, position: a.position, answer: a.answer, saved_at: a.savedAt })
    .execute();
}

/** The latest answer per position of each sitting (the one that counts). */
export async function latestAnswers(
  db: Q,
  sittingIds: readonly number[],
): Promise<Map<number, Map<number, string>>> {
  const out = new Map<number, Map<number, string>>();
  for (let i = 0; i < sittingIds.length; i += 500) {
    const rows = await db
      .selectFrom('exam_answers')
      .select(['sitting_id', 'position', 'answer'])
      .where('sitting_id', 'in', sittingIds.slice(i, i + 500))
      .orderBy('sitting_id')
      .orderBy('position')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const id = Number(r.sitting_id);
      const m = out.get(id) ?? new Map<number, string>();
      m.set(r.position, r.answer);
      out.set(id, m);
    }
  }
  return out;
}

export async function linkRecords(db: Q, examId: number, recordIds: readonly number[]): Promise<void> {
  if (recordIds.length === 0) return;
  await db
    .insertInto('exam_records')
    .values(recordIds.map((record_id) => ({ exam_id: examId, record_id })))
    .onConflict((oc) => oc.columns(['exam_id', 'record_id']).doNothing())
    .execute();
}

/**
 * Forgets a deleted ledger record's exam links. The link is not a foreign key (the ledger is
 * partitioned by county on PostgreSQL), so the record's deletion removes it here, in its transaction.
 */
export async function unlinkExamRecord(db: Q, recordId: number): Promise<void> {
  await db.deleteFrom('exam_records').where('record_id', '=', recordId).execute();
}

/** Record ids stored under dedup keys in a township (the rows a close wrote, or found already there). */
export async function recordIdsByKeys(db: Q, townshipId: number, keys: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('records')
      .select('id')
      .where('township_id', '=', townshipId)
      .where('dedup_key', 'in', keys.slice(i, i + 500))
      .execute();
    ids.push(...rows.map((r) => Number(r.id)));
  }
  return ids;
}

/** Active accounts in any of the subtrees (path prefixes), with their organisation. */
export async function accountsIn(
  db: Q,
  paths: readonly string[],
  roles: readonly string[],
): Promise<AccountRow[]> {
  if (paths.length === 0 || roles.length === 0) return [];
  return accounts(db)
    .where('users.disabled', '=', 0)
    .where('users.role', 'in', roles)
    .where((eb) => eb.or(paths.map((p) => eb('orgs.path', 'like', `${p}%`))))
    .orderBy('orgs.path')
    .orderBy('users.id')
    .execute();
}

export type AccountRow = {
  id: number;
  username: string;
  display_name: string;
  role: string;
  disabled: number;
  org_id: number;
  org_name: string;
  org_path: string;
};

function accounts(db: Q) {
  return db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.disabled',
      'users.org_id',
      'orgs.name as org_name',
      'orgs.path as org_path',
    ]);
}

export async function accountsByUsername(db: Q, usernames: readonly string[]): Promise<AccountRow[]> {
  if (usernames.length === 0) return [];
  return accounts(db).where('users.username', 'in', usernames).execute();
}

/** Organisations by id (the townships and counties on candidates' paths). */
export async function orgsById(
  db: Q,
  ids: readonly number[],
): Promise<{ id: number; name: string; kind: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'name', 'kind']).where('id', 'in', ids).execute();
}

/** An exam's state read inside a transaction (after its row is locked). */
export async function examState(db: Q, id: number): Promise<string | undefined> {
  const r = await db.selectFrom('exams').select('state').where('id', '=', id).executeTakeFirst();
  return r?.state;
}

/** Removes an exam's paper scores (a new import replaces them); online sittings stay. */
export async function deletePaperSittings(db: Q, examId: number): Promise<number> {
  const r = await db
    .deleteFrom('exam_sittings')
    .where('exam_id', '=', examId)
    .where('source', '=', 'paper')
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertSittings(db: Q, rows: readonly NewExamSittingRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('exam_sittings')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Usernames of accounts by id. */
export async function usernamesOf(db: Q, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(Number(r.id), r.username);
  }
  return out;
}
