import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { requestKindByCode } from '../../services/public/tracking.ts';
import { issueChallenge } from '../../services/public/challenge.ts';
import { portalCounties, portalReports } from '../../services/public/portal.ts';
import { portalConsultations } from '../../services/public/consultations-public.ts';
import { openConsultationsSection } from '../public/consultation-pages.ts';
import { chineseDay, html } from '../public/html.ts';
import { portalNotice, portalPath, codeForm } from '../public/layout.ts';
import { countyParams, sendPage, takePublic, countyPage } from '../public/site.ts';
import { publicRoute } from '../route.ts';
import { registerPublicDisclosed } from './public-disclosed.ts';
import { registerPublicDisclosure } from './public-disclosure.ts';
import { registerPublicConsultations } from './public-consultations.ts';
import { registerPublicFeedback } from './public-feedback.ts';

const asset = (name: string): Buffer => readFileSync(new URL(`../public/assets/${name}`, import.meta.url));
const ASSETS = {
  'portal.css': { type: 'text/css; charset=utf-8', bytes: asset('portal.css') },
  'portal.js': { type: 'text/javascript; charset=utf-8', bytes: asset('portal.js') },
} as const;

const codeQuery = z.object({ code: z.string().max(40).optional() });

/** The public portal's frame: its files, the counties, a county's home, its reports, tracking by code. */
export function registerPublicSite(app: FastifyInstance): void {
  const deps = app.fazhi;
  // One limit over every portal request per address, before anything else is done for it.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/public/') && !req.url.startsWith('/api/public/') && req.url !== '/public')
      return;
    const now = deps.now().getTime();
    if (deps.limits.publicRead.take(req.ip, now)) return;
    reply.header('Retry-After', String(deps.limits.publicRead.retryAfter(req.ip, now)));
    deps.throttles.note('publicRead', req.ip, req.ip, new Date(now).toISOString());
    const message = '访问过于频繁，请稍后再试';
    if (req.url.startsWith('/api/'))
      return reply.code(429).send({ error: { code: 'rate_limited', message } });
    return reply
      .code(429)
      .type('text/html; charset=utf-8')
      .send(portalNotice({ title: '访问过于频繁', message }));
  });

  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/assets/:name',
      summary: '公开平台的样式表和脚本',
      tag: '公开',
      access: 'public',
      params: z.object({ name: z.enum(['portal.css', 'portal.js']) }),
      produces: 'text/css',
    },
    ({ params, reply }) => {
      const a = ASSETS[params.name];
      return reply.type(a.type).header('Cache-Control', 'public, max-age=3600').send(a.bytes);
    },
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/challenge',
      summary: '提交前的校验题（工作量证明：求一个使 SHA-256 前导零位数达到要求的数）',
      tag: '公开',
      access: 'public',
    },
    ({ deps: d, now }) => issueChallenge(d.h, now),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/',
      summary: '公开平台入口（只有一个县时直接进入该县）',
      tag: '公开',
      access: 'public',
      produces: 'text/html',
    },
    async ({ deps: d, reply }) => {
      const counties = await portalCounties(d.h);
      if (counties.length === 1) return reply.redirect(portalPath(counties[0]!), 302);
      return sendPage(reply, {
        title: '选择县（区）',
        body: html`<section class="card">
          <h1>选择县（区）</h1>
          <ul class="list">
            ${counties.map((c) => html`<li><a href="${portalPath(c)}">${c.name}</a></li>`)}
          </ul>
        </section>`,
      });
    },
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/',
      summary: '一个县（区）的公开平台首页',
      tag: '公开',
      access: 'public',
      params: countyParams,
      produces: 'text/html',
    },
    async ({ deps: d, params, reply, now }) =>
      countyPage(reply, d.h, params.county, async (county) => {
        const reports = (await portalReports(d.h, county)).slice(0, 6);
        const consultations = await portalConsultations(d.h, county, now);
        return sendPage(reply, {
          title: '首页',
          county,
          section: 'home',
          body: html`<h1>${county.name}法治政府建设公开平台</h1>
            <div class="tiles">
              <a class="tile" href="${portalPath(county, 'disclosure/apply')}"
                ><strong>申请政府信息公开</strong><span>网上提交，20个工作日内答复</span></a
              >
              <a class="tile" href="${portalPath(county, 'feedback')}"
                ><strong>反映问题</strong><span>矛盾纠纷、信访诉求，办结后可评价</span></a
              >
              <a class="tile" href="${portalPath(county, 'consultations')}"
                ><strong>意见征集</strong><span>对重大行政决策草案提出意见</span></a
              >
              <a class="tile" href="${portalPath(county, 'track')}"
                ><strong>进度查询</strong><span>凭查询码查看办理情况</span></a
              >
              <a class="tile" href="${portalPath(county, 'reports')}"
                ><strong>年度报告</strong><span>各乡镇法治政府建设情况报告</span></a
              >
              <a class="tile" href="${portalPath(county, 'disclosure')}"
                ><strong>主动公开</strong><span>各乡镇主动公开的政府信息</span></a
              >
            </div>
            ${openConsultationsSection(county, consultations)}
            <section class="card">
              <h2>最新公开的年度报告</h2>
              ${
                reports.length
                  ? html`<ul class="list">
                      ${reports.map(
                        (r) =>
                          html`<li>
                            <a href="/api/public/reports/${r.code}/${r.year}"
                              >${r.township}${r.year}年度法治政府建设情况报告</a
                            >
                            <div class="meta">${chineseDay(r.publishedAt)}公开</div>
                          </li>`,
                      )}
                    </ul>`
                  : html`<p class="meta">暂无已公开的年度报告。</p>`
              }
            </section>`,
        });
      }),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/reports',
      summary: '各乡镇已公开的法治政府建设年度报告',
      tag: '公开',
      access: 'public',
      params: countyParams,
      produces: 'text/html',
    },
    async ({ deps: d, params, reply }) =>
      countyPage(reply, d.h, params.county, async (county) => {
        const reports = await portalReports(d.h, county);
        const years = [...new Set(reports.map((r) => r.year))];
        return sendPage(reply, {
          title: '年度报告',
          county,
          section: 'reports',
          body: html`<h1>法治政府建设年度报告</h1>
            ${
              years.length
                ? years.map(
                    (y) =>
                      html`<section class="card">
                        <h2>${y}年度</h2>
                        <ul class="list">
                          ${reports
                            .filter((r) => r.year === y)
                            .map(
                              (r) =>
                                html`<li>
                                  <a href="/api/public/reports/${r.code}/${r.year}"
                                    >${r.township}${r.year}年度法治政府建设情况报告</a
                                  >
                                  <div class="meta">
                                    ${chineseDay(r.publishedAt)}公开 ·
                                    <a href="/api/public/reports/${r.code}/${r.year}/docx">下载原文</a>
                                  </div>
                                </li>`,
                            )}
                        </ul>
                      </section>`,
                  )
                : html`<section class="card"><p class="meta">暂无已公开的年度报告。</p></section>`
            }`,
        });
      }),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/track',
      summary: '凭查询码查询办理进度（转到该申请或诉求的进度页）',
      tag: '公开',
      access: 'public',
      params: countyParams,
      query: codeQuery,
      produces: 'text/html',
    },
    async ({ deps: d, params, query, reply, now }) =>
      countyPage(reply, d.h, params.county, async (county) => {
        const code = query.code?.trim();
        let error: string | null = null;
        if (code) {
          try {
            await takePublic(d, 'publicCode', code, reply, now);
            const kind = await requestKindByCode(d.h, county, code);
            return reply.redirect(
              portalPath(
                county,
                `${kind === 'disclosure' ? 'disclosure' : 'feedback'}/status?code=${encodeURIComponent(code)}`,
              ),
              303,
            );
          } catch (e) {
            if (!(e instanceof UserError) || e.status !== 404) throw e;
            error = e.message;
          }
        }
        return sendPage(reply, {
          title: '进度查询',
          county,
          section: 'track',
          body: html`<section class="card">
            <h1>进度查询</h1>
            ${codeForm({ action: portalPath(county, 'track'), hint: '提交申请或反映问题后获得的16位查询码', code, error })}
          </section>`,
        });
      }),
  );
  registerPublicDisclosed(app);
  registerPublicDisclosure(app);
  registerPublicConsultations(app);
  registerPublicFeedback(app);
}
export { countyParams } from '../public/site.ts';
