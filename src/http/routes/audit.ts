import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addDays } from '../../core/dates.ts';
import { listAudit, verifyAudit } from '../../services/audit.ts';
import { route } from '../route.ts';
import { isoDate } from '../schemas.ts';

const auditQuery = z.object({
  from: isoDate.optional(),
  /** Inclusive day. */
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** 三员分立: only the auditor reads the log; no route edits or erases it. */
export function registerAuditRoutes(app: FastifyInstance): void {
  const tag = '审计';
  route(
    app,
    {
      method: 'GET',
      url: '/audit',
      summary: '审计日志（按时间）',
      tag,
      access: 'audit.read',
      query: auditQuery,
    },
    async ({ deps, query }) => ({
      items: await listAudit(deps.h, {
        from: query.from,
        // The next day, so `to` includes the whole day (`at` is an ISO timestamp).
        to: query.to ? addDays(query.to, 1) : undefined,
        limit: query.limit,
        offset: query.offset,
      }),
    }),
  );
  route(
    app,
    { method: 'GET', url: '/audit/verify', summary: '核验审计日志哈希链', tag, access: 'audit.read' },
    async ({ deps }) => verifyAudit(deps.h),
  );
}
