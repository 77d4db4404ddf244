import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createPlanItem,
  deletePlanItem,
  linkPlanItem,
  listStudyPlan,
  planCandidates,
  planProgress,
  updatePlanItem,
} from '../../services/study-plans.ts';
import { route } from '../route.ts';
import { idParams, orgId, year } from '../schemas.ts';

const TAG = '学法计划';
const ofYear = z.object({ orgId, year });
const item = z
  .object({
    sessionType: z.string().max(40),
    topic: z.string().max(1000),
    laws: z.string().max(5000).nullish(),
    month: z.number().int(),
    audience: z.string().max(40),
  })
  .strict();

/** 学法计划（学法清单）: a year's plan of a township or county, its items and the records that fulfilled them. */
export function registerStudyPlanRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'GET',
      url: '/study-plans',
      summary: '某组织某年度的学法计划：按月份列出计划项及其对应的学法记录（标题、日期）和完成情况',
      tag: TAG,
      access: 'study.plan',
      query: ofYear,
    },
    async ({ deps, query, user, at }) => listStudyPlan(deps.h, user, query, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/study-plans/progress',
      summary: '学法计划完成情况：按学习形式和合计的计划数、已完成数、截至本月应完成数、逾期未完成的计划项',
      tag: TAG,
      access: 'indicators.read',
      query: ofYear,
    },
    async ({ deps, query, user, at }) => planProgress(deps.h, user, query, at),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/study-plans',
      summary: '新增学法计划项（学习形式、学习内容、学习法律法规、月份、参学对象）',
      tag: TAG,
      access: 'study.plan',
      body: item.extend({ orgId: z.number().int().positive(), year: z.number().int() }).strict(),
      status: 201,
    },
    async ({ deps, body, user, actor, at }) => createPlanItem(deps.h, user, actor, body, at),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/study-plans/:id',
      summary: '修改学法计划项',
      tag: TAG,
      access: 'study.plan',
      params: idParams,
      body: item,
    },
    async ({ deps, params, body, user, actor, at }) =>
      updatePlanItem(deps.h, user, actor, params.id, body, at),
  );
  route(
    app,
    {
      method: 'DELETE',
      url: '/study-plans/:id',
      summary: '删除学法计划项',
      tag: TAG,
      access: 'study.plan',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => {
      await deletePlanItem(deps.h, user, actor, params.id, at);
      return { ok: true };
    },
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/study-plans/:id/record',
      summary: '把学法计划项对应到完成它的学法培训记录（recordId 为 null 时取消对应）',
      tag: TAG,
      access: 'study.plan',
      params: idParams,
      body: z.object({ recordId: z.number().int().positive().nullable() }).strict(),
    },
    async ({ deps, params, body, user, actor, at }) =>
      linkPlanItem(deps.h, user, actor, params.id, body.recordId, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/study-plans/:id/candidates',
      summary: '可对应该计划项的学法记录：学习形式相同、日期在计划月份前后一个月内、尚未对应其他计划项',
      tag: TAG,
      access: 'study.plan',
      params: idParams,
    },
    async ({ deps, params, user }) => planCandidates(deps.h, user, params.id),
  );
}
