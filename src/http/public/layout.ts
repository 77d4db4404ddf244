import { html, type Html } from './html.ts';

/** The portal's sections, in the order of its navigation bar. */
export const PORTAL_SECTIONS = [
  { id: 'home', label: '首页', path: '' },
  { id: 'reports', label: '年度报告', path: 'reports' },
  { id: 'disclosure', label: '政府信息公开', path: 'disclosure' },
  { id: 'consultations', label: '意见征集', path: 'consultations' },
  { id: 'feedback', label: '群众诉求', path: 'feedback' },
  { id: 'track', label: '进度查询', path: 'track' },
] as const;

export type PortalSection = (typeof PORTAL_SECTIONS)[number]['id'];

export interface PortalCounty {
  readonly code: string;
  readonly name: string;
}

/** A portal path inside a county's site: `/public/<county code>/<rest>`. */
export const portalPath = (county: PortalCounty, rest = ''): string =>
  `/public/${encodeURIComponent(county.code)}/${rest}`;

/**
 * A whole portal page: mobile first, one style sheet and one script from this origin (the CSP
 * allows nothing else), the county's navigation, and the body.
 */
export function portalPage(p: {
  readonly title: string;
  readonly county?: PortalCounty;
  readonly section?: PortalSection;
  readonly body: Html;
}): string {
  const nav = p.county
    ? html`<nav class="nav">
        ${PORTAL_SECTIONS.map(
          (s) =>
            html`<a
              href="${portalPath(p.county!, s.path)}"
              ${s.id === p.section ? html` aria-current="page"` : ''}
              >${s.label}</a
            >`,
        )}
      </nav>`
    : '';
  const site = p.county ? `${p.county.name}法治政府建设公开平台` : '法治政府建设公开平台';
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${p.title} - ${site}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/public/assets/portal.css" />
        <script src="/public/assets/portal.js" defer></script>
      </head>
      <body>
        <header class="top">
          <a class="site" href="${p.county ? portalPath(p.county) : '/public/'}">${site}</a>
        </header>
        ${nav}
        <main class="main">${p.body}</main>
        <footer class="foot">
          本平台无须登录。提交的个人信息仅用于办理您的申请或诉求，按规定期限保存后匿名化处理。
        </footer>
      </body>
    </html>`.__html;
}

/** A notice page (not found, refused) inside the portal's frame. */
export function portalNotice(p: { title: string; message: string; county?: PortalCounty }): string {
  return portalPage({
    title: p.title,
    ...(p.county ? { county: p.county } : {}),
    body: html`<section class="card notice">
      <h1>${p.title}</h1>
      <p>${p.message}</p>
    </section>`,
  });
}

/** The form asking for a tracking code (GET, no script), with why the last one was not found. */
export function codeForm(p: {
  action: string;
  hint: string;
  code?: string | undefined;
  error: string | null;
}) {
  return html`<form method="get" action="${p.action}">
    <label for="code">查询码<span class="hint">${p.hint}</span></label>
    <input
      type="text"
      id="code"
      name="code"
      required
      maxlength="40"
      autocomplete="off"
      value="${p.code ?? ''}"
    />
    ${p.error ? html`<div class="form-message error" role="alert">${p.error}</div>` : ''}
    <button type="submit">查询</button>
  </form>`;
}
