import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHolidayNotice } from '../core/holiday-notice.ts';
import { ALL } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { smallCounty } from '../testing/fixtures.ts';
import { systemPrincipal, type Principal } from './access.ts';
import { actorOf, listAudit, verifyAudit } from './audit.ts';
import { replaceCalendarYears } from './calendar.ts';
import { registerCase, takeCaseStep } from './case-writes.ts';
import { caseRecord, showCase } from './cases.ts';
import type { Org } from './orgs.ts';

const AT = '2026-12-21T02:00:00.000Z';
const LATER = '2026-12-28T02:00:00.000Z';

// 元旦 given four days (1月1日至4日), so a period ending on 2027-01-04 moves to 01-05.
const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至4日（周一）放假调休，共4天。
二、春节：2月5日（农历除夕、周五）至11日（农历正月初六、周四）放假调休，共7天。2月20日（周六）上班。`;

for (const tdb of testDatabases()) {
  describe(`a calendar update moves the due date stored in the record too, ${tdb.name}`, () => {
    let h: Db;
    let org: { a: Org; county: Org };
    const op = systemPrincipal('operator');
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
    });
    afterAll(() => h.close());

    it('re-computes 办结期限 of a dispute with next_due, leaves a petition’s later 60日 期限, and audits both', async () => {
      const open = (type: string, date: string, title: string, data: Record<string, string>) =>
        registerCase(
          h,
          op,
          actorOf(op, null),
          { type, townshipId: org.a.id, draft: { date, title, data } },
          AT,
        );
      // 调解 within one month: 2026-12-01 + 1个月 = 2027-01-01 (元旦), then the weekend: 01-04 by statutory days.
      const dispute = await open('dispute', '2026-12-01', '跨年调解的纠纷', { disputeType: 'other' });
      expect(dispute.nextDue).toBe('2027-01-04');
      expect((await caseRecord(h, ALL, dispute.id)).data.dueDate).toBe('2027-01-04');

      // 15日 to answer from 2026-12-17 also ends on 01-04; accepting sets 办理期限 to the 60日 clock instead.
      const petition = await open('petition', '2026-12-17', '申诉求决类信访', { petitionType: 'claim' });
      expect((await caseRecord(h, ALL, petition.id)).data.dueDate).toBe('2027-01-04');
      await takeCaseStep(
        h,
        op,
        actorOf(op, null),
        petition.id,
        { action: 'accept', date: '2026-12-21', role: 'township_staff' },
        AT,
      );
      const accepted = await caseRecord(h, ALL, petition.id);
      expect(accepted.data.dueDate).toBe('2027-02-19');

      const admin: Principal = {
        id: 98,
        username: 'sys.admin',
        role: 'system_admin',
        orgId: org.county.id,
        orgPath: org.county.path,
      };
      const head = (await listAudit(h, { limit: 10_000 })).length;
      const r = await replaceCalendarYears(
        h,
        admin,
        actorOf(admin, '10.0.0.1'),
        { arrangements: [parseHolidayNotice(NOTICE_2027)] },
        LATER,
      );
      expect(r.changed).toEqual([
        {
          caseId: dispute.id,
          title: '跨年调解的纠纷',
          from: '2027-01-04',
          to: '2027-01-05',
          fields: [{ field: 'dueDate', label: '办结期限', from: '2027-01-04', to: '2027-01-05' }],
        },
      ]);
      const moved = await caseRecord(h, ALL, dispute.id);
      expect(moved.data.dueDate).toBe('2027-01-05');
      expect(moved.data.disputeType).toBe('other');
      expect((await showCase(h, ALL, dispute.id, LATER)).nextDue).toBe('2027-01-05');
      expect((await caseRecord(h, ALL, petition.id)).data.dueDate).toBe('2027-02-19');

      const added = (await listAudit(h, { limit: 10_000 })).slice(head);
      expect(added.map((e) => e.action)).toEqual(['calendar.replace', 'case.due_recomputed']);
      expect(added[1]).toMatchObject({
        targetId: String(dispute.id),
        before: { nextDue: '2027-01-04', dueDate: '2027-01-04' },
        after: {
          nextDue: '2027-01-05',
          dueDate: '2027-01-05',
          note: '节假日安排更新，期限由2027-01-04调整为2027-01-05，办结期限由2027-01-04调整为2027-01-05',
        },
      });
      expect(await verifyAudit(h)).toMatchObject({ ok: true });
    });
  });
}
