import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import { pathIds } from './orgs.repo.ts';
import type { Database, QuestionTable } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** One version of a question as stored. */
export type QuestionRow = Selectable<QuestionTable>;
export type NewQuestionRow = Insertable<QuestionTable>;

/** The starter bank's owner: it belongs to no organisation. */
export const STARTER_OWNER = 0;

const COLS = [
  'id',
  'owner',
  'org_id',
  'code',
  'version',
  'current',
  'law',
  'type',
  'difficulty',
  'stem',
  'options',
  'answer',
  'article',
  'note',
  'created_by',
  'created_at',
  'retired_at',
] as const;

/**
 * The banks an organisation draws from: the starter bank, its own and those of the organisations
 * above it (a county's questions serve its townships), from the materialised path `/1/5/`.
 */
export function visibleOwners(orgPath: string): number[] {
  return [STARTER_OWNER, ...pathIds(orgPath)];
}

async function ownersOf(db: Q, orgId: number): Promise<number[]> {
  const org = await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
  return org ? visibleOwners(org.path) : [STARTER_OWNER];
}

export interface QuestionFilter {
  readonly law?: string;
  readonly type?: string;
  readonly difficulty?: string;
  /** Text in the stem, an option or the code. */
  readonly text?: string;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern (escape character `\`). */
const likeText = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function currentOf(db: Q, owners: readonly number[], f: QuestionFilter) {
  let q = db
    .selectFrom('questions')
    .where('current', '=', 1)
    .where('owner', 'in', [...owners]);
  if (f.law) q = q.where('law', '=', f.law);
  if (f.type) q = q.where('type', '=', f.type);
  if (f.difficulty) q = q.where('difficulty', '=', f.difficulty);
  if (f.text) {
    const p = likeText(f.text);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('stem')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('options')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('code')} like ${p} escape '\\'`,
      ]),
    );
  }
  return q;
}

/** A page of the current questions of some banks: the organisation's own first, the starter bank last. */
export async function listCurrent(
  db: Q,
  owners: readonly number[],
  f: QuestionFilter,
  page: { readonly offset: number; readonly limit: number },
): Promise<{ rows: QuestionRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    currentOf(db, owners, f)
      .select(COLS)
      .orderBy('owner', 'desc')
      .orderBy('law')
      .orderBy('code')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    currentOf(db, owners, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every current question of some banks (exports, imports), in the list's order. */
export async function allCurrent(db: Q, owners: readonly number[]): Promise<QuestionRow[]> {
  return currentOf(db, owners, {}).select(COLS).orderBy('owner').orderBy('law').orderBy('code').execute();
}

/** The current questions of some banks on the given laws: what an exam draws its papers from. */
export async function drawable(
  db: Q,
  owners: readonly number[],
  laws: readonly string[],
): Promise<QuestionRow[]> {
  if (laws.length === 0) return [];
  return currentOf(db, owners, {})
    .select(COLS)
    .where('law', 'in', [...laws])
    .orderBy('id')
    .execute();
}

/** The current version of a 题号 among some banks (the organisation's own first). */
export async function currentByCode(
  db: Q,
  owners: readonly number[],
  code: string,
): Promise<QuestionRow | undefined> {
  return currentOf(db, owners, {})
    .select(COLS)
    .where('code', '=', code)
    .orderBy('owner', 'desc')
    .executeTakeFirst();
}

/** The current questions an organisation may draw of one law and type. */
export async function currentQuestions(
  db: Q,
  orgId: number,
  f: { readonly law: string; readonly type: string },
): Promise<QuestionRow[]> {
  return currentOf(db, await ownersOf(db, orgId), f)
    .select(COLS)
    .orderBy('id')
    .execute();
}

/** How many current questions an organisation may draw, per law and type. */
export async function availableCounts(
  db: Q,
  orgId: number,
): Promise<{ law: string; type: string; n: number }[]> {
  const rows = await currentOf(db, await ownersOf(db, orgId), {})
    .select(['law', 'type', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['law', 'type'])
    .orderBy('law')
    .orderBy('type')
    .execute();
  return rows.map((r) => ({ law: r.law, type: r.type, n: Number(r.n) }));
}

export async function getQuestion(db: Q, id: number): Promise<QuestionRow | undefined> {
  return db.selectFrom('questions').select(COLS).where('id', '=', id).executeTakeFirst();
}

/** Several versions by id (a paper's questions), in no particular order. */
export async function getQuestions(db: Q, ids: readonly number[]): Promise<QuestionRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('questions')
    .select(COLS)
    .where('id', 'in', [...ids])
    .execute();
}

/** The newest version of each of a bank's codes, current or not (a correction's or an import's base). */
export async function latestVersions(
  db: Q,
  owner: number,
  codes?: readonly string[],
): Promise<QuestionRow[]> {
  if (codes?.length === 0) return [];
  let q = db.selectFrom('questions').select(COLS).where('owner', '=', owner);
  if (codes) q = q.where('code', 'in', [...codes]);
  const rows = await q.orderBy('code').orderBy('version', 'desc').execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.code) && seen.add(r.code));
}

/** Codes of a bank that start with `prefix` (the next generated code follows the highest). */
export async function codesLike(db: Q, owner: number, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('questions')
    .select('code')
    .distinct()
    .where('owner', '=', owner)
    .where(
      sql<boolean>`${sql.ref('code')} like ${`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
    )
    .execute();
  return rows.map((r) => r.code);
}

/** Stores versions; returns their ids in order. */
export async function insertVersions(db: Q, rows: readonly NewQuestionRow[]): Promise<number[]> {
  const ids: number[] = [];
  // One statement per row: SQLite's variable limit, and ids come back in order.
  for (const r of rows) {
    const { id } = await db.insertInto('questions').values(r).returning('id').executeTakeFirstOrThrow();
    ids.push(Number(id));
  }
  return ids;
}

/** Stores many versions in statements of 200 rows (17 columns each, within SQLite's variable limit). */
export async function insertMany(db: Q, rows: readonly NewQuestionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('questions')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Marks versions no longer current (a newer version replaced them). */
export async function markSuperseded(db: Q, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('questions')
    .set({ current: 0 })
    .where('id', 'in', [...ids])
    .execute();
}

/** Takes a question out of the bank: its current version stops being drawn; papers keep it. */
export async function retireVersions(db: Q, ids: readonly number[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('questions')
    .set({ current: 0, retired_at: at })
    .where('id', 'in', [...ids])
    .execute();
}
