import type { Kysely } from 'kysely';
import type { QuestionDraft, QuestionType, Difficulty, StarterQuestion } from '../catalogue/questions.ts';
import { STARTER_BANK } from '../catalogue/question-bank/index.ts';
import { normaliseDraft, sameContent } from '../core/questions.ts';
import {
  STARTER_OWNER,
  allCurrent,
  insertMany,
  latestVersions,
  markSuperseded,
  retireVersions,
  type NewQuestionRow,
  type QuestionRow,
} from './questions.repo.ts';
import type { Database } from './schema.ts';

/** A stored version's content as a draft. */
export function draftOfRow(r: QuestionRow): QuestionDraft {
  return {
    law: r.law,
    type: r.type as QuestionType,
    difficulty: r.difficulty as Difficulty,
    stem: r.stem,
    options: JSON.parse(r.options) as string[],
    answer: JSON.parse(r.answer) as number[],
    article: r.article,
    ...(r.note ? { note: r.note } : {}),
  };
}

/** A version's row: content, owner and code; `current` 1. */
export function rowOfDraft(
  d: QuestionDraft,
  o: { owner: number; code: string; version: number; createdBy: number | null; at: string },
): NewQuestionRow {
  return {
    owner: o.owner,
    org_id: o.owner === STARTER_OWNER ? null : o.owner,
    code: o.code,
    version: o.version,
    current: 1,
    law: d.law,
    type: d.type,
    difficulty: d.difficulty,
    stem: d.stem,
    options: JSON.stringify(d.options),
    answer: JSON.stringify(d.answer),
    article: d.article,
    note: d.note ?? null,
    created_by: o.createdBy,
    created_at: o.at,
    retired_at: null,
  };
}

/** A shipped question as stored: law by id, answer sorted, a judgement question's two options. */
const contentOf = ({ code: _code, ...d }: StarterQuestion): QuestionDraft => normaliseDraft(d);

/**
 * Brings the stored starter bank (owner 0) to the one this release ships: a new code is stored as
 * version 1, a changed question as its next version (the old one stays for the papers that used
 * it), a code no longer shipped is retired. One read of the current rows when nothing changed.
 */
export async function seedStarterBank(
  db: Kysely<Database>,
  at: string,
  bank: readonly StarterQuestion[] = STARTER_BANK,
): Promise<{ added: number; corrected: number; retired: number }> {
  const current = new Map((await allCurrent(db, [STARTER_OWNER])).map((r) => [r.code, r]));
  const changed = bank.filter((q) => {
    const row = current.get(q.code);
    return !row || !sameContent(draftOfRow(row), contentOf(q));
  });
  const shipped = new Set(bank.map((q) => q.code));
  const gone = [...current.values()].filter((r) => !shipped.has(r.code));
  if (changed.length === 0 && gone.length === 0) return { added: 0, corrected: 0, retired: 0 };
  return db.transaction().execute(async (trx) => {
    const latest = new Map(
      (
        await latestVersions(
          trx,
          STARTER_OWNER,
          changed.map((q) => q.code),
        )
      ).map((r) => [r.code, r]),
    );
    const rows = changed.map((q) =>
      rowOfDraft(contentOf(q), {
        owner: STARTER_OWNER,
        code: q.code,
        version: (latest.get(q.code)?.version ?? 0) + 1,
        createdBy: null,
        at,
      }),
    );
    const replaced = changed.flatMap((q) => {
      const row = current.get(q.code);
      return row ? [row.id] : [];
    });
    await markSuperseded(trx, replaced);
    await insertMany(trx, rows);
    await retireVersions(
      trx,
      gone.map((r) => r.id),
      at,
    );
    return { added: changed.length - replaced.length, corrected: replaced.length, retired: gone.length };
  });
}
