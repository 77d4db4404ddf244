import { sql } from 'kysely';
import { getKind, kinds } from '../../catalogue/kinds.ts';
import { roleLabel, type RoleId } from '../../catalogue/roles.ts';
import { todayOf } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import { countOrgs, insertOrg } from '../../db/orgs.repo.ts';
import { insertRecords } from '../../db/records.repo.ts';
import { insertCaseHistories, planCaseHistories } from '../cases/seed.ts';
import type { NewRecordRow } from '../../db/schema.ts';
import { toOrg, type Org } from '../orgs.ts';
import { prepareRows, subOrgIndex } from '../records.ts';
import { demoCycle } from './cycle.ts';
import { demoStudyPlans } from './study-plan.ts';
import { createUsers, passwordShapeProblem } from '../users.ts';
import { planCounty, townDrafts, type CountyPlan, type DemoPlanOptions } from './plan.ts';

export interface DemoOptions {
  /**
   * The report year; ledgers cover it and the year before, and the year after up to today when that
   * is the current year. Default: the year before `now` in China, so the current year is filled to date.
   */
  readonly year?: number;
  /** 1–50, default 6. */
  readonly townships?: number;
  /** Default 1. The same options give the same county, byte for byte (password hashes aside). */
  readonly seed?: number;
  /** Every demo account's password; default `Fazhi@2024`. */
  readonly password?: string;
  /** ISO timestamp: stored as created_at, and nothing dated later is closed or decided. */
  readonly now: string;
  /** Take the townships' annual reports part of the way through the reporting cycle (see cycle.ts). */
  readonly cycle?: boolean;
}

/** A demo account with its password, for printing once. */
export interface DemoAccount {
  readonly username: string;
  readonly name: string;
  readonly role: RoleId;
  readonly roleLabel: string;
  readonly org: string;
  readonly password: string;
}

export interface DemoResult {
  readonly county: Org;
  readonly townships: readonly Org[];
  readonly accounts: readonly DemoAccount[];
  readonly year: number;
  /** Records stored, by kind. */
  readonly records: Readonly<Record<string, number>>;
}

export const DEMO_PASSWORD = 'Fazhi@2024';
// Ledgers start at year − 1 (≥ 2000) and plans reach year + 1 (≤ 2100): see core/dates.ts MIN_DATE, MAX_DATE.
export const DEMO_YEARS = { min: 2001, max: 2099 } as const;
export const DEMO_MAX_TOWNSHIPS = 50;

