import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { allowedKinds } from '../../services/access.ts';
import { monthlyActivity } from '../../services/activity.ts';
import { route } from '../route.ts';
import { orgId, year } from '../schemas.ts';
import { filterOrg } from './records.ts';

const activityQuery = z.object({ org: orgId.optional(), year });

/** Monthly work by area: the dashboard chart, aggregated in the database rather than from ledger pages. */
export function registerActivityRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'GET',
      url: '/activity',
      summary: '某组织某年度各月台账记录数（按工作领域；不含名册类和逐人成绩记录）',
      tag: '指标',
      access: 'indicators.read',
      query: activityQuery,
      cache: true,
      replica: true,
    },
    async ({ deps, read, query, user, scope }) => {
      const org = await filterOrg(deps.h, user, query.org);
      return monthlyActivity(read, scope, org, query.year, allowedKinds(user.role, 'read'));
    },
  );
}
