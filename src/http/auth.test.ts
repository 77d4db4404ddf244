import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, addAccount } from '../testing/fixtures.ts';
import { RateLimiter } from './rate-limit.ts';
import {
  PASSWORD,
  seedWorld,
  signIn,
  testApp,
  testRateLimits,
  type World,
  type ErrorBody,
} from '../testing/http.ts';

for (const tdb of testDatabases()) {
  describe(`sessions and login on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
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
    const login = (username: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

    it('sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie; stores only hashes', async () => {
      const r = await login('township.staff', PASSWORD);
      expect(r.statusCode).toBe(200);
      const cookies = [r.headers['set-cookie']].flat().map(String);
      const session = cookies.find((c) => c.startsWith('fazhi_session='))!;
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Strict/);
      expect(session).not.toMatch(/Secure/);
      expect(cookies.find((c) => c.startsWith('fazhi_csrf='))).not.toMatch(/HttpOnly/);
      const id = session.split(';')[0]!.split('=')[1]!;
      const rows = await h.db.selectFrom('sessions').select(['id_hash', 'csrf_hash']).execute();
      expect(
        rows.some((s) => s.id_hash === id || s.csrf_hash === r.json<{ csrfToken: string }>().csrfToken),
      ).toBe(false);
      const secureApp = await testApp(h, { secure: true });
      const s = await secureApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'township.staff', password: PASSWORD },
      });
      expect(String([s.headers['set-cookie']].flat()[0])).toMatch(/; Secure/);
      expect(s.headers['strict-transport-security']).toBeDefined();
      await secureApp.close();
    });

    it('refuses a forged, logged-out or idle session with 401', async () => {
      const forged = await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: 'fazhi_session=' + 'A'.repeat(43) },
      });
      expect(forged.statusCode).toBe(401);
      expect(forged.json<ErrorBody>().error.message).toContain('未登录或会话已过期');
      const junk = await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: "fazhi_session=' or 1=1 --" },
      });
      expect(junk.statusCode).toBe(401);
      const c = await signIn(app, 'township.leader');
      const me = await c.request({ method: 'GET', url: '/api/auth/me' });
      expect(me.statusCode).toBe(200);
      // The role's name comes with the user: the header shows it without waiting for the catalogue.
      expect(me.json<{ user: { role: string; roleLabel: string } }>().user).toMatchObject({
        role: 'township_leader',
        roleLabel: '乡镇领导',
      });
      t += 29 * 60_000;
      expect((await c.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      t += 29 * 60_000; // activity 29 minutes ago renewed it
      expect((await c.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      t += 31 * 60_000;
      expect((await c.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      const d = await signIn(app, 'township.leader');
      expect((await d.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
      expect((await d.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    });

    it('requires the session-bound CSRF token on writes', async () => {
      const c = await signIn(app, 'township.staff');
      const other = await signIn(app, 'grid.member');
      const body = {
        kind: 'dispute',
        date: '2024-03-01',
        title: 'CSRF 测试',
        data: { disputeType: 'other', status: 'pending' },
      };
      const none = await app.inject({
        method: 'POST',
        url: '/api/records',
        headers: { cookie: c.cookie },
        payload: body,
      });
      expect(none.statusCode).toBe(403);
      expect(none.json<ErrorBody>().error.code).toBe('csrf');
      const wrong = await c.request({
        method: 'POST',
        url: '/api/records',
        headers: { 'x-csrf-token': other.csrf },
        payload: body,
      });
      expect(wrong.statusCode).toBe(403);
      expect(
        await h.db.selectFrom('records').select('id').where('title', '=', 'CSRF 测试').execute(),
      ).toEqual([]);
      expect((await c.request({ method: 'POST', url: '/api/records', payload: body })).statusCode).toBe(201);
    });

    it('locks an account for 15 minutes after 5 failed logins, and the security admin can unlock it', async () => {
      const u = await addAccount(
        h,
        {
          username: 'lock.me',
          name: '锁定测试',
          role: 'township_staff',
          orgId: w.a.id,
          password: PASSWORD,
          mustChangePassword: false,
        },
        NOW,
      );
      for (let i = 0; i < 4; i++) expect((await login('lock.me', 'wrong')).statusCode).toBe(401);
      const fifth = await login('lock.me', 'wrong');
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json<ErrorBody>().error.message).toContain('已锁定');
      expect((await login('lock.me', PASSWORD)).statusCode).toBe(423);
      t += 16 * 60_000;
      expect((await login('lock.me', PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < 5; i++) await login('lock.me', 'wrong');
      expect((await login('lock.me', PASSWORD)).statusCode).toBe(423);
      const sec = await signIn(app, 'security.admin');
      expect((await sec.request({ method: 'POST', url: `/api/users/${u.id}/unlock` })).statusCode).toBe(200);
      expect((await login('lock.me', PASSWORD)).statusCode).toBe(200);
      const failed = await h.db
        .selectFrom('audit_log')
        .select('action')
        .where('actor', '=', 'lock.me')
        .where('action', '=', 'login_failed')
        .execute();
      expect(failed.length).toBeGreaterThanOrEqual(11);
    });

    it('forces the change of an initial password before anything else', async () => {
      const admin = await signIn(app, 'system.admin');
      const made = await admin.request({
        method: 'POST',
        url: '/api/users',
        payload: { username: 'new.staff', name: '新同事', orgId: w.a.id },
      });
      expect(made.statusCode).toBe(201);
      const initial = made.json<{ initialPassword: string }>().initialPassword;
      const id = made.json<{ user: { id: number } }>().user.id;
      const sec = await signIn(app, 'security.admin');
      const granted = await sec.request({
        method: 'POST',
        url: `/api/users/${id}/role`,
        payload: { role: 'township_staff' },
      });
      expect(granted.statusCode).toBe(200);
      const c = await signIn(app, 'new.staff', initial);
      const blocked = await c.request({ method: 'GET', url: '/api/records' });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json<ErrorBody>().error).toMatchObject({
        code: 'password_change_required',
        message: '首次登录须先修改初始密码',
      });
      expect(
        (await c.request({ method: 'GET', url: '/api/auth/me' })).json<{
          user: { mustChangePassword: boolean };
        }>().user.mustChangePassword,
      ).toBe(true);
      const weak = await c.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: initial, newPassword: 'abc' },
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json<ErrorBody>().error.message).toContain('密码至少');
      const bad = await c.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: 'nope', newPassword: 'Better#2024x' },
      });
      expect(bad.json<ErrorBody>().error.code).toBe('wrong_password');
      expect(
        (
          await c.request({
            method: 'POST',
            url: '/api/auth/password',
            payload: { currentPassword: initial, newPassword: 'Better#2024x' },
          })
        ).statusCode,
      ).toBe(200);
      expect((await c.request({ method: 'GET', url: '/api/records' })).statusCode).toBe(200);
    });

    it('keeps the three security accounts out of reach of each other (三员分立)', async () => {
      const admin = await signIn(app, 'system.admin');
      const made = await admin.request({
        method: 'POST',
        url: '/api/users',
        payload: { username: 'my.auditor', name: '自封审计员', role: 'auditor', orgId: w.county.id },
      });
      expect(made.statusCode).toBe(403);
      expect(made.json<ErrorBody>().error.message).toContain('三员');
      const sec = await signIn(app, 'security.admin');
      const reset = await sec.request({
        method: 'POST',
        url: `/api/users/${w.users.auditor}/password`,
        payload: {},
      });
      expect(reset.statusCode).toBe(403);
      expect((await admin.request({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
      expect((await sec.request({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
    });

    it('rate-limits logins per address', async () => {
      const limited = await testApp(h, {
        rateLimits: { ...testRateLimits(), loginPerIp: new RateLimiter(3, 3) },
      });
      const codes = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (
            await limited.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: 'nobody', password: 'x' },
            })
          ).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      await limited.close();
    });
  });
}
