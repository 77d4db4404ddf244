import type { FastifyInstance } from 'fastify';
import { publicRoute } from '../route.ts';

export function registerHealthRoutes(app: FastifyInstance): void {
  publicRoute(
    app,
    { method: 'GET', url: '/health', summary: '健康检查', tag: '系统', access: 'public' },
    ({ deps }) => ({
      ok: true,
      db: deps.h.dialect.name,
    }),
  );
}
