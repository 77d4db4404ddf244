import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { entriesAfter } from '../db/audit.repo.ts';
import { smallCounty } from '../testing/fixtures.ts';
import { comparisonCell as cellOf } from '../testing/workbooks.ts';
import { testDatabases } from '../testing/databases.ts';
import type { Principal } from './access.ts';
import { actorOf } from './audit.ts';
import { chooseHeadline, countyPack, uploadReport } from './cycle-county.ts';
import { cycleReport } from './cycle.ts';
import { inProcessCycleTools as tools } from './cycle-tools.ts';
import type { Org } from './orgs.ts';

const AT = '2025-02-20T02:00:00.000Z';
const LATER = '2025-02-21T03:00:00.000Z';

/** A report stating 普法宣传活动 three times: a talk's 3, the year's 28, and a part of it (5). */
const TEXT = [
  '乙乡2024年法治政府建设工作报告',
  '一、主要举措和成效',
  '组织法治宣讲3次。全年共开展普法宣传活动28次，其中送法进校园活动5次。全年排查矛盾纠纷12件，化解12件。',
  '二、存在的不足和原因',
  '普法形式较单一，原因是人员不足。',
  '三、下一步工作安排',
  '继续开展普法宣传。',
].join('\n');

const person = (id: number, role: string, org: Org, name: string): Principal => ({
  id,
  username: `${role}.${org.code}`,
  name,
  role,
  orgId: org.id,
  orgPath: org.path,
});

/** The comparison sheet's report cell of an indicator for 乙乡, with its note. */
const comparisonCell = async (bytes: Uint8Array, label: string) => (await cellOf(bytes, '乙乡', label))!;

