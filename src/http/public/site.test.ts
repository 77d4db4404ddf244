import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { solvePow } from '../../core/pow.ts';
import type { Db } from '../../db/connect.ts';
import { acceptChallenge, issueChallenge } from '../../services/public/challenge.ts';
import { codeHash, newTrackingCode, normaliseCode } from '../../services/public/codes.ts';
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
    for (const c of [...codes].slice(0, 50)) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
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
      expect(js.body).toContain('crypto.subtle.digest');
    });

    it('answers an unknown county, page or code with a portal page, not the staff app', async () => {
      const county = await app.inject({ method: 'GET', url: '/public/999999/' });
      expect(county.statusCode).toBe(404);
      expect(county.body).toContain('没有这个县（区）的公开平台');
      const page = await app.inject({ method: 'GET', url: `/public/${w.county.code}/nothing/here` });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('页面不存在');
      const code = await app.inject({ method: 'GET', url: `/public/${w.county.code}/track?code=ABCD-EFGH-JKMN-PQRS` });
      expect(code.statusCode).toBe(404);
      expect(code.body).toContain('查询码不存在');
      const evil = await app.inject({
        method: 'GET',
        url: `/public/${w.county.code}/track?code=${encodeURIComponent('<script>alert(1)</script>')}`,
      });
      expect(evil.body).not.toContain('<script>alert(1)');
      expect(evil.body).toContain('&lt;script&gt;');
    });

    it('accepts a solved challenge once, and refuses a forged, unsolved, expired or replayed one', async () => {
      const c = (await app.inject({ method: 'GET', url: '/api/public/challenge' })).json<{ token: string; bits: number }>();
      expect(c.bits).toBeGreaterThanOrEqual(16);
      const nonce = solvePow(c.token, c.bits);
      await acceptChallenge(h, h.db, { token: c.token, nonce }, now);
      await expect(acceptChallenge(h, h.db, { token: c.token, nonce }, now)).rejects.toThrow('已使用过');
      const other = issueChallenge(h, now);
      await expect(acceptChallenge(h, h.db, { token: other.token, nonce: '0' }, now)).rejects.toThrow('未通过');
      const forged = other.token.replace(/\.16\./, '.1.');
      await expect(acceptChallenge(h, h.db, { token: forged, nonce: '0' }, now)).rejects.toThrow('无效');
      const later = new Date(now.getTime() + 16 * 60_000);
      await expect(
        acceptChallenge(h, h.db, { token: other.token, nonce: solvePow(other.token, other.bits) }, later),
      ).rejects.toThrow('过期');
    });
  });
}
