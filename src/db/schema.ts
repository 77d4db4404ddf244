import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types shared by SQLite and PostgreSQL. Dates are `YYYY-MM-DD` text in both (a `date`
 * column in PostgreSQL, read back as text); timestamps are ISO-8601 text; flags are 0/1 integers;
 * `data` is JSON (text in SQLite, jsonb in PostgreSQL; see dialect.ts).
 */
export interface OrgTable {
  id: Generated<number>;
  /** Stable code used on the command line and in files (e.g. 431228101). */
  code: string;
  name: string;
  /** county | township | village | department */
  kind: string;
  parent_id: number | null;
  /** Materialised path of ids, `/1/4/`, for subtree scope with one indexed LIKE. */
  path: string;
  created_at: string;
}

/** One ledger (台账) row. Keyed by county and township so it can be partitioned or distributed by county. */
export interface RecordTable {
  id: Generated<number>;
  county_id: number;
  township_id: number;
  org_id: number | null;
  kind: string;
  date: string;
  end_date: string | null;
  title: string;
  data: ColumnType<unknown, string, string>;
  dedup_key: string;
  import_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** An evidence file (photo, scan, PDF) of a record; the bytes live in the content-addressed store. */
export interface EvidenceTable {
  id: Generated<number>;
  record_id: number;
  township_id: number;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  created_by: number | null;
  created_at: string;
}

/** One spreadsheet import, so every imported row can be traced back to its file. */
export interface ImportTable {
  id: Generated<number>;
  township_id: number;
  file_name: string;
  file_sha256: string;
  rows: number;
  inserted: number;
  skipped: number;
  created_by: number | null;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  org_id: number;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  created_at: string;
}

export interface Database {
  orgs: OrgTable;
  records: RecordTable;
  evidence: EvidenceTable;
  imports: ImportTable;
  users: UserTable;
}

export type OrgRow = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type RecordRow = Selectable<RecordTable>;
export type NewRecordRow = Insertable<RecordTable>;
export type RecordUpdate = Updateable<RecordTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type ImportRow = Selectable<ImportTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