for (const tdb of testDatabases()) {
  describe(`headline figures confirmed by the county on ${tdb.name}`, () => {
    let h: Db;
    let org: { county: Org; a: Org; b: Org };
    let officer: Principal, staff: Principal;
    const as = (p: Principal) => actorOf(p, '127.0.0.1');
    const choose = (p: Principal, key: string, start: number, at = AT) =>
      chooseHeadline(h, p, as(p), { townshipId: org.b.id, year: 2024, key, starts: [start] }, at);
    const sumOf = (starts: number[]) =>
      chooseHeadline(
        h,
        officer,
        as(officer),
        { townshipId: org.b.id, year: 2024, key: 'publicity.events', starts },
        AT,
      );

    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
      officer = person(9103, 'county_officer', org.county, '赵科长');
      staff = person(9101, 'township_staff', org.b, '王专干');
    });
    afterAll(async () => h.close());

    it('refuses a choice before the report has arrived', async () => {
      const refused = choose(officer, 'publicity.events', 0);
      await expect(refused).rejects.toMatchObject({ status: 409 });
      await expect(refused).rejects.toThrow('尚未报送');
    });

    it("offers the rules' choice with its reason, keeps a confirmation and a change, and the comparison shows it", async () => {
      await uploadReport(
        h,
        officer,
        as(officer),
        { townshipId: org.b.id, year: 2024, fileName: '乙乡.txt', bytes: new TextEncoder().encode(TEXT) },
        AT,
        tools,
      );
      const report = await cycleReport(h, officer, org.b.id, 2024);
      expect(report.choosesHeadlines).toBe(true);
      expect(report.headlineChoices).toEqual([]);
      const pick = report.review!.headlines!.find((x) => x.key === 'publicity.events')!;
      expect(pick.label).toBe('普法宣传活动');
      expect(pick.figure.value).toBe(28);
      expect(pick.reason).toContain('取“28次”');
      expect(pick.alternatives.map((a) => a.figure.value).sort((x, y) => x - y)).toEqual([3, 5]);
      const part = pick.alternatives.find((a) => a.figure.value === 5)!;
      expect(part.note).toContain('其中');

      // Before anyone confirms, the workbook shows the rules' figure and says it is unconfirmed.
      const first = await countyPack(h, officer, { year: 2024, now: AT, county: org.county }, tools);
      const unconfirmed = await comparisonCell(first.comparison, '普法宣传活动');
      expect(unconfirmed.value).toBe(28);
      expect(unconfirmed.note).toContain('取数尚未经人工确认');

      // Confirmed: kept, audited, shown with who confirmed it.
      const confirmed = await choose(officer, 'publicity.events', pick.figure.start);
      expect(confirmed).toMatchObject({ kept: true, value: 28, by: '赵科长' });
      // Changed to the part (a person may judge otherwise): the latest choice replaces the first.
      const seq = await lastAuditSeq(h);
      const changed = await choose(officer, 'publicity.events', part.figure.start, LATER);
      expect(changed).toMatchObject({ kept: false, value: 5, text: '5次' });
      const [entry] = await entriesAfter(h.db, seq, 10);
      expect(entry).toMatchObject({ action: 'report.headline', target_type: 'annual_report' });
      expect(JSON.parse(entry!.after!)).toMatchObject({
        indicator: '普法宣传活动',
        figure: '5次',
        kept: false,
      });
      expect(JSON.parse(entry!.before!)).toMatchObject({ figure: '28次', kept: true });
      const again = await cycleReport(h, officer, org.b.id, 2024);
      expect(again.headlineChoices).toEqual([
        expect.objectContaining({ key: 'publicity.events', value: 5, kept: false, at: LATER }),
      ]);

      const pack = await countyPack(h, officer, { year: 2024, now: LATER, county: org.county }, tools);
      const shown = await comparisonCell(pack.comparison, '普法宣传活动');
      expect(shown.value).toBe(5);
      expect(shown.note).toContain('取数已由赵科长于2025-02-21改选为“5次”');
      expect(shown.note).not.toContain('尚未经人工确认');
    });

    it('adds up several stated figures when they are separate activities, and the comparison shows the sum', async () => {
      const pick = (await cycleReport(h, officer, org.b.id, 2024)).review!.headlines!.find(
        (x) => x.key === 'publicity.events',
      )!;
      const talk = pick.alternatives.find((a) => a.figure.value === 3)!.figure;
      const seq = await lastAuditSeq(h);
      // Given in any order: kept in the text's order.
      const sum = await sumOf([pick.figure.start, talk.start]);
      expect(sum).toMatchObject({ kept: false, value: 31, text: '3次＋28次＝31次', start: talk.start });
      expect(sum.parts).toEqual([talk.start, pick.figure.start]);
      const [entry] = await entriesAfter(h.db, seq, 10);
      expect(JSON.parse(entry!.after!)).toMatchObject({ figure: '3次＋28次＝31次', parts: 2, kept: false });
      expect(JSON.parse(entry!.before!)).toMatchObject({ figure: '5次', kept: false });
      const again = await cycleReport(h, officer, org.b.id, 2024);
      expect(again.headlineChoices).toEqual([
        expect.objectContaining({
          key: 'publicity.events',
          value: 31,
          parts: [talk.start, pick.figure.start],
        }),
      ]);
      const pack = await countyPack(h, officer, { year: 2024, now: LATER, county: org.county }, tools);
      const shown = await comparisonCell(pack.comparison, '普法宣传活动');
      expect(shown.value).toBe(31);
      expect(shown.note).toContain('取数已由赵科长于2025-02-20改为2处相加：“3次＋28次＝31次”');

      // Refused, and the sum stays: the same figure twice, a figure not stated, nothing named.
      await expect(sumOf([talk.start, talk.start])).rejects.toMatchObject({ status: 400 });
      await expect(sumOf([talk.start, talk.start + 1])).rejects.toMatchObject({ status: 404 });
      await expect(sumOf([])).rejects.toThrow('请选择要取用的数值');
      expect((await cycleReport(h, officer, org.b.id, 2024)).headlineChoices[0]).toMatchObject({ value: 31 });
    });

    it('refuses a figure the report does not state, an unknown indicator, and the township', async () => {
      await expect(choose(officer, 'publicity.events', 1)).rejects.toMatchObject({ status: 404 });
      await expect(choose(officer, 'no.such.key', 0)).rejects.toMatchObject({ status: 404 });
      await expect(choose(staff, 'publicity.events', 0)).rejects.toMatchObject({ status: 403 });
      expect((await cycleReport(h, staff, org.b.id, 2024)).choosesHeadlines).toBe(false);
    });
  });
}

async function lastAuditSeq(h: Db): Promise<number> {
  const r = await h.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(r?.seq ?? 0);
}
