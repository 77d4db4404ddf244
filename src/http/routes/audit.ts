import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addDays, todayOf } from '../../core/dates.ts';
import { verifyAudit } from '../../services/audit.ts';
import { auditFacets, auditPage, type AuditFilter } from '../../services/audit-read.ts';
import { exportAuditXlsx } from '../../services/audit-xlsx.ts';
import { XLSX_TYPE, contentDisposition } from '../files.ts';
import { route } from '../route.ts';
import { isoDate } from '../schemas.ts';

const filterQuery = z.object({
  from: isoDate.optional(),
  /** Inclusive day. */
  to: isoDate.optional(),
  /** The acting account's username. */
  actor: z.string().trim().min(1).max(80).optional(),
  action: z.string().trim().min(1).max(80).optional(),
  targetType: z.string().trim().min(1).max(40).optional(),
  targetId: z.string().trim().min(1).max(80).optional(),
});

const auditQuery = filterQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  /** Chain order (the default) or newest first. */
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** The query as the service takes it: `to` becomes the next day, so it includes the whole day. */
const filterOf = (q: z.infer<typeof filterQuery>): AuditFilter => ({
  ...q,
  to: q.to ? addDays(q.to, 1) : undefined,
});

/** 三员分立: only the auditor reads the log; no route edits or erases it. */
export function registerAuditRoutes(app: FastifyInstance): void {
  const tag = '审计';
  route(
    app,
    {
      method: 'GET',
      url: '/audit',
      summary: '审计日志：按账号、操作、对象、日期筛选，操作和角色附中文名称、修改前后的字段',
      tag,
      access: 'audit.read',
      query: auditQuery,
    },
    async ({ deps, query, user }) => {
      const { limit, offset, order, ...f } = query;
      return auditPage(deps.h, user, filterOf(f), { limit, offset, order });
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/audit/facets',
      summary: '审计日志的筛选项：出现过的账号、操作和对象类型',
      tag,
      access: 'audit.read',
    },
    async ({ deps, user }) => auditFacets(deps.h, user),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/audit/export',
      summary: '导出审计日志（.xlsx，按筛选条件，末行为导出时的链头哈希；导出本身记入审计日志）',
      tag,
      access: 'audit.read',
      query: filterQuery,
      produces: XLSX_TYPE,
    },
    async ({ deps, query, user, actor, at, reply }) => {
      const { bytes } = await exportAuditXlsx(deps.h, user, actor, at, filterOf(query));
      const name = `审计日志${todayOf(at)}.xlsx`;
      return reply.type(XLSX_TYPE).header('Content-Disposition', contentDisposition(name)).send(bytes);
    },
  );
  route(
    app,
    { method: 'GET', url: '/audit/verify', summary: '核验审计日志哈希链', tag, access: 'audit.read' },
    async ({ deps }) => verifyAudit(deps.h),
  );
}
