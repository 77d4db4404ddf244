import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../openapi.ts';
import { publicRoute } from '../route.ts';

// A dependency-free page listing the operations; the JSON document is the reference.
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>fazhi API 文档</title>
<style>body{font:14px/1.6 sans-serif;margin:2em auto;max-width:60em;padding:0 1em}code{background:#f4f4f4;padding:0 .3em}td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left}</style></head>
<body><h1>fazhi 法治政府建设工作平台 API</h1><p>OpenAPI 文档：<a href="/api/docs/openapi.json">/api/docs/openapi.json</a></p>
<table><thead><tr><th>方法</th><th>路径</th><th>说明</th><th>权限</th></tr></thead><tbody id="ops"></tbody></table>
<script>fetch('/api/docs/openapi.json').then(r=>r.json()).then(d=>{const t=document.getElementById('ops');
for(const[p,ops]of Object.entries(d.paths))for(const[m,o]of Object.entries(ops)){const tr=document.createElement('tr');
for(const v of[m.toUpperCase(),p,o.summary,o.description]){const td=document.createElement('td');td.textContent=v;tr.appendChild(td)}t.appendChild(tr)}})</script>
</body></html>`;

export function registerDocsRoutes(app: FastifyInstance): void {
  let doc: Record<string, unknown> | undefined;
  publicRoute(
    app,
    { method: 'GET', url: '/docs/openapi.json', summary: 'OpenAPI 3 文档', tag: '系统', access: 'public' },
    ({ deps }) => (doc ??= openApiDocument(deps.routes)),
  );
  publicRoute(
    app,
    {
      method: 'GET',
      url: '/docs',
      summary: 'API 文档页面',
      tag: '系统',
      access: 'public',
      produces: 'text/html',
    },
    ({ reply }) => reply.type('text/html; charset=utf-8').send(PAGE),
  );
}
