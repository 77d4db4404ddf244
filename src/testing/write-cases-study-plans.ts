/** The write cases of 学法计划: an item created, edited, deleted, linked to its record and unlinked. */
import { createRecord } from '../services/ledger-writes.ts';
import { createPlanItem, deletePlanItem, linkPlanItem, updatePlanItem } from '../services/study-plans.ts';
import type { World, WriteCase } from './write-cases.ts';

const AT = '2025-06-30T02:00:00.000Z';
const fields = { sessionType: 'center_group', topic: '学习宪法', laws: null, month: 3, audience: 'leaders' };
let n = 0;

const item = (w: World) =>
  createPlanItem(w.h, w.staff, w.act(w.staff), { ...fields, orgId: w.org.a.id, year: 2025 }, AT);

async function studyRecord(w: World): Promise<number> {
  const draft = { date: '2025-03-10', title: `中心组学法${++n}`, data: { sessionType: 'center_group' } };
  return (await createRecord(w.h, w.staff, w.act(w.staff), { kind: 'study_session', draft }, AT)).id;
}

export const studyPlanWriteCases: readonly WriteCase[] = [
  {
    service: 'study-plans.ts#createPlanItem',
    action: 'study_plan.create',
    prepare: (w) => () => item(w),
  },
  {
    service: 'study-plans.ts#updatePlanItem',
    action: 'study_plan.update',
    prepare: async (w) => {
      const { id } = await item(w);
      return () => updatePlanItem(w.h, w.staff, w.act(w.staff), id, { ...fields, month: 4 }, AT);
    },
  },
  {
    service: 'study-plans.ts#deletePlanItem',
    action: 'study_plan.delete',
    prepare: async (w) => {
      const { id } = await item(w);
      return () => deletePlanItem(w.h, w.staff, w.act(w.staff), id, AT);
    },
  },
  {
    service: 'study-plans.ts#linkPlanItem',
    action: 'study_plan.link',
    prepare: async (w) => {
      const [{ id }, record] = [await item(w), await studyRecord(w)];
      return () => linkPlanItem(w.h, w.staff, w.act(w.staff), id, record, AT);
    },
  },
  {
    service: 'study-plans.ts#linkPlanItem',
    action: 'study_plan.unlink',
    prepare: async (w) => {
      const { id } = await item(w);
      await linkPlanItem(w.h, w.staff, w.act(w.staff), id, await studyRecord(w), AT);
      return () => linkPlanItem(w.h, w.staff, w.act(w.staff), id, null, AT);
    },
  },
];
