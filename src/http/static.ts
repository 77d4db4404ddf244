import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

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
 * `/` serves the built web app from `webDir` (paths that name no file fall back to index.html, for
 * client-side routing); without one, a page saying the API is running. Unknown `/api/*` paths answer JSON 404.
 */
export function registerStatic(
  app: FastifyInstance,
  opts: { webDir: string | null; demoAccounts: readonly string[] },
): void {
  const root = opts.webDir && existsSync(join(opts.webDir, 'index.html')) ? resolve(opts.webDir) : null;
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
    if (!root) {
      if (path === '/' || path === '/index.html')
        return reply.type('text/html; charset=utf-8').send(fallbackPage(opts.demoAccounts));
      return sendError(reply, 404, 'not_found', '页面不存在');
    }
    const file = resolve(root, '.' + path);
    const inside = file === root || file.startsWith(root + sep);
    const isFile = inside && existsSync(file) && statSync(file).isFile();
    if (!isFile && extname(path) !== '') return sendError(reply, 404, 'not_found', '文件不存在');
    const target = isFile ? file : join(root, 'index.html');
    const type = TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream';
    // Hashed asset names can be cached for good; index.html must be revalidated to pick up new builds.
    reply.header(
      'Cache-Control',
      target.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return reply.type(type).send(await readFile(target));
  });
}
