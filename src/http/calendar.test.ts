import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import type { YearPreview } from '../services/calendar-preview.ts';
import type { CalendarYear } from '../services/calendar.ts';
import type { CaseDetail } from '../services/cases.ts';
import type { DueItem } from '../services/cases/due.ts';
import { testDatabases } from '../testing/databases.ts';
import { seedWorld, signIn, testApp, type Client, type ErrorBody } from '../testing/http.ts';

const MARK = '按法定节日推算，未含调休';
// 元旦 given four days, so 20个工作日 from 2026-12-20 end one working day later (01-19, not 01-18).
const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕9号
一、元旦：1月1日（周五）至4日（周一）放假调休，共4天。
二、春节：2月5日（农历除夕、周五）至11日（农历正月初六、周四）放假调休，共7天。2月20日（周六）上班。`;

for (const tdb of testDatabases()) {
  describe(`the calendar over HTTP on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let admin: Client;
    let staff: Client;
    beforeAll(async () => {
      h = await tdb.open();
      await seedWorld(h);
      app = await testApp(h, { clock: () => new Date('2026-12-21T02:00:00.000Z') });
      admin = await signIn(app, 'system.admin');
      staff = await signIn(app, 'township.staff');
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('shows a stored year with its source, and a year without an arrangement marked', async () => {
      const y2026 = await staff.request({ method: 'GET', url: '/api/calendar?year=2026' });
      expect(y2026.statusCode).toBe(200);
      expect(y2026.json<CalendarYear>()).toMatchObject({ year: 2026, official: true, mark: null });
      expect(y2026.json<CalendarYear>().workdays).toContainEqual({ date: '2026-02-28', name: '春节' });
      const y2027 = await staff.request({ method: 'GET', url: '/api/calendar?year=2027' });
      expect(y2027.json<CalendarYear & { coverage: unknown }>()).toMatchObject({
        official: false,
        mark: MARK,
        coverage: { to: 2026 },
      });
      const bad = await staff.request({ method: 'GET', url: '/api/calendar?year=1999' });
      expect(bad.statusCode).toBe(400);
    });

    it('previews a pasted notice, stores it on confirmation and moves the open case’s due date', async () => {
      const opened = await staff.request({
        method: 'POST',
        url: '/api/cases',
        payload: { type: 'disclosure_request', date: '2026-12-20', title: '申请公开征地补偿方案', data: {} },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const c = opened.json<CaseDetail>();
      expect([c.nextDue, c.nextDueMark]).toEqual(['2027-01-18', MARK]);
      const due = await staff.request({ method: 'GET', url: '/api/deadlines?days=60' });
      expect(due.json<{ items: DueItem[] }>().items.find((i) => i.caseId === c.id)).toMatchObject({
        due: '2027-01-18',
        mark: MARK,
      });

      const preview = await admin.request({
        method: 'POST',
        url: '/api/calendar/preview',
        payload: { text: NOTICE_2027 },
      });
      expect(preview.statusCode, preview.body).toBe(200);
      const [year] = preview.json<{ years: YearPreview[] }>().years;
      expect(year?.arrangement).toMatchObject({
        year: 2027,
        source: '国务院办公厅通知 国办发明电〔2026〕9号',
      });
      expect(year?.arrangement.entries).toHaveLength(12);
      expect(year?.current).toMatchObject({ official: false, mark: MARK });
      expect(year?.added).toContainEqual({ date: '2027-01-04', kind: 'holiday', name: '元旦' });
      expect(year?.added).toContainEqual({ date: '2027-02-20', kind: 'workday', name: '春节' });
      // Statutory days the notice does not keep: 清明, 劳动节… are not in this invented notice.
      expect(year?.removed.map((d) => d.date)).toContain('2027-05-01');
      // Nothing stored yet.
      const still = await staff.request({ method: 'GET', url: `/api/cases/${c.id}` });
      expect(still.json<CaseDetail>().nextDue).toBe('2027-01-18');

      const denied = await staff.request({
        method: 'POST',
        url: '/api/calendar',
        payload: { arrangements: [year?.arrangement] },
      });
      expect(denied.statusCode).toBe(403);
      const stored = await admin.request({
        method: 'POST',
        url: '/api/calendar',
        payload: { arrangements: [year?.arrangement] },
      });
      expect(stored.statusCode, stored.body).toBe(200);
      expect(stored.json()).toMatchObject({
        years: [{ year: 2027, holidays: 11, workdays: 1 }],
        moved: 1,
        changed: [{ caseId: c.id, from: '2027-01-18', to: '2027-01-19' }],
      });
      const after = await staff.request({ method: 'GET', url: `/api/cases/${c.id}` });
      expect(after.json<CaseDetail>()).toMatchObject({ nextDue: '2027-01-19', nextDueMark: null });
      const list = await staff.request({ method: 'GET', url: '/api/deadlines?days=60' });
      expect(list.json<{ items: DueItem[] }>().items.find((i) => i.caseId === c.id)).toMatchObject({
        due: '2027-01-19',
        mark: null,
      });
      const y2027 = await staff.request({ method: 'GET', url: '/api/calendar?year=2027' });
      expect(y2027.json<CalendarYear>()).toMatchObject({
        official: true,
        mark: null,
        storedBy: 'system.admin',
      });
    });

    it('refuses unreadable notices, bad years and other roles in Chinese', async () => {
      const line = await admin.request({
        method: 'POST',
        url: '/api/calendar/preview',
        payload: { text: '国务院办公厅关于2028年部分节假日安排的通知\n一、元旦：元月初一放假。' },
      });
      expect(line.statusCode).toBe(400);
      expect(line.json<ErrorBody>().error.message).toContain('第2行无法识别');
      const far = await admin.request({
        method: 'POST',
        url: '/api/calendar/preview',
        payload: { file: JSON.stringify({ year: 2150, holidays: [] }), format: 'json', name: 'x.json' },
      });
      expect(far.statusCode).toBe(400);
      expect(far.json<ErrorBody>().error.message).toContain('2000 至 2100');
      const farStore = await admin.request({
        method: 'POST',
        url: '/api/calendar',
        payload: {
          arrangements: [
            { year: 2101, source: 'x', entries: [{ date: '2101-01-01', kind: 'holiday', name: '元旦' }] },
          ],
        },
      });
      expect(farStore.statusCode).toBe(400);
      const ics = await admin.request({
        method: 'POST',
        url: '/api/calendar/preview',
        payload: {
          format: 'ics',
          name: '2028.ics',
          file: 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:元旦(休)\nDTSTART;VALUE=DATE:20280101\nDTEND;VALUE=DATE:20280102\nEND:VEVENT\nEND:VCALENDAR\n',
        },
      });
      expect(ics.statusCode, ics.body).toBe(200);
      expect(ics.json<{ years: YearPreview[] }>().years[0]?.arrangement).toMatchObject({
        year: 2028,
        source: 'ics:2028.ics',
      });
      const preview = await staff.request({
        method: 'POST',
        url: '/api/calendar/preview',
        payload: { text: NOTICE_2027 },
      });
      expect(preview.statusCode).toBe(403);
    });
  });
}
