import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findCaseType } from '../../catalogue/cases.ts';
import { UserError, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import { allowedKinds, forbidden, kindAllowed, scopeOf } from '../../services/access.ts';
import { registerCase, takeCaseStep } from '../../services/case-writes.ts';
import { listCases, showCase } from '../../services/cases.ts';
import { dueCases } from '../../services/cases/due.ts';
import { orgFilter } from '../../services/orgs.ts';
import type { SessionUser } from '../../services/sessions.ts';
import { route } from '../route.ts';
import { yearPeriod } from '../../core/dates.ts';
import { idParams, isoDate, orgId, recordDraft, year } from '../schemas.ts';
import { dueFilter, filterOrg } from './records.ts';

const listQuery = z.object({
  org: orgId.optional(),
  type: z.string().max(60).optional(),
  state: z.string().max(60).optional(),
  open: z.enum(['true', 'false']).optional(),
  /** Cases opened in the year, and open ones opened before it. */
  year: year.optional(),
  /** Title contains this text. */
  q: z.string().max(100).optional(),
  /** Open cases past their due date (`overdue`) or due within 7 days (`soon`). */
  due: z.enum(['overdue', 'soon']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const newCase = recordDraft.extend({
  type: z.string().min(1).max(60),
  township: z.number().int().positive().optional(),
});
const step = z.object({
  action: z.string().min(1).max(60),
  date: isoDate.optional(),
  values: z
    .record(z.string().max(64), z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]))
    .optional(),
  reason: z.string().max(2000).nullish(),
});
const dueQuery = z.object({
  org: orgId.optional(),
  days: z.coerce.number().int().min(0).max(3660).default(7),
  /** A page of the list, most urgent first; the counts cover the whole list. */
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A case the user may see: in scope (the service's predicate) and of a type the role reads. */
async function visibleCase(h: Db, user: SessionUser, id: number, now: string) {
  const c = await showCase(h, scopeOf(user), id, now);
  if (!kindAllowed(user.role, 'read', c.type)) throw notFound(`案件 ${id} 不存在或无权查看`);
  return c;
}

export function registerCaseRoutes(app: FastifyInstance): void {
  const tag = '案件';
  route(
    app,
    {
      method: 'GET',
      url: '/cases',
      summary:
        '案件列表（组织、类型、状态、是否办结、年度：当年登记的及以前年度未办结的、标题文字、逾期/临期）',
      tag,
      access: 'cases.read',
      query: listQuery,
      cache: 'cases',
      replica: true,
    },
    async ({ deps, read, query, user, scope, at }) => {
      const org = await filterOrg(deps.h, user, query.org);
      const type = query.type === undefined ? undefined : findCaseType(query.type);
      if (query.type !== undefined && !type)
        throw new UserError(`未知的案件类型“${query.type}”`, 'unknown_case_type');
      const readable = allowedKinds(user.role, 'read');
      if (type && readable && !readable.includes(type.kind)) throw forbidden('当前角色无权查看此类案件');
      const types = type ? [type.kind] : readable;
      const open = query.open === undefined ? undefined : query.open === 'true';
      return listCases(read, scope, {
        org: orgFilter(org),
        types,
        states: query.state ? [query.state] : undefined,
        open,
        period: query.year === undefined ? undefined : yearPeriod(query.year),
        text: query.q,
        due: dueFilter(query.due, at),
        limit: query.limit,
        offset: query.offset,
      });
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/cases/:id',
      summary: '案件详情：经过、时限及其依据、可办步骤',
      tag,
      access: 'cases.read',
      params: idParams,
    },
    async ({ deps, params, user, at }) => visibleCase(deps.h, user, params.id, at),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/cases',
      summary: '登记案件',
      tag,
      access: 'cases.write',
      body: newCase,
      status: 201,
    },
    async ({ deps, body, user, actor, at }) => {
      const { type, township, ...draft } = body;
      return registerCase(deps.h, user, actor, { type, townshipId: township, draft }, at);
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/cases/:id/transitions',
      summary: '办理案件的一个步骤（受理、调解、答复、审批…）',
      tag,
      access: 'cases.act',
      params: idParams,
      body: step,
    },
    async ({ deps, params, body, user, actor, at }) => takeCaseStep(deps.h, user, actor, params.id, body, at),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/deadlines',
      summary: '即将到期和已逾期的法定时限',
      tag,
      access: 'cases.read',
      query: dueQuery,
      cache: 'cases',
    },
    async ({ deps, query, user, scope, at }) => {
      const org = await filterOrg(deps.h, user, query.org);
      const items = await dueCases(deps.h, org, query.days, at, scope);
      const readable = allowedKinds(user.role, 'read');
      const all = readable ? items.filter((i) => readable.includes(i.type)) : items;
      return {
        total: all.length,
        overdue: all.filter((i) => i.overdue).length,
        items: all.slice(query.offset, query.offset + query.limit),
      };
    },
  );
}
