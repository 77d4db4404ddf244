/** The access matrix's entries for 学法计划: a township's plan items, their records and progress. */
import type { InjectOptions } from 'fastify';
import type { Org } from '../services/orgs.ts';
import { createPlanItem } from '../services/study-plans.ts';
import type { MatrixCase, MatrixContext, Where } from './access-matrix.ts';
import { addRecord, setup } from './fixtures.ts';

const planners = ['county_officer', 'township_leader', 'township_staff'] as const;
const town = (c: MatrixContext, where: Where): Org => (where === 'own' ? c.w.a : c.w.c);
const YEAR = 2025;
const fields = { sessionType: 'center_group', topic: '学习宪法', laws: null, month: 3, audience: 'leaders' };

/** A new plan item of the township, made by the console. */
async function planItem(c: MatrixContext, where: Where): Promise<number> {
  const input = { ...fields, orgId: town(c, where).id, year: YEAR, topic: `学习宪法${c.next()}` };
  return (await createPlanItem(c.h, setup.p, setup.actor, input, '2025-07-01T02:00:00.000Z')).id;
}

/** A 中心组学法 record of the township in March of the plan's year. */
async function studyRecord(c: MatrixContext, where: Where): Promise<number> {
  const draft = { date: '2025-03-10', title: `中心组学法${c.next()}`, data: { sessionType: 'center_group' } };
  return (await addRecord(c.h, town(c, where), 'study_session', draft)).id;
}

/**
 * One item and one record per township, shared by the requests that leave them as they were:
 * an edit to the same values, the candidates, linking the item to the record it already has.
 */
const shared = new WeakMap<MatrixContext, Map<number, Promise<{ item: number; record: number }>>>();
function sharedItem(c: MatrixContext, where: Where): Promise<{ item: number; record: number }> {
  let byTown = shared.get(c);
  if (!byTown) shared.set(c, (byTown = new Map<number, Promise<{ item: number; record: number }>>()));
  const t = town(c, where).id;
  let made = byTown.get(t);
  if (!made) {
    made = (async () => ({ item: await planItem(c, where), record: await studyRecord(c, where) }))();
    byTown.set(t, made);
  }
  return made;
}

export const studyPlanMatrix: Readonly<Record<string, MatrixCase>> = {
  'GET /api/study-plans': {
    allow: [...planners],
    other: 404,
    ok: 200,
    req: (c, where): InjectOptions => ({
      method: 'GET',
      url: `/api/study-plans?orgId=${town(c, where).id}&year=${YEAR}`,
    }),
  },
  'GET /api/study-plans/progress': {
    allow: [...planners],
    other: 404,
    ok: 200,
    req: (c, where): InjectOptions => ({
      method: 'GET',
      url: `/api/study-plans/progress?orgId=${town(c, where).id}&year=${YEAR}`,
    }),
  },
  'POST /api/study-plans': {
    allow: [...planners],
    other: 404,
    ok: 201,
    req: (c, where): InjectOptions => ({
      method: 'POST',
      url: '/api/study-plans',
      payload: { ...fields, orgId: town(c, where).id, year: YEAR },
    }),
  },
  'PUT /api/study-plans/:id': {
    allow: [...planners],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'PUT',
      url: `/api/study-plans/${(await sharedItem(c, where)).item}`,
      payload: { ...fields, month: 4 },
    }),
  },
  'DELETE /api/study-plans/:id': {
    allow: [...planners],
    other: 404,
    ok: 200,
    req: async (c, where) => ({ method: 'DELETE', url: `/api/study-plans/${await planItem(c, where)}` }),
  },
  'PUT /api/study-plans/:id/record': {
    allow: [...planners],
    other: 404,
    ok: 200,
    req: async (c, where) => {
      const { item, record } = await sharedItem(c, where);
      return { method: 'PUT', url: `/api/study-plans/${item}/record`, payload: { recordId: record } };
    },
  },
  'GET /api/study-plans/:id/candidates': {
    allow: [...planners],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'GET',
      url: `/api/study-plans/${(await sharedItem(c, where)).item}/candidates`,
    }),
  },
};
