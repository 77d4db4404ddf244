import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { DbUnavailableError, unreachableReason, type Db } from './connect.ts';
import * as m0001 from './migrations/0001_create_orgs.ts';
import * as m0002 from './migrations/0002_create_records.ts';
import * as m0003 from './migrations/0003_create_evidence.ts';
import * as m0004 from './migrations/0004_create_users.ts';
import * as m0005 from './migrations/0005_create_case_events.ts';
import * as m0006 from './migrations/0006_create_sessions_audit.ts';
import * as m0007 from './migrations/0007_create_calendar.ts';
import * as m0008 from './migrations/0008_account_separation.ts';
import * as m0009 from './migrations/0009_report_cycle.ts';
import * as m0010 from './migrations/0010_import_layouts.ts';
import * as m0011 from './migrations/0011_cycle_headlines.ts';
import * as m0012 from './migrations/0012_messages_webhooks.ts';
import * as m0015 from './migrations/0015_rate_buckets.ts';
import * as m0016 from './migrations/0016_public_portal.ts';
import * as m0017 from './migrations/0017_disclosure_replies.ts';
import * as m0018 from './migrations/0018_consultations.ts';
import * as m0019 from './migrations/0019_feedback_rules.ts';
import * as m0020 from './migrations/0020_study_exams.ts';
import * as m0023 from './migrations/0023_study_plan_links.ts';
import * as m0024 from './migrations/0024_indicator_cells.ts';
import * as m0025 from './migrations/0025_change_feed_blobs.ts';
import * as m0026 from './migrations/0026_partition_by_county.ts';
import * as m0027 from './migrations/0027_county_totals.ts';
import * as m0028 from './migrations/0028_change_feed_origin.ts';
import * as m0029 from './migrations/0029_drop_cells_county_index.ts';
import * as m0030 from './migrations/0030_records_township_date.ts';
import * as m0031 from './migrations/0031_cells_key_by_period.ts';
import * as m0032 from './migrations/0032_records_township_covering.ts';
import * as m0033 from './migrations/0033_cycle_headline_parts.ts';
import { seedCalendar } from './calendar.repo.ts';
import { syncCellPlan } from './indicator-cells.repo.ts';
import { seedStarterBank } from './question-seed.ts';

/** Every migration in order. Migrations are frozen once committed: add a new file, never edit one. */
const migrations: Record<string, Migration> = {
  '0001_create_orgs': m0001,
  '0002_create_records': m0002,
  '0003_create_evidence': m0003,
  '0004_create_users': m0004,
  '0005_create_case_events': m0005,
  '0006_create_sessions_audit': m0006,
  '0007_create_calendar': m0007,
  '0008_account_separation': m0008,
  '0009_report_cycle': m0009,
  '0010_import_layouts': m0010,
  '0011_cycle_headlines': m0011,
  '0012_messages_webhooks': m0012,
  '0015_rate_buckets': m0015,
  '0016_public_portal': m0016,
  '0017_disclosure_replies': m0017,
  '0018_consultations': m0018,
  '0019_feedback_rules': m0019,
  '0020_study_exams': m0020,
  '0023_study_plan_links': m0023,
  '0024_indicator_cells': m0024,
  '0025_change_feed_blobs': m0025,
  '0026_partition_by_county': m0026,
  '0027_county_totals': m0027,
  '0028_change_feed_origin': m0028,
  '0029_drop_cells_county_index': m0029,
  '0030_records_township_date': m0030,
  '0031_cells_key_by_period': m0031,
  '0032_records_township_covering': m0032,
  '0033_cycle_headline_parts': m0033,
};

/** The migrations' names in order. */
export const migrationNames: readonly string[] = Object.keys(migrations);

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/**
 * Brings the schema up to date, seeds the calendar's missing years and brings the starter question
 * bank and the indicator cells to this release's; safe to run on every start.
 */
export async function migrateToLatest(h: Db): Promise<void> {
  await runMigrations(h, (m) => m.migrateToLatest());
  await seedCalendar(h.db);
  await seedStarterBank(h.db, new Date().toISOString());
  await syncCellPlan(h);
}

/**
 * Brings the schema up to `name` (a key of the migration list) and no further, without seeding: for
 * tests of one migration on data written under the schema before it.
 */
export async function migrateTo(h: Db, name: string): Promise<void> {
  if (!(name in migrations)) throw new Error(`没有名为“${name}”的数据库迁移`);
  await runMigrations(h, (m) => m.migrateTo(name));
}

async function runMigrations(
  h: Db,
  run: (m: Migrator) => ReturnType<Migrator['migrateToLatest']>,
): Promise<void> {
  const migrator = new Migrator({ db: h.db, provider });
  const { error, results } = await run(migrator);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const unreachable = unreachableReason(error, { orMisconfigured: true });
    if (unreachable) throw new DbUnavailableError(h.label, unreachable);
    const why = error instanceof Error ? error.message : failed ? '' : JSON.stringify(error);
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${why}`);
  }
}
