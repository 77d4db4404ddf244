import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { solvePow } from '../../core/pow.ts';
import type { Db } from '../../db/connect.ts';
import { testDatabases } from '../../testing/databases.ts';
import { seedWorld, signIn, testApp, type Client, type World } from '../../testing/http.ts';

const EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
const STAFF_ONLY = ['王五', '13912345678', '原始意见全文'];

for (const tdb of testDatabases()) {
  describe(`意见征集 pages on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    let staff: Client;
    // 2025-03-03 10:00 in China; moved on once the window has closed.
    let now = new Date('2025-03-03T02:00:00Z');
    let consultation = 0;
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h, { clock: () => now });
      staff = await signIn(app, 'township.staff');
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    const challenge = async () => {
      const c = (await app.inject({ method: 'GET', url: '/api/public/challenge' })).json<{
        token: string;
        bits: number;
      }>();
      return { token: c.token, nonce: solvePow(c.token, c.bits) };
    };
    const post = async (payload: object) =>
      app.inject({
        method: 'POST',
        url: `/api/public/consultations/${consultation}/comments`,
        payload: { challenge: await challenge(), ...payload },
      });
    const page = (rest: string) => app.inject({ method: 'GET', url: `/public/${w.county.code}/${rest}` });

    it('publishes through the staff API and shows the draft with escaped text and the comment form', async () => {
      const opened = await staff.request({
        method: 'POST',
        url: '/api/cases',
        payload: { type: 'major_decision', date: '2025-03-01', title: `规划${EVIL}`, data: {} },
      });
      expect(opened.statusCode).toBe(201);
      const published = await staff.request({
        method: 'POST',
        url: '/api/consultations',
        payload: {
          caseId: opened.json<{ id: number }>().id,
          title: `集镇规划征求意见${EVIL}`,
          explanation: `起草背景${EVIL}\n主要内容`,
          draft: `第一条${EVIL}`,
          closesOn: '2025-04-02',
        },
      });
      expect(published.statusCode).toBe(201);
      consultation = published.json<{ id: number }>().id;

      const list = await page('consultations');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('还剩30天');
      const one = await page(`consultations/${consultation}`);
      expect(one.statusCode).toBe(200);
      expect(one.headers['content-security-policy']).toContain("script-src 'self'");
      for (const body of [list.body, one.body]) {
        expect(body).not.toContain('<script>alert');
        expect(body).not.toContain('<img src=x');
        expect(body).not.toMatch(/<script>|<style>|style="|\son[a-z]+="/);
        expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      }
      expect(one.body).toContain(`data-submit="/api/public/consultations/${consultation}/comments"`);
      expect(one.body).toContain('<div class="form-message" tabindex="-1" hidden></div>');
      const home = await page('');
      expect(home.body).toContain('正在征求意见');
      expect(home.body).toContain(`/consultations/${consultation}`);
    });

    it('answers bad comments with a clear status, and takes a good one', async () => {
      expect((await post({ body: '' })).json()).toMatchObject({ error: { message: '请填写意见' } });
      const long = await post({ body: '长'.repeat(2001) });
      expect([long.statusCode, long.json<{ error: { message: string } }>().error.message]).toEqual([
        400,
        '意见不能超过2000字（现有2001字）',
      ]);
      const unsolved = await app.inject({
        method: 'POST',
        url: `/api/public/consultations/${consultation}/comments`,
        payload: { body: '意见', challenge: { token: 'x', nonce: '0' } },
      });
      expect(unsolved.statusCode).toBe(400);
      const missing = await app.inject({
        method: 'POST',
        url: `/api/public/consultations/999999/comments`,
        payload: { body: '意见', challenge: await challenge() },
      });
      expect(missing.statusCode).toBe(404);
      const ok = await post({ body: `${STAFF_ONLY[2]}${EVIL}`, name: STAFF_ONLY[0], contact: STAFF_ONLY[1] });
      expect(ok.statusCode).toBe(201);
      expect(ok.json<{ message: string }>().message).toContain('您的意见已提交');
      expect((await post({ body: `${STAFF_ONLY[2]}${EVIL}` })).statusCode).toBe(409);
    });

    it('after the window: refuses comments (409), and shows the summary without names, contacts or the comment text', async () => {
      now = new Date('2025-04-03T02:00:00Z');
      const late = await post({ body: '迟到的意见' });
      expect([late.statusCode, late.json<{ error: { message: string } }>().error.message]).toEqual([
        409,
        '征求意见已于2025年4月2日结束，不再接受意见',
      ]);
      staff = await signIn(app, 'township.staff');
      const ended = await page(`consultations/${consultation}`);
      expect(ended.body).toContain('征求意见已结束');
      expect(ended.body).not.toContain('data-submit');

      const detail = await staff.request({ method: 'GET', url: `/api/consultations/${consultation}` });
      const item = detail.json<{ items: { id: number; name: string }[] }>().items[0]!;
      expect(item.name).toBe(STAFF_ONLY[0]);
      const marked = await staff.request({
        method: 'PUT',
        url: `/api/consultations/${consultation}/comments/${item.id}`,
        payload: { decision: 'partly', digest: `建议调整规划${EVIL}`, reason: `部分采纳${EVIL}` },
      });
      expect(marked.statusCode).toBe(200);
      const summary = await staff.request({
        method: 'POST',
        url: `/api/consultations/${consultation}/summary`,
        payload: { text: `共收到意见1条。${EVIL}` },
      });
      expect(summary.statusCode).toBe(200);

      const shown = await page(`consultations/${consultation}`);
      expect(shown.body).toContain('意见采纳情况');
      expect(shown.body).toMatch(/<dt>部分采纳<\/dt>\s*<dd>1条<\/dd>/);
      expect(shown.body).toContain('建议调整规划&lt;script&gt;');
      expect(shown.body).not.toMatch(/<script>|\son[a-z]+="/);
      for (const secret of STAFF_ONLY) expect(shown.body).not.toContain(secret);
      const list = await page('consultations');
      expect(list.body).toContain('已公布采纳情况');
      expect(list.body).toContain('目前没有正在征求意见的决策草案');
      const other = await app.inject({
        method: 'GET',
        url: `/public/${w.otherCounty.code}/consultations/${consultation}`,
      });
      expect(other.statusCode).toBe(404);
      expect(other.body).toContain('没有找到这项征求意见');
    });
  });
}
