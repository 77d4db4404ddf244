import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEEDBACK_CATEGORIES } from '../../catalogue/feedback.ts';
import type { Db } from '../../db/connect.ts';
import { insertOrg } from '../../db/orgs.repo.ts';
import { testDatabases } from '../../testing/databases.ts';
import { NOW } from '../../testing/fixtures.ts';
import {
  PNG,
  seedWorld,
  signIn,
  testApp,
  type Client,
  type ErrorBody,
  type World,
} from '../../testing/http.ts';
import { fileFeedback, solved } from '../../testing/public-feedback.ts';

const EVIL = '<script>alert(1)</script>';
/** A category label of the longest length allowed, all markup. */
const LABEL = '<script>x()</script>';

/** Sends a 100 MB upload's headers and first megabyte, and resolves with the status the server answers with. */
function hugeUpload(port: number, path: string): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = request(
      {
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(100 * 1048576) },
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, sent });
        req.destroy();
      },
    );
    req.on('error', (e) => (sent > 0 ? undefined : reject(e)));
    const chunk = Buffer.alloc(1048576);
    sent += chunk.length;
    req.write(chunk);
  });
}

for (const tdb of testDatabases()) {
  describe(`群众诉求 pages and API on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    let staff: Client;
    let officer: Client;
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h);
      staff = await signIn(app, 'township.staff');
      officer = await signIn(app, 'county.officer');
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('offers the county’s categories and each township with its villages, escaped, with no inline script', async () => {
      await insertOrg(
        h.db,
        { code: '430002201', name: `<img src=x>村`, kind: 'village', parentId: w.b.id },
        NOW,
      );
      const rules = await officer.request({
        method: 'PUT',
        url: '/api/feedback-rules',
        payload: { categories: [{ label: LABEL, caseType: 'dispute', subtype: 'property' }] },
      });
      expect(rules.statusCode).toBe(200);
      const page = await app.inject({ method: 'GET', url: `/public/${w.county.code}/feedback` });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(LABEL);
      expect(page.body).not.toContain('<img src=x>');
      expect(page.body).toContain('&lt;script&gt;x()&lt;/script&gt;');
      expect(page.body).toContain('&lt;img src=x&gt;村');
      expect(page.body).not.toMatch(/<script>|<style>|style="|\son[a-z]+="/);
      expect(page.body).toContain(`<optgroup label="甲镇">`);
      expect(page.body).toContain(`<option value="t${w.a.id}">甲镇（未选村）</option>`);
      expect(page.body).toContain(`<option value="v${w.village.id}">东村</option>`);
      expect(page.body).toContain('data-upload="/api/public/feedback/{code}/photos"');
      const back = await officer.request({
        method: 'PUT',
        url: '/api/feedback-rules',
        payload: { categories: DEFAULT_FEEDBACK_CATEGORIES },
      });
      expect(back.json<{ categories: unknown[] }>().categories).toHaveLength(12);
      const wrong = await officer.request({
        method: 'PUT',
        url: '/api/feedback-rules',
        payload: { categories: [{ label: '', caseType: 'dispute', subtype: 'neighbour' }] },
      });
      expect([wrong.statusCode, wrong.json<ErrorBody>().error.message]).toEqual([
        400,
        '第 1 个分类：名称不能为空',
      ]);
    });

    it('takes a report with a photo, tracks it, and lets the resident rate it once after it closed', async () => {
      const body = {
        county: w.county.code,
        category: 'neighbour',
        place: `v${w.village.id}`,
        description: `楼上漏水${EVIL}`,
        name: `<b>李某</b>`,
        phone: '13700001111',
      };
      const missing = await app.inject({
        method: 'POST',
        url: '/api/public/feedback',
        payload: { county: w.county.code },
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json<ErrorBody>().error.message).toContain('请求参数有误');
      const r = await app.inject({
        method: 'POST',
        url: '/api/public/feedback',
        payload: { ...body, challenge: solved(h) },
      });
      expect(r.statusCode).toBe(201);
      const { code, message } = r.json<{ code: string; message: string }>();
      expect(message).toBe('已提交，由甲镇按矛盾纠纷调处程序办理');
      const dup = await app.inject({
        method: 'POST',
        url: '/api/public/feedback',
        payload: { ...body, challenge: solved(h) },
      });
      expect([dup.statusCode, dup.json<ErrorBody>().error.code]).toEqual([409, 'duplicate']);

      const photo = await app.inject({
        method: 'POST',
        url: `/api/public/feedback/${code}/photos?name=${encodeURIComponent('漏水.png')}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: PNG,
      });
      expect([photo.statusCode, photo.json()]).toEqual([201, { photos: 1 }]);
      const big = await app.inject({
        method: 'POST',
        url: `/api/public/feedback/${code}/photos?name=big.png`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.concat([PNG, Buffer.alloc(6 * 1048576)]),
      });
      expect([big.statusCode, big.json<ErrorBody>().error.message]).toEqual([413, '照片不能超过 5 MB']);

      const page = await app.inject({
        method: 'GET',
        url: `/public/${w.county.code}/feedback/status?code=${code.toLowerCase()}`,
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<div class="code">${code}</div>`);
      expect(page.body).toContain('甲镇（东村）');
      expect(page.body).toContain('已登记');
      expect(page.body).toContain('办理期限');
      // Status only: neither the report nor the contact is shown to whoever holds the code.
      for (const hidden of ['楼上漏水', '李某', '13700001111', 'alert'])
        expect(page.body).not.toContain(hidden);
      expect(page.body).not.toContain('评价办理结果');
      const track = await app.inject({ method: 'GET', url: `/public/${w.county.code}/track?code=${code}` });
      expect([track.statusCode, track.headers.location]).toEqual([
        303,
        `/public/${w.county.code}/feedback/status?code=${code}`,
      ]);
      const other = await app.inject({
        method: 'GET',
        url: `/public/${w.otherCounty.code}/feedback/status?code=${code}`,
      });
      expect(other.statusCode).toBe(404);
      expect(other.body).toContain('查询码不存在');

      const early = await app.inject({
        method: 'POST',
        url: `/api/public/feedback/${code}/rating`,
        payload: { rating: 'satisfied', challenge: solved(h) },
      });
      expect([early.statusCode, early.json<ErrorBody>().error.code]).toEqual([409, 'not_closed']);

      // Staff find the case and the resident behind it, and close it.
      const json = await app.inject({ method: 'GET', url: `/api/public/feedback/${code}` });
      expect(json.json()).toMatchObject({ township: '甲镇', stateLabel: '已登记', canRate: false });
      const list = await staff.request({
        method: 'GET',
        url: '/api/cases?type=dispute&q=%E6%A5%BC%E4%B8%8A%E6%BC%8F%E6%B0%B4',
      });
      const id = list.json<{ items: { id: number; townshipId: number }[] }>().items[0]!.id;
      const seen = await staff.request({ method: 'GET', url: `/api/cases/${id}/feedback` });
      expect(seen.json()).toMatchObject({
        feedback: { name: '<b>李某</b>', phone: '13700001111', photos: 1 },
      });
      const closed = await staff.request({
        method: 'POST',
        url: `/api/cases/${id}/transitions`,
        payload: { action: 'resolve' },
      });
      expect(closed.statusCode).toBe(200);

      const form = await app.inject({
        method: 'GET',
        url: `/public/${w.county.code}/feedback/status?code=${code}`,
      });
      expect(form.body).toContain('调解成功');
      expect(form.body).toContain(`data-submit="/api/public/feedback/${code}/rating"`);
      const rated = await app.inject({
        method: 'POST',
        url: `/api/public/feedback/${code}/rating`,
        payload: { rating: 'basically', comment: EVIL, challenge: solved(h) },
      });
      expect([rated.statusCode, rated.json()]).toEqual([200, { code, message: '已评价：基本满意' }]);
      const again = await app.inject({
        method: 'POST',
        url: `/api/public/feedback/${code}/rating`,
        payload: { rating: 'satisfied', challenge: solved(h) },
      });
      expect([again.statusCode, again.json<ErrorBody>().error.code]).toEqual([409, 'already_rated']);
      const done = await app.inject({
        method: 'GET',
        url: `/public/${w.county.code}/feedback/status?code=${code}`,
      });
      expect(done.body).toContain('您的评价');
      expect(done.body).toContain('基本满意');
      expect(done.body).not.toContain('<script>alert');
    });

    it('answers an unknown county or a missing code on the progress page', async () => {
      const county = await app.inject({ method: 'GET', url: '/public/999999/feedback/status?code=ABCD' });
      expect([county.statusCode, county.body.includes('没有这个县（区）的公开平台')]).toEqual([404, true]);
      const bare = await app.inject({ method: 'GET', url: `/public/${w.county.code}/feedback/status` });
      expect([bare.statusCode, bare.headers.location]).toEqual([303, `/public/${w.county.code}/track`]);
      const bad = await app.inject({
        method: 'GET',
        url: `/api/public/feedback/${encodeURIComponent(EVIL)}`,
      });
      expect([bad.statusCode, bad.json<ErrorBody>().error.code]).toEqual([404, 'not_found']);
    });

    it('refuses a 100 MB photo on its declared length, without reading it', async () => {
      const { code } = await fileFeedback(h, w);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const r = await hugeUpload(port, `/api/public/feedback/${code}/photos?name=huge.jpg`);
      expect(r).toEqual({ status: 413, sent: 1048576 });
    });

    it('shows the contact only to staff whose scope holds the case', async () => {
      const { caseId } = await fileFeedback(h, w, { place: `t${w.b.id}` });
      const hidden = await staff.request({ method: 'GET', url: `/api/cases/${caseId}/feedback` });
      expect(hidden.statusCode).toBe(404);
      const county = await officer.request({ method: 'GET', url: `/api/cases/${caseId}/feedback` });
      expect(county.json()).toMatchObject({ feedback: { phone: '13800138000' } });
    });
  });
}
