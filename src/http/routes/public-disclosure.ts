import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { normaliseCode, notFoundCode } from '../../services/public/codes.ts';
import {
  correctDisclosureRequest,
  disclosureByCode,
  disclosureReplyFile,
  submitDisclosureRequest,
} from '../../services/public/disclosure.ts';
import { publicActor } from '../../services/public/guard.ts';
import { portalCounty, portalTownships } from '../../services/public/portal.ts';
import type { AppDeps } from '../context.ts';
import { contentDisposition } from '../files.ts';
import { applyPage } from '../public/disclosure-apply.ts';
import { lookupBody, showCode, statusBody } from '../public/disclosure-status.ts';
import { sendPage, takePublic, countyPage } from '../public/site.ts';
import { publicRoute } from '../route.ts';

const challenge = z.object({ token: z.string().max(200), nonce: z.string().max(64) });
/** The form's fields are read and checked by the service (Chinese errors per field). */
const submitBody = z.object({ county: z.string().min(1).max(30), challenge }).catchall(z.unknown());
const correctionBody = z.object({ challenge }).catchall(z.unknown());
const countyParams = z.object({ county: z.string().min(1).max(30) });
const codeParams = z.object({ code: z.string().min(1).max(40) });
const tag = '公开：依申请公开';

/** The code as typed, normalised; a malformed one is simply not found. */
function codeOf(input: string): string {
  try {
    return normaliseCode(input);
  } catch {
    throw notFoundCode();
  }
}

async function takeCode(d: AppDeps, input: string, reply: FastifyReply, now: Date): Promise<string> {
  const code = codeOf(input);
  await takePublic(d, 'publicCode', code, reply, now);
  return code;
}

/** The form's own fields: everything but the challenge and the county. */
const formOf = (body: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'challenge' && k !== 'county'));

/** 依申请公开 on the portal: the form, the progress page, and their JSON API. */
export function registerPublicDisclosure(app: FastifyInstance): void {
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/disclosure/apply',
      summary: '政府信息公开申请表（公民、法人或者其他组织在线提出申请）',
      tag,
      access: 'public',
      params: countyParams,
      query: z.object({ township: z.string().max(12).optional() }),
      produces: 'text/html',
    },
    async ({ deps: d, params, query, reply }) =>
      countyPage(reply, d.h, params.county, async (county) => {
        const towns = await portalTownships(d.h, county);
        const selected = query.township && /^\d+$/.test(query.township) ? Number(query.township) : null;
        return sendPage(reply, {
          title: '政府信息公开申请',
          county,
          section: 'disclosure',
          body: applyPage(county, towns, selected),
        });
      }),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/disclosure/status',
      summary: '凭查询码查看政府信息公开申请的办理进度、补正要求和答复',
      tag,
      access: 'public',
      params: countyParams,
      query: z.object({ code: z.string().max(40).optional(), new: z.string().max(1).optional() }),
      produces: 'text/html',
    },
    async ({ deps: d, params, query, reply, now }) =>
      // A missing county is answered without a county's frame; anything after it inside one.
      countyPage(reply, d.h, params.county, async (county) => {
        const page = { title: '申请进度', county, section: 'track' as const };
        const given = query.code?.trim();
        if (!given) return sendPage(reply, { ...page, body: lookupBody(county, undefined, null) });
        try {
          const code = await takeCode(d, given, reply, now);
          const status = await disclosureByCode(d.h, code, now, county);
          reply.header('Cache-Control', 'no-store');
          return sendPage(reply, {
            ...page,
            body: statusBody(county, showCode(code), status, query.new === '1'),
          });
        } catch (e) {
          if (!(e instanceof UserError) || e.status !== 404) throw e;
          return sendPage(reply, { ...page, body: lookupBody(county, given, e.message) }, 404);
        }
      }),
  );
  publicRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/disclosure-requests',
      summary:
        '提交政府信息公开申请（先做 GET /api/public/challenge 的校验计算；同一地址限频，12小时内相同内容不重复受理），返回只显示一次的查询码',
      tag,
      access: 'public',
      body: submitBody,
      status: 201,
    },
    async ({ deps: d, body, ip, reply, now }) => {
      await takePublic(d, 'publicSubmit', ip, reply, now);
      const county = await portalCounty(d.h, body.county);
      const out = await submitDisclosureRequest(
        d.h,
        publicActor(ip),
        county,
        { form: formOf(body), challenge: body.challenge },
        now,
      );
      return { ...out, message: `申请已提交，${out.township}将在20个工作日内答复。请保存查询码。` };
    },
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/disclosure-requests/:code',
      summary: '凭查询码查询政府信息公开申请的办理进度（不含申请人个人信息）',
      tag,
      access: 'public',
      params: codeParams,
    },
    async ({ deps: d, params, reply, now }) =>
      disclosureByCode(d.h, await takeCode(d, params.code, reply, now), now),
  );
  publicRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/disclosure-requests/:code/correction',
      summary: '申请人在线提交补正（仅在受理机关告知补正后；收到补正后答复期限重新计算）',
      tag,
      access: 'public',
      params: codeParams,
      body: correctionBody,
    },
    async ({ deps: d, params, body, ip, reply, now }) => {
      await takePublic(d, 'publicSubmit', ip, reply, now);
      const status = await correctDisclosureRequest(
        d.h,
        publicActor(ip),
        codeOf(params.code),
        { form: formOf(body), challenge: body.challenge },
        now,
      );
      return { message: '补正已提交，答复期限自今日起重新计算', status };
    },
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/disclosure-requests/:code/reply',
      summary: '下载答复文书（申请已答复且受理机关上传了答复文书时）',
      tag,
      access: 'public',
      params: codeParams,
      produces: 'application/octet-stream',
    },
    async ({ deps: d, params, reply, now }) => {
      const code = await takeCode(d, params.code, reply, now);
      const file = await disclosureReplyFile(d.h, d.store, code, now);
      return reply
        .type(file.mime)
        .header('Content-Disposition', contentDisposition(file.fileName))
        .send(file.bytes);
    },
  );
}
