import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicators } from '../catalogue/indicators.ts';
import { yearPeriod } from '../core/dates.ts';
import { evaluateRows, finish, planAggregates } from '../core/indicators.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, addRecord, recordAdder, smallCounty } from '../testing/fixtures.ts';
import { computeIndicators, explainIndicator } from './indicators.ts';
import { listLedger } from './records.ts';
import { ALL } from '../core/scope.ts';
import type { Org } from './orgs.ts';

const value = (vals: { key: string; value: number | null }[], key: string) =>
  vals.find((v) => v.key === key)?.value;

for (const tdb of testDatabases()) {
  describe(`indicators on ${tdb.name}`, () => {
    let h: Db;
    let org: { county: Org; a: Org; b: Org; village: Org; dept: Org };
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
      const add = recordAdder(h, NOW);
      // 甲镇 2023: disputes as in a real report — 4 found, 3 resolved, 1 pending and not yet due.
      await add(
        org.a,
        'dispute',
        '2023-03-01',
        '宅基地边界纠纷',
        { disputeType: 'land', status: 'resolved', satisfaction: 'satisfied' },
        { org: '东村' },
      );
      await add(org.a, 'dispute', '2023-05-10', '邻里噪音纠纷', {
        disputeType: '邻里纠纷',
        status: '调解成功',
        satisfaction: '基本满意',
        preLitigation: '是',
      });
      await add(org.a, 'dispute', '2023-07-22', '劳资纠纷', {
        disputeType: 'labour',
        status: 'resolved',
        satisfaction: 'dissatisfied',
      });
      await add(org.a, 'dispute', '2023-12-20', '债务纠纷', {
        disputeType: 'debt',
        status: 'pending',
        dueDate: '2024-01-20',
      });
      await add(org.a, 'dispute', '2022-12-31', '上年纠纷', { disputeType: 'other', status: 'failed' });
      await add(org.a, 'publicity_event', '2023-12-04', '国家宪法日集中宣传', {
        form: 'street',
        publicityDay: 'd1204',
        materials: 1600,
        audience: 800,
        banners: 12,
      });
      await add(org.a, 'publicity_event', '2023-06-26', '禁毒宣传', {
        form: 'school',
        materials: 2800,
        consultations: 45,
      });
      await add(org.b, 'publicity_event', '2023-03-15', '消费者权益日', { form: 'street', materials: 500 });
      await add(org.a, 'exam', '2023-09-01', '年度学法考试', { required: 4 });
      for (const [p, g] of [
        ['张三', 'excellent'],
        ['李四', 'pass'],
        ['王五', 'fail'],
      ] as const) {
        await add(org.a, 'exam_score', '2023-09-01', '年度学法考试', {
          person: p,
          grade: g,
          score: g === 'fail' ? 50 : 88,
        });
      }
      await add(org.a, 'model_household', '2021-05-01', '刘大', {});
      await add(org.a, 'model_household', '2023-12-31', '刘二', {});
      await add(org.a, 'model_household', '2022-01-01', '刘三', {}, { endDate: '2023-06-30' });
      await add(org.a, 'model_household', '2024-01-02', '刘四', {});
      await add(org.a, 'petition', '2023-02-01', '土地补偿', {
        petitionType: 'claim',
        status: 'closed',
        dueDate: '2023-04-02',
        closedDate: '2023-03-30',
        resolved: true,
      });
      await add(org.a, 'petition', '2023-04-01', '道路修缮', {
        petitionType: 'suggestion',
        status: 'closed',
        dueDate: '2023-05-31',
        closedDate: '2023-06-05',
      });
      await add(org.a, 'inspection', '2023-04-12', '烟花爆竹专项检查', {
        area: 'fireworks',
        problemsFound: 8,
        problemsRectified: 7,
      });
      await add(org.a, 'lawsuit_hearing', '2023-05-01', '（2023）行初1号', { leaderRank: 'principal' });
      await add(org.a, 'lawsuit_hearing', '2023-08-01', '（2023）行初1号', { leaderRank: 'none' });
    });
    afterAll(async () => h.close());

    it('computes the township figures a report gives', async () => {
      const vals = await computeIndicators(h, org.a, yearPeriod(2023));
      expect(value(vals, 'disputes.found')).toBe(4);
      expect(value(vals, 'disputes.resolved')).toBe(3);
      expect(value(vals, 'disputes.resolution_rate')).toBe(100); // the pending one is not yet due
      expect(value(vals, 'disputes.satisfaction_rate')).toBe(66.7);
      expect(value(vals, 'disputes.pre_litigation')).toBe(1);
      expect(value(vals, 'publicity.events')).toBe(2);
      expect(value(vals, 'publicity.materials')).toBe(4400);
      expect(value(vals, 'publicity.consultations')).toBe(45);
      expect(value(vals, 'study.exam_takers')).toBe(3);
      expect(value(vals, 'study.exam_participation_rate')).toBe(75);
      expect(value(vals, 'study.exam_pass_rate')).toBe(66.7);
      expect(value(vals, 'study.exam_excellent_rate')).toBe(33.3);
      expect(value(vals, 'publicity.model_households')).toBe(2); // active on 31 Dec: 刘大, 刘二
      expect(value(vals, 'petitions.on_time_rate')).toBe(50);
      expect(value(vals, 'petitions.resolved')).toBe(1);
      expect(value(vals, 'enforcement.problems_rectified')).toBe(7);
      expect(value(vals, 'litigation.leader_appearance_rate')).toBe(50);
      expect(value(vals, 'legal.reviews')).toBe(0);
      expect(value(vals, 'decisions.major')).toBe(0);
      expect(value(vals, 'disclosure.items')).toBe(0);
      // A rate with nothing to rate is null, never 0% or 100%.
      expect(value(vals, 'disputes.resolution_rate')).not.toBeNull();
      const none = await computeIndicators(h, org.b, yearPeriod(2023));
      expect(value(none, 'disputes.resolution_rate')).toBeNull();
      expect(vals).toHaveLength(indicators.length);
    });

    it('sums townships for the county and narrows to a village', async () => {
      const county = await computeIndicators(h, org.county, yearPeriod(2023));
      expect(value(county, 'publicity.events')).toBe(3);
      expect(value(county, 'publicity.materials')).toBe(4900);
      const village = await computeIndicators(h, org.village, yearPeriod(2023));
      expect(value(village, 'disputes.found')).toBe(1);
    });

    it('agrees with the in-memory reference for every indicator', async () => {
      const { items } = await listLedger(h, ALL, { limit: 10_000 });
      for (const year of [2022, 2023, 2024]) {
        const p = yearPeriod(year);
        const plan = planAggregates(indicators);
        const rows = items.filter((r) => r.townshipId === org.a.id);
        const expected = finish(indicators, evaluateRows(plan, rows, p));
        expect(await computeIndicators(h, org.a, p)).toEqual(expected);
      }
    });

    it('explains a value by its records', async () => {
      const ex = await explainIndicator(h, 'disputes.resolution_rate', org.a, yearPeriod(2023));
      expect(ex.indicator.value).toBe(100);
      const counted = ex.records.filter((r) => r.counted);
      expect(counted.map((r) => r.title)).toEqual(['宅基地边界纠纷', '邻里噪音纠纷', '劳资纠纷']);
      expect(counted.every((r) => r.part === '计入分子和分母' && r.reason === null)).toBe(true);
      // Every record of the year that does not count says why.
      for (const r of ex.records.filter((x) => !x.counted))
        expect(r.reason, r.title).toMatch(/^不计入(分子|分母)：.+/);
      expect(ex.formula).toContain('调处状态为“调解成功”的矛盾纠纷记录数 ÷ ');
      expect(ex.method).toMatch(/^分子为/);
      const sum = await explainIndicator(h, 'publicity.materials', org.a, yearPeriod(2023));
      expect(sum.records.reduce((s, r) => s + (r.contributes ?? 0), 0)).toBe(sum.indicator.value);
      await expect(explainIndicator(h, 'no.such', org.a, yearPeriod(2023))).rejects.toThrow('未知的指标');
    });

    it('refuses invalid records in Chinese and stores nothing', async () => {
      const before = (await listLedger(h, ALL, { limit: 1 })).total;
      await expect(
        addRecord(
          h,
          org.a,
          'inspection',
          { date: '2023-13-01', title: '', data: { area: '太空', problemsFound: 2, problemsRectified: 5 } },
          NOW,
        ),
      ).rejects.toThrow(
        /检查日期.*不是有效日期.*检查事项：不能为空.*检查领域.*不是可选值.*整改到位（5）不能大于发现问题（2）/,
      );
      await expect(
        addRecord(
          h,
          org.a,
          'dispute',
          { date: '1999-01-01', title: 'x', data: { disputeType: 'other', status: 'pending' } },
          NOW,
        ),
      ).rejects.toThrow('超出范围');
      await expect(
        addRecord(
          h,
          org.a,
          'dispute',
          { date: '2023-01-01', title: 'x', data: { disputeType: 'other', status: 'pending' }, org: '西村' },
          NOW,
        ),
      ).rejects.toThrow('“西村”不是甲镇的村（社区）或部门');
      await expect(
        addRecord(h, org.county, 'dispute', { date: '2023-01-01', title: 'x', data: {} }, NOW),
      ).rejects.toThrow('不是乡镇');
      await expect(
        addRecord(
          h,
          org.a,
          'dispute',
          {
            date: '2023-03-01',
            title: '宅基地边界纠纷',
            data: { disputeType: 'land', status: 'resolved', satisfaction: 'satisfied' },
            org: '东村',
          },
          NOW,
        ),
      ).rejects.toThrow('内容相同');
      expect((await listLedger(h, ALL, { limit: 1 })).total).toBe(before);
    });
  });
}
