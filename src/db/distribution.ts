/**
 * How each table is placed when the PostgreSQL schema is spread over several nodes with Citus
 * (docs/scaling.md gives the commands in this order). Every table of the schema has a class here;
 * src/db/schema-rules.test.ts reads the catalogue and fails on a table without one, and on any key
 * or foreign key that would stop the schema from being distributed.
 *
 * - `distributed`: large, grows with the ledger; hash-partitioned by `county_id` (migration 0026),
 *   distributed by it and colocated with `records`, so a county's rows and their joins stay on one node.
 * - `reference`: small or slowly growing, read beside the ledger (organisations, accounts, settings);
 *   a copy on every node, so joins with distributed tables stay local.
 * - `local`: on the coordinator only; never joined with the ledger (sessions, login limits, the
 *   audit chain, which is written one entry after another).
 */
export type Placement = 'distributed' | 'reference' | 'local';

/** Distributed tables, in the order they are distributed: `records` first, the rest colocated with it. */
export const DISTRIBUTED = ['records', 'cases', 'case_events', 'evidence', 'indicator_cells'] as const;

/** Reference tables, referenced tables before the tables that reference them. */
export const REFERENCE = [
  'orgs',
  'users',
  'imports',
  'import_layouts',
  'calendar_years',
  'calendar_days',
  'password_history',
  'password_resets',
  'cycle_reports',
  'cycle_versions',
  'cycle_events',
  'cycle_headlines',
  'messages',
  'notice_keys',
  'webhooks',
  'webhook_deliveries',
  'public_requests',
  'public_replies',
  'consultations',
  'consultation_comments',
  'feedback_rules',
  'questions',
  'exams',
  'exam_candidates',
  'exam_sittings',
  'exam_answers',
  'exam_records',
  'study_plan_items',
  'indicator_cell_plan',
] as const;

/** Coordinator-only tables. */
export const LOCAL = [
  'kysely_migration',
  'kysely_migration_lock',
  'sessions',
  'login_failures',
  'login_address_failures',
  'rate_buckets',
  'public_challenges',
  'audit_log',
  'audit_head',
  'change_feed',
  'blobs',
] as const;

/** The distribution column of every distributed table. */
export const DISTRIBUTION_COLUMN = 'county_id';

/** A table's placement, or undefined for a table nobody has placed yet. */
export function placementOf(table: string): Placement | undefined {
  if ((DISTRIBUTED as readonly string[]).includes(table)) return 'distributed';
  if ((REFERENCE as readonly string[]).includes(table)) return 'reference';
  if ((LOCAL as readonly string[]).includes(table)) return 'local';
  return undefined;
}
