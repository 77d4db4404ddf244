import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { DbUnavailableError, unreachableReason } from '../../db/connect.ts';
import { publicRoute } from '../route.ts';

/** Up means the database answers: a monitor sees 503 during an outage, and 200 again once it is over. */
export function registerHealthRoutes(app: FastifyInstance): void {
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/health',
      summary: '健康检查（含数据库连通性）',
      tag: '系统',
      access: 'public',
      unqueued: true,
    },
    async ({ deps }) => {
      try {
        await sql`select 1`.execute(deps.h.db);
      } catch (e) {
        throw new DbUnavailableError('', unreachableReason(e) ?? '数据库没有应答');
      }
      return { ok: true, db: deps.h.dialect.name };
    },
  );
}
