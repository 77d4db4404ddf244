import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { login } from '../services/sessions.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, addAccount } from '../testing/fixtures.ts';
import {
  PASSWORD,
  seedWorld,
  signIn,
  testApp,
  testRateLimits,
  type ErrorBody,
  type World,
} from '../testing/http.ts';
import { parseTrustedProxies } from './proxies.ts';
import { RateLimiter } from './rate-limit.ts';

interface Me {
  user: { mustChangePassword: boolean; passwordReset: { by: string; at: string } | null };
}

for (const tdb of testDatabases()) {
  describe(`login defences on ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let app: FastifyInstance;
    let t = Date.parse('2024-06-01T08:00:00Z');
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      app = await testApp(h, { clock: () => new Date(t) });
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });
    const loginFrom = (remoteAddress: string, username: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });
    // In the chain's order: without one PostgreSQL may return rows in any order.
    const auditOf = (action: string) =>
      h.db
        .selectFrom('audit_log')
        .select(['actor', 'ip', 'after'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();

    it('counts ten parallel wrong passwords as ten, per account and per address', async () => {
      const u = await addAccount(h, {
        username: 'race.me',
        name: '并发',
        role: 'township_staff',
        orgId: w.a.id,
        password: PASSWORD,
      });
      const tries = Array.from({ length: 10 }, () =>
        login(
          h,
          { username: u.username, password: 'Wrong#2024x', ip: '192.0.2.10', userAgent: null },
          new Date(t),
        ),
      );
      const settled = await Promise.allSettled(tries);
      expect(settled.every((s) => s.status === 'rejected')).toBe(true);
      const account = await h.db
        .selectFrom('login_failures')
        .select(['failures', 'locked_until'])
        .where('username', '=', 'race.me')
        .executeTakeFirstOrThrow();
      expect(account.failures).toBe(10);
      expect(account.locked_until).not.toBeNull();
      const address = await h.db
        .selectFrom('login_address_failures')
        .select('failures')
        .where('address', '=', '192.0.2.10')
        .executeTakeFirstOrThrow();
      expect(address.failures).toBe(10);
    });

    it('backs the security administrator off instead of locking it: 50 wrong passwords, then the right one from elsewhere', async () => {
      const attacker = '203.0.113.5';
      const codes: number[] = [];
      for (let i = 0; i < 50; i++)
        codes.push((await loginFrom(attacker, 'security.admin', 'Guess#2024x')).statusCode);
      expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
      expect(codes.slice(4).every((c) => c === 429)).toBe(true);
      const now = await loginFrom('198.51.100.7', 'security.admin', PASSWORD);
      expect(now.statusCode).toBe(429);
      expect(now.json<ErrorBody>().error).toMatchObject({ code: 'login_backoff' });
      expect(now.json<ErrorBody>().error.message).toMatch(/请 \d+ 分钟后再试/);
      const wait = Number(now.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      t += wait * 1000;
      expect((await loginFrom('198.51.100.7', 'security.admin', PASSWORD)).statusCode).toBe(200);
    });

    it('caps the administrator back-off however long the attack goes on, and backs the address off too', async () => {
      const attacker = '203.0.113.6';
      let longest = 0;
      let addressBackedOff = false;
      for (let i = 0; i < 40; i++) {
        const r = await loginFrom(attacker, 'system.admin', 'Guess#2024x');
        if (r.statusCode === 429) {
          const wait = Number(r.headers['retry-after']);
          longest = Math.max(longest, wait);
          if (r.json<ErrorBody>().error.message.startsWith('该地址')) addressBackedOff = true;
          // The attacker waits out the account's back-off each time.
          t += Math.min(wait, 15 * 60) * 1000;
        }
      }
      expect(longest).toBeGreaterThan(60);
      expect(addressBackedOff).toBe(true);
      const other = await loginFrom('198.51.100.8', 'system.admin', PASSWORD);
      const wait = other.statusCode === 429 ? Number(other.headers['retry-after']) : 0;
      expect(wait).toBeLessThanOrEqual(15 * 60);
      t += wait * 1000;
      expect((await loginFrom('198.51.100.8', 'system.admin', PASSWORD)).statusCode).toBe(200);
      t += 2 * 3_600_000;
    });

    it('audits the address the trusted proxy saw, never one the client chose', async () => {
      const proxied = await testApp(h, {
        clock: () => new Date(t),
        trustProxy: parseTrustedProxies('10.0.0.1'),
      });
      const attempt = (remoteAddress: string, xff: string) =>
        proxied.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress,
          headers: { 'x-forwarded-for': xff },
          payload: { username: 'nobody.here', password: 'Wrong#2024x' },
        });
      await attempt('10.0.0.1', '6.6.6.6, 198.51.100.20');
      await attempt('203.0.113.30', '7.7.7.7');
      const ips = (await auditOf('login_failed')).filter((e) => e.actor === 'nobody.here').map((e) => e.ip);
      expect(ips).toEqual(['198.51.100.20', '203.0.113.30']);
      await proxied.close();

      // The per-address limit follows the real address too: a client changing its header is still one address.
      const limited = await testApp(h, {
        clock: () => new Date(t),
        trustProxy: ['10.0.0.1'],
        rateLimits: { ...testRateLimits(), loginPerIp: new RateLimiter(2, 2) },
      });
      const codes = [];
      for (let i = 0; i < 4; i++) {
        const r = await limited.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '203.0.113.31',
          headers: { 'x-forwarded-for': `192.0.2.${i + 100}` },
          payload: { username: 'nobody.here', password: 'x' },
        });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([401, 401, 429, 429]);
      await limited.close();
      expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow('受信任代理“10.0.0.0/33”无效');
      expect(() => parseTrustedProxies('proxy.example')).toThrow('无效');
      expect(parseTrustedProxies('127.0.0.1, 10.0.0.0/8 ::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    });

    it('rate-limits and audits every own password change, refusing weak and reused passwords', async () => {
      const throttled = await testApp(h, {
        clock: () => new Date(t),
        rateLimits: { ...testRateLimits(), passwordChange: new RateLimiter(4, 0.2) },
      });
      const c = await signIn(throttled, 'legal.adviser');
      const change = (currentPassword: string, newPassword: string) =>
        c.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword, newPassword } });
      expect((await change('Guess#2024x', 'Better#2024xy')).json<ErrorBody>().error.code).toBe(
        'wrong_password',
      );
      expect((await change(PASSWORD, 'Admin@123456')).json<ErrorBody>().error.message).toContain(
        '常见弱密码',
      );
      expect((await change(PASSWORD, 'Short#1')).json<ErrorBody>().error.message).toContain('至少 10 位');
      expect((await change(PASSWORD, 'Better#2024xy')).statusCode).toBe(200);
      const limited = await change('Better#2024xy', 'Better#2024yz');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
      const failed = (await auditOf('password.change_failed')).map(
        (e) => JSON.parse(e.after ?? '{}') as { reason: string },
      );
      expect(failed.map((f) => f.reason)).toEqual([
        'wrong_password',
        'weak_password',
        'weak_password',
        'rate_limited',
      ]);
      expect((await auditOf('password.change')).length).toBeGreaterThanOrEqual(1);
      await throttled.close();
    });

    it('refuses any of the last five passwords', async () => {
      const c = await signIn(app, 'grid.member');
      const set: string[] = [PASSWORD];
      for (let i = 1; i <= 5; i++) {
        const next = `Rotate#2024x${i}`;
        const r = await c.request({
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: set.at(-1), newPassword: next },
        });
        expect(r.statusCode, r.body).toBe(200);
        set.push(next);
      }
      // The current one and the four before it are refused; the sixth back is allowed again.
      for (const old of set.slice(1)) {
        const r = await c.request({
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: set.at(-1), newPassword: old },
        });
        expect(r.statusCode).toBe(400);
        expect(['password_reused', 'same_password']).toContain(r.json<ErrorBody>().error.code);
      }
      const back = await c.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: set.at(-1), newPassword: set[0] },
      });
      expect(back.statusCode, back.body).toBe(200);
    });

    it('tells the owner at the next login who reset the password and when', async () => {
      const user = await addAccount(
        h,
        {
          username: 'reset.me',
          name: '被重置',
          role: 'township_staff',
          orgId: w.a.id,
          password: PASSWORD,
          mustChangePassword: false,
        },
        NOW,
      );
      const old = await signIn(app, 'reset.me');
      const sec = await signIn(app, 'security.admin');
      const sys = await signIn(app, 'system.admin');
      const asked = await sec.request({ method: 'POST', url: `/api/users/${user.id}/password`, payload: {} });
      expect(asked.json()).toMatchObject({ ok: true, pendingReset: expect.any(Number) as number });
      const id = asked.json<{ pendingReset: number }>().pendingReset;
      // Nothing changes until the other administrator approves; the asker cannot approve.
      expect((await old.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      const own = await sec.request({ method: 'POST', url: `/api/password-resets/${id}/approve` });
      expect(own.statusCode).toBe(403);
      expect(own.json<ErrorBody>().error.message).toContain('另一名管理员');
      const list = await sys.request({ method: 'GET', url: '/api/password-resets' });
      expect(list.json<{ items: { id: number; canApprove: boolean }[] }>().items).toContainEqual(
        expect.objectContaining({ id, canApprove: true }),
      );
      const approved = await sys.request({ method: 'POST', url: `/api/password-resets/${id}/approve` });
      expect(approved.statusCode).toBe(200);
      const password = approved.json<{ initialPassword: string }>().initialPassword;
      expect(
        (await sys.request({ method: 'POST', url: `/api/password-resets/${id}/approve` })).statusCode,
      ).toBe(409);
      // The account's sessions ended with the reset.
      expect((await old.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      const first = await loginFrom('198.51.100.40', 'reset.me', password);
      expect(first.statusCode).toBe(200);
      const shown = first.json<Me>().user;
      expect(shown.mustChangePassword).toBe(true);
      expect(shown.passwordReset?.by).toMatch(
        /^系统管理员 system_admin（system\.admin）（应安全管理员 security_admin（security\.admin）申请）$/,
      );
      expect(shown.passwordReset?.at).toBe(new Date(t).toISOString());
      const c = await signIn(app, 'reset.me', password);
      const changed = await c.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: password, newPassword: 'Mine#2024xyz' },
      });
      expect(changed.statusCode).toBe(200);
      expect(
        (await c.request({ method: 'GET', url: '/api/auth/me' })).json<Me>().user.passwordReset,
      ).toBeNull();
      const entry = (await auditOf('user.reset_password')).at(-1);
      expect(entry?.actor).toBe('system.admin');
    });

    it("lets a township's leader reset its own staff, and no one else's", async () => {
      const leader = await signIn(app, 'township.leader');
      const staff = await addAccount(h, {
        username: 'a.staff',
        name: '甲镇专干',
        role: 'township_staff',
        orgId: w.a.id,
        password: PASSWORD,
      });
      const elsewhere = await addAccount(h, {
        username: 'b.staff',
        name: '乙乡专干',
        role: 'township_staff',
        orgId: w.b.id,
        password: PASSWORD,
      });
      const peer = await addAccount(h, {
        username: 'a.leader2',
        name: '甲镇领导',
        role: 'township_leader',
        orgId: w.a.id,
        password: PASSWORD,
      });
      const reset = (id: number) =>
        leader.request({ method: 'POST', url: `/api/users/${id}/password`, payload: {} });
      const ok = await reset(staff.id);
      expect(ok.statusCode).toBe(200);
      expect(ok.json<{ initialPassword: string }>().initialPassword.length).toBeGreaterThanOrEqual(10);
      expect((await reset(elsewhere.id)).statusCode).toBe(404);
      expect((await reset(peer.id)).statusCode).toBe(403);
      expect((await reset(w.users.township_leader)).statusCode).toBe(403);
    });
  });
}
