import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { loadReportInputs } from '../report/load.ts';
import { testDatabases } from '../testing/databases.ts';
import { recordAdder, setup } from '../testing/fixtures.ts';
import { principalOf, seedWorld, type World } from '../testing/http.ts';
import type { Principal } from './access.ts';
import { listAudit } from './audit.ts';
import { deleteRecord } from './ledger-writes.ts';
import { openFileStore } from './file-store.ts';
import {
  createPlanItem,
  deletePlanItem,
  linkPlanItem,
  listStudyPlan,
  planCandidates,
  planProgress,
  updatePlanItem,
} from './study-plans.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// 2025-07-10 in China: July is the month reached, so items of January–June are overdue when open.
const AT = '2025-07-10T02:00:00.000Z';
const item = (o: Partial<Parameters<typeof createPlanItem>[3]> = {}) => ({
  orgId: 0,
  year: 2025,
  sessionType: 'center_group',
  topic: '学习宪法',
  laws: '中华人民共和国宪法',
  month: 3,
  audience: 'leaders',
  ...o,
});

for (const tdb of testDatabases()) {
  describe(`学法计划 on ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let staff: Principal;
    let county: Principal;
    let grid: Principal;
    const actor = setup.actor;

    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      staff = principalOf(w, 'township_staff');
      county = principalOf(w, 'county_officer');
      grid = principalOf(w, 'grid_member');
    });
    afterAll(async () => {
      await h.close();
    });

    it('refuses bad items in Chinese and stores nothing', async () => {
      const bad: [Partial<ReturnType<typeof item>>, RegExp][] = [
        [{ sessionType: 'karaoke' }, /学习形式应为党委理论学习中心组学法、会前学法、集中学法/],
        [{ month: 13 }, /计划月份应为1至12月/],
        [{ month: 0 }, /计划月份应为1至12月/],
        [{ audience: 'everyone' }, /参学对象应为领导班子（中心组）成员、全体机关干部/],
        [{ topic: '  ' }, /请填写学习内容/],
        [{ topic: '法'.repeat(201) }, /学习内容不能超过200字/],
        [{ year: 1999 }, /计划年度应为2000至2100之间的年份/],
      ];
      for (const [o, message] of bad)
        await expect(createPlanItem(h, staff, actor, item({ orgId: w.a.id, ...o }), AT)).rejects.toThrow(
          message,
        );
      await expect(createPlanItem(h, staff, actor, item({ orgId: w.village.id }), AT)).rejects.toThrow(
        /学法计划由乡镇（街道）或县（区）制定/,
      );
      expect((await listStudyPlan(h, staff, { orgId: w.a.id, year: 2025 }, AT)).items).toHaveLength(0);
    });

    it('keeps each plan to its organisation: another township is not found, a grid member may not plan', async () => {
      const other = await createPlanItem(h, county, actor, item({ orgId: w.b.id }), AT);
      await expect(listStudyPlan(h, staff, { orgId: w.b.id, year: 2025 }, AT)).rejects.toMatchObject({
        status: 404,
      });
      await expect(createPlanItem(h, staff, actor, item({ orgId: w.c.id }), AT)).rejects.toMatchObject({
        status: 404,
      });
      await expect(deletePlanItem(h, staff, actor, other.id, AT)).rejects.toMatchObject({ status: 404 });
      await expect(linkPlanItem(h, staff, actor, other.id, null, AT)).rejects.toMatchObject({ status: 404 });
      await expect(planCandidates(h, staff, other.id)).rejects.toMatchObject({ status: 404 });
      await expect(listStudyPlan(h, grid, { orgId: w.a.id, year: 2025 }, AT)).rejects.toMatchObject({
        status: 403,
      });
      // The county plans for itself (its departments) and sees its townships' plans.
      await createPlanItem(h, county, actor, item({ orgId: w.county.id, audience: 'enforcement' }), AT);
      expect((await listStudyPlan(h, county, { orgId: w.b.id, year: 2025 }, AT)).items).toHaveLength(1);
      await deletePlanItem(h, county, actor, other.id, AT);
    });

    it('creates, edits, links, suggests and unlinks, each audited', async () => {
      const add = recordAdder(h);
      const march = await add(w.a, 'study_session', '2025-03-12', '中心组学习宪法', {
        sessionType: 'center_group',
      });
      const april = await add(w.a, 'study_session', '2025-04-20', '中心组学习民法典', {
        sessionType: 'center_group',
      });
      const june = await add(w.a, 'study_session', '2025-06-02', '中心组六月学习', {
        sessionType: 'center_group',
      });
      const lecture = await add(w.a, 'study_session', '2025-03-15', '法治讲座', { sessionType: 'lecture' });
      const lastYear = await add(w.a, 'study_session', '2024-03-15', '去年学法', {
        sessionType: 'center_group',
      });
      const meeting = await add(w.a, 'leadership_meeting', '2025-03-01', '专题会', {
        meetingType: 'party_committee',
      });
      const elsewhere = await add(w.b, 'study_session', '2025-03-10', '乙乡学法', {
        sessionType: 'center_group',
      });

      const a = await createPlanItem(h, staff, actor, item({ orgId: w.a.id }), AT);
      expect(a).toMatchObject({
        sessionTypeLabel: '党委理论学习中心组学法',
        audienceLabel: '领导班子（中心组）成员',
      });
      expect(a.state).toBe('overdue');
      const b = await createPlanItem(
        h,
        staff,
        actor,
        item({ orgId: w.a.id, month: 4, topic: '学习民法典' }),
        AT,
      );
      const c = await createPlanItem(
        h,
        staff,
        actor,
        item({
          orgId: w.a.id,
          month: 9,
          sessionType: 'collective',
          topic: '学习行政处罚法',
          audience: 'cadres',
        }),
        AT,
      );
      const edited = await updatePlanItem(
        h,
        staff,
        actor,
        c.id,
        {
          sessionType: 'collective',
          topic: '学习行政处罚法（2021年修订）',
          laws: null,
          month: 7,
          audience: 'cadres',
        },
        AT,
      );
      expect(edited).toMatchObject({ month: 7, laws: null, state: 'current' });

      // Same form, March ± 1 month, not yet linked; the lecture, last year's and 乙乡's are not offered.
      const offered = (await planCandidates(h, staff, a.id)).items.map((r) => r.id);
      expect(offered).toEqual([march.id, april.id]);

      await expect(linkPlanItem(h, staff, actor, a.id, elsewhere.id, AT)).rejects.toMatchObject({
        status: 404,
      });
      await expect(linkPlanItem(h, staff, actor, a.id, meeting.id, AT)).rejects.toThrow(
        '计划项只能对应学法培训记录',
      );
      await expect(linkPlanItem(h, staff, actor, a.id, lastYear.id, AT)).rejects.toThrow('不在2025年');
      await expect(linkPlanItem(h, staff, actor, a.id, lecture.id, AT)).rejects.toThrow(
        /学习形式为“法治讲座”/,
      );
      const linked = await linkPlanItem(h, staff, actor, a.id, march.id, AT);
      expect(linked).toMatchObject({
        state: 'done',
        record: { id: march.id, title: '中心组学习宪法', date: '2025-03-12' },
      });
      await expect(linkPlanItem(h, staff, actor, b.id, march.id, AT)).rejects.toMatchObject({
        status: 409,
        message: '该学法记录已对应另一计划项',
      });
      // June lies outside April ± 1.
      const forApril = (await planCandidates(h, staff, b.id)).items.map((r) => r.id);
      expect(forApril).toEqual([april.id]);
      expect(forApril).not.toContain(june.id);

      const progress = await planProgress(h, staff, { orgId: w.a.id, year: 2025 }, AT);
      expect(progress.total).toEqual({ planned: 3, done: 1, due: 3, overdue: 1 });
      expect(progress.byType).toEqual([
        {
          sessionType: 'center_group',
          label: '党委理论学习中心组学法',
          planned: 2,
          done: 1,
          due: 2,
          overdue: 1,
        },
        { sessionType: 'collective', label: '集中学法', planned: 1, done: 0, due: 1, overdue: 0 },
      ]);
      expect(progress.overdueItems).toEqual([
        { id: b.id, month: 4, topic: '学习民法典', sessionTypeLabel: '党委理论学习中心组学法' },
      ]);
      // Through March only the March item was due.
      const early = await planProgress(h, staff, { orgId: w.a.id, year: 2025, through: 3 }, AT);
      expect(early.total).toEqual({ planned: 3, done: 1, due: 1, overdue: 0 });

      const plan = await listStudyPlan(h, staff, { orgId: w.a.id, year: 2025 }, AT);
      expect(plan.items.map((i) => [i.month, i.state])).toEqual([
        [3, 'done'],
        [4, 'overdue'],
        [7, 'current'],
      ]);

      // Deleting the record opens the item again.
      const dir = mkdtempSync(join(tmpdir(), 'fazhi-plan-'));
      await deleteRecord(h, openFileStore(h, dir), setup.p, actor, march.id, AT);
      expect((await listStudyPlan(h, staff, { orgId: w.a.id, year: 2025 }, AT)).items[0]).toMatchObject({
        record: null,
        state: 'overdue',
      });
      await linkPlanItem(h, staff, actor, b.id, april.id, AT);
      const unlinked = await linkPlanItem(h, staff, actor, b.id, null, AT);
      expect(unlinked.record).toBeNull();

      // The report's loader passes the plan to the model.
      const loaded = await loadReportInputs(h, w.a, 2025, { now: AT });
      expect(loaded.studyPlan?.map((l) => [l.month, l.recordId])).toEqual([
        [3, null],
        [4, null],
        [7, null],
      ]);

      const actions = (await listAudit(h, { limit: 200 })).map((e) => e.action);
      for (const a of [
        'study_plan.create',
        'study_plan.update',
        'study_plan.delete',
        'study_plan.link',
        'study_plan.unlink',
      ])
        expect(actions).toContain(a);
    });
  });
}
