import { existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors.ts';
import { portalNotice } from './public/layout.ts';

/** Hashed asset names change with their content, so they can be cached for good. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fallbackPage(accounts: readonly string[]): string {
  const list = accounts.length
    ? `<p>演示账号（初始密码见启动时的输出）：</p><ul>${accounts.map((a) => `<li><code>${escape(a)}</code></li>`).join('')}</ul>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>fazhi 法治政府建设工作平台</title></head>
<body style="font:15px/1.7 sans-serif;max-width:40em;margin:3em auto;padding:0 1em"><h1>fazhi 法治政府建设工作平台</h1>
<p>API 服务正在运行。网页端尚未构建（web/dist 不存在）。</p><p>接口文档：<a href="/api/docs">/api/docs</a></p>${list}</body></html>`;
}

/**
 * `/` serves the built web app from `webDir` through @fastify/static: ETag and Last-Modified with
 * 304s, Range requests, and the build's .br/.gz files to clients that accept them; hashed assets
 * are cached for a year, everything else (index.html) revalidated. Paths that name no file fall
 * back to index.html, for client-side routing; without a build, a page saying the API is running.
 * Unknown `/api/*` paths answer JSON 404.
 */
export function registerStatic(
  app: FastifyInstance,
  opts: { webDir: string | null; demoAccounts: readonly string[] },
): void {
  const root = opts.webDir && existsSync(join(opts.webDir, 'index.html')) ? resolve(opts.webDir) : null;
  if (root) {
    void app.register(fastifyStatic, {
      root,
      prefix: '/',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'Cache-Control',
          path.startsWith(join(root, 'assets') + sep) ? ASSET_CACHE : 'no-cache',
        );
        // The body depends on Accept-Encoding (precompressed files): caches must key on it.
        res.setHeader('Vary', 'Accept-Encoding');
      },
    });
    // RFC 9239: JavaScript is text/javascript; the static server's type table still says application/javascript.
    app.addHook('onSend', async (_req, reply, payload) => {
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && type.startsWith('application/javascript'))
        reply.header('content-type', 'text/javascript; charset=utf-8');
      return payload;
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    let path: string;
    try {
      path = decodeURIComponent(req.url.split('?')[0] ?? '/');
    } catch {
      return sendError(reply, 400, 'bad_url', '请求地址无效');
    }
    if (path === '/api' || path.startsWith('/api/') || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendError(reply, 404, 'not_found', `接口不存在：${req.method} ${path.slice(0, 200)}`);
    }
    // Under /public/ is the public portal, whose missing pages are its own.
    if (path === '/public') return reply.redirect('/public/', 302);
    if (path.startsWith('/public/'))
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(portalNotice({ title: '没有找到', message: '页面不存在，请从平台首页进入' }));
    if (!root) {
      if (path === '/' || path === '/index.html')
        return reply.type('text/html; charset=utf-8').send(fallbackPage(opts.demoAccounts));
      return sendError(reply, 404, 'not_found', '页面不存在');
    }
    // A path with an extension names a file, and there is none; others are the app's own routes.
    if (extname(path) !== '') return sendError(reply, 404, 'not_found', '文件不存在');
    return reply.sendFile('index.html');
  });
}
