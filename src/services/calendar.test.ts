import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHolidayNotice } from '../core/holiday-notice.ts';
import { ALL } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { smallCounty } from '../testing/fixtures.ts';
import { systemPrincipal, type Principal } from './access.ts';
import { actorOf, listAudit, verifyAudit } from './audit.ts';
import { calendarYear, replaceCalendarYears } from './calendar.ts';
import { registerCase } from './case-writes.ts';
import { listCases, showCase } from './cases.ts';
import { dueCases } from './cases/due.ts';
import type { Org } from './orgs.ts';

// December 2026: the case is opened before 2027's arrangement is announced.
const AT = '2026-12-21T02:00:00.000Z';
const LATER = '2026-12-28T02:00:00.000Z';

// An invented 2027 notice that gives 元旦 four days, so 2027-01-04 (a Monday) is off too.
const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕9号
一、元旦：1月1日（周五）至4日（周一）放假调休，共4天。
二、春节：2月5日（农历除夕、周五）至11日（农历正月初六、周四）放假调休，共7天。2月20日（周六）上班。`;

for (const tdb of testDatabases()) {
  describe(`the calendar kept current, ${tdb.name}`, () => {
    let h: Db;
    let org: { a: Org; county: Org };
    const op = systemPrincipal('operator');
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
    });
    afterAll(() => h.close());

    it('is seeded from chinese-days, and gives a year without an arrangement its statutory holidays, marked', async () => {
      const y2026 = await calendarYear(h, op, 2026);
      expect(y2026).toMatchObject({ official: true, source: 'chinese-days', mark: null });
      expect(y2026.holidays).toHaveLength(33);
      expect(y2026.workdays.map((d) => d.date)).toContain('2026-02-28');
      const y2027 = await calendarYear(h, op, 2027);
      expect(y2027).toMatchObject({ official: false, mark: '按法定节日推算，未含调休' });
      expect(y2027.holidays.map((d) => d.date)).toContain('2027-02-05');
    });

    it('a pasted notice moves an open case’s due date, and the audit log says so', async () => {
      const c = await registerCase(
        h,
        op,
        actorOf(op, null),
        {
          type: 'disclosure_request',
          townshipId: org.a.id,
          draft: { date: '2026-12-20', title: '申请公开征地补偿方案', data: {} },
        },
        AT,
      );
      const reply = c.clocks.find((k) => k.id === 'disclosure.reply')!;
      expect(reply.deadline.due).toBe('2027-01-18');
      expect(reply.deadline.mark).toBe('按法定节日推算，未含调休');
      expect(c.nextDue).toBe('2027-01-18');
      expect(c.nextDueMark).toBe('按法定节日推算，未含调休');
      const listed = await dueCases(h, org.a, 60, LATER);
      expect(listed.find((i) => i.caseId === c.id)).toMatchObject({
        due: '2027-01-18',
        mark: '按法定节日推算，未含调休',
      });

      const staff: Principal = {
        id: 99,
        username: 'clerk',
        role: 'township_staff',
        orgId: org.a.id,
        orgPath: org.a.path,
      };
      const notice = parseHolidayNotice(NOTICE_2027);
      await expect(
        replaceCalendarYears(h, staff, actorOf(staff, '10.0.0.1'), { arrangements: [notice] }, LATER),
      ).rejects.toThrow('当前角色无权更新节假日安排');

      const head = (await listAudit(h, { limit: 10_000 })).length;
      const admin: Principal = { ...staff, id: 98, username: 'sys.admin', role: 'system_admin' };
      const r = await replaceCalendarYears(
        h,
        admin,
        actorOf(admin, '10.0.0.1'),
        { arrangements: [notice] },
        LATER,
      );
      expect(r.years).toEqual([
        { year: 2027, holidays: 11, workdays: 1, source: '国务院办公厅通知 国办发明电〔2026〕9号' },
      ]);
      expect(r.changed).toEqual([
        { caseId: c.id, title: '申请公开征地补偿方案', from: '2027-01-18', to: '2027-01-19' },
      ]);

      const after = await showCase(h, ALL, c.id, LATER);
      const moved = after.clocks.find((k) => k.id === 'disclosure.reply')!;
      expect(moved.deadline.due).toBe('2027-01-19');
      expect(moved.deadline.mark).toBeNull();
      expect(after.nextDue).toBe('2027-01-19');
      expect(after.nextDueMark).toBeNull();
      expect((await listCases(h, ALL, {})).items.find((i) => i.id === c.id)?.nextDue).toBe('2027-01-19');

      const added = (await listAudit(h, { limit: 10_000 })).slice(head);
      expect(added.map((e) => e.action)).toEqual(['calendar.replace', 'case.due_recomputed']);
      expect(JSON.stringify(added[1]?.after)).toContain('节假日安排更新，期限由2027-01-18调整为2027-01-19');
      expect(await verifyAudit(h)).toMatchObject({ ok: true });

      const y2027 = await calendarYear(h, op, 2027);
      expect(y2027).toMatchObject({ official: true, mark: null, storedBy: 'sys.admin' });
      expect(y2027.workdays).toEqual([{ date: '2027-02-20', name: '春节' }]);
    });
  });
}
