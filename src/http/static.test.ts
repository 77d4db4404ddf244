import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../cli/web-build.ts';
import { registerStatic } from './static.ts';

const INDEX = '<!doctype html><html><body><div id="root"></div></body></html>';
const SCRIPT = 'export const greeting = "法治政府建设";\n'.repeat(400);

describe('static files', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'fazhi-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-3f9a1c.js'), SCRIPT);
    await precompress(dist);
    app = Fastify();
    registerStatic(app, { webDir: dist, demoAccounts: [] });
    await app.ready();
  });
  afterAll(async () => app.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('caches hashed assets for good and revalidates index.html, answering 304 to a matching ETag', async () => {
    const asset = await get('/assets/index-3f9a1c.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.body).toBe(SCRIPT);
    const etag = String(asset.headers.etag);
    expect(etag).not.toBe('undefined');
    const again = await get('/assets/index-3f9a1c.js', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const index = await get('/');
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toBe(INDEX);
  });

  it('sends the precompressed file to clients that accept it', async () => {
    const gz = await get('/assets/index-3f9a1c.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    expect(gz.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);
    const br = await get('/assets/index-3f9a1c.js', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    const plain = await get('/assets/index-3f9a1c.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('answers a Range request with 206 and just those bytes', async () => {
    const r = await get('/assets/index-3f9a1c.js', { range: 'bytes=0-9' });
    expect(r.statusCode).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 0-9/${Buffer.byteLength(SCRIPT)}`);
    expect(r.rawPayload).toEqual(Buffer.from(SCRIPT).subarray(0, 10));
  });

  it('falls back to index.html for the app’s own routes, and 404s missing files and unknown API paths in JSON', async () => {
    const route = await get('/cases/12?tab=steps');
    expect(route.statusCode).toBe(200);
    expect(route.body).toBe(INDEX);
    expect(route.headers['cache-control']).toBe('no-cache');
    const missing = await get('/assets/gone-000000.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found', message: '文件不存在' } });
    const api = await get('/api/x');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not_found', message: '接口不存在：GET /api/x' } });
  });

  it('never serves a file outside the build', async () => {
    for (const url of [
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5cpackage.json',
    ]) {
      const r = await get(url);
      expect(r.body, url).not.toContain('"name": "fazhi"');
      expect(r.body, url).not.toContain('"dependencies"');
      expect([200, 400, 403, 404], url).toContain(r.statusCode);
      if (r.statusCode === 200) expect(r.body, url).toBe(INDEX);
    }
  });
});

describe('static files without a build', () => {
  it('says the API is running at /, and 404s other pages', async () => {
    const app = Fastify();
    registerStatic(app, { webDir: join(tmpdir(), 'no-such-dist'), demoAccounts: ['t01.staff'] });
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('网页端尚未构建');
    expect(home.body).toContain('<code>t01.staff</code>');
    expect((await app.inject({ method: 'GET', url: '/cases' })).statusCode).toBe(404);
    await app.close();
  });
});
