import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import type { CaseTypeInfo } from './case-catalogue.ts';
import { createUsers } from '../services/users.ts';
import { NOW } from '../testing/fixtures.ts';
import {
  PASSWORD,
  PNG,
  seedWorld,
  signIn,
  testApp,
  type Client,
  type ErrorBody,
  type World,
} from '../testing/http.ts';

interface CaseAnswer {
  readonly id: number;
  readonly type: string;
  readonly state: string;
  readonly townshipId: number;
  readonly nextDue: string | null;
  readonly clocks: readonly { id: string; deadline: { due: string; basis: string } }[];
}

const report = (extra: object) => ({
  type: 'dispute',
  date: '2024-05-06',
  title: '网格员上报：两户因排水沟发生争执',
  org: '东村',
  data: { disputeType: 'neighbour', source: 'grid', parties: '张某、李某' },
  ...extra,
});

for (const tdb of testDatabases()) {
  describe(`grid members and the case catalogue on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    let grid: Client;
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h);
      grid = await signIn(app, 'grid.member');
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('lets a grid member open a dispute case in its own township, starting the mediation clock', async () => {
      const r = await grid.request({ method: 'POST', url: '/api/cases', payload: report({}) });
      expect(r.statusCode, r.body).toBe(201);
      const c = r.json<CaseAnswer>();
      expect([c.type, c.state, c.townshipId]).toEqual(['dispute', 'registered', w.a.id]);
      const clock = c.clocks.find((k) => k.id === 'mediation.close');
      expect(clock?.deadline.due).toBe(c.nextDue);
      expect(c.nextDue! > '2024-05-06').toBe(true);
      // The case is its ledger record: the grid member sees it among its own records.
      const mine = await grid.request({ method: 'GET', url: '/api/records?year=2024' });
      expect(mine.json<{ items: { id: number }[] }>().items.map((i) => i.id)).toContain(c.id);
      const audit = await h.db
        .selectFrom('audit_log')
        .select(['action', 'target_id'])
        .where('action', '=', 'case.open')
        .execute();
      expect(audit.map((a) => Number(a.target_id))).toContain(c.id);
    });

    it('refuses a grid member any other case type, and any township but its own', async () => {
      for (const type of ['petition', 'inspection', 'legal_review', 'disclosure_request']) {
        const r = await grid.request({ method: 'POST', url: '/api/cases', payload: report({ type }) });
        expect(r.statusCode, type).toBe(403);
        expect(r.json<ErrorBody>().error.message).toBe('当前角色无权登记此类案件');
      }
      for (const township of [w.b.id, w.c.id]) {
        const r = await grid.request({
          method: 'POST',
          url: '/api/cases',
          payload: report({ township, org: null }),
        });
        expect(r.statusCode).toBe(403);
      }
    });

    it('shows a grid member its own reports only: another member’s or the township’s are not found', async () => {
      await createUsers(
        h,
        [
          {
            username: 'grid.other',
            name: '另一网格员',
            role: 'grid_member',
            orgId: w.a.id,
            password: PASSWORD,
            mustChangePassword: false,
          },
        ],
        NOW,
      );
      const other = await signIn(app, 'grid.other');
      const staff = await signIn(app, 'township.staff');
      const open = async (c: Client, title: string) => {
        const r = await c.request({ method: 'POST', url: '/api/cases', payload: report({ title }) });
        expect(r.statusCode, r.body).toBe(201);
        return r.json<CaseAnswer>().id;
      };
      const mine = await open(grid, '本人上报：邻里噪声纠纷');
      const theirs = await open(other, '他人上报：土地承包纠纷');
      const township = await open(staff, '司法所登记：婚姻家庭纠纷');
      const photo = await other.request({
        method: 'POST',
        url: `/api/records/${theirs}/evidence?name=${encodeURIComponent('现场.png')}`,
        headers: { 'content-type': 'image/png' },
        payload: PNG,
      });
      expect(photo.statusCode, photo.body).toBe(201);

      const listed = (await grid.request({ method: 'GET', url: `/api/cases?org=${w.a.id}&limit=500` })).json<{
        items: { id: number }[];
      }>();
      const ids = listed.items.map((i) => i.id);
      expect(ids).toContain(mine);
      expect(ids).not.toContain(theirs);
      expect(ids).not.toContain(township);
      const due = (await grid.request({ method: 'GET', url: `/api/deadlines?days=3660` })).json<{
        items: { id: number }[];
      }>();
      expect(due.items.map((i) => i.id)).not.toContain(theirs);
      for (const id of [theirs, township]) {
        for (const url of [`/api/cases/${id}`, `/api/records/${id}`, `/api/records/${id}/evidence`]) {
          const r = await grid.request({ method: 'GET', url });
          expect(r.statusCode, url).toBe(404);
        }
        const step = await grid.request({
          method: 'POST',
          url: `/api/cases/${id}/transitions`,
          payload: { action: 'revisit', values: { satisfaction: 'satisfied' } },
        });
        expect(step.statusCode).toBe(404);
      }
      const shot = (await other.request({ method: 'GET', url: `/api/records/${theirs}/evidence` })).json<{
        items: { id: number }[];
      }>().items;
      const file = await grid.request({ method: 'GET', url: `/api/evidence/${shot[0]!.id}` });
      expect(file.statusCode).toBe(404);
      // The township's staff still see every report of the township.
      const all = (await staff.request({ method: 'GET', url: `/api/cases?org=${w.a.id}&limit=500` })).json<{
        items: { id: number }[];
      }>();
      expect(all.items.map((i) => i.id)).toEqual(expect.arrayContaining([mine, theirs, township]));
    });

    it('serves the case catalogue: states, steps with their roles, clocks with their legal basis', async () => {
      const r = await grid.request({ method: 'GET', url: '/api/catalogue/cases' });
      expect(r.statusCode).toBe(200);
      const items = r.json<{ items: CaseTypeInfo[] }>().items;
      const dispute = items.find((t) => t.kind === 'dispute');
      expect(items.map((t) => t.kind)).toContain('petition');
      expect(dispute?.openRoles).toContain('grid_member');
      expect(dispute?.states.map((s) => s.id)).toEqual(['registered', 'mediating', 'resolved', 'failed']);
      expect(dispute?.setOnOpen).toEqual(expect.arrayContaining(['status', 'dueDate']));
      const resolve = dispute?.steps.find((s) => s.id === 'resolve');
      expect(resolve?.roles).toEqual(['township_staff', 'township_leader', 'legal_adviser']);
      expect(resolve?.basisText).toBe('人民调解法 第28条');
      expect(dispute?.steps.find((s) => s.id === 'revisit')?.roles).toContain('grid_member');
      expect(dispute?.steps.map((s) => s.id)).toContain('assign');
      const petition = items.find((t) => t.kind === 'petition');
      const handle = petition?.clocks.find((c) => c.id === 'petition.handle');
      expect(handle).toMatchObject({ period: '60日', basisText: '信访工作条例 第31条、第34条' });
      expect(handle?.extension).toMatchObject({ max: 30, times: 1 });
    });

    it('tells the web app the role’s actions and record kinds with the signed-in user', async () => {
      const me = (await grid.request({ method: 'GET', url: '/api/auth/me' })).json<{
        user: { permissions: string[]; readKinds: string[] | null; writeKinds: string[] | null };
      }>().user;
      expect(me.permissions).toEqual(expect.arrayContaining(['cases.write', 'records.read']));
      expect(me.permissions).not.toContain('indicators.read');
      expect([me.readKinds, me.writeKinds]).toEqual([['dispute'], ['dispute']]);
      const staff = await signIn(app, 'township.staff');
      const s = (await staff.request({ method: 'GET', url: '/api/auth/me' })).json<{
        user: { readKinds: unknown; writeKinds: unknown; ownRecordsOnly: boolean };
      }>().user;
      expect([s.readKinds, s.writeKinds, s.ownRecordsOnly]).toEqual([null, null, false]);
    });
  });
}
