import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kinds } from '../../catalogue/kinds.ts';
import { yearPeriod } from '../../core/dates.ts';
import type { Db } from '../../db/connect.ts';
import { testDatabases } from '../../testing/databases.ts';
import { systemPrincipal } from '../access.ts';
import { computeIndicators } from '../indicators.ts';
import { planProgress } from '../study-plans.ts';
import { checkCredentials, listUsers } from '../users.ts';
import { demoOptions, ensureDemo, generateDemo, type DemoResult } from './index.ts';
import { planCounty, townDrafts } from './plan.ts';

const NOW = '2025-02-10T08:00:00.000Z';
const YEAR = 2024;

async function allRecords(h: Db) {
  const rows = await h.db
    .selectFrom('records')
    .select([
      'id',
      'township_id',
      'org_id',
      'kind',
      'date',
      'end_date',
      'title',
      'data',
      'dedup_key',
      'created_at',
    ])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, data: h.dialect.readJson(r.data) }));
}

describe('demo plan (pure)', () => {
  const o = { year: YEAR, townships: 6, seed: 1, today: NOW.slice(0, 10) };
  it('is deterministic for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const p = planCounty({ ...o, seed });
      return JSON.stringify([p, p.townships.map((t) => [...townDrafts({ ...o, seed }, t)])]);
    };
    expect(draw(1)).toBe(draw(1));
    expect(draw(2)).not.toBe(draw(1));
  });

  it('counts today and the default year by the date in China', () => {
    // 20:00 UTC on 31 December 2025 is 04:00 on 1 January 2026 in China.
    expect(demoOptions({ now: '2025-12-31T20:00:00.000Z' })).toMatchObject({
      year: 2025,
      today: '2026-01-01',
    });
    expect(demoOptions({ now: '2025-12-31T15:00:00.000Z' })).toMatchObject({
      year: 2024,
      today: '2025-12-31',
    });
  });

  it('fills the year under way up to today, deterministically, and nothing after today', () => {
    const drafts = (today: string) =>
      planCounty({ ...o, today }).townships.flatMap((t) =>
        [...townDrafts({ ...o, today }, t).values()].flat(),
      );
    const current = drafts(o.today).filter((d) => String(d.date).startsWith(String(YEAR + 1)));
    expect(current.length).toBeGreaterThan(20);
    expect(current.every((d) => String(d.date) <= o.today)).toBe(true);
    expect(JSON.stringify(drafts(o.today))).toBe(JSON.stringify(drafts(o.today)));
    // Later in the year, more of it.
    const later = drafts('2025-06-30').filter((d) => String(d.date).startsWith(String(YEAR + 1)));
    expect(later.length).toBeGreaterThan(current.length);
  });

  it('names 6 townships with 8–14 villages each, unique across the county', () => {
    const p = planCounty(o);
    expect(p.townships).toHaveLength(6);
    expect(p.townships.map((t) => t.name).every((n) => /(镇|乡|街道)$/.test(n))).toBe(true);
    const villages = p.townships.flatMap((t) => t.villages.map((v) => v.name));
    expect(new Set(villages).size).toBe(villages.length);
    for (const t of p.townships) {
      expect(t.villages.length).toBeGreaterThanOrEqual(8);
      expect(t.villages.length).toBeLessThanOrEqual(14);
      expect(t.villages.every((v) => /(村|社区)$/.test(v.name))).toBe(true);
    }
    expect(new Set(planCounty({ ...o, townships: 50 }).townships.map((t) => t.name)).size).toBe(50);
  });
});

