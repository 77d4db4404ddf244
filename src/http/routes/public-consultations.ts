import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  portalConsultation,
  portalConsultations,
  submitComment,
} from '../../services/public/consultations-public.ts';
import { consultationBody, consultationListBody } from '../public/consultation-pages.ts';
import { sendPage, takePublic, countyPage } from '../public/site.ts';
import { publicRoute } from '../route.ts';
import { idParams } from '../schemas.ts';
import { countyParams } from './public-site.ts';

// Upper bounds only: the service names each field and its own limit in its Chinese refusal.
const commentBody = z.object({
  body: z.string().max(20_000),
  name: z.string().max(1000).optional(),
  contact: z.string().max(1000).optional(),
  challenge: z.object({ token: z.string().max(200), nonce: z.string().max(64) }),
});

/** 意见征集 on the portal: the county's consultations, one consultation, and leaving a comment. */
export function registerPublicConsultations(app: FastifyInstance): void {
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/consultations',
      summary: '重大行政决策草案公开征求意见：正在征求意见的（附剩余天数）在前，已结束的在后',
      tag: '公开',
      access: 'public',
      params: countyParams,
      produces: 'text/html',
    },
    async ({ deps: d, params, reply, now }) =>
      countyPage(reply, d.h, params.county, async (county) => {
        const all = await portalConsultations(d.h, county, now);
        return sendPage(reply, {
          title: '意见征集',
          county,
          section: 'consultations',
          body: consultationListBody(county, all),
        });
      }),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/consultations/:id',
      summary: '一项征求意见：起草说明、草案文本、征求意见期间和意见表；结束后公布意见采纳情况',
      tag: '公开',
      access: 'public',
      params: countyParams.extend({ id: idParams.shape.id }),
      produces: 'text/html',
    },
    async ({ deps: d, params, reply, now }) =>
      countyPage(reply, d.h, params.county, async (county) => {
        const c = await portalConsultation(d.h, county, params.id, now);
        return sendPage(reply, {
          title: c.title,
          county,
          section: 'consultations',
          body: consultationBody(county, c),
        });
      }),
  );
  publicRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/consultations/:id/comments',
      summary:
        '对征求意见中的决策草案提出意见（意见必填，姓名、联系方式选填；须先完成提交校验；截止后不再接受）',
      tag: '公开',
      access: 'public',
      params: idParams,
      body: commentBody,
      status: 201,
    },
    async ({ deps: d, params, body, ip, reply, now }) => {
      await takePublic(d, 'publicSubmit', ip, reply, now);
      return submitComment(d.h, { consultationId: params.id, ...body }, ip, now);
    },
  );
}
