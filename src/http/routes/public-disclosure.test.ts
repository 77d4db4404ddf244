import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { requestByCode } from '../../db/public.repo.ts';
import { codeHash } from '../../services/public/codes.ts';
import { testDatabases } from '../../testing/databases.ts';
import {
  PDF,
  askCorrection,
  citizenForm,
  replyToRequest,
  solvedChallenge,
} from '../../testing/disclosure.ts';
import {
  principalOf,
  seedWorld,
  signIn,
  testApp,
  testRateLimits,
  type ErrorBody,
  type World,
} from '../../testing/http.ts';
import { RateLimiter } from '../rate-limit.ts';

const EVIL = '<script>alert(1)</script>';
/** Markup a page may never carry: inline script or style, event handler attributes. */
const INLINE = /<script>|<style>|style="|\son[a-z]+="/;

for (const tdb of testDatabases()) {
  describe(`依申请公开 pages and API on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    let now = new Date('2025-03-03T02:00:00Z');
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h, { clock: () => now });
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    const file = (form: Record<string, unknown>, at = now) =>
      app.inject({
        method: 'POST',
        url: '/api/public/disclosure-requests',
        payload: { county: w.county.code, ...form, challenge: solvedChallenge(h, at) },
      });
    const page = (code: string, extra = '') =>
      app.inject({
        method: 'GET',
        url: `/public/${w.county.code}/disclosure/status?code=${encodeURIComponent(code)}${extra}`,
      });
    const caseOf = async (code: string): Promise<number> =>
      Number((await requestByCode(h.db, 'disclosure', codeHash(code)))?.record_id);

    it('serves the form under the strict CSP, with the county’s townships and no inline script', async () => {
      const r = await app.inject({
        method: 'GET',
        url: `/public/${w.county.code}/disclosure/apply?township=${w.b.id}`,
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
      expect(r.body).not.toMatch(INLINE);
      expect(r.body).toContain('data-submit="/api/public/disclosure-requests"');
      expect(r.body).toMatch(new RegExp(`<option value="${w.b.id}"\\s+selected>乙乡</option>`));
      expect(r.body).not.toContain('丙镇');
      for (const label of [
        '申请人类型',
        '证件号码',
        '统一社会信用代码',
        '法定代表人',
        '联系电话',
        '通信地址',
        '获取信息的方式',
        '信息的提供形式',
      ])
        expect(r.body).toContain(label);
      expect(r.body).toContain('class="form-message"');
      const missing = await app.inject({ method: 'GET', url: '/public/999999/disclosure/apply' });
      expect([missing.statusCode, missing.body.includes('没有这个县（区）的公开平台')]).toEqual([404, true]);
    });

    it('files a request once, and shows its progress by code with the applicant masked', async () => {
      const r = await file(citizenForm(w.a));
      expect(r.statusCode).toBe(201);
      const { code, township, receivedOn } = r.json<{ code: string; township: string; receivedOn: string }>();
      expect([township, receivedOn]).toEqual(['甲镇', '2025-03-03']);
      const fresh = await page(code, '&new=1');
      expect(fresh.statusCode).toBe(200);
      expect(fresh.headers['cache-control']).toBe('no-store');
      expect(fresh.body).toContain(`<p class="code" data-testid="tracking-code">${code}</p>`);
      expect(fresh.body).toContain('张*');
      expect(fresh.body).toContain('2025年3月31日');
      expect(fresh.body).not.toMatch(/张三|13800138000|人民路|110105/);
      expect(fresh.body).not.toMatch(INLINE);
      // Without `new`, the code is not shown again.
      expect((await page(code)).body).not.toContain('data-testid="tracking-code"');
      const json = await app.inject({ method: 'GET', url: `/api/public/disclosure-requests/${code}` });
      expect(json.json()).toMatchObject({ state: 'received', applicant: '张*', replyDue: '2025-03-31' });
      expect(json.body).not.toContain('张三');

      const dup = await file({ ...citizenForm(w.a), description: '同一份申请' });
      expect(dup.statusCode).toBe(201);
      const dup2 = await file({ ...citizenForm(w.a), description: '同一份申请' });
      expect([dup2.statusCode, dup2.json<ErrorBody>().error.code]).toEqual([409, 'duplicate']);
    });

    it('answers bad input with a Chinese message and the right status', async () => {
      const bad = await file({ ...citizenForm(w.a), phone: 'abc', idNumber: '' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({
        error: {
          message: '申请表有2处需要修改',
          details: [
            { field: 'idNumber', message: '请填写证件号码' },
            { field: 'phone', message: '联系电话应为11位手机号码，或带区号的固定电话（如0731-12345678）' },
          ],
        },
      });
      const noChallenge = await app.inject({
        method: 'POST',
        url: '/api/public/disclosure-requests',
        payload: { county: w.county.code, ...citizenForm(w.a) },
      });
      expect(noChallenge.statusCode).toBe(400);
      const unsolved = await app.inject({
        method: 'POST',
        url: '/api/public/disclosure-requests',
        payload: { county: w.county.code, ...citizenForm(w.a), challenge: { token: 'a.16.1.x', nonce: '1' } },
      });
      expect([unsolved.statusCode, unsolved.json<ErrorBody>().error.code]).toEqual([400, 'challenge_failed']);
      const huge = await app.inject({
        method: 'POST',
        url: '/api/public/disclosure-requests',
        payload: { county: w.county.code, ...citizenForm(w.a), description: 'x'.repeat(1_100_000) },
      });
      expect(huge.statusCode).toBe(413);
      const unknown = await page('ABCD-EFGH-JKMN-PQRS');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('查询码不存在');
      const evil = await page(EVIL);
      expect(evil.statusCode).toBe(404);
      expect(evil.body).not.toContain(EVIL);
      expect(evil.body).toContain('&lt;script&gt;');
      expect(
        (await app.inject({ method: 'GET', url: '/api/public/disclosure-requests/ABCD-EFGH-JKMN-PQRS' }))
          .statusCode,
      ).toBe(404);
    });

    it('keeps another county’s code out of this county’s pages', async () => {
      const other = await file({ ...citizenForm(w.c), county: w.otherCounty.code });
      expect(other.statusCode).toBe(201);
      const { code } = other.json<{ code: string }>();
      expect((await page(code)).statusCode).toBe(404);
      const own = await app.inject({
        method: 'GET',
        url: `/public/${w.otherCounty.code}/disclosure/status?code=${code}`,
      });
      expect([own.statusCode, own.body.includes('丙镇')]).toEqual([200, true]);
    });

    it('shows what to correct escaped, takes the 补正 online, restarts the date, then offers the reply', async () => {
      const form = citizenForm(w.a, { name: EVIL, address: EVIL, description: `${EVIL}申请` });
      const { code } = (await file(form)).json<{ code: string }>();
      const id = await caseOf(code);
      const staff = principalOf(w, 'township_staff');
      now = new Date('2025-03-05T02:00:00Z');
      await askCorrection(h, staff, id, now, `请写明文号 ${EVIL}`);
      const asked = await page(code);
      expect(asked.body).toContain('需要补正');
      expect(asked.body).toContain('请写明文号 &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(asked.body).not.toContain(EVIL);
      expect(asked.body).toContain('&lt;***');
      expect(asked.body).toContain(`data-submit="/api/public/disclosure-requests/${code}/correction"`);
      expect(asked.body).not.toMatch(INLINE);

      now = new Date('2025-03-10T02:00:00Z');
      const corrected = await app.inject({
        method: 'POST',
        url: `/api/public/disclosure-requests/${code}/correction`,
        payload: { description: `补正：${EVIL}`, note: '', challenge: solvedChallenge(h, now) },
      });
      expect(corrected.statusCode).toBe(200);
      expect(corrected.json()).toMatchObject({ status: { state: 'received', replyDue: '2025-04-08' } });
      const after = (await page(code)).body;
      expect(after).toContain('2025年4月8日');
      expect(after).toContain('自收到补正后的申请之日（2025年3月10日）起重新计算');
      const twice = await app.inject({
        method: 'POST',
        url: `/api/public/disclosure-requests/${code}/correction`,
        payload: { description: '再补正', challenge: solvedChallenge(h, now) },
      });
      expect(twice.statusCode).toBe(409);

      const client = await signIn(app, 'township.staff');
      const panel = await client.request({ method: 'GET', url: `/api/cases/${id}/public-request` });
      expect(panel.statusCode).toBe(200);
      expect(panel.json()).toMatchObject({
        request: {
          applicant: { name: EVIL, address: EVIL },
          request: { corrections: [{ description: `补正：${EVIL}` }] },
        },
      });
      const early = await app.inject({ method: 'GET', url: `/api/public/disclosure-requests/${code}/reply` });
      expect(early.statusCode).toBe(404);
      const up = await client.request({
        method: 'POST',
        url: `/api/cases/${id}/public-reply?name=${encodeURIComponent('政府信息公开申请答复书.pdf')}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: PDF,
      });
      expect(up.statusCode).toBe(201);
      const text = await client.request({
        method: 'POST',
        url: `/api/cases/${id}/public-reply?name=a.txt`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from('text'),
      });
      expect(text.statusCode).toBe(415);
      now = new Date('2025-03-20T02:00:00Z');
      await replyToRequest(h, staff, id, now);
      const replied = (await page(code)).body;
      expect(replied).toContain('已答复');
      expect(replied).toContain('予以公开');
      expect(replied).toContain(`href="/api/public/disclosure-requests/${code}/reply"`);
      const dl = await app.inject({ method: 'GET', url: `/api/public/disclosure-requests/${code}/reply` });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe('application/pdf');
      expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''");
      expect(Buffer.compare(dl.rawPayload, PDF)).toBe(0);
    });

    it('limits submissions per address and lookups per code (429 with Retry-After)', async () => {
      const limits = {
        ...testRateLimits(),
        publicSubmit: new RateLimiter(1, 1),
        publicCode: new RateLimiter(2, 1),
      };
      const tight = await testApp(h, { clock: () => now, rateLimits: limits });
      try {
        const send = () =>
          tight.inject({
            method: 'POST',
            url: '/api/public/disclosure-requests',
            payload: { county: w.county.code, ...citizenForm(w.b), challenge: solvedChallenge(h, now) },
          });
        const first = await send();
        expect(first.statusCode).toBe(201);
        const second = await send();
        expect([second.statusCode, second.json<ErrorBody>().error.message]).toEqual([
          429,
          '提交过于频繁，请稍后再试',
        ]);
        expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
        const { code } = first.json<{ code: string }>();
        const look = () =>
          tight.inject({ method: 'GET', url: `/public/${w.county.code}/disclosure/status?code=${code}` });
        expect((await look()).statusCode).toBe(200);
        expect((await look()).statusCode).toBe(200);
        const third = await look();
        expect(third.statusCode).toBe(429);
        expect(third.body).toContain('该查询码的查询过于频繁');
      } finally {
        await tight.close();
      }
    });
  });
}
