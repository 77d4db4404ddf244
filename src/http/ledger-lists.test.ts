import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { plainCell } from '../services/ledger-io/cells.ts';
import { registerCase } from '../services/case-writes.ts';
import { testDatabases } from '../testing/databases.ts';
import { recordAdder, setup } from '../testing/fixtures.ts';
import { seedWorld, signIn, testApp, type Client, type ErrorBody, type World } from '../testing/http.ts';
import { loadWorkbook } from '../testing/workbooks.ts';

/** The server's day: 2024-06-20 in China. */
const AT = '2024-06-20T02:00:00.000Z';
const TODAY = '2024-06-20';

interface Listed {
  readonly id: number;
  readonly title: string;
  readonly date: string;
  readonly townshipId: number;
  readonly data: Record<string, unknown>;
  readonly case: { state: string; label: string } | null;
}
interface CaseRow {
  readonly id: number;
  readonly title: string;
  readonly state: string;
  readonly stateLabel: string;
  readonly closed: boolean;
  readonly nextDue: string | null;
}
type Page<T> = { total: number; items: T[] };

/** The data rows of an exported sheet, each as header (without the required mark) → cell. */
async function sheetRows(bytes: Buffer, sheet: string): Promise<Record<string, unknown>[]> {
  const wb = await loadWorkbook(bytes);
  const ws = wb.getWorksheet(sheet);
  if (!ws) return [];
  const text = (v: unknown): string => {
    const c = plainCell(v);
    return typeof c === 'string' ? c : '';
  };
  const header = (ws.getRow(1).values as unknown[]).map((v) => text(v).replace('＊', ''));
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n < 3) return;
    const cells = row.values as unknown[];
    if (cells.every((c) => plainCell(c) === null || plainCell(c) === undefined)) return;
    const entries: [string, unknown][] = header.map((h, i) => [h, plainCell(cells[i])]);
    out.push(Object.fromEntries(entries.filter(([h]) => h !== '')));
  });
  return out;
}

