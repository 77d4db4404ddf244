import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.ts';
import { readDocx } from '../report/render/docx-read.ts';
import { seedSampleYear } from '../report/sample.ts';
import { NOW } from '../testing/fixtures.ts';
import { testDatabases } from '../testing/databases.ts';
import { seedWorld, signIn, testApp, usernameOf, type World } from '../testing/http.ts';

/** The cycle over HTTP: the steps each role takes, the public pages, and bad input answered in Chinese. */
for (const tdb of testDatabases()) {
  describe(`reporting cycle over HTTP on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      await seedSampleYear(h, w.a, 2024, NOW);
      app = await testApp(h);
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('takes a township report to the public page, which anyone can read without signing in', async () => {
      const staff = await signIn(app, usernameOf('township_staff'));
      const leader = await signIn(app, usernameOf('township_leader'));
      const officer = await signIn(app, usernameOf('county_officer'));
      const base = `/api/cycle/${w.a.id}/2024`;
      const draft = (await staff.request({ method: 'GET', url: `${base}/draft` })).json<{
        paragraphs: { key: string; text: string }[];
      }>();
      const para = draft.paragraphs.find((p) => p.key.startsWith('1|'))!;
      const saved = await staff.request({
        method: 'PUT',
        url: `${base}/draft`,
        payload: {
          baseVersion: 0,
          edits: { paragraphs: { [para.key]: '我们<script>alert(1)</script>开展了工作。' } },
        },
      });
      expect(saved.statusCode).toBe(200);
      const step = (c: typeof staff, s: string, body: Record<string, unknown> = {}) =>
        c.request({ method: 'POST', url: `${base}/steps`, payload: { step: s, ...body } });
      const unsigned = await step(staff, 'submit');
      expect(unsigned.statusCode).toBe(409);
      expect(unsigned.json<{ error: { message: string } }>().error.message).toContain(
        '未经签发的报告不能报送',
      );
      expect((await step(staff, 'request_signature')).statusCode).toBe(200);
      expect((await step(staff, 'sign')).statusCode).toBe(403);
      expect((await step(leader, 'sign')).statusCode).toBe(200);
      expect((await step(staff, 'submit')).statusCode).toBe(200);
      expect((await step(officer, 'accept')).statusCode).toBe(200);
      const noClearance = await step(officer, 'publish');
      expect(noClearance.statusCode).toBe(409);
      expect(
        (
          await step(officer, 'clear', {
            clearance: { reviewer: '保密员', result: 'redacted', redactions: ['开展了工作'] },
          })
        ).statusCode,
      ).toBe(200);
      expect((await step(officer, 'publish')).statusCode).toBe(200);

      const index = await app.inject({ method: 'GET', url: '/api/public/index' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain(`/api/public/reports/${w.a.code}/2024`);
      const page = await app.inject({ method: 'GET', url: `/api/public/reports/${w.a.code}/2024` });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('甲镇人民政府关于2024年度');
      expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.body).not.toContain('<script>alert');
      expect(page.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
      expect(page.headers['content-security-policy']).not.toContain('script-src');
      const docx = await app.inject({ method: 'GET', url: `/api/public/reports/${w.a.code}/2024/docx` });
      expect(docx.statusCode).toBe(200);
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      // The published copy is redacted on the worker pool, the page and the file alike.
      expect(page.body).toContain('＊＊＊＊＊');
      expect(page.body).not.toContain('开展了工作');
      const published = readDocx(new Uint8Array(docx.rawPayload)).document;
      expect(published).toContain('＊＊＊＊＊');
      expect(published).not.toContain('开展了工作');
      expect(
        (await app.inject({ method: 'GET', url: `/api/public/reports/${w.b.code}/2024` })).statusCode,
      ).toBe(404);
    });

    it('refuses a 50 MB upload and a file that is not a report, in Chinese', async () => {
      const officer = await signIn(app, usernameOf('county_officer'));
      const big = await officer.request({
        method: 'POST',
        url: `/api/cycle/${w.b.id}/2024/upload?name=big.docx`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.alloc(50 * 1024 * 1024),
      });
      expect(big.statusCode).toBe(413);
      const pdf = await officer.request({
        method: 'POST',
        url: `/api/cycle/${w.b.id}/2024/upload?name=report.pdf`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from('%PDF-1.4'),
      });
      expect(pdf.statusCode).toBe(415);
      expect(pdf.json<{ error: { message: string } }>().error.message).toContain('须为 .docx 或 .txt');
      const junk = await officer.request({
        method: 'POST',
        url: `/api/cycle/${w.b.id}/2024/upload?name=report.docx`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from('not a zip at all'),
      });
      expect(junk.statusCode).toBe(422);
      expect(junk.json<{ error: { message: string } }>().error.message).toMatch(/无法读取该报告/);
      const list = (await officer.request({ method: 'GET', url: '/api/cycle?year=2024' })).json<{
        items: { township: string; state: string }[];
      }>();
      expect(list.items.find((i) => i.township === '乙乡')?.state).toBe('not_started');
    });
  });
}
