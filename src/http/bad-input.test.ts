import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { PNG, seedWorld, signIn, testApp, type Client, type ErrorBody } from '../testing/http.ts';

const INJECTIONS = [
  "'; DROP TABLE records; --",
  '" OR 1=1 --',
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  "%' OR '1'='1",
  '${7*7} {{7*7}}',
];

for (const tdb of testDatabases()) {
  describe(`bad input on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let staff: Client;
    const count = async () =>
      Number(
        (
          await h.db
            .selectFrom('records')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    beforeAll(async () => {
      h = await tdb.open();
      await seedWorld(h);
      app = await testApp(h);
      staff = await signIn(app, 'township.staff');
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('answers malformed JSON, wrong types and unknown media types with 400/415 in Chinese, storing nothing', async () => {
      const before = await count();
      const bad = await staff.request({
        method: 'POST',
        url: '/api/records',
        headers: { 'content-type': 'application/json' },
        payload: '{"kind": "dispute", "title": ',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual({ error: { code: 'invalid_json', message: '请求体不是有效的 JSON' } });
      const proto = await staff.request({
        method: 'POST',
        url: '/api/records',
        headers: { 'content-type': 'application/json' },
        payload: '{"__proto__": {"admin": true}}',
      });
      expect(proto.statusCode).toBe(400);
      const types = await staff.request({
        method: 'POST',
        url: '/api/records',
        payload: { kind: 'dispute', date: 20240301, title: ['x'], data: { status: { $ne: 1 } } },
      });
      expect(types.statusCode).toBe(400);
      const err = types.json<{ error: { code: string; message: string; details: { field: string }[] } }>()
        .error;
      expect(err.code).toBe('invalid_request');
      expect(err.message).toMatch(/请求参数有误（body）：date：/);
      expect(err.details.map((d) => d.field)).toEqual(expect.arrayContaining(['date', 'title']));
      const fields = await staff.request({
        method: 'POST',
        url: '/api/records',
        payload: { kind: 'dispute', date: '2024-02-30', title: 'x', data: { disputeType: '外星纠纷' } },
      });
      expect(fields.statusCode).toBe(400);
      expect(fields.json<ErrorBody>().error.message).toMatch(/不是有效日期.*不是可选值/);
      const form = await staff.request({
        method: 'POST',
        url: '/api/records',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        payload: '--x--',
      });
      expect(form.statusCode).toBe(415);
      expect(form.json<ErrorBody>().error.message).toContain('不支持的内容类型');
      const query = await staff.request({ method: 'GET', url: '/api/records?limit=abc&year=1900' });
      expect(query.statusCode).toBe(400);
      expect(query.json<ErrorBody>().error.message).toContain('query');
      const id = await staff.request({ method: 'GET', url: '/api/records/1%20or%201=1' });
      expect(id.statusCode).toBe(400);
      expect(
        (await staff.request({ method: 'GET', url: '/api/nothing-here' })).json<ErrorBody>().error.code,
      ).toBe('not_found');
      expect(await count()).toBe(before);
    });

    it('refuses oversized bodies with 413', async () => {
      const before = await count();
      const big = await staff.request({
        method: 'POST',
        url: '/api/records',
        payload: { kind: 'dispute', date: '2024-03-01', title: 'x', data: { note: 'x'.repeat(1_100_000) } },
      });
      expect(big.statusCode).toBe(413);
      expect(big.json<ErrorBody>().error.message).toContain('请求体过大');
      const rec = await staff.request({
        method: 'POST',
        url: '/api/records',
        payload: {
          kind: 'dispute',
          date: '2024-03-02',
          title: '大文件',
          data: { disputeType: 'other', status: 'pending' },
        },
      });
      const huge = Buffer.concat([PNG, Buffer.alloc(21 * 1024 * 1024)]);
      const up = await staff.request({
        method: 'POST',
        url: `/api/records/${rec.json<{ id: number }>().id}/evidence?name=big.png`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: huge,
      });
      expect(up.statusCode).toBe(413);
      expect(await count()).toBe(before + 1);
      expect(await h.db.selectFrom('evidence').select('id').execute()).toEqual([]);
    });

    it('strips folders from uploaded file names and serves downloads with an RFC 5987 name', async () => {
      const rec = await staff.request({
        method: 'POST',
        url: '/api/records',
        payload: {
          kind: 'dispute',
          date: '2024-03-03',
          title: '路径',
          data: { disputeType: 'other', status: 'pending' },
        },
      });
      const up = await staff.request({
        method: 'POST',
        url: `/api/records/${rec.json<{ id: number }>().id}/evidence`,
        headers: {
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent('../../../etc/现场 "照片".png'),
        },
        payload: PNG,
      });
      expect(up.statusCode).toBe(201);
      expect(up.json<{ fileName: string }>().fileName).toBe('现场 照片.png');
      const down = await staff.request({
        method: 'GET',
        url: `/api/evidence/${up.json<{ id: number }>().id}`,
      });
      expect(down.headers['content-type']).toBe('image/png');
      expect(down.headers['content-disposition']).toBe(
        `attachment; filename="__ __.png"; filename*=UTF-8''${encodeURIComponent('现场 照片.png')}`,
      );
      const pdfAsPng = await staff.request({
        method: 'POST',
        url: `/api/records/${rec.json<{ id: number }>().id}/evidence?name=x.png`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from('<html><script>alert(1)</script></html>'),
      });
      expect(pdfAsPng.statusCode).toBe(415);
      const web = mkdtempSync(join(tmpdir(), 'fazhi-web-'));
      mkdirSync(join(web, 'assets'));
      writeFileSync(join(web, 'index.html'), '<!doctype html><title>app</title>');
      writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
      const site = await testApp(h, { webDir: web });
      expect((await site.inject({ method: 'GET', url: '/assets/app.js' })).headers['content-type']).toBe(
        'text/javascript; charset=utf-8',
      );
      expect((await site.inject({ method: 'GET', url: '/records/12' })).body).toContain('<title>app</title>');
      for (const url of [
        '/..%2f..%2f..%2fetc%2fpasswd',
        '/assets/..%2f..%2f..%2fetc%2fpasswd',
        '/%2e%2e/%2e%2e/etc/passwd',
      ]) {
        const r = await site.inject({ method: 'GET', url });
        expect(r.body).not.toContain('root:');
      }
      await site.close();
    });

    it('stores SQL and script injection strings verbatim and harmlessly in every text field', async () => {
      for (const [i, s] of INJECTIONS.entries()) {
        const payload = {
          kind: 'leadership_meeting',
          date: `2024-04-0${i + 1}`,
          title: s,
          data: { meetingType: 'joint', chair: s, topics: s },
        };
        const r = await staff.request({ method: 'POST', url: '/api/records', payload });
        expect(r.statusCode, s).toBe(201);
        expect(r.headers['content-type']).toContain('application/json');
        const back = await staff.request({
          method: 'GET',
          url: `/api/records/${r.json<{ id: number }>().id}`,
        });
        expect(back.json()).toMatchObject({ title: s, data: { chair: s, topics: s } });
      }
      const search = await staff.request({
        method: 'GET',
        url: `/api/records?q=${encodeURIComponent("%' OR '1'='1")}`,
      });
      // Never every record: the text is a parameter, and % and ' in it are literal characters.
      const found = search.json<{ total: number; items: { title: string }[] }>();
      expect(found.total).toBe(1);
      expect(found.items.map((r) => r.title)).toEqual(["%' OR '1'='1"]);
      const all = await staff.request({ method: 'GET', url: '/api/records?kind=leadership_meeting' });
      expect(all.json<{ total: number }>().total).toBe(INJECTIONS.length);
      expect(all.headers['content-security-policy']).toContain("default-src 'none'");
      expect(all.headers['x-content-type-options']).toBe('nosniff');
      expect(all.headers['x-frame-options']).toBe('DENY');
    });

    it('refuses an organisation under the wrong kind of parent', async () => {
      const admin = await signIn(app, 'system.admin');
      const orgs = await admin.request({ method: 'GET', url: '/api/orgs' });
      const county = orgs
        .json<{ items: { id: number; kind: string }[] }>()
        .items.find((o) => o.kind === 'county')!;
      const r = await admin.request({
        method: 'POST',
        url: '/api/orgs',
        payload: { code: 'X1', name: '错挂村', kind: 'village', parentId: county.id },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json<ErrorBody>().error.message).toContain('村（社区）的上级应为乡镇（街道）');
    });

    it('refuses a forged or expired session and a CSRF-less write, storing nothing', async () => {
      const before = await count();
      const body = {
        kind: 'dispute',
        date: '2024-03-05',
        title: '伪造',
        data: { disputeType: 'other', status: 'pending' },
      };
      const forged = await app.inject({
        method: 'POST',
        url: '/api/records',
        headers: { cookie: `fazhi_session=${'x'.repeat(43)}`, 'x-csrf-token': staff.csrf },
        payload: body,
      });
      expect(forged.statusCode).toBe(401);
      const noCsrf = await app.inject({
        method: 'POST',
        url: '/api/records',
        headers: { cookie: staff.cookie },
        payload: body,
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json<ErrorBody>().error.message).toContain('CSRF');
      const expired = await testApp(h, { clock: () => new Date(Date.now() + 31 * 60_000) });
      expect(
        (
          await expired.inject({
            method: 'POST',
            url: '/api/records',
            headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
            payload: body,
          })
        ).statusCode,
      ).toBe(401);
      await expired.close();
      expect(await count()).toBe(before);
    });
  });
}
