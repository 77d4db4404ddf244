import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The names the audit log's objects go by, for a page of entries: one statement per kind of object,
 * each over the ids on the page only. Objects deleted since are absent (the entry's own JSON names them).
 */
export interface NameRows {
  readonly users: { id: number; username: string; display_name: string }[];
  readonly orgs: { id: number; name: string }[];
  readonly records: { id: number; title: string; kind: string }[];
  readonly evidence: { id: number; file_name: string }[];
  readonly reports: { id: number; year: number; township: string }[];
}

export async function namesOf(
  db: Q,
  ids: { users: number[]; orgs: number[]; records: number[]; evidence: number[]; reports: number[] },
): Promise<NameRows> {
  const none = <T>(): Promise<T[]> => Promise.resolve([]);
  return {
    users: ids.users.length
      ? await db
          .selectFrom('users')
          .select(['id', 'username', 'display_name'])
          .where('id', 'in', ids.users)
          .execute()
      : await none(),
    orgs: ids.orgs.length
      ? await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids.orgs).execute()
      : await none(),
    records: ids.records.length
      ? (
          await db
            .selectFrom('records')
            .select(['id', 'title', 'kind'])
            .where('id', 'in', ids.records)
            .execute()
        ).map((r) => ({ ...r, id: Number(r.id) }))
      : await none(),
    evidence: ids.evidence.length
      ? await db.selectFrom('evidence').select(['id', 'file_name']).where('id', 'in', ids.evidence).execute()
      : await none(),
    reports: ids.reports.length
      ? await db
          .selectFrom('cycle_reports')
          .innerJoin('orgs', 'orgs.id', 'cycle_reports.township_id')
          .select(['cycle_reports.id', 'cycle_reports.year', 'orgs.name as township'])
          .where('cycle_reports.id', 'in', ids.reports)
          .execute()
      : await none(),
  };
}
