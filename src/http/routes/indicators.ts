import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { yearPeriod } from '../../core/dates.ts';
import { computeIndicators, explainIndicator } from '../../services/indicators.ts';
import { route } from '../route.ts';
import { orgId, year } from '../schemas.ts';
import { filterOrg } from './records.ts';

const indicatorQuery = z.object({ org: orgId.optional(), year });
const explainQuery = indicatorQuery.extend({ key: z.string().min(1).max(80) });

export function registerIndicatorRoutes(app: FastifyInstance): void {
  const tag = '指标';
  route(
    app,
    {
      method: 'GET',
      url: '/indicators',
      summary: '某组织某年度的全部指标（默认本人所在组织）',
      tag,
      access: 'indicators.read',
      query: indicatorQuery,
      cache: true,
      replica: true,
    },
    async ({ deps, read, query, user }) => {
      const org = await filterOrg(deps.h, user, query.org);
      return {
        org,
        year: query.year,
        indicators: await computeIndicators(read, org, yearPeriod(query.year)),
      };
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/explain',
      summary: '指标值背后的台账记录',
      tag,
      access: 'indicators.read',
      query: explainQuery,
      cache: true,
      replica: true,
    },
    async ({ deps, read, query, user }) => {
      const org = await filterOrg(deps.h, user, query.org);
      return {
        org,
        year: query.year,
        ...(await explainIndicator(read, query.key, org, yearPeriod(query.year))),
      };
    },
  );
}
