import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * 学法考法: the question bank (the starter bank shipped with fazhi has no organisation; each row is
 * one version of a question, a correction is a new version and the old one stays for the papers
 * that used it), exams with their candidates, sittings (one per person and attempt, the paper as
 * drawn kept with the sitting), every answer as it was given with its time, and the study plan's
 * items, each linked to the study-session record that fulfilled it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
  await db.schema
    .createTable('questions')
    .addColumn('id', 'integer', id)
    // 0 for the starter bank, otherwise the owning organisation's id (org_id).
    .addColumn('owner', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('current', 'integer', (c) => c.notNull())
    .addColumn('law', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('difficulty', 'text', (c) => c.notNull())
    .addColumn('stem', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addUniqueConstraint('questions_code_version', ['owner', 'code', 'version'])
    .execute();
  await db.schema
    .createIndex('questions_current')
    .on('questions')
    .columns(['owner', 'current', 'law'])
    .execute();

  await db.schema
    .createTable('exams')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('county_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('duration_min', 'integer', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('fixed_paper', 'text')
    .addColumn('total', 'real', (c) => c.notNull())
    .addColumn('pass_mark', 'real', (c) => c.notNull())
    .addColumn('excellent_mark', 'real', (c) => c.notNull())
    .addColumn('makeup_opens_at', 'text')
    .addColumn('makeup_closes_at', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('exams_org').on('exams').columns(['county_id', 'org_id', 'opens_at']).execute();

  await db.schema
    .createTable('exam_candidates')
    .addColumn('exam_id', 'integer', (c) => c.notNull().references('exams.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addPrimaryKeyConstraint('exam_candidates_pk', ['exam_id', 'user_id'])
    .execute();
  await db.schema.createIndex('exam_candidates_user').on('exam_candidates').columns(['user_id']).execute();

  await db.schema
    .createTable('exam_sittings')
    .addColumn('id', 'integer', id)
    .addColumn('exam_id', 'integer', (c) => c.notNull().references('exams.id'))
    // null for a paper score imported for someone without an account
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('paper', 'text')
    .addColumn('token', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_how', 'text')
    .addColumn('score', 'real')
    .addColumn('grade', 'text')
    .execute();
  await db.schema
    .createIndex('exam_sittings_person')
    .on('exam_sittings')
    .columns(['exam_id', 'user_id', 'attempt'])
    .execute();

  await db.schema
    .createTable('exam_answers')
    .addColumn('id', 'integer', id)
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('exam_sittings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('exam_answers_sitting')
    .on('exam_answers')
    .columns(['sitting_id', 'position', 'id'])
    .execute();

  await db.schema
    .createTable('exam_records')
    .addColumn('exam_id', 'integer', (c) => c.notNull().references('exams.id'))
    .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id'))
    .addPrimaryKeyConstraint('exam_records_pk', ['exam_id', 'record_id'])
    .execute();

  await db.schema
    .createTable('study_plan_items')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('session_type', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('laws', 'text')
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.references('records.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('study_plan_items_org')
    .on('study_plan_items')
    .columns(['org_id', 'year', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'study_plan_items',
    'exam_records',
    'exam_answers',
    'exam_sittings',
    'exam_candidates',
    'exams',
    'questions',
  ])
    await db.schema.dropTable(t).execute();
}
