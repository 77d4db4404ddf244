import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { todayOf, yearOf } from '../../core/dates.ts';
import { disclosedItem, disclosedItems } from '../../services/public/disclosed.ts';
import { chineseDay, html, paragraphs } from '../public/html.ts';
import { portalPath } from '../public/layout.ts';
import { countyParams, sendPage, countyPage } from '../public/site.ts';
import { publicRoute } from '../route.ts';

const PAGE = 20;

const listQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  // The filter form sends an empty value for 全部.
  township: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
  category: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** 主动公开信息: the county's proactively disclosed items by year, township and category. */
export function registerPublicDisclosed(app: FastifyInstance): void {
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/disclosure',
      summary: '主动公开的政府信息（按年度、乡镇、类别）及依申请公开入口',
      tag: '公开',
      access: 'public',
      params: countyParams,
      query: listQuery,
      produces: 'text/html',
    },
    async ({ deps, params, query, reply, now }) =>
      countyPage(reply, deps.h, params.county, async (county) => {
        const year = query.year ?? yearOf(todayOf(now.toISOString()));
        const category = query.category || undefined;
        const r = await disclosedItems(deps.h, county, { year, townshipId: query.township, category });
        const page = query.page ?? 1;
        const pages = Math.max(1, Math.ceil(r.items.length / PAGE));
        const shown = r.items.slice((page - 1) * PAGE, page * PAGE);
        const link = (p: number) => {
          const q = new URLSearchParams({ year: String(year), page: String(p) });
          if (query.township) q.set('township', String(query.township));
          if (category) q.set('category', category);
          return `${portalPath(county, 'disclosure')}?${q.toString()}`;
        };
        const thisYear = yearOf(todayOf(now.toISOString()));
        return sendPage(reply, {
          title: '政府信息公开',
          county,
          section: 'disclosure',
          body: html`<h1>政府信息公开</h1>
            <section class="card">
              <h2>依申请公开</h2>
              <p>
                需要获取主动公开范围以外的政府信息的，可以在网上提出申请，行政机关自收到申请之日起20个工作日内答复（《政府信息公开条例》第33条）。
              </p>
              <a class="button" href="${portalPath(county, 'disclosure/apply')}">在线提交申请</a>
              <a class="button secondary" href="${portalPath(county, 'track')}">查询办理进度</a>
            </section>
            <section class="card">
              <h2>主动公开信息</h2>
              <form method="get" action="${portalPath(county, 'disclosure')}" class="filters">
                <label for="year">年度</label
                ><select id="year" name="year">
                  ${Array.from({ length: 5 }, (_, i) => thisYear - i).map(
                    (y) => html`<option value="${y}" ${y === year ? html` selected` : ''}>${y}年</option>`,
                  )}
                </select>
                <label for="township">乡镇（街道）</label
                ><select id="township" name="township">
                  <option value="">全部</option>
                  ${r.townships.map(
                    (t) =>
                      html`<option value="${t.id}" ${t.id === query.township ? html` selected` : ''}>
                        ${t.name}
                      </option>`,
                  )}
                </select>
                <label for="category">类别</label
                ><select id="category" name="category">
                  <option value="">全部</option>
                  ${r.categories.map(
                    (c) => html`<option${c === category ? html` selected` : ''}>${c}</option>`,
                  )}
                </select>
                <button type="submit" class="secondary">筛选</button>
              </form>
              <p class="meta">共 ${r.items.length} 条</p>
              ${
                shown.length
                  ? html`<ul class="list">
                      ${shown.map(
                        (i) =>
                          html`<li>
                            <a href="${portalPath(county, `disclosure/items/${i.id}`)}">${i.title}</a>
                            <div class="meta">
                              <span class="tag">${i.category}</span>${i.township} · ${chineseDay(i.date)}
                            </div>
                          </li>`,
                      )}
                    </ul>`
                  : html`<p class="meta">没有符合条件的公开信息。</p>`
              }
              ${
                pages > 1
                  ? html`<nav class="pager">
                      ${page > 1 ? html`<a href="${link(page - 1)}">上一页</a>` : ''}<span
                        >第 ${page} / ${pages} 页</span
                      >${page < pages ? html`<a href="${link(page + 1)}">下一页</a>` : ''}
                    </nav>`
                  : ''
              }
            </section>`,
        });
      }),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/public/:county/disclosure/items/:id',
      summary: '一条主动公开的政府信息',
      tag: '公开',
      access: 'public',
      params: countyParams.extend({ id: z.coerce.number().int().positive() }),
      produces: 'text/html',
    },
    async ({ deps, params, reply }) =>
      countyPage(reply, deps.h, params.county, async (county) => {
        const i = await disclosedItem(deps.h, county, params.id);
        return sendPage(reply, {
          title: i.title,
          county,
          section: 'disclosure',
          body: html`<article class="card">
            <h1>${i.title}</h1>
            <p class="meta">
              <span class="tag">${i.category}</span>${i.township} · 公开日期
              ${chineseDay(i.date)}${
                i.madeDate ? html` · 信息形成日期 ${chineseDay(i.madeDate)}` : ''
              }${i.channel ? html` · 公开渠道 ${i.channel}` : ''}
            </p>
            <div class="doc">
              ${i.content ? paragraphs(i.content) : html`<p class="meta">本条信息未在平台上登载正文，请通过公开渠道查阅或依申请公开。</p>`}
            </div>
            <p><a href="${portalPath(county, 'disclosure')}">返回政府信息公开</a></p>
          </article>`,
        });
      }),
  );
}
