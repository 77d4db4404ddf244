import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { solvePow } from '../../core/pow.ts';
import type { Db } from '../../db/connect.ts';
import { acceptChallenge, issueChallenge } from '../../services/public/challenge.ts';
import { codeHash, newTrackingCode, normaliseCode } from '../../services/public/codes.ts';
import { createRecord } from '../../services/ledger-writes.ts';
import { setup } from '../../testing/fixtures.ts';
import { testDatabases } from '../../testing/databases.ts';
import { seedWorld, testApp, type World } from '../../testing/http.ts';
import { html } from './html.ts';

describe('portal HTML', () => {
  it('escapes every interpolated value and keeps nested markup', () => {
    const evil = '<script>alert(1)</script>"\'&';
    const out = html`<p title="${evil}">${evil}${html`<b>${evil}</b>`}${[evil, html`<i>x</i>`]}</p>`.__html;
    expect(out).not.toContain('<script>');
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;' +
        '<b>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</b>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;<i>x</i></p>',
    );
  });
});

describe('tracking codes', () => {
  it('are 16 base32 characters in four groups, forgiving case, spaces and look-alikes', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newTrackingCode()));
    expect(codes.size).toBe(2000);
    for (const c of [...codes].slice(0, 50))
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const c = [...codes][0]!;
    expect(codeHash(` ${c.toLowerCase().replace(/-/g, ' ')} `)).toBe(codeHash(c));
    expect(normaliseCode('ABCD-EFGH-JKMN-PQRO')).toBe('ABCDEFGHJKMNPQR0');
    expect(() => normaliseCode('12345')).toThrow('查询码不存在');
  });
});

for (const tdb of testDatabases()) {
  describe(`public portal frame on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    const now = new Date('2026-12-03T02:00:00Z');
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h, { clock: () => now });
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('lists the counties, and opens a county home under a strict CSP with no inline script', async () => {
      const index = await app.inject({ method: 'GET', url: '/public/' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('测试县');
      expect(index.body).toContain('外县');
      const home = await app.inject({ method: 'GET', url: `/public/${w.county.code}/` });
      expect(home.statusCode).toBe(200);
      expect(home.headers['content-security-policy']).toContain("script-src 'self'");
      expect(home.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(home.body).toContain('测试县法治政府建设公开平台');
      expect(home.body).not.toMatch(/<script>|<style>|style="|\son[a-z]+="/);
      const css = await app.inject({ method: 'GET', url: '/public/assets/portal.css' });
      expect([css.statusCode, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
      const js = await app.inject({ method: 'GET', url: '/public/assets/portal.js' });
      expect(js.body).toContain("digest('SHA-256'");
    });

    it('answers an unknown county, page or code with a portal page, not the staff app', async () => {
      const county = await app.inject({ method: 'GET', url: '/public/999999/' });
      expect(county.statusCode).toBe(404);
      expect(county.body).toContain('没有这个县（区）的公开平台');
      const page = await app.inject({ method: 'GET', url: `/public/${w.county.code}/nothing/here` });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('页面不存在');
      const code = await app.inject({
        method: 'GET',
        url: `/public/${w.county.code}/track?code=ABCD-EFGH-JKMN-PQRS`,
      });
      expect(code.statusCode).toBe(200);
      expect(code.body).toContain('查询码不存在');
      const evil = await app.inject({
        method: 'GET',
        url: `/public/${w.county.code}/track?code=${encodeURIComponent('<script>alert(1)</script>')}`,
      });
      expect(evil.body).not.toContain('<script>alert(1)');
      expect(evil.body).toContain('&lt;script&gt;');
    });

    it('accepts a solved challenge once, and refuses a forged, unsolved, expired or replayed one', async () => {
      const c = (await app.inject({ method: 'GET', url: '/api/public/challenge' })).json<{
        token: string;
        bits: number;
      }>();
      expect(c.bits).toBeGreaterThanOrEqual(16);
      const nonce = solvePow(c.token, c.bits);
      await acceptChallenge(h, h.db, { token: c.token, nonce }, now);
      await expect(acceptChallenge(h, h.db, { token: c.token, nonce }, now)).rejects.toThrow('已使用过');
      const other = issueChallenge(h, now);
      await expect(acceptChallenge(h, h.db, { token: other.token, nonce: '0' }, now)).rejects.toThrow(
        '未通过',
      );
      const forged = other.token.replace(/\.16\./, '.1.');
      await expect(acceptChallenge(h, h.db, { token: forged, nonce: '0' }, now)).rejects.toThrow('无效');
      const later = new Date(now.getTime() + 16 * 60_000);
      await expect(
        acceptChallenge(h, h.db, { token: other.token, nonce: solvePow(other.token, other.bits) }, later),
      ).rejects.toThrow('过期');
    });

    it('lists the county’s 主动公开信息 by year, township and category, escaped, and hides other counties’ items', async () => {
      const item = (townshipId: number, title: string, category: string, content: string) =>
        createRecord(
          h,
          setup.p,
          setup.actor,
          {
            kind: 'disclosure_item',
            townshipId,
            draft: { date: '2026-11-20', title, data: { category, content } },
          },
          now.toISOString(),
        );
      const mine = await item(
        w.a.id,
        '甲镇惠农补贴发放情况公示',
        '惠农补贴',
        '第一段<script>alert(1)</script>\n第二段',
      );
      await item(w.b.id, '乙乡部门预算公开', '财政预决算', '');
      const theirs = await item(w.c.id, '丙镇权责清单', '权责清单', '外县的信息');
      const base = `/public/${w.county.code}/disclosure`;
      const all = await app.inject({ method: 'GET', url: `${base}?year=2026` });
      expect(all.statusCode).toBe(200);
      expect(all.body).toContain('甲镇惠农补贴发放情况公示');
      expect(all.body).toContain('乙乡部门预算公开');
      expect(all.body).not.toContain('丙镇权责清单');
      expect(all.body).toContain('共 2 条');
      const one = await app.inject({
        method: 'GET',
        url: `${base}?year=2026&category=${encodeURIComponent('惠农补贴')}`,
      });
      expect(one.body).toContain('共 1 条');
      expect(one.body).not.toContain('乙乡部门预算公开');
      const town = await app.inject({ method: 'GET', url: `${base}?year=2026&township=${w.b.id}` });
      expect(town.body).toContain('乙乡部门预算公开');
      expect(town.body).not.toContain('甲镇惠农补贴发放情况公示');
      const page = await app.inject({ method: 'GET', url: `${base}/items/${mine.id}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<p>第一段&lt;script&gt;alert(1)&lt;/script&gt;</p><p>第二段</p>');
      const other = await app.inject({ method: 'GET', url: `${base}/items/${theirs.id}` });
      expect(other.statusCode).toBe(404);
      expect(other.body).toContain('该公开信息不存在');
      const bad = await app.inject({ method: 'GET', url: `${base}?year=abc` });
      expect(bad.statusCode).toBe(400);
    });
  });
}