for (const tdb of testDatabases()) {
  describe(`ledger and case lists: filters, case states, filtered export on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    let staff: Client;
    let county: Client;
    const disputes: Record<string, number> = {};
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h, { clock: () => new Date(AT) });
      staff = await signIn(app, 'township.staff');
      county = await signIn(app, 'county.officer');
      const add = recordAdder(h, AT);
      const ev = (date: string, title: string) =>
        add(w.a, 'publicity_event', date, title, { form: 'street', materials: 100 });
      await ev('2024-03-05', '宪法进村入户宣传');
      await ev('2024-04-10', '宪法宣传周集中宣传');
      await ev('2024-05-20', '民法典宣传月活动');
      await ev('2023-12-04', '国家宪法日宣传');
      await add(w.b, 'publicity_event', '2024-03-06', '乙乡宪法宣传', { form: 'street' });
      await add(w.c, 'publicity_event', '2024-03-07', '外县宪法宣传', { form: 'street' });
      const open = async (key: string, date: string, title: string, townshipId = w.a.id) => {
        const c = await registerCase(
          h,
          setup.p,
          setup.actor,
          {
            type: 'dispute',
            townshipId,
            draft: { date, title, data: { disputeType: 'neighbour' } },
            role: 'township_staff',
          },
          AT,
        );
        disputes[key] = c.id;
      };
      await open('late', '2024-04-01', '排水沟纠纷');
      await open('soon', '2024-05-24', '宅基地纠纷');
      await open('fresh', '2024-06-18', '噪音纠纷');
      await open('old', '2023-11-02', '上年山林纠纷');
      await open('elsewhere', '2024-05-02', '乙乡债务纠纷', w.b.id);
      await open('settled', '2023-10-05', '上年已调结的纠纷');
      const r = await staff.request({
        method: 'POST',
        url: `/api/cases/${disputes.fresh}/transitions`,
        payload: { action: 'mediate', date: '2024-06-19' },
      });
      expect(r.statusCode, r.body).toBe(200);
      const done = await staff.request({
        method: 'POST',
        url: `/api/cases/${disputes.settled}/transitions`,
        payload: { action: 'resolve', date: '2023-10-20' },
      });
      expect(done.statusCode, done.body).toBe(200);
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    const list = async (c: Client, url: string) => {
      const r = await c.request({ method: 'GET', url });
      expect(r.statusCode, r.body).toBe(200);
      return r.json<Page<Listed>>();
    };

    it('gives a case record the state label of its case type, the one the board shows', async () => {
      const page = await list(staff, `/api/records?kind=dispute&year=2024`);
      const byId = new Map(page.items.map((i) => [i.id, i]));
      // Both read 调处中 in the record's own field; the case says which step they are at.
      expect(byId.get(disputes.late!)?.data.status).toBe('pending');
      expect(byId.get(disputes.late!)?.case).toEqual({ state: 'registered', label: '已登记' });
      expect(byId.get(disputes.fresh!)?.case).toEqual({ state: 'mediating', label: '调解中' });
      const cases = (await staff.request({ method: 'GET', url: '/api/cases?type=dispute' })).json<
        Page<CaseRow>
      >();
      for (const c of cases.items) expect(byId.get(c.id)?.case?.label ?? c.stateLabel).toBe(c.stateLabel);
      const events = await list(staff, `/api/records?kind=publicity_event&year=2024`);
      expect(events.items.every((i) => i.case === null)).toBe(true);
    });

    it('filters the ledger by case state and by due state, refusing unknown states in Chinese', async () => {
      const mediating = await list(staff, `/api/records?kind=dispute&year=2024&state=mediating`);
      expect(mediating.items.map((i) => i.id)).toEqual([disputes.fresh]);
      expect(
        (await list(staff, `/api/records?kind=dispute&year=2024&state=registered,mediating`)).total,
      ).toBe(3);
      const all = (await staff.request({ method: 'GET', url: '/api/cases?type=dispute' })).json<
        Page<CaseRow>
      >().items;
      const overdue = all
        .filter((c) => !c.closed && c.nextDue !== null && c.nextDue < TODAY)
        .map((c) => c.id);
      expect(overdue).toContain(disputes.late);
      const listed = await list(staff, `/api/records?kind=dispute&from=2023-01-01&to=2024-12-31&due=overdue`);
      expect(listed.items.map((i) => i.id).sort()).toEqual([...overdue].sort());
      const soon = all
        .filter((c) => !c.closed && c.nextDue !== null && c.nextDue >= TODAY && c.nextDue <= '2024-06-27')
        .map((c) => c.id);
      expect(soon).toEqual([disputes.soon]);
      expect(
        (await list(staff, `/api/records?kind=dispute&year=2024&due=soon`)).items.map((i) => i.id),
      ).toEqual(soon);
      const bad = await staff.request({ method: 'GET', url: '/api/records?kind=dispute&state=closed' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<ErrorBody>().error.message).toContain('不是矛盾纠纷调处的状态');
      const noKind = await staff.request({ method: 'GET', url: '/api/records?state=registered' });
      expect(noKind.statusCode).toBe(400);
      expect(noKind.json<ErrorBody>().error.message).toBe('按状态筛选须先选定一类案件台账');
    });

    it('exports exactly the filtered rows, with a township column for the county', async () => {
      const q = `kind=publicity_event&from=2024-01-01&to=2024-12-31&q=${encodeURIComponent('宪法')}`;
      const shown = await list(county, `/api/records?org=${w.county.id}&${q}`);
      const r = await county.request({ method: 'GET', url: `/api/export?org=${w.county.id}&${q}` });
      expect(r.statusCode, r.body).toBe(200);
      const rows = await sheetRows(r.rawPayload, '普法宣传活动');
      expect(rows.map((x) => x['活动主题']).sort()).toEqual(shown.items.map((i) => i.title).sort());
      expect(rows.map((x) => x['活动主题']).sort()).toEqual([
        '乙乡宪法宣传',
        '宪法宣传周集中宣传',
        '宪法进村入户宣传',
      ]);
      expect(rows.map((x) => x['乡镇（街道）']).sort()).toEqual(['乙乡', '甲镇', '甲镇']);
      const wb = await loadWorkbook(r.rawPayload);
      expect(wb.worksheets.filter((s) => s.state !== 'hidden').map((s) => s.name)).toEqual(['普法宣传活动']);
      const audit = await h.db
        .selectFrom('audit_log')
        .select(['after'])
        .where('action', '=', 'ledger.export')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after!)).toMatchObject({
        rows: 3,
        year: null,
        filters: { kind: 'publicity_event', from: '2024-01-01', to: '2024-12-31', q: '宪法' },
      });
    });

    it('exports only the ticked rows, and never a row outside the scope or the filters', async () => {
      const mine = await list(staff, `/api/records?kind=publicity_event&year=2024`);
      const one = mine.items.find((i) => i.title === '宪法宣传周集中宣传')!;
      const foreign = await list(county, `/api/records?org=${w.b.id}&kind=publicity_event&year=2024`);
      const theirs = foreign.items[0]!.id;
      const lastYear = (await list(staff, `/api/records?kind=publicity_event&year=2023`)).items[0]!.id;
      const r = await staff.request({
        method: 'GET',
        url: `/api/export?kind=publicity_event&year=2024&ids=${one.id},${theirs},${lastYear}`,
      });
      expect(r.statusCode, r.body).toBe(200);
      expect((await sheetRows(r.rawPayload, '普法宣传活动')).map((x) => x['活动主题'])).toEqual([
        '宪法宣传周集中宣传',
      ]);
      const cases = await staff.request({
        method: 'GET',
        url: `/api/export?kind=dispute&year=2024&state=mediating`,
      });
      expect((await sheetRows(cases.rawPayload, '矛盾纠纷')).map((x) => x['纠纷事由'])).toEqual(['噪音纠纷']);
      const none = await staff.request({
        method: 'GET',
        url: `/api/export?kind=publicity_event&year=2024&ids=${theirs}`,
      });
      expect(none.statusCode).toBe(404);
      expect(none.json<ErrorBody>().error.message).toBe('没有符合条件的台账记录，无可导出');
      const noPeriod = await staff.request({ method: 'GET', url: `/api/export?kind=publicity_event` });
      expect(noPeriod.statusCode).toBe(400);
      expect(noPeriod.body).toContain('请指定年度，或起止日期');
      const other = await staff.request({ method: 'GET', url: `/api/export?org=${w.b.id}&year=2024` });
      expect(other.statusCode).toBe(403);
    });

    it('lists cases by title, by year (with open ones from earlier years) and by due state', async () => {
      const get = async (url: string) => {
        const r = await staff.request({ method: 'GET', url });
        expect(r.statusCode, r.body).toBe(200);
        return r.json<Page<CaseRow>>();
      };
      const y2024 = await get('/api/cases?type=dispute&year=2024&limit=50');
      expect(y2024.items.map((c) => c.id).sort()).toEqual(
        [disputes.late, disputes.soon, disputes.fresh, disputes.old].sort(),
      );
      // A dispute mediated successfully is settled (回访 may still follow): it stays in its own year.
      expect((await get('/api/cases?type=dispute&year=2023')).items.map((c) => c.id).sort()).toEqual(
        [disputes.old, disputes.settled].sort(),
      );
      // The case table's export takes the same year: its open cases from earlier years too.
      const ex = await staff.request({ method: 'GET', url: '/api/export?kind=dispute&caseYear=2024' });
      expect(ex.statusCode, ex.body).toBe(200);
      expect((await sheetRows(ex.rawPayload, '矛盾纠纷')).map((x) => x['纠纷事由']).sort()).toEqual(
        y2024.items.map((c) => c.title).sort(),
      );
      expect(
        (await get(`/api/cases?type=dispute&q=${encodeURIComponent('宅基地')}`)).items.map((c) => c.id),
      ).toEqual([disputes.soon]);
      expect((await get('/api/cases?type=dispute&due=soon')).items.map((c) => c.id)).toEqual([disputes.soon]);
      const overdue = await get('/api/cases?type=dispute&due=overdue');
      expect(overdue.items.every((c) => c.nextDue !== null && c.nextDue < TODAY)).toBe(true);
      expect(overdue.items.map((c) => c.id)).toContain(disputes.late);
      const countyView = (
        await county.request({ method: 'GET', url: `/api/cases?org=${w.county.id}&type=dispute` })
      ).json<Page<CaseRow & { townshipId: number }>>();
      expect(new Set(countyView.items.map((c) => c.townshipId))).toEqual(new Set([w.a.id, w.b.id]));
    });
  });
}
