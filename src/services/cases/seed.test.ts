import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearPeriod } from '../../core/dates.ts';
import { ALL } from '../../core/scope.ts';
import type { Db } from '../../db/connect.ts';
import { testDatabases } from '../../testing/databases.ts';
import { openCaseAt } from '../../testing/cases.ts';
import { addRecord, setup, smallCounty } from '../../testing/fixtures.ts';
import { attachCaseHistories } from '../case-writes.ts';
import { listCases, showCase } from '../cases.ts';
import { computeIndicators } from '../indicators.ts';
import { orgFilter, type Org } from '../orgs.ts';
import { listLedger } from '../records.ts';
import { dueCases } from './due.ts';

const NOW = '2025-06-30T02:00:00.000Z';

for (const tdb of testDatabases()) {
  describe(`case seeding on ${tdb.name}`, () => {
    let h: Db;
    let org: { county: Org; a: Org; b: Org; village: Org; dept: Org };
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
    });
    afterAll(async () => h.close());

    it('attaches histories to ledger rows in the states their data stands for, leaving the data and figures alone', async () => {
      const add = (kind: string, date: string, title: string, data: Record<string, unknown>) =>
        addRecord(h, org.a, kind, { date, title, data }, NOW);
      await add('dispute', '2025-01-10', '邻里纠纷', {
        disputeType: 'neighbour',
        status: 'resolved',
        closedDate: '2025-01-25',
      });
      await add('dispute', '2025-04-10', '债务纠纷', {
        disputeType: 'debt',
        status: 'pending',
        dueDate: '2025-05-10',
      });
      await add('petition', '2025-02-01', '土地补偿', {
        petitionType: 'claim',
        status: 'closed',
        dueDate: '2025-04-05',
        closedDate: '2025-03-20',
        resolved: true,
      });
      await add('petition', '2025-06-25', '道路修缮', { petitionType: 'suggestion', status: 'registered' });
      await add('penalty', '2025-03-01', '占道经营', {
        status: 'decided',
        decidedDate: '2025-04-01',
        fine: 500,
      });
      await add('major_decision', '2025-01-05', '集镇规划', { status: 'decided', decidedDate: '2025-03-20' });
      await add('inspection', '2025-03-01', '消防检查', {
        area: 'fire',
        problemsFound: 3,
        problemsRectified: 1,
        rectifyDeadline: '2025-04-01',
      });
      await add('lawsuit', '2025-05-01', '行政强制', { status: 'pending' });
      // Won long enough ago that the 15-day appeal window has run: the judgment is final.
      await add('lawsuit', '2025-01-10', '土地确权', { status: 'won' });
      await add('disclosure_request', '2025-03-03', '公开补偿标准', {
        status: 'replied',
        replyDate: '2025-03-20',
        replyType: 'disclosed',
      });
      await add('legal_review', '2025-02-01', '租赁合同', {
        reviewType: 'contract',
        conclusion: 'lawful',
        completedDate: '2025-02-15',
      });
      const before = await computeIndicators(h, org.a, yearPeriod(2025));
      const ledger = (await listLedger(h, ALL, { org: orgFilter(org.a) })).items;

      const attach = () => attachCaseHistories(h, setup.p, setup.actor, org.a.id, NOW);
      const res = await attach();
      expect(res.dispute).toEqual({ 调解成功: 1, 已登记: 1 });
      expect(res.petition).toEqual({ 已办结: 1, 已登记: 1 });
      expect(res.penalty).toEqual({ 已送达: 1 });
      expect(res.major_decision).toEqual({ 集体讨论决定: 1 });
      expect(res.inspection).toEqual({ 逾期未整改: 1 });
      expect(res.lawsuit).toEqual({ 收到起诉状: 1, 裁判已生效: 1 });
      expect(res.disclosure_request).toEqual({ 已答复: 1 });
      expect(res.legal_review).toEqual({ 已出具意见: 1 });

      expect(await computeIndicators(h, org.a, yearPeriod(2025))).toEqual(before);
      expect((await listLedger(h, ALL, { org: orgFilter(org.a) })).items).toEqual(ledger);

      const { items } = await listCases(h, ALL, { org: orgFilter(org.a), limit: 100 });
      const decision = items.find((c) => c.type === 'major_decision')!;
      const d = await showCase(h, ALL, decision.id, NOW);
      expect(d.events.map((e) => e.action)).toEqual([
        'open',
        'comment',
        'legality',
        'legality_done',
        'decide',
      ]);
      const petition = items.find((c) => c.title === '土地补偿')!;
      expect((await showCase(h, ALL, petition.id, NOW)).events.at(-1)).toMatchObject({
        action: 'close',
        date: '2025-03-20',
      });

      const due = await dueCases(h, org.a, 7, NOW);
      expect(due.filter((i) => i.overdue).map((i) => i.title)).toEqual(
        expect.arrayContaining(['债务纠纷', '行政强制']),
      );
      expect(await attach()).toEqual({}); // nothing left to attach
    });

    it('opens a case with back-dated steps in a given state', async () => {
      const c = await openCaseAt(
        h,
        org.b,
        'petition',
        { date: '2025-01-06', title: '拖欠工资', data: { petitionType: 'claim' } },
        [
          { action: 'accept', date: '2025-01-08' },
          { action: 'extend', date: '2025-03-01', values: { extension: 20 }, reason: '需要调查取证' },
        ],
        { now: NOW, owner: '赵六' },
      );
      expect(c).toMatchObject({ state: 'accepted', owner: '赵六' });
      expect(c.clocks.find((k) => k.id === 'petition.handle')).toMatchObject({ overdue: true });
      await expect(
        openCaseAt(
          h,
          org.b,
          'petition',
          { date: '2025-01-07', title: '噪音', data: { petitionType: 'claim' } },
          [{ action: 'close', date: '2025-01-08' }],
          { now: NOW },
        ),
      ).rejects.toThrow('不能「办结」');
    });
  });
}