for (const tdb of testDatabases()) {
  describe(`demo county on ${tdb.name}`, () => {
    let h: Db;
    let demo: DemoResult;
    beforeAll(async () => {
      h = await tdb.open();
      demo = await generateDemo(h, { now: NOW });
    });
    afterAll(async () => h.close());

    it('defaults to six townships and the year before now', () => {
      expect(demo.year).toBe(YEAR);
      expect(demo.county.name).toBe('清河县');
      expect(demo.county.code).toMatch(/^\d{6}$/);
      expect(demo.townships).toHaveLength(6);
    });

    it('holds every record kind for every township in both years', async () => {
      const rows = await h.db
        .selectFrom('records')
        .select(['township_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['township_id', 'kind'])
        .execute();
      for (const t of demo.townships) {
        const present = new Set(
          rows.filter((r) => r.township_id === t.id && Number(r.n) > 0).map((r) => r.kind),
        );
        expect(
          [...kinds.map((k) => k.id)].filter((k) => !present.has(k)),
          t.name,
        ).toEqual([]);
      }
      const stored = (await allRecords(h)).length;
      expect(Object.values(demo.records).reduce((s, n) => s + n, 0)).toBe(stored);
    });

    it("plans each township's study for the ledger's years, most items fulfilled", async () => {
      for (const t of demo.townships)
        for (const year of [YEAR - 1, YEAR]) {
          const p = await planProgress(h, systemPrincipal('test'), { orgId: t.id, year }, NOW);
          expect(p.total.planned, `${t.name} ${year}`).toBeGreaterThanOrEqual(6);
          expect(p.total.done / p.total.planned).toBeGreaterThan(0.6);
          expect(p.total.overdue).toBe(p.total.planned - p.total.done);
        }
    });

    it('gives plausible, varied indicator values, rates never above 100', async () => {
      const materials: number[] = [];
      for (const t of demo.townships) {
        for (const year of [YEAR - 1, YEAR]) {
          const vals = await computeIndicators(h, t, yearPeriod(year));
          const v = (key: string) => vals.find((x) => x.key === key)?.value ?? null;
          const where = `${t.name} ${year}`;
          expect(v('disputes.resolution_rate'), where).toBeGreaterThanOrEqual(85);
          expect(v('disputes.found'), where).toBeGreaterThanOrEqual(30);
          expect(v('disputes.found'), where).toBeLessThanOrEqual(300);
          expect(v('publicity.materials'), where).toBeGreaterThan(1000);
          expect(v('publicity.events'), where).toBeGreaterThanOrEqual(10);
          expect(v('study.exam_takers'), where).toBeGreaterThanOrEqual(50);
          expect(v('study.exam_takers'), where).toBeLessThanOrEqual(150);
          expect(v('study.center_group'), where).toBeGreaterThanOrEqual(4);
          expect(v('grid.grids'), where).toBeGreaterThanOrEqual(18);
          expect(v('grid.members'), where).toBeGreaterThanOrEqual(90);
          expect(v('enforcement.certified_officers'), where).toBeGreaterThanOrEqual(9);
          expect(v('enforcement.problems_rectified')!, where).toBeLessThanOrEqual(
            v('enforcement.problems_found')!,
          );
          expect(v('legal.consultations'), where).toBeGreaterThanOrEqual(900);
          expect(v('legal.consultations'), where).toBeLessThanOrEqual(2600);
          expect(v('petitions.cases'), where).toBeGreaterThanOrEqual(10);
          for (const r of vals.filter((x) => x.unit === '%' && x.value !== null)) {
            expect(r.value!, `${where} ${r.key}`).toBeGreaterThanOrEqual(0);
            expect(r.value!, `${where} ${r.key}`).toBeLessThanOrEqual(100);
          }
          if (year === YEAR) materials.push(v('publicity.materials')!);
        }
      }
      // Strong and weak townships, so a county comparison has something to show.
      expect(Math.max(...materials) / Math.min(...materials)).toBeGreaterThan(1.5);
    });

    it("leaves some disputes overdue and follows up last year's commitments", async () => {
      const recs = await allRecords(h);
      const overdue = recs.filter(
        (r) =>
          r.kind === 'dispute' && r.data.status === 'pending' && String(r.data.dueDate) < NOW.slice(0, 10),
      );
      expect(overdue.length).toBeGreaterThan(0);
      const commitments = recs.filter((r) => r.kind === 'commitment');
      const followed = commitments.filter((r) => r.data.targetYear === YEAR);
      expect(followed.length).toBeGreaterThan(0);
      expect(followed.every((r) => r.date.startsWith(String(YEAR - 1)) && r.data.status !== 'planned')).toBe(
        true,
      );
      const next = commitments.filter((r) => r.data.targetYear === YEAR + 1);
      expect(next.length).toBeGreaterThan(0);
      expect(next.every((r) => r.data.status === 'planned')).toBe(true);
      expect(recs.every((r) => !/记录\d/.test(r.title))).toBe(true);
    });

    it('creates the demo accounts with their roles and password, no forced change', async () => {
      const users = await listUsers(h);
      expect(users).toHaveLength(4 + 4 * 6);
      const role = (u: string) => users.find((x) => x.username === u)?.role;
      expect(role('admin')).toBe('system_admin');
      expect(role('secadmin')).toBe('security_admin');
      expect(role('auditor')).toBe('auditor');
      expect(role('county')).toBe('county_officer');
      expect(role('t01.leader')).toBe('township_leader');
      expect(role('t06.staff')).toBe('township_staff');
      expect(role('t03.adviser')).toBe('legal_adviser');
      expect(role('t02.grid')).toBe('grid_member');
      expect(users.find((u) => u.username === 't01.leader')?.org).toBe(demo.townships[0]!.name);
      expect(users.every((u) => !u.mustChangePassword)).toBe(true);
      expect(demo.accounts.map((a) => a.username)).toEqual(users.map((u) => u.username));
      expect((await checkCredentials(h, 't01.staff', 'Fazhi@2024'))?.username).toBe('t01.staff');
      expect(await checkCredentials(h, 't01.staff', 'Fazhi@2025')).toBeNull();
    });

    it('seeds only an empty database', async () => {
      expect(await ensureDemo(h, { now: NOW })).toBeNull();
      await expect(generateDemo(h, { now: NOW })).rejects.toThrow('已有');
    });

    it('gives identical records for the same seed, different ones for another', async () => {
      const run = async (seed: number) => {
        const db = await tdb.open();
        try {
          const r = await ensureDemo(db, { now: NOW, townships: 2, seed, password: 'Demo#2025x' });
          expect(r?.accounts).toHaveLength(12);
          return await allRecords(db);
        } finally {
          await db.close();
        }
      };
      const a = await run(7);
      expect(JSON.stringify(await run(7))).toBe(JSON.stringify(a));
      expect((await run(8)).map((r) => r.title)).not.toEqual(a.map((r) => r.title));
    });
  });
}
