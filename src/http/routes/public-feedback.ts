import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { normaliseCode } from '../../services/public/codes.ts';
import { MAX_PHOTO_BYTES, addFeedbackPhoto, submitFeedback } from '../../services/public/feedback.ts';
import { countyCategories } from '../../services/public/feedback-rules.ts';
import { feedbackStatus, rateFeedback } from '../../services/public/feedback-status.ts';
import { portalTownships } from '../../services/public/portal.ts';
import { sendError } from '../errors.ts';
import { fileNameOf } from '../files.ts';
import { feedbackForm, feedbackStatusPage } from '../public/feedback-pages.ts';
import { portalPath } from '../public/layout.ts';
import { sendPage, takePublic, countyPage } from '../public/site.ts';
import { publicRoute } from '../route.ts';

const countyParams = z.object({ county: z.string().min(1).max(30) });
const challenge = z.object({ token: z.string().max(300), nonce: z.string().max(100) });
const feedbackBody = z.object({
  county: z.string().min(1).max(30),
  category: z.string().max(60),
  place: z.string().max(30),
  description: z.string().max(20_000),
  name: z.string().max(200).optional(),
  phone: z.string().max(60),
  challenge,
});
const ratingBody = z.object({
  rating: z.string().max(30),
  comment: z.string().max(5_000).optional(),
  /** Sent by the portal's script with every form; a rating does not need it. */
  challenge: challenge.optional(),
});
const codeParams = z.object({ code: z.string().max(40) });
const statusQuery = z.object({ code: z.string().max(40).optional() });
const photoQuery = z.object({ name: z.string().max(255).optional() });

const PHOTOS_URL = '/api/public/feedback/:code/photos';
/** The code as the portal shows it: four groups of four. */
const shownCode = (code: string): string => normaliseCode(code).replace(/(.{4})(?=.)/g, '$1-');
/** A code's limit key: its hash, so no tracking code is ever written to the throttle log. */

/** 群众诉求 on the public portal: the form, the submission and its photos, the progress page, the rating. */
export function registerPublicFeedback(app: FastifyInstance): void {
  const tag = '公开';
  // A photo over the limit is refused on its declared length, before a byte of it is read.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'POST' || req.routeOptions.url !== PHOTOS_URL) return;
    if (Number(req.headers['content-length'] ?? 0) > MAX_PHOTO_BYTES)
      return sendError(reply, 413, 'too_large', `照片不能超过 ${MAX_PHOTO_BYTES / 1048576} MB`);
  });

  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/feedback',
      summary: '反映问题（群众诉求）的表单',
      tag,
      access: 'public',
      params: countyParams,
      produces: 'text/html',
    },
    async ({ deps: d, params, reply }) =>
      countyPage(reply, d.h, params.county, async (county) => {
        const { categories } = await countyCategories(d.h, county.id);
        return sendPage(reply, {
          title: '反映问题',
          county,
          section: 'feedback',
          body: feedbackForm(county, categories, await portalTownships(d.h, county)),
        });
      }),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/feedback/status',
      summary: '凭查询码查看群众诉求的办理进度，办结后评价',
      tag,
      access: 'public',
      params: countyParams,
      query: statusQuery,
      produces: 'text/html',
    },
    async ({ deps: d, params, query, reply, now }) =>
      // An unknown county answers outside any county's frame; an unknown code inside its own.
      countyPage(reply, d.h, params.county, async (county) => {
        if (!query.code?.trim()) return reply.redirect(portalPath(county, 'track'), 303);
        await takePublic(d, 'publicCode', query.code, reply, now);
        const status = await feedbackStatus(d.h, query.code, county);
        return sendPage(reply, {
          title: '诉求办理进度',
          county,
          section: 'track',
          body: feedbackStatusPage(county, shownCode(query.code), status),
        });
      }),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/feedback/:code',
      summary: '群众诉求的办理进度：办理单位、类别、状态、期限和办理经过（不含工作人员和当事人信息）',
      tag,
      access: 'public',
      params: codeParams,
    },
    async ({ deps: d, params, reply, now }) => {
      await takePublic(d, 'publicCode', params.code, reply, now);
      return feedbackStatus(d.h, params.code);
    },
  );
  publicRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/feedback',
      summary:
        '反映问题：按县里设定的分类转为问题发生地乡镇的矛盾纠纷或信访案件，返回查询码（需先完成提交校验）',
      tag,
      access: 'public',
      body: feedbackBody,
      status: 201,
    },
    async ({ deps: d, body, ip, reply, now }) => {
      await takePublic(d, 'publicSubmit', ip, reply, now);
      const r = await submitFeedback(d.h, body, { ip, now });
      return { ...r, message: `已提交，由${r.township}按${r.caseType}程序办理` };
    },
  );
  publicRoute(
    app,
    {
      method: 'POST',
      url: PHOTOS_URL,
      summary: `为刚提交的诉求上传照片（原始字节；提交后一小时内，最多3张，JPEG/PNG/WebP，每张不超过 ${MAX_PHOTO_BYTES / 1048576} MB）`,
      tag,
      access: 'public',
      params: codeParams,
      query: photoQuery,
      upload: { maxBytes: MAX_PHOTO_BYTES },
      status: 201,
    },
    async ({ deps: d, params, query, body, req, reply, ip, now }) => {
      await takePublic(d, 'publicCode', params.code, reply, now);
      if (!Buffer.isBuffer(body)) throw new UserError('缺少照片内容', 'empty_file');
      const file = { code: params.code, name: fileNameOf(req, query.name), bytes: body };
      return addFeedbackPhoto(d.h, d.store, file, { ip, now });
    },
  );
  publicRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/feedback/:code/rating',
      summary: '诉求办结后评价办理结果（满意、基本满意、不满意，每个查询码只能评价一次）',
      tag,
      access: 'public',
      params: codeParams,
      body: ratingBody,
    },
    async ({ deps: d, params, body, ip, reply, now }) => {
      await takePublic(d, 'publicCode', params.code, reply, now);
      await takePublic(d, 'publicSubmit', ip, reply, now);
      const input = {
        code: params.code,
        rating: body.rating,
        ...(body.comment === undefined ? {} : { comment: body.comment }),
      };
      const r = await rateFeedback(d.h, input, { ip, now });
      return { code: shownCode(params.code), message: `已评价：${r.rating}` };
    },
  );
}
