import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltOnce } from '../support/build.ts';
import { chromiumAvailable, login, openBrowser, type Session } from '../support/browser.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from '../support/server.ts';

describe.runIf(chromiumAvailable())('登录', () => {
  let server: TestServer;
  let s: Session;

  beforeAll(async () => {
    await ensureBuiltOnce();
    server = await startServer();
    s = await openBrowser();
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  it('shows the lockout message after wrong passwords', async () => {
    await s.page.goto(server.url + '/');
    await s.page.getByLabel('用户名').fill('t02.staff');
    for (let i = 0; i < 5; i++) {
      await s.page.getByLabel('密码', { exact: true }).fill('wrong-password');
      await s.page.getByRole('button', { name: /登\s*录/ }).click();
      await s.page.locator('.login-alert').waitFor();
    }
    expect(await s.page.locator('.login-alert').innerText()).toContain('锁定');
    // 401/423 answers are logged by the browser as failed resources; they are the point of this test.
    s.errors.length = 0;
    await s.screenshot('login-locked');
  });

  it('signs the township clerk in to the dashboard', async () => {
    await s.context.clearCookies();
    await login(s.page, server.url, 't01.staff', DEMO_PASSWORD);
    await s.page.waitForURL('**/dashboard');
    // The role's label comes with the catalogue, which loads after the user.
    await expect
      .poll(() => s.page.locator('.app-header').innerText(), { timeout: 15_000 })
      .toContain('法治专干');
    await s.screenshot('dashboard-after-login');
    expect(s.errors).toEqual([]);
  });
});