/** Fills in defaults and checks the options; Chinese errors. */
export function demoOptions(o: DemoOptions): DemoPlanOptions & { password: string } {
  // The day in China (UTC+8): at 20:00 UTC on 31 December it is already the next year there.
  const today = todayOf(o.now);
  const year = o.year ?? Number(today.slice(0, 4)) - 1;
  const townships = o.townships ?? 6;
  const seed = o.seed ?? 1;
  const password = o.password ?? DEMO_PASSWORD;
  if (!Number.isInteger(year) || year < DEMO_YEARS.min || year > DEMO_YEARS.max) {
    throw new UserError(
      `演示年度应为 ${DEMO_YEARS.min} 至 ${DEMO_YEARS.max} 之间的整数（需生成上一年度台账和下一年度工作安排），收到“${year}”`,
    );
  }
  if (!Number.isInteger(townships) || townships < 1 || townships > DEMO_MAX_TOWNSHIPS) {
    throw new UserError(`乡镇数量应为 1 至 ${DEMO_MAX_TOWNSHIPS} 之间的整数，收到“${townships}”`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new UserError(`随机种子应为 0 至 4294967295 之间的整数，收到“${seed}”`);
  // The published demo password (README) is on the common-password list on purpose: a demo is
  // meant to be signed into by anyone, so only length and character classes are required here.
  const weak = passwordShapeProblem(password);
  if (weak) throw new UserError(`演示账号密码不符合密码策略：${weak}`, 'weak_password');
  return { year, townships, seed, password, today };
}

async function insertOrgs(h: Db, plan: CountyPlan, now: string): Promise<{ county: Org; townships: Org[] }> {
  return h.db.transaction().execute(async (trx) => {
    const county = toOrg(
      await insertOrg(trx, { code: plan.code, name: plan.name, kind: 'county', parentId: null }, now),
    );
    const townships: Org[] = [];
    for (const t of plan.townships) {
      const town = toOrg(
        await insertOrg(trx, { code: t.code, name: t.name, kind: 'township', parentId: county.id }, now),
      );
      townships.push(town);
      for (const v of t.villages)
        await insertOrg(trx, { code: v.code, name: v.name, kind: 'village', parentId: town.id }, now);
      for (const d of Object.values(t.departments))
        await insertOrg(trx, { code: d.code, name: d.name, kind: 'department', parentId: town.id }, now);
    }
    return { county, townships };
  });
}

interface PlannedAccount {
  readonly username: string;
  readonly name: string;
  readonly role: RoleId;
  readonly orgId: number;
  readonly org: string;
}

function accountsFor(plan: CountyPlan, county: Org, townships: readonly Org[]): PlannedAccount[] {
  const c = (username: string, name: string, role: RoleId): PlannedAccount => ({
    username,
    name,
    role,
    orgId: county.id,
    org: county.name,
  });
  return [
    c('admin', '系统管理员', 'system_admin'),
    c('secadmin', '安全管理员', 'security_admin'),
    c('auditor', '安全审计员', 'auditor'),
    c('county', `${plan.name}依法治县办`, 'county_officer'),
    ...plan.townships.flatMap((t, i) => {
      const org = townships[i]!;
      const p = `t${String(t.index).padStart(2, '0')}`;
      const u = (suffix: string, name: string, role: RoleId): PlannedAccount => ({
        username: `${p}.${suffix}`,
        name,
        role,
        orgId: org.id,
        org: org.name,
      });
      return [
        u('leader', t.cast.secretary, 'township_leader'),
        u('staff', t.cast.staff, 'township_staff'),
        u('adviser', t.cast.advisers[0]!.name, 'legal_adviser'),
        u('grid', t.cast.gridMember, 'grid_member'),
      ];
    }),
  ];
}

/**
 * Seeds an empty database with a fictional county (清河县): townships with villages and departments,
 * two years of every kind of ledger record, and demo accounts. Refuses a database that has organisations.
 */
export async function generateDemo(h: Db, options: DemoOptions): Promise<DemoResult> {
  const o = demoOptions(options);
  const existing = await countOrgs(h.db);
  if (existing > 0) {
    throw new UserError(
      `数据库中已有 ${existing} 个组织机构，演示数据只能写入空数据库；请用 --db 指定一个新的数据库`,
      'not_empty',
      409,
    );
  }
  const plan = planCounty(o);
  const { county, townships } = await insertOrgs(h, plan, options.now);
  const counts: Record<string, number> = Object.fromEntries(kinds.map((k) => [k.id, 0]));
  for (const [i, t] of plan.townships.entries()) {
    const town = townships[i]!;
    const subOrgs = await subOrgIndex(h, town);
    const rows: NewRecordRow[] = [];
    const seen = new Set<string>();
    for (const [kindId, drafts] of townDrafts(o, t)) {
      const kind = getKind(kindId);
      const r = prepareRows(kind, town, county.id, subOrgs, drafts, {
        now: options.now,
        createdBy: null,
        importId: null,
      });
      const bad = r.errors[0];
      if (bad) {
        const d = drafts[bad.index];
        throw new Error(
          `demo ${kindId} draft "${String(d?.title)}" invalid: ${bad.errors.map((e) => `${e.label}: ${e.message}`).join('; ')}`,
        );
      }
      // Identical drafts (same day, same wording) would be one ledger row; keep the first.
      for (const row of r.rows) {
        if (seen.has(row.dedup_key)) continue;
        seen.add(row.dedup_key);
        rows.push(row);
        counts[kindId] = (counts[kindId] ?? 0) + 1;
      }
    }
    await h.db.transaction().execute((trx) => insertRecords(trx, rows));
    // Case-kind rows get their workflow history (back-dated steps, running clocks) from the case engine.
    const plan = await planCaseHistories(h, town.id, options.now);
    await h.db.transaction().execute((trx) => insertCaseHistories(trx, plan));
  }
  const thisYear = Number(o.today.slice(0, 4));
  const planYears = [o.year - 1, o.year, o.year + 1].filter((y) => y <= thisYear);
  await demoStudyPlans(h, townships, planYears, options.now);
  const inputs = accountsFor(plan, county, townships);
  const users = await createUsers(
    h,
    inputs.map((a) => ({ ...a, password: o.password, mustChangePassword: false })),
    options.now,
  );
  if (options.cycle) await demoCycle(h, county, townships, users, o.year, options.now);
  // PostgreSQL plans by its statistics, which a fresh database has none of until autovacuum comes
  // round: a demo served at once would be planned as if every table were empty.
  if (h.dialect.name === 'postgres') await sql`analyze`.execute(h.db);
  const accounts = inputs.map((a): DemoAccount => ({
    username: a.username,
    name: a.name,
    role: a.role,
    roleLabel: roleLabel(a.role),
    org: a.org,
    password: o.password,
  }));
  return { county, townships, accounts, year: o.year, records: counts };
}

/** Seeds the demo on first start: only when the database has no organisations; otherwise null. */
export async function ensureDemo(h: Db, options: DemoOptions): Promise<DemoResult | null> {
  if ((await countOrgs(h.db)) > 0) return null;
  return generateDemo(h, options);
}
